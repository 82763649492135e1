package lotus.ingest;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trade-to-row latency: a sample of trades is remembered with its time, and when the writer commits the 1m bar that
 * holds it, the clock time since the trade is one observation. Thread-safe; bounded (old or unmatched samples, such as
 * trades in bars the stream does not write, are forgotten).
 */
final class LatencySamples {

    private static final int MAX_PENDING = 10_000;
    private static final int MAX_OBSERVED = 100_000;
    private static final long EXPIRE_MS = 10 * 60_000;

    private record Key(String token, long openMs) {
    }

    private final Map<Key, ArrayDeque<Long>> pending = new HashMap<>();
    private final ArrayDeque<Long> observed = new ArrayDeque<>();
    private int pendingCount;

    synchronized void expect(String token, long m1OpenMs, long tradeMs) {
        if (pendingCount >= MAX_PENDING) {
            return;
        }
        pending.computeIfAbsent(new Key(token, m1OpenMs), k -> new ArrayDeque<>()).add(tradeMs);
        pendingCount++;
    }

    synchronized void committed(String token, long m1OpenMs, long commitMs) {
        ArrayDeque<Long> trades = pending.remove(new Key(token, m1OpenMs));
        if (trades == null) {
            return;
        }
        pendingCount -= trades.size();
        for (long t : trades) {
            observed.addLast(commitMs - t);
            if (observed.size() > MAX_OBSERVED) {
                observed.removeFirst();
            }
        }
    }

    synchronized void expire(long nowMs) {
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().openMs() + EXPIRE_MS < nowMs) {
                pendingCount -= e.getValue().size();
                it.remove();
            }
        }
    }

    /** Percentiles (0–100) of the observations so far, in ms; empty when none. */
    synchronized long[] percentiles(List<Double> ps) {
        if (observed.isEmpty()) {
            return new long[0];
        }
        long[] sorted = observed.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        long[] out = new long[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            int idx = (int) Math.min(sorted.length - 1, Math.round(ps.get(i) / 100.0 * (sorted.length - 1)));
            out[i] = sorted[idx];
        }
        return out;
    }

    synchronized int observations() {
        return observed.size();
    }

    /** Forgets everything, pending samples included (a benchmark's warm-up). */
    synchronized void reset() {
        observed.clear();
        pending.clear();
        pendingCount = 0;
    }
}
