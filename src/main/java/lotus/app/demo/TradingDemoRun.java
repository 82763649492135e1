package lotus.app.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import lotus.app.IngestAssembly;
import lotus.app.LotusConfig;
import lotus.app.AlertTarget;
import lotus.app.OperatorServer;
import lotus.app.ProcessMeters;
import lotus.app.PmAssembly;
import lotus.app.SimulatedConfig;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.ingest.BucketCollector;
import lotus.ingest.DominanceCollector;
import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;
import lotus.ingest.SolanaCollector;
import lotus.learning.Lesson;
import lotus.sim.BarCheck;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.BucketMembers;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.Position;
import lotus.store.LowcapPrices;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.store.RegimeBars;
import lotus.store.ScratchDatabase;
import lotus.store.Strand;
import lotus.store.Strands;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import lotus.web.ApiServer;
import lotus.web.Metrics;
import lotus.web.ApiSources;

/**
 * The whole loop on one machine with no set-up ({@code lotus demo}). The simulator (regime-switching prices) on an
 * accelerated clock; watchlist positions on {@code hyperliquid/perps}, {@code hyperliquid/spot} and
 * {@code solana/social} (the simulator's Solana tokens: their bars come from the Solana collector reading the
 * simulator's DexScreener, one cycle a minute in lockstep, their dry-run swaps are quoted by its Jupiter); both
 * ingesters backfill and stream; the regime's five drivers have data (BTC and ALT from the majors, the market-cap
 * bucket indexes built from the Solana bars and caps, BTC.d and USDT.d from the simulator's CoinGecko, each collector
 * in lockstep after a stand-in history); a PM Core Tick at every 1m close runs the engine, A/E, the planner, the
 * dry-run executors, accounting, closure and learning, until enough trades have closed. Then it gathers the positions,
 * the closed trades, the strands by scope and the lessons, and checks that the scopes stayed apart.
 */
public final class TradingDemoRun {

    /** 2026-01-05T00:00:00Z: a fixed start, so a seed gives the same market every run. */
    public static final long START_MS = 1_767_571_200_000L;
    private static final List<String> MAJORS = List.of("BTC", "ETH", "BNB", "SOL", "HYPE");
    private static final int SOLANA_TOKENS = 6;
    /** Simulated perps beyond the majors, all traded on Hyperliquid. */
    private static final int EXTRA_PERPS = 34;
    /** More than the engine's 333, so each position starts the run in the state its history put it in. */
    private static final int BACKFILL_BARS = 1000;
    private static final Timeframe TF = Timeframe.M1;
    /** History is backfilled from here, whenever the ingest happens to join, so every run stores the same bars. */
    static final long HISTORY_FROM_MS = START_MS - BACKFILL_BARS * TF.durationMs();
    /**
     * The first PM tick: a fixed bar close, late enough for the backfill to finish at the startup's pace, and a
     * minute past the first hour, whose 1h bar (the ingest joined inside it) is stored only by its repair, 10 s after
     * the hour: the regime's first read then sees it, as a backtest of the stored bars does.
     */
    public static final long FIRST_TICK_MS = START_MS + 61 * TF.durationMs();
    /**
     * Startup (connecting, subscribing, backfilling) runs at most this fast: at higher paces the simulator's 60 s
     * idle close and the REST weight budget, both on simulated time, outrun a connection still being set up.
     */
    private static final double STARTUP_SPEED = 240;
    /** Startup slows to this pace when the first tick comes near and the backfill is not done, so it is never late. */
    private static final double SLOW_STARTUP_SPEED = 30;

    /**
     * @param speed                   clock acceleration between ticks
     * @param everyBookTrimsAndCloses also wait until each of the three books has trimmed and closed a trade (for the
     *                                end-to-end test)
     */
    public record Options(long seed, double speed, int targetTrades, long maxSimMinutes, long maxWallSeconds,
            Path dbFile, boolean everyBookTrimsAndCloses) {
    }

    /**
     * What the run ended with.
     *
     * @param positions      every 1m position, by chain, book and token
     * @param strandsByScope per strand kind, how many each venue book wrote
     * @param drivers        the regime drivers' 1m bars at the end
     */
    public record Summary(List<Position> positions, List<Strand> closed, Map<String, Integer> closedByVenue,
            Map<String, Map<String, Integer>> strandsByScope, List<Lesson> lessons, boolean scopesApart,
            DriverBars drivers, long simMinutes, long wallNs) {
    }

