package lotus.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;
import lotus.market.Bar;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.ScratchDatabase;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * {@code lotus demo}: the market-data half of Lotus end to end, on one machine with no set-up. An in-process
 * simulator on an accelerated clock, ten watchlist positions on simulated Hyperliquid tokens (perps and spot), both
 * ingesters into a fresh embedded database, one forced disconnect and one burst of bad frames; then every stored bar
 * is checked against the simulator's own candles.
 */
final class Demo {

    /** 2026-01-05T00:00:00Z: a fixed start, so a seed gives the same market every run. */
    static final long START_MS = 1_767_571_200_000L;

    /**
     * The configuration of a simulated run against {@code sim}: its endpoints, and risk limits sized to the demo's
     * simulated wallets, which run 50 positions at twenty times the pace of a minute: the defaults, made for a first
     * small live allocation, would refuse most of its orders. Dry run, so nothing is scaled.
     */
    static Map<String, String> simulatedEnv(String restUrl, String wsUrl) {
        return Map.of("HL_NETWORK", "local", "HL_REST_URL", restUrl, "HL_WS_URL", wsUrl,
                "LOTUS_RISK_MAX_ORDER_NOTIONAL_USD", "100000", "LOTUS_RISK_MAX_ORDERS_PER_MINUTE", "10000",
                "LOTUS_RISK_MAX_BOOK_EXPOSURE_USD", "1000000", "LOTUS_RISK_MAX_TOKEN_EXPOSURE_USD", "1000000",
                "LOTUS_RISK_MAX_OPEN_POSITIONS_PER_BOOK", "10000", "LOTUS_RISK_DAILY_LOSS_STOP_USD", "1000000",
                "LOTUS_RISK_MAX_DRAWDOWN_PCT", "100");
    }
    private static final List<String> MAJORS = List.of("BTC", "ETH", "BNB", "SOL", "HYPE");
    private static final Timeframe[] POSITION_TIMEFRAMES = {Timeframe.M1, Timeframe.M5, Timeframe.M15};

    record Options(long seed, double speed, long liveMinutes, Path dbFile) {
    }

    /** One row of the final table. */
    record Row(String token, String book, Timeframe tf, int stored, int missing, int differing, BigDecimal lastClose) {
    }

    private final Options options;
    private final PrintWriter out;
    private final List<String> examples = new ArrayList<>();

