package lotus.ingest;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lotus.alert.AlertSink;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.time.RateBudget;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.hyperliquid.ws.WsLimits;
import lotus.store.Database;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.store.Ticks;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * Both Hyperliquid ingesters, as the seed decides (section 3): the majors on one connection into
 * {@code majors_trades_ticks} and {@code majors_price_data_ohlc}, the trading tokens on another into
 * {@code hyperliquid_price_data_ohlc}, sharing one writer, one REST weight budget and the per-IP WebSocket limits.
 */
public final class IngestService implements AutoCloseable {

    /** Everything that shapes the service besides the database and the clock. */
    public record Settings(HlEndpoints endpoints, List<String> majors, IngestConfig ingest, StreamConfig stream,
            int restWeightPerMinute, SubscriptionPlanner planner, int restTierSize, long restTierPeriodMs,
            long universeRefreshMs) {

        public static Settings defaults(HlEndpoints endpoints, List<String> majors) {
            // 1100 of the 1200 weight a minute: our window opens when a request leaves, the venue's when it arrives.
            return new Settings(endpoints, majors, IngestConfig.defaults(), StreamConfig.hyperliquid(), 1100,
                    SubscriptionPlanner.hyperliquid(), 250, 60_000, 30_000);
        }

        public Settings withIngest(IngestConfig ingest) {
            return edit(b -> b.ingest = ingest);
        }

        public Settings withStream(StreamConfig stream) {
            return edit(b -> b.stream = stream);
        }

        public Settings withPlanner(SubscriptionPlanner planner) {
            return edit(b -> b.planner = planner);
        }

        public Settings withUniverseRefreshMs(long ms) {
            return edit(b -> b.universeRefreshMs = ms);
        }

        /** A copy with one change: the one place that lists every field, so a new field is added once. */
        private Settings edit(java.util.function.Consumer<Copy> change) {
            Copy b = new Copy(this);
            change.accept(b);
            return new Settings(b.endpoints, b.majors, b.ingest, b.stream, b.restWeightPerMinute, b.planner,
                    b.restTierSize, b.restTierPeriodMs, b.universeRefreshMs);
        }

        private static final class Copy {
            HlEndpoints endpoints;
            List<String> majors;
            IngestConfig ingest;
            StreamConfig stream;
            int restWeightPerMinute;
            SubscriptionPlanner planner;
            int restTierSize;
            long restTierPeriodMs;
            long universeRefreshMs;

            Copy(Settings s) {
                endpoints = s.endpoints;
                majors = s.majors;
                ingest = s.ingest;
                stream = s.stream;
                restWeightPerMinute = s.restWeightPerMinute;
                planner = s.planner;
                restTierSize = s.restTierSize;
                restTierPeriodMs = s.restTierPeriodMs;
                universeRefreshMs = s.universeRefreshMs;
            }
        }
    }

    private final Clock clock;
    private final RateBudget restWeight;
    private final HlInfoClient info;
    private final BarWriter writer;
    private final FeedIngester majors;
    private final FeedIngester trading;
    private final RestPoller poller;
    private final TradingUniverse universe;
    private long lastStatusMs;
    private long lastTradesIn;

    private IngestService(Database db, Clock clock, Settings s, RateBudget restWeight, AlertSink alerts) {
        this.clock = clock;
        this.restWeight = restWeight;
        this.info = new HlInfoClient(s.endpoints().infoUrl(), restWeight, clock);
        this.writer = new BarWriter(new PriceBars(db), new Ticks(db), clock, "hyperliquid", 100_000);
        WsLimits limits = WsLimits.hyperliquid(clock);
        this.majors = new FeedIngester("majors", PriceTable.MAJORS, true, s.endpoints().wsUrl(), info, writer, limits,
                s.stream(), s.ingest(), clock, alerts);
        // Low-cap tokens can go minutes without a trade: only a long silence of the whole feed counts as a stall.
        this.trading = new FeedIngester("trading", PriceTable.HYPERLIQUID, false, s.endpoints().wsUrl(), info, writer,
                limits, s.stream().withDataStaleMs(Math.max(s.stream().dataStaleMs(), 300_000)), s.ingest(), clock,
                alerts);
        this.poller = new RestPoller(info, writer, clock, s.restTierSize(), s.restTierPeriodMs(),
                s.ingest().backfillBars());
        this.universe = new TradingUniverse(new Positions(db, clock), info, trading, poller, s.planner(),
                s.majors().size(), clock, s.universeRefreshMs());
        for (String coin : s.majors()) {
            majors.join(coin, coin, EnumSet.allOf(Timeframe.class));
        }
        this.lastStatusMs = clock.nowMs();
    }

