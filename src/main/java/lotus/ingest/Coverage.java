package lotus.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which periods of each coin the trade stream saw completely. A bar that overlaps a hole (before the first
 * subscription ack, a disconnect, a dropped batch, a trade too late for the rollup) is "tainted": the stream's version
 * of it is incomplete, so it is not written; the venue's candle replaces it once the bar has closed (gap repair).
 * Not thread-safe: owned by one ingest thread.
 */
final class Coverage {

    /** [fromMs, toMs): toMs = Long.MAX_VALUE while the hole is still open. */
    private record Hole(long fromMs, long toMs) {
    }

    private final Map<String, List<Hole>> holes = new HashMap<>();

    /** A coin we start watching: everything before its first ack is a hole. */
    void track(String coin) {
        holes.computeIfAbsent(coin, c -> new ArrayList<>(List.of(new Hole(Long.MIN_VALUE, Long.MAX_VALUE))));
    }

    void forget(String coin) {
        holes.remove(coin);
    }

    boolean tracks(String coin) {
        return holes.containsKey(coin);
    }

    /** The stream for {@code coin} is (again) complete from {@code atMs}: closes the open hole. */
    void live(String coin, long atMs) {
        List<Hole> list = holes.get(coin);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Hole h = list.get(i);
            if (h.toMs == Long.MAX_VALUE) {
                list.set(i, new Hole(h.fromMs, Math.max(atMs, h.fromMs)));
            }
        }
    }

    /** Start of the coin's open hole (Long.MIN_VALUE before its first ack), or Long.MAX_VALUE when none is open. */
    long openHoleStart(String coin) {
        List<Hole> list = holes.get(coin);
        if (list != null) {
            for (Hole h : list) {
                if (h.toMs == Long.MAX_VALUE) {
                    return h.fromMs;
                }
            }
        }
        return Long.MAX_VALUE;
    }

    /** The stream for {@code coin} lost data from {@code fromMs} until it is live again. */
    void lost(String coin, long fromMs) {
        List<Hole> list = holes.get(coin);
        if (list != null && list.stream().noneMatch(h -> h.toMs == Long.MAX_VALUE)) {
            list.add(new Hole(fromMs, Long.MAX_VALUE));
        }
    }

    /** Trades of {@code coin} in [fromMs, toMs] were lost (dropped batch, too late for the rollup). */
    void lost(String coin, long fromMs, long toMs) {
        List<Hole> list = holes.get(coin);
        if (list != null) {
            list.add(new Hole(fromMs, toMs + 1));
        }
    }

    /** True when a bar spanning [openMs, closeMs) overlaps a hole. */
    boolean tainted(String coin, long openMs, long closeMs) {
        List<Hole> list = holes.get(coin);
        if (list == null) {
            return true;
        }
        for (Hole h : list) {
            if (h.fromMs < closeMs && openMs < h.toMs) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets holes that ended before {@code beforeMs}. The caller passes a time older than the longest bar still
     * open or awaiting repair (now minus a day and the grace), or a 1d bar would lose its taint.
     */
    void prune(long beforeMs) {
        for (List<Hole> list : holes.values()) {
            list.removeIf(h -> h.toMs != Long.MAX_VALUE && h.toMs < beforeMs);
        }
    }
}
