package lotus.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.List;
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
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * {@code lotus bench ingest}: the in-process simulator at a fixed trade rate, in real time, → WebSocket → parser →
 * rollup → writer → database, for the trading-token feed over {@code --tokens} tokens (every simulated coin, so the
 * offered rate is what the ingester must take). Prints the sustained rate, the
 * trade-to-row latency (a 1-in-64 sample: trade time to the commit of its 1m bar) and CPU per 100k trades. The
 * simulator shares the process, so the CPU figure includes generating and sending the trades.
 */
public final class IngestBenchmark extends Benchmark<IngestBenchmark.Options> {

    public record Options(Scratch db, double tradesPerSecond, int seconds, int tokens) {
    }

    public IngestBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() throws Exception {
        o.db().run("bench_ingest", 4, this::run);
    }

    private void run(Database db) throws Exception {
        Clock clock = Clock.system();
        SimConfig config = SimConfig.defaults(11).withTradesPerSecond(o.tradesPerSecond()).withKeepTrades(false)
                .withHistoryMinutes(30).withSpotPairs(10).withExtraPerps(Math.max(0, o.tokens() - 15));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0)) {
            db.migrate();
            Positions positions = new Positions(db, clock);
            // Every simulated coin is followed, so the offered rate is the rate the ingester must take.
            List<SimAsset> perps = sim.market().assets();
            for (SimAsset a : perps) {
                positions.insert(new NewPosition(a.name(), "hyperliquid", a.name(), Timeframe.M1,
                        a.kind() == SimAsset.Kind.SPOT ? "spot" : "perps", BigDecimal.ONE, BigDecimal.TEN));
            }
            out.line("bench ingest: %,.0f trades/s offered over %d tokens for %d s, database %s", o.tradesPerSecond(),
                    perps.size(), o.seconds(), db.describe());
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
                out.line("  warming up until the first whole minute after the subscriptions (%d s)",
                        (measureFrom - clock.nowMs()) / 1000);
                while (clock.nowMs() < measureFrom) {
                    Thread.sleep(50);
                }
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                FeedIngester.Status s0 = ingest.tradingStatus();
                long bars0 = ingest.writer().barsWritten();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                ingest.resetLatency();
                for (int i = 1; i <= o.seconds(); i++) {
                    Thread.sleep(1_000);
                    if (i % 5 == 0 || i == o.seconds()) {
                        long n = ingest.tradingStatus().tradesIn() - s0.tradesIn();
                        out.line("  %2d s: %,.0f trades/s so far", i, Bench.rate(n, System.nanoTime() - t0));
                    }
                }
                long nanos = System.nanoTime() - t0;
                FeedIngester.Status s1 = ingest.tradingStatus();
                long trades = s1.tradesIn() - s0.tradesIn();
                long cpu = os.getProcessCpuTime() - cpu0;
                long[] lat = ingest.tradingLatency();
                long bars = ingest.writer().barsWritten() - bars0;
                out.line("sustained:     %,.0f trades/s end to end (%,d trades, %,d dropped, %,d rejected)",
                        Bench.rate(trades, nanos), trades, s1.droppedTrades() - s0.droppedTrades(),
                        s1.rejectedTrades() - s0.rejectedTrades());
                out.line("bars written:  %,d (%,.0f rows/s)", bars, Bench.rate(bars, nanos));
                out.line("trade-to-row:  p50 %s ms, p99 %s ms", lat.length > 0 ? lat[0] : "-",
                        lat.length > 1 ? lat[1] : "-");
                out.line("status:        %s", ingest.statusLine());
                out.line("rollup:        %s", ingest.tradingRollupCounts());
                out.line("CPU:           %.0f ms per 100k trades (process, simulator included; %d cores)",
                        trades == 0 ? 0 : cpu / 1e6 / trades * 100_000, os.getAvailableProcessors());
            }
        }
    }
}
