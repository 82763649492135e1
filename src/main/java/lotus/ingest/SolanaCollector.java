package lotus.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import lotus.solana.dex.DexScreenerClient;
import lotus.solana.dex.PriceCollector;
import lotus.solana.dex.PricePoint;
import lotus.store.LowcapPoint;
import lotus.store.LowcapPrices;
import lotus.store.Positions;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.RateBudget;
import lotus.time.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Solana price collector as a service (SOLANA.md §2): at second 2 of every minute, one {@link PriceCollector}
 * cycle over the Solana positions' tokens, its points stored in {@code lowcap_price_data_1m}, their 1m bars rebuilt
 * and every period that closed rolled up into {@code lowcap_price_data_ohlc}. A failed cycle is logged and the next
 * one runs on time: the schedule comes from the clock, not from the previous cycle.
 */
public final class SolanaCollector implements Service {

    /** @param partialThresholds the rollup's partial thresholds by tier interval 1, 2, 3, 4, ≥5 */
    public record Settings(int tierSize, List<BigDecimal> partialThresholds) {

        public static final Settings DEFAULT = new Settings(250, LowcapBars.DEFAULT_THRESHOLDS);

        public Settings {
            if (tierSize < 1) {
                throw new IllegalArgumentException("solana tier size must be at least 1, got " + tierSize);
            }
            partialThresholds = List.copyOf(partialThresholds);
            if (partialThresholds.isEmpty()) {
                throw new IllegalArgumentException("solana partial thresholds must not be empty");
            }
        }
    }

    public static final String CHAIN = "solana";
    /** Second 2 of each minute: DexScreener's minute has turned over (the predecessor's choice). */
    static final long FIRE_OFFSET_MS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(SolanaCollector.class);
    private static final long MINUTE_MS = 60_000;

    private final Clock clock;
    private final DexScreenerClient client;
    private final RateBudget budget;
    private final PriceCollector collector;
    private final LowcapBarWriter bars;
    private final ClockScheduler scheduler;
    private final AtomicReference<PriceCollector.Cycle> last = new AtomicReference<>();
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong failedCycles = new AtomicLong();

    public SolanaCollector(Clock clock, Positions positions, LowcapPrices prices, DexScreenerClient client,
            RateBudget budget, Settings settings) {
        this.clock = clock;
        this.client = client;
        this.budget = budget;
        this.bars = new LowcapBarWriter(prices, CHAIN, settings.partialThresholds());
        this.collector = new PriceCollector(
                () -> positions.collectedOnChain(CHAIN).stream()
                        .map(c -> new PriceCollector.Tracked(c.tokenContract(), c.hot())).toList(),
                client::tokens, this::store, clock, settings.tierSize());
        this.scheduler = new ClockScheduler(clock, Duration.ofSeconds(15));
    }

    @Override
    public void start() {
        scheduler.repeat("solana-collector", nextFire(clock.nowMs()), at -> {
            runOnce();
            return nextFire(clock.nowMs());
        });
    }

    /** One cycle now; what the scheduled loop runs at second 2 of each minute. */
    public PriceCollector.Cycle runOnce() throws InterruptedException {
        try {
            PriceCollector.Cycle cycle = collector.runCycle();
            last.set(cycle);
            return cycle;
        } catch (RuntimeException e) {
            failedCycles.incrementAndGet();
            log.warn("solana collector cycle failed at {}: {}", clock.now(), e.toString());
            return null;
        }
    }

    /**
     * Stores points no cycle collected, oldest first, through the cycle's own path (points, their 1m bars, then each
     * 5m..1d period rolled up as it closes): for a stand-in history, which DexScreener never serves. Call it before
     * the first cycle, never during one.
     */
    public void storeHistory(List<PricePoint> history) {
        if (history.isEmpty()) {
            return;
        }
        bars.onPoints(history.stream().map(SolanaCollector::row).toList());
        points.addAndGet(history.size());
        long first = Math.floorDiv(history.getFirst().timestampMs(), MINUTE_MS) * MINUTE_MS;
        for (long close = first + MINUTE_MS; close <= history.getLast().timestampMs() + MINUTE_MS;
                close += MINUTE_MS) {
            bars.closePeriods(close, 1);
        }
    }

    static long nextFire(long nowMs) {
        long fire = Math.floorDiv(nowMs, MINUTE_MS) * MINUTE_MS + FIRE_OFFSET_MS;
        return fire > nowMs ? fire : fire + MINUTE_MS;
    }

    private void store(long cycle, int interval, List<PricePoint> cyclePoints) {
        bars.onPoints(cyclePoints.stream().map(SolanaCollector::row).toList());
        points.addAndGet(cyclePoints.size());
        bars.closePeriods(clock.nowMs(), interval);
    }

    private static LowcapPoint row(PricePoint p) {
        return new LowcapPoint(p.tokenContract(), CHAIN, p.timestampMs(), p.priceUsd(), p.priceNative(),
                p.quoteToken(), p.liquidityUsd(), p.liquidityChange1m(), p.volume1m(), p.volume5m(), p.volume1h(),
                p.volume6h(), p.volume24h(), p.priceChange24h(), p.marketCap(), p.fdv(), p.dexId(), p.pairAddress(),
                PricePoint.SOURCE);
    }

    /** {@code solana tokens=N interval=k calls/min=… points=… not_indexed=… failed_chunks=…}. */
    public String statusLine() {
        PriceCollector.Cycle c = last.get();
        return "solana tokens=" + (c == null ? 0 : c.tokens()) + " interval=" + (c == null ? 0 : c.interval())
                + " calls/min=" + budget.usedLastMinute() + "/" + budget.perMinute() + " points=" + points.get()
                + " not_indexed=" + client.notIndexed() + " failed_chunks=" + client.failedChunks()
                + " bars=" + bars.barsWritten() + (bars.barsRejected() > 0 ? " bars_rejected=" + bars.barsRejected()
                        : "") + (failedCycles.get() > 0 ? " failed_cycles=" + failedCycles.get() : "");
    }

    /** Bars upserted so far: the 1m bars rebuilt from the points and the 5m..1d bars rolled up from them. */
    public long barsWritten() {
        return bars.barsWritten();
    }

    @Override
    public void close() {
        scheduler.close();
        client.close();
    }

    /** The DexScreener call budget this collector spends, for the process's meters. */
    public RateBudget budget() {
        return budget;
    }

}