    private final Options options;
    private final Optional<ApiServer.Settings> server;
    private final Consumer<DemoEvent> events;

    public TradingDemoRun(Options options, Consumer<DemoEvent> events) {
        this(options, Optional.empty(), events);
    }

    /** @param server the operator's server on the demo's database while it runs; empty: none */
    public TradingDemoRun(Options options, Optional<ApiServer.Settings> server, Consumer<DemoEvent> events) {
        this.options = options;
        this.server = server;
        this.events = events;
    }

    public Summary run() throws Exception {
        ScratchDatabase.deleteFiles(options.dbFile());
        long wallStart = System.nanoTime();
        // Time stands still until the simulator has built its market: its history is laid out from the instant it
        // starts, which must be the same in every run.
        SimulatedClock clock = SimulatedClock.manual(START_MS);
        try (HlSimulator sim = HlSimulator.start(simConfig(), clock, 0);
                Database db = Database.open("jdbc:sqlite:" + options.dbFile(), 8)) {
            db.migrate();
            clock.setSpeed(Math.min(options.speed(), STARTUP_SPEED));
            LotusConfig config = SimulatedConfig.load(sim.restUrl(), sim.wsUrl());
            long settleMs = config.pm().settle().toMillis();
            // From the first tick on, the clock stops at every tick; startup keeps its pace up to the first one (at
            // the demo's pace late trades need candle repairs faster than the REST budget allows, and the first tick
            // checks the whole history), and can never run past it however late the backfill is.
            clock.runUntil(FIRST_TICK_MS + settleMs);
            Positions positions = new Positions(db, clock);
            addPositions(sim, positions);
            events.accept(new DemoEvent.Started(sim.restUrl(), options.seed(), options.speed(), options.dbFile()));
            events.accept(new DemoEvent.Watchlist(positions.byTimeframe(TF).size(),
                    venues(positions.byTimeframe(TF))));

            IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                    .withIngest(ingestConfig(options.speed()))
                    .withStream(StreamConfig.hyperliquid().forClockSpeed(options.speed()));
            try (AlertTarget alerts = AlertTarget.open(config.alerts(), clock);
                    IngestService ingest = IngestService.start(db, clock, settings,
                            new RateBudget("rest-weight", settings.restWeightPerMinute(), clock), alerts.sink());
                    SolanaCollector solana = IngestAssembly.solanaCollector(config, db, clock).orElseThrow();
                    BucketCollector buckets = new BucketCollector(clock, new LowcapPrices(db), new RegimeBars(db),
                            new BucketMembers(db));
                    DominanceCollector dominance = IngestAssembly.dominanceCollector(config, db, clock).orElseThrow();
                    Metrics metrics = OperatorServer.metrics(config, db, clock);
                    PmAssembly pm = PmAssembly.build(config, db, clock, true, PmAssembly.restBudget(clock),
                            alerts.hooks(config.alerts(), metrics.registry()));
                    AutoCloseable api = startServer(config, db, clock, ingest, metrics)) {
                ProcessMeters.bindIngest(metrics.registry(), ingest);
                ProcessMeters.bindBudget(metrics.registry(), solana.budget());
                ProcessMeters.bindBudget(metrics.registry(), dominance.budget());
                PriceDataReader reader = new PriceDataReader(db);
                BarCheck check = new BarCheck(sim.market(), (token, major, tf, from, to) -> major
                        ? reader.majorBars(token, tf, from, to)
                        : reader.bars(token, PriceTable.HYPERLIQUID_CHAIN, tf, from, to), MAJORS,
                        hyperliquid(positions).stream().map(Position::tokenContract).toList(), TF, HISTORY_FROM_MS);
                waitForBackfill(reader, positions, clock, ingest);
                // A stand-in for the Solana history the real venue never serves (DexScreener has none), up to the
                // first tick's bar. The market's path knows a minute once it is past: what is past now is written
                // while the startup runs on to the first tick, the rest then.
                long pastTo = Math.min(TF.floor(clock.nowMs()), FIRST_TICK_MS);
                SolanaHistory.write(solana, sim.solanaMarket(), sim.solana().tokens(), HISTORY_FROM_MS, pastTo);
                // The same for dominance, which CoinGecko serves for the present only: its walk is seeded, known
                // ahead of the clock.
                DominanceHistory.write(dominance, sim.coinGecko(), HISTORY_FROM_MS, FIRST_TICK_MS);
                clock.sleepUntil(FIRST_TICK_MS);
                SolanaHistory.write(solana, sim.solanaMarket(), sim.solana().tokens(), pastTo, FIRST_TICK_MS);
                // The bucket indexes over the Solana history, in one pass (minute by minute, a first run's catch-up
                // would read twice a minute).
                buckets.buildHistory(HISTORY_FROM_MS, FIRST_TICK_MS);
                events.accept(new DemoEvent.Drivers(Instant.ofEpochMilli(FIRST_TICK_MS),
                        DriverBars.before(db, FIRST_TICK_MS)));
                Strands strands = new Strands(db, clock);
                // The collectors run at each close (one a minute, the clock stopped) instead of on their own
                // schedules, so the points and bars of a seed are the same in every run: the bucket indexes' minute
                // once the Solana cycle has closed its token bars, dominance sampled at the stopped clock.
                LockstepRunner.BeforeTick collectors = close -> {
                    solana.runOnce();
                    buckets.runOnce(close - TF.durationMs());
                    dominance.runOnce();
                };
                new LockstepRunner(new LockstepRunner.World(clock, sim, ingest, pm, check, collectors,
                        strands, TF, settleMs, options.speed()), events).run(FIRST_TICK_MS, HISTORY_FROM_MS,
                        new LockstepRunner.Goal(options.targetTrades(), options.everyBookTrimsAndCloses(),
                                options.maxSimMinutes(), options.maxWallSeconds()), wallStart);
                return summarise(db, clock, pm, strands, (clock.nowMs() - START_MS) / 60_000,
                        System.nanoTime() - wallStart);
            }
        }
    }

