package lotus.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.ingest.FeedIngester;
import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.ScratchDatabase;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * {@code lotus bench ingest}: the in-process simulator at a fixed trade rate, in real time, → WebSocket → parser →
 * rollup → writer → database, for the trading-token feed over {@code --tokens} tokens (every simulated coin, so the
 * offered rate is what the ingester must take). Prints the sustained rate, the
 * trade-to-row latency (a 1-in-64 sample: trade time to the commit of its 1m bar) and CPU per 100k trades. The
 * simulator shares the process, so the CPU figure includes generating and sending the trades.
 */
final class IngestBenchmark {

    private final String url;
    private final Path dataDir;
    private final double tradesPerSecond;
    private final int seconds;
    private final int tokenCount;
    private final PrintWriter out;

    IngestBenchmark(String url, Path dataDir, double tradesPerSecond, int seconds, int tokenCount, PrintWriter out) {
        this.url = url;
        this.dataDir = dataDir;
        this.tradesPerSecond = tradesPerSecond;
        this.seconds = seconds;
        this.tokenCount = tokenCount;
        this.out = out;
    }

    void run() throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.open(url, dataDir, "bench_ingest", 4)) {
            run(scratch.database());
        }
    }

    private void run(Database db) throws Exception {
        Clock clock = Clock.system();
        SimConfig config = SimConfig.defaults(11).withTradesPerSecond(tradesPerSecond).withKeepTrades(false)
                .withHistoryMinutes(30).withSpotPairs(10).withExtraPerps(Math.max(0, tokenCount - 15));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0)) {
            db.migrate();
            Positions positions = new Positions(db, clock);
            // Every simulated coin is followed, so the offered rate is the rate the ingester must take.
            List<SimAsset> perps = sim.market().assets();
            for (SimAsset a : perps) {
                positions.insert(new NewPosition(a.name(), "hyperliquid", a.name(), Timeframe.M1,
                        a.kind() == SimAsset.Kind.SPOT ? "spot" : "perps", BigDecimal.ONE, BigDecimal.TEN));
            }
            out.printf(Locale.ROOT, "bench ingest: %,.0f trades/s offered over %d tokens for %d s, database %s%n",
                    tradesPerSecond, perps.size(), seconds, db.describe());
            out.flush();
            IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), List.of())
                    .withIngest(IngestConfig.defaults().withBackfillBars(10));
            try (IngestService ingest = IngestService.start(db, clock, settings)) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (ingest.tradingStatus().liveSubscriptions() < perps.size() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // The bars around the first ack are partial (repaired from candles once closed, never written from
                // the stream), so measuring starts with the first whole minute after it.
                long measureFrom = Timeframe.M1.floor(clock.nowMs()) + 62_000;
                out.printf(Locale.ROOT, "  warming up until the first whole minute after the subscriptions (%d s)%n",
                        (measureFrom - clock.nowMs()) / 1000);
                out.flush();
                while (clock.nowMs() < measureFrom) {
                    Thread.sleep(50);
                }
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                FeedIngester.Status s0 = ingest.tradingStatus();
                long bars0 = ingest.writer().barsWritten();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                ingest.resetLatency();
                for (int i = 1; i <= seconds; i++) {
                    Thread.sleep(1_000);
                    if (i % 5 == 0 || i == seconds) {
                        long n = ingest.tradingStatus().tradesIn() - s0.tradesIn();
                        out.printf(Locale.ROOT, "  %2d s: %,.0f trades/s so far%n", i, n * 1e9 / (System.nanoTime() - t0));
                        out.flush();
                    }
                }
                long nanos = System.nanoTime() - t0;
                FeedIngester.Status s1 = ingest.tradingStatus();
                long trades = s1.tradesIn() - s0.tradesIn();
                long cpu = os.getProcessCpuTime() - cpu0;
                long[] lat = ingest.tradingLatency();
                out.printf(Locale.ROOT, "sustained:     %,.0f trades/s end to end (%,d trades, %,d dropped, %,d rejected)%n",
                        trades * 1e9 / nanos, trades, s1.droppedTrades() - s0.droppedTrades(),
                        s1.rejectedTrades() - s0.rejectedTrades());
                out.printf(Locale.ROOT, "bars written:  %,d (%,.0f rows/s)%n", ingest.writer().barsWritten() - bars0,
                        (ingest.writer().barsWritten() - bars0) * 1e9 / nanos);
                out.printf(Locale.ROOT, "trade-to-row:  p50 %s ms, p99 %s ms%n", lat.length > 0 ? lat[0] : "-",
                        lat.length > 1 ? lat[1] : "-");
                out.println("status:        " + ingest.statusLine());
                out.println("rollup:        " + ingest.tradingRollupCounts());
                out.printf(Locale.ROOT, "CPU:           %.0f ms per 100k trades (process, simulator included; %d cores)%n",
                        trades == 0 ? 0 : cpu / 1e6 / trades * 100_000, os.getAvailableProcessors());
                out.flush();
            }
        }
    }
}