    public static IngestService start(Database db, Clock clock, Settings settings) {
        return start(db, clock, settings, new RateBudget("rest-weight", settings.restWeightPerMinute(), clock));
    }

    /**
     * @param restWeight the process's one Hyperliquid REST budget, shared with the PM, the reconciler and the account
     *                   reads: the venue counts weight per IP, not per client
     */
    public static IngestService start(Database db, Clock clock, Settings settings, RateBudget restWeight) {
        return start(db, clock, settings, restWeight, AlertSink.NONE);
    }

    /** {@link #start(Database, Clock, Settings, RateBudget)}, alerting {@code alerts} when a stream goes silent. */
    public static IngestService start(Database db, Clock clock, Settings settings, RateBudget restWeight,
            AlertSink alerts) {
        IngestService service = new IngestService(db, clock, settings, restWeight, alerts);
        service.writer.start();
        service.poller.start();
        service.majors.start();
        service.trading.start();
        service.universe.start();
        return service;
    }

    /**
     * Rolls and flushes both feeds at the current clock time and waits until the bars are written: afterwards every
     * trade received before the call is in the stored bars. False when that took longer than {@code timeoutMs}.
     */
    public boolean flushNow(long timeoutMs) throws InterruptedException {
        long start = System.nanoTime();
        try {
            CompletableFuture.allOf(majors.flushNow(), trading.flushNow())
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("ingest flush failed", e.getCause());
        }
        return writer.drain(Math.max(0, timeoutMs - (System.nanoTime() - start) / 1_000_000));
    }

    /** Re-reads the trading universe now instead of at the next refresh. */
    public void refreshUniverse() {
        universe.refresh();
    }

    public FeedIngester.Status majorsStatus() {
        return majors.status();
    }

    public FeedIngester.Status tradingStatus() {
        return trading.status();
    }

    /** Trade-to-row latency of the trading feed (p50, p99) in clock ms. */
    public long[] tradingLatency() {
        return trading.latencyPercentiles();
    }

    public void resetLatency() {
        trading.resetLatency();
        majors.resetLatency();
    }

    public java.util.Map<lotus.market.RollupOutcome, Long> majorsRollupCounts() {
        return majors.rollupCounts();
    }

    public java.util.Map<lotus.market.RollupOutcome, Long> tradingRollupCounts() {
        return trading.rollupCounts();
    }

    public int restTokens() {
        return universe.restTokens();
    }

    public long restPolls() {
        return poller.polls();
    }

    public BarWriter writer() {
        return writer;
    }

    public RateBudget restWeight() {
        return restWeight;
    }

    /** True when no backfill or repair that is due by now is waiting or running. */
    public boolean candleJobsIdle() {
        return majors.status().dueCandleJobs() == 0 && trading.status().dueCandleJobs() == 0;
    }

    /** One line for an operator: subscriptions, trades/s, bars written, write lag, reconnects, repairs, REST weight. */
    public String statusLine() {
        FeedIngester.Status m = majors.status();
        FeedIngester.Status t = trading.status();
        long now = clock.nowMs();
        long tradesIn = m.tradesIn() + t.tradesIn();
        double seconds = Math.max(1, now - lastStatusMs) / 1000.0;
        double rate = (tradesIn - lastTradesIn) / seconds;
        lastStatusMs = now;
        lastTradesIn = tradesIn;
        return String.format(Locale.ROOT,
                "subs %d+%d ws (%d refused), %d rest | %.0f trades/s | bars %d | lag %d ms | reconnects %d"
                        + " | holes %d, repairs %d"
                        + " | rejected %d, malformed %d, dropped %d | REST weight %d/min",
                m.liveSubscriptions(), t.liveSubscriptions(), m.refusedSubscriptions() + t.refusedSubscriptions(),
                universe.restTokens(), rate, writer.barsWritten(),
                writer.lastLagMs(), m.reconnects() + t.reconnects(), m.holes() + t.holes(), m.repairs() + t.repairs(),
                m.rejectedTrades() + t.rejectedTrades(), m.malformedFrames() + t.malformedFrames(),
                m.droppedTrades() + t.droppedTrades(), restWeight.usedLastMinute());
    }

    /** Stops the streams, finishes pending writes. */
    @Override
    public void close() {
        universe.close();
        majors.close();
        trading.close();
        poller.close();
        writer.close();
        info.close();
    }
}