    Demo(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo; returns the rows (for tests) after printing them. */
    List<Row> run() throws Exception {
        ScratchDatabase.deleteFiles(options.dbFile());
        SimulatedClock clock = SimulatedClock.accelerated(START_MS, options.speed());
        SimConfig simConfig = SimConfig.defaults(options.seed()).withHistoryMinutes(6_000);
        long wallStart = System.nanoTime();
        try (HlSimulator sim = HlSimulator.start(simConfig, clock, 0);
                Database db = Database.open("jdbc:sqlite:" + options.dbFile(), 4)) {
            db.migrate();
            out.printf(Locale.ROOT, "demo: simulator on %s (seed %d, %d assets), clock x%.0f, database %s%n",
                    sim.restUrl(), options.seed(), sim.market().assets().size(), options.speed(), options.dbFile());
            List<SimAsset> tokens = pickTokens(sim.market().assets());
            Positions positions = new Positions(db, clock);
            Map<String, Timeframe> timeframeOf = new HashMap<>();
            for (int i = 0; i < tokens.size(); i++) {
                SimAsset a = tokens.get(i);
                Timeframe tf = POSITION_TIMEFRAMES[i % POSITION_TIMEFRAMES.length];
                timeframeOf.put(a.apiCoin(), tf);
                String book = a.kind() == SimAsset.Kind.SPOT ? "spot" : "perps";
                positions.insert(new NewPosition(a.name(), "hyperliquid", a.name(), tf, book, new BigDecimal("5"),
                        new BigDecimal("500")));
            }
            out.printf(Locale.ROOT, "demo: %d watchlist positions: %s%n", tokens.size(),
                    String.join(", ", tokens.stream().map(a -> a.name() + " " + timeframeOf.get(a.apiCoin())).toList()));
            out.flush();

            IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                    .withIngest(IngestConfig.defaults())
                    .withStream(StreamConfig.hyperliquid().forClockSpeed(options.speed()));
            long liveStart = clock.nowMs();
            long liveEnd = liveStart + options.liveMinutes() * 60_000;
            boolean dropped = false;
            boolean garbage = false;
            try (IngestService ingest = IngestService.start(db, clock, settings)) {
                long nextStatus = 0;
                while (clock.nowMs() < liveEnd) {
                    long now = clock.nowMs();
                    if (!dropped && now >= liveStart + (liveEnd - liveStart) / 3) {
                        sim.faults().dropAllConnections();
                        dropped = true;
                        out.println("demo: simulator dropped every connection");
                    }
                    if (!garbage && now >= liveStart + (liveEnd - liveStart) / 2) {
                        sim.faults().sendMalformedFrames(40);
                        garbage = true;
                        out.println("demo: simulator sent 40 malformed frames");
                    }
                    if (System.nanoTime() >= nextStatus) {
                        out.printf(Locale.ROOT, "  %s  %s%n", clock.now(), ingest.statusLine());
                        out.flush();
                        nextStatus = System.nanoTime() + 3_000_000_000L;
                    }
                    Thread.sleep(50);
                }
                // Let the repairs of the last closed bars land before comparing.
                long settleUntil = clock.nowMs() + 20_000;
                while (clock.nowMs() < settleUntil || !ingest.candleJobsIdle()) {
                    Thread.sleep(20);
                    if (clock.nowMs() > settleUntil + 600_000) {
                        break;
                    }
                }
                out.printf(Locale.ROOT, "  %s  %s%n", clock.now(), ingest.statusLine());
                ingest.writer().drain();
                long reconnects = ingest.majorsStatus().reconnects() + ingest.tradingStatus().reconnects();
                long end = clock.nowMs() - 30_000;
                List<Row> rows = compare(sim, new PriceDataReader(db), tokens, timeframeOf, end);
                print(rows, reconnects, ingest, System.nanoTime() - wallStart);
                return rows;
            }
        }
    }

    /** One stored series checked against the simulator. */
    private record Series(SimAsset asset, Timeframe tf, boolean major) {
    }

    private List<Row> compare(HlSimulator sim, PriceDataReader reader, List<SimAsset> tokens,
            Map<String, Timeframe> timeframeOf, long endMs) {
        List<Series> series = new ArrayList<>();
        for (SimAsset a : tokens) {
            series.add(new Series(a, timeframeOf.get(a.apiCoin()), false));
        }
        for (String major : MAJORS) {
            for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M15, Timeframe.H1)) {
                series.add(new Series(sim.market().asset(major).orElseThrow(), tf, true));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Series x : series) {
            long to = x.tf().floor(endMs) - x.tf().durationMs() + 1;
            // Backfilled: the last 340 closed bars (as many as the simulator's history holds, for the majors' 1h).
            List<Bar> truth = sim.market().candles(x.asset().apiCoin(), x.tf(), 0, to);
            truth = truth.subList(Math.max(0, truth.size() - 340), truth.size());
            if (truth.isEmpty()) {
                continue;
            }
            long first = truth.get(0).openTimeMs();
            String name = x.asset().name();
            List<Bar> stored = x.major() ? reader.majorBars(name, x.tf(), first, to)
                    : reader.bars(name, "hyperliquid", x.tf(), first, to);
            Map<Long, Bar> byOpen = new HashMap<>();
            stored.forEach(b -> byOpen.put(b.openTimeMs(), b));
            int missing = 0;
            int differing = 0;
            for (Bar t : truth) {
                Bar got = byOpen.get(t.openTimeMs());
                if (got == null) {
                    missing++;
                } else if (!got.samePrices(t)) {
                    differing++;
                    if (examples.size() < 5) {
                        examples.add("stored " + got + "\n    truth  " + t);
                    }
                }
            }
            String book = x.major() ? "majors" : x.asset().kind() == SimAsset.Kind.SPOT ? "spot" : "perps";
            rows.add(new Row(name, book, x.tf(), stored.size(), missing, differing,
                    stored.isEmpty() ? null : stored.get(stored.size() - 1).close()));
        }
        return rows;
    }

    private void print(List<Row> rows, long reconnects, IngestService ingest, long wallNanos) {
        out.println();
        out.printf(Locale.ROOT, "%-12s %-6s %-4s %7s %8s %10s %14s%n", "token", "book", "tf", "bars", "missing",
                "differing", "last close");
        int missing = 0;
        int differing = 0;
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-12s %-6s %-4s %7d %8d %10d %14s%n", r.token(), r.book(), r.tf(), r.stored(),
                    r.missing(), r.differing(), r.lastClose() == null ? "-" : r.lastClose().toPlainString());
            missing += r.missing();
            differing += r.differing();
        }
        var m = ingest.majorsStatus();
        var t = ingest.tradingStatus();
        out.printf(Locale.ROOT, "%nreconnects %d | holes repaired %d | malformed frames %d | rejected trades %d"
                        + " | bars written %d%n", reconnects, m.repairs() + t.repairs(),
                m.malformedFrames() + t.malformedFrames(), m.rejectedTrades() + t.rejectedTrades(),
                ingest.writer().barsWritten());
        examples.forEach(e -> out.println("  differs: " + e));
        if (System.getenv("LOTUS_DEMO_DEBUG") != null) {
            out.println("rollup majors " + ingest.majorsRollupCounts());
            out.println("rollup trading " + ingest.tradingRollupCounts());
        }
        out.printf(Locale.ROOT, "check: %d bars missing and %d differing against the simulator's truth (%s) in %.1f s%n",
                missing, differing, missing == 0 && differing == 0 ? "OK" : "MISMATCH", wallNanos / 1e9);
        out.flush();
    }

    /** Six perps that are not majors and four spot pairs. */
    private static List<SimAsset> pickTokens(List<SimAsset> assets) {
        List<SimAsset> perps = assets.stream()
                .filter(a -> a.kind() == SimAsset.Kind.PERP && !MAJORS.contains(a.name())).limit(6).toList();
        List<SimAsset> spots = assets.stream().filter(a -> a.kind() == SimAsset.Kind.SPOT).limit(4).toList();
        List<SimAsset> out = new ArrayList<>(perps);
        out.addAll(spots);
        return out;
    }
}
