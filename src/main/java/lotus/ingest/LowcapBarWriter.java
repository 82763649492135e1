package lotus.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import lotus.store.LowcapBar;
import lotus.store.LowcapPoint;
import lotus.store.LowcapPrices;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores points and the bars built from them (SOLANA.md §2.7): each point's minute gets its 1m bar rebuilt from every
 * stored point of that minute; each period of 5m..1d that has closed is rolled up from the stored 1m bars once, and
 * again after a restart (idempotent upserts, so rolling a period twice writes the same rows). Not thread-safe: one
 * collector thread.
 */
final class LowcapBarWriter {

    private static final Logger log = LoggerFactory.getLogger(LowcapBarWriter.class);
    private static final long MINUTE_MS = Timeframe.M1.durationMs();

    private final LowcapPrices store;
    private final String chain;
    private final List<BigDecimal> thresholds;
    private final Map<Timeframe, Long> rolledUpTo = new EnumMap<>(Timeframe.class);
    /** How far back a restarted process looks for periods left unrolled: two days of 1h bars, seven weeks of 1d. */
    static final int RESUME_LOOKBACK_PERIODS = 48;
    private final AtomicLong barsWritten = new AtomicLong();
    private final AtomicLong barsRejected = new AtomicLong();

    LowcapBarWriter(LowcapPrices store, String chain, List<BigDecimal> thresholds) {
        this.store = store;
        this.chain = chain;
        this.thresholds = List.copyOf(thresholds);
    }

    /**
     * Stores the points and rebuilds the 1m bars of the minutes they fall in, oldest minute first: one read of the
     * stored points over those minutes, and each bar opens at the close of the one built just before it (or stored
     * before the first), so a run of many minutes (a stand-in history) costs what one minute does.
     */
    void onPoints(List<LowcapPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        store.upsertPoints(points);
        TreeMap<Long, List<String>> tokensByMinute = new TreeMap<>();
        for (LowcapPoint p : points) {
            List<String> tokens = tokensByMinute.computeIfAbsent(Timeframe.M1.floor(p.timestampMs()),
                    m -> new ArrayList<>());
            if (!tokens.contains(p.tokenContract())) {
                tokens.add(p.tokenContract());
            }
        }
        long first = tokensByMinute.firstKey();
        Map<String, LowcapBar> previous = byToken(store.bars(chain, Timeframe.M1, first - MINUTE_MS, first));
        Map<Long, Map<String, List<LowcapPoint>>> stored = store.points(chain, first,
                tokensByMinute.lastKey() + MINUTE_MS).stream().collect(Collectors.groupingBy(
                        p -> Timeframe.M1.floor(p.timestampMs()), Collectors.groupingBy(LowcapPoint::tokenContract,
                                LinkedHashMap::new, Collectors.toList())));
        List<LowcapBar> bars = new ArrayList<>();
        long lastMinute = first - MINUTE_MS;
        for (Map.Entry<Long, List<String>> e : tokensByMinute.entrySet()) {
            long minute = e.getKey();
            Map<String, LowcapBar> built = new LinkedHashMap<>();
            for (String token : e.getValue()) {
                // The bar of the minute before: read for the first minute, then the one just built, else (a gap in
                // the run) the stored one.
                LowcapBar before = minute == first || minute == lastMinute + MINUTE_MS && previous.containsKey(token)
                        ? previous.get(token)
                        : store.bars(token, chain, Timeframe.M1, minute - MINUTE_MS, minute).stream().findFirst()
                                .orElse(null);
                LowcapBar bar = LowcapBars.oneMinute(stored.get(minute).get(token), before);
                bars.add(bar);
                if (LowcapBars.defect(bar).isEmpty()) {
                    built.put(token, bar);
                }
            }
            previous = built;
            lastMinute = minute;
        }
        write(bars);
    }

    /** Rolls up every period of 5m..1d that closed at or before {@code nowMs} and was not rolled yet. */
    void closePeriods(long nowMs, int interval) {
        BigDecimal threshold = LowcapBars.threshold(thresholds, interval);
        for (Timeframe tf : LowcapBars.ROLLED) {
            long end = tf.floor(nowMs);
            for (long open = rolledUpTo.computeIfAbsent(tf, t -> resumeFrom(t, end)); open < end;
                    open += tf.durationMs()) {
                rollPeriod(tf, open, threshold);
            }
            rolledUpTo.put(tf, end);
        }
    }

    /**
     * Where a fresh process starts rolling {@code tf}: after the newest bar already stored within the look-back, so
     * periods that closed while no process ran are rolled too (from the 1m bars they have); with none stored (a
     * first start), the last closed period only.
     */
    private long resumeFrom(Timeframe tf, long end) {
        long from = end - RESUME_LOOKBACK_PERIODS * tf.durationMs();
        return store.bars(chain, tf, from, end).stream().mapToLong(LowcapBar::openTimeMs).max()
                .stream().map(newest -> newest + tf.durationMs()).findFirst().orElse(end - tf.durationMs());
    }

    private void rollPeriod(Timeframe tf, long openMs, BigDecimal threshold) {
        long closeMs = tf.closeTimeMs(openMs);
        Map<String, List<LowcapBar>> minutes = store.bars(chain, Timeframe.M1, openMs, closeMs).stream()
                .collect(Collectors.groupingBy(LowcapBar::tokenContract, LinkedHashMap::new, Collectors.toList()));
        Map<String, LowcapPoint> latest = minutes.isEmpty() ? Map.of() : store.latestPoints(chain, openMs, closeMs);
        List<LowcapBar> bars = new ArrayList<>();
        minutes.forEach((token, ms) -> bars.add(LowcapBars.rollUp(tf, openMs, ms, latest.get(token), threshold)));
        write(bars);
    }

    private void write(List<LowcapBar> bars) {
        List<LowcapBar> good = new ArrayList<>();
        for (LowcapBar b : bars) {
            var defect = LowcapBars.defect(b);
            if (defect.isPresent()) {
                barsRejected.incrementAndGet();
                log.warn("lowcap bar rejected token={} tf={} open={}: {}", b.tokenContract(), b.timeframe(),
                        b.openTimeMs(), defect.get());
            } else {
                good.add(b);
            }
        }
        barsWritten.addAndGet(store.upsertBars(good));
    }

    private static Map<String, LowcapBar> byToken(List<LowcapBar> bars) {
        Map<String, LowcapBar> out = new LinkedHashMap<>();
        bars.forEach(b -> out.put(b.tokenContract(), b));
        return out;
    }

    long barsWritten() {
        return barsWritten.get();
    }

    long barsRejected() {
        return barsRejected.get();
    }
}
