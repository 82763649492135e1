package lotus.ingest;

import java.time.Duration;

/**
 * @param queueCapacity   trade batches buffered between the socket and the rollup; past it batches are dropped,
 *                        counted and their period repaired from candles
 * @param flushEveryMs    clock ms between rollup flushes (bar closes and provisional writes)
 * @param repairSettleMs  wait after a bar's close before fetching its candle, so the venue has every trade in it
 * @param backfillBars    bars fetched per timeframe when a token joins (the engine needs 333)
 * @param lateGrace       how long a closed bar still accepts late trades in the rollup
 */
public record IngestConfig(int queueCapacity, long flushEveryMs, long repairSettleMs, int backfillBars,
        Duration lateGrace) {

    public static IngestConfig defaults() {
        return new IngestConfig(4096, 1_000, 10_000, 340, Duration.ofSeconds(10));
    }

    public IngestConfig withBackfillBars(int bars) {
        return new IngestConfig(queueCapacity, flushEveryMs, repairSettleMs, bars, lateGrace);
    }

    public IngestConfig withLateGrace(Duration grace) {
        return new IngestConfig(queueCapacity, flushEveryMs, repairSettleMs, backfillBars, grace);
    }
}
