package lotus.ingest;

import java.time.Duration;
import lotus.time.Timeframe;

/**
 * @param queueCapacity   trade batches buffered between the socket and the rollup; past it batches are dropped,
 *                        counted and their period repaired from candles
 * @param flushEveryMs    clock ms between rollup flushes (bar closes and provisional writes)
 * @param repairSettleMs  wait after a bar's close before fetching its candle, so the venue has every trade in it
 * @param backfillBars    bars fetched per timeframe when a token joins (the engine needs 333)
 * @param lateGrace       how long a closed bar still accepts late trades in the rollup
 * @param backfillFromMs  when set, a joining token is backfilled from the bar containing this instant instead of by
 *                        count, so the stored history does not depend on when the join happened (the demo's
 *                        repeatable runs); {@link #NO_ANCHOR} for the count
 */
public record IngestConfig(int queueCapacity, long flushEveryMs, long repairSettleMs, int backfillBars,
        Duration lateGrace, long backfillFromMs) {

    public static final long NO_ANCHOR = Long.MIN_VALUE;

    public static IngestConfig defaults() {
        return new IngestConfig(4096, 1_000, 10_000, 340, Duration.ofSeconds(10), NO_ANCHOR);
    }

    public IngestConfig withBackfillBars(int bars) {
        return new IngestConfig(queueCapacity, flushEveryMs, repairSettleMs, bars, lateGrace, backfillFromMs);
    }

    public IngestConfig withLateGrace(Duration grace) {
        return new IngestConfig(queueCapacity, flushEveryMs, repairSettleMs, backfillBars, grace, backfillFromMs);
    }

    public IngestConfig withBackfillFrom(long epochMs) {
        return new IngestConfig(queueCapacity, flushEveryMs, repairSettleMs, backfillBars, lateGrace, epochMs);
    }

    /** Open time of the first bar to backfill for a join whose last closed bar opens at {@code lastOpenMs}. */
    public long backfillFirstOpen(Timeframe tf, long lastOpenMs) {
        return backfillFromMs == NO_ANCHOR ? lastOpenMs - (long) (backfillBars - 1) * tf.durationMs()
                : tf.floor(backfillFromMs);
    }
}