    /** The operator's server when asked for, on the simulated clock: uptime and lag are in the demo's time. */
    private AutoCloseable startServer(LotusConfig config, Database db, SimulatedClock clock, IngestService ingest,
            Metrics metrics) {
        if (server.isEmpty()) {
            return () -> { };
        }
        ApiServer api = OperatorServer.start(config, server.get(), db, clock, ApiSources.Mode.DRY_RUN,
                Optional.of(ingest::statusLine), Optional.of(ingest), metrics);
        events.accept(new DemoEvent.Serving(new OperatorServer.Serving(api.url(), api.generatedToken())));
        return api;
    }

    /**
     * The venue closes a connection after 60 s without a client message, and the client pings after 30 s; at x1000
     * that margin is 30 ms of real time, less than a busy JVM's scheduling jitter. The simulated venue's idle close
     * is scaled with the pace, as the client's own timeouts are (StreamConfig.forClockSpeed).
     */
    private SimConfig simConfig() {
        SimConfig.Limits limits = SimConfig.Limits.hyperliquid();
        limits = limits.withIdleCloseMs((long) (limits.idleCloseMs() * Math.max(1, options.speed() / 120)))
                // The ingest and the PM each keep their own budget under 1200 per minute; one IP's budget for both
                // means a refusal would make a client wait a minute of simulated time, which a stopped clock never
                // gives it.
                .withRestWeightPerMinute(2 * limits.restWeightPerMinute());
        return SimConfig.defaults(options.seed()).withHistoryMinutes(3_000).withTradesPerSecond(20)
                .withExtraPerps(EXTRA_PERPS).withSolanaTokens(SOLANA_TOKENS).withLimits(limits);
    }

    /**
     * The ingest's settings for the demo: history from a fixed instant, and a late-trade grace scaled with the pace
     * (10 s of simulated time is 8 ms of real time at x1200, less than a frame's trip on a busy machine; every trade
     * refused as late costs a candle repair from the REST budget).
     */
    static IngestConfig ingestConfig(double speed) {
        IngestConfig defaults = IngestConfig.defaults();
        return defaults.withBackfillBars(BACKFILL_BARS).withBackfillFrom(HISTORY_FROM_MS)
                .withLateGrace(defaults.lateGrace().multipliedBy((long) Math.max(1, speed / 120)));
    }

    /** The perps and the 10 spot pairs on Hyperliquid, the simulator's Solana tokens on {@code solana/social}. */
    private static void addPositions(HlSimulator sim, Positions positions) {
        for (SimAsset a : sim.market().assets()) {
            if (a.kind() == SimAsset.Kind.PERP && !MAJORS.contains(a.name())) {
                positions.insert(new NewPosition(a.name(), "hyperliquid", a.name(), TF, "perps", new BigDecimal("3"),
                        BigDecimal.ZERO));
            }
        }
        for (SimAsset a : sim.market().assets()) {
            if (a.kind() == SimAsset.Kind.SPOT) {
                positions.insert(new NewPosition(a.name(), "hyperliquid", a.name(), TF, "spot", new BigDecimal("3"),
                        BigDecimal.ZERO));
            }
        }
        for (String mint : sim.solana().tokens()) {
            positions.insert(new NewPosition(mint, "solana", sim.solanaMarket().symbol(mint).orElseThrow(), TF,
                    "social", new BigDecimal("3"), BigDecimal.ZERO));
        }
    }

    private static List<Position> hyperliquid(Positions positions) {
        return positions.byTimeframe(TF).stream().filter(p -> p.tokenChain().equals(PriceTable.HYPERLIQUID_CHAIN))
                .toList();
    }

    /**
     * Waits until every Hyperliquid position has its history and no candle fetch is pending. Startup runs at the
     * demo's pace; if the first tick comes near first, time slows so the REST budget keeps refilling and the first
     * tick still sees the whole history.
     */
    private void waitForBackfill(PriceDataReader reader, Positions positions, SimulatedClock clock,
            IngestService ingest) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            int ready = 0;
            List<Position> hl = hyperliquid(positions);
            for (Position p : hl) {
                if (reader.count(p.tokenContract(), p.tokenChain(), TF) >= BACKFILL_BARS) {
                    ready++;
                }
            }
            if (ready == hl.size()) {
                events.accept(new DemoEvent.Backfilled(BACKFILL_BARS, clock.now(),
                        Instant.ofEpochMilli(FIRST_TICK_MS)));
                return;
            }
            if (clock.nowMs() > FIRST_TICK_MS - 10 * TF.durationMs() && clock.speed() > SLOW_STARTUP_SPEED) {
                clock.setSpeed(SLOW_STARTUP_SPEED);
                events.accept(new DemoEvent.SlowingStartup(clock.now(), ready, hl.size(), SLOW_STARTUP_SPEED));
            }
            if (clock.nowMs() >= FIRST_TICK_MS || System.nanoTime() > deadline) {
                throw new IllegalStateException("backfill incomplete at the first tick: " + ready + " of " + hl.size()
                        + " positions have " + BACKFILL_BARS + " bars; " + ingest.statusLine());
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, Integer> venues(List<Position> all) {
        Map<String, Integer> n = new TreeMap<>();
        for (Position p : all) {
            n.merge(p.tokenChain() + "/" + p.bookId(), 1, Integer::sum);
        }
        return n;
    }

    private static Summary summarise(Database db, SimulatedClock clock, PmAssembly pm, Strands strands,
            long simMinutes, long wallNs) {
        Positions positions = new Positions(db, clock);
        List<Position> all = new ArrayList<>(positions.byTimeframe(TF));
        all.sort(Comparator.comparing(Position::tokenChain).thenComparing(Position::bookId)
                .thenComparing(Position::tokenContract));
        List<Strand> closed = strands.byKind("position_closed", 0, 10_000);
        Map<String, Integer> byVenue = new TreeMap<>();
        closed.forEach(s -> byVenue.merge(DemoBooks.venue(s), 1, Integer::sum));
        Map<String, Map<String, Integer>> byScope = new TreeMap<>();
        for (String kind : List.of("engine_transition", "pm_execution", "position_closed")) {
            for (Strand s : strands.byKind(kind, 0, 1_000_000)) {
                byScope.computeIfAbsent(kind, k -> new TreeMap<>()).merge(DemoBooks.venue(s), 1, Integer::sum);
            }
        }
        List<Lesson> lessons = pm.learning().lessons();
        return new Summary(all, closed, byVenue, byScope, lessons, DemoBooks.scopesApart(positions, closed, lessons),
                DriverBars.before(db, Long.MAX_VALUE), simMinutes, wallNs);
    }
}
