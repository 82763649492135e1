package lotus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lotus.app.ConfigLoader;
import lotus.app.LotusConfig;
import lotus.app.PmAssembly;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;
import lotus.learning.Lesson;
import lotus.market.Bar;
import lotus.pm.TickReport;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.learning.Strand;
import lotus.store.ScratchDatabase;
import lotus.store.Strands;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * {@code lotus demo}: the whole loop on one machine with no set-up. The simulator (regime-switching prices) on an
 * accelerated clock; watchlist positions on {@code hyperliquid/perps}, {@code hyperliquid/spot} and
 * {@code solana/social} (Solana bars come from a DexScreener-like feed that copies some simulated coins' candles
 * under Solana mints); both ingesters backfill and stream; a PM Core Tick at every 1m close runs the engine, A/E, the
 * planner, the dry-run executors, accounting, closure and learning, until enough trades have closed. Then it prints
 * the positions, the closed trades, the strands by scope, the lessons, and checks that the scopes stayed apart.
 */
final class TradingDemo {

    static final long START_MS = Demo.START_MS;
    private static final List<String> MAJORS = List.of("BTC", "ETH", "BNB", "SOL", "HYPE");
    private static final int SOLANA_TOKENS = 6;
    /** Simulated perps beyond the majors: 34 traded on Hyperliquid, 6 standing in for Solana tokens. */
    private static final int EXTRA_PERPS = 40;
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
    static final long FIRST_TICK_MS = START_MS + 61 * TF.durationMs();
    /**
     * Startup (connecting, subscribing, backfilling) runs at most this fast: at higher paces the simulator's 60 s
     * idle close and the REST weight budget, both on simulated time, outrun a connection still being set up.
     */
    private static final double STARTUP_SPEED = 240;
    /** Startup slows to this pace when the first tick comes near and the backfill is not done, so it is never late. */
    private static final double SLOW_STARTUP_SPEED = 30;
    /** Real time after which a wait at a stopped clock counts as stuck. */
    private static final long STALL_NS = 60_000_000_000L;

    /**
     * @param speed              clock acceleration between ticks
     * @param everyBookTrimsAndCloses also wait until each of the three books has trimmed and closed a trade (for the
     *                           end-to-end test)
     */
    record Options(long seed, double speed, int targetTrades, long maxSimMinutes, long maxWallSeconds, Path dbFile,
            boolean everyBookTrimsAndCloses) {
    }

    /** What the run ended with, for the exit code and tests. */
    record Outcome(int closedTrades, Map<String, Integer> closedByVenue, boolean scopesApart, long simMinutes) {
    }

    private final Options options;
    private final PrintWriter out;

    TradingDemo(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    Outcome run() throws Exception {
        ScratchDatabase.deleteFiles(options.dbFile());
        long wallStart = System.nanoTime();
        // Time stands still until the simulator has built its market: its history is laid out from the instant it
        // starts, which must be the same in every run.
        SimulatedClock clock = SimulatedClock.manual(START_MS);
        // The venue closes a connection after 60 s without a client message, and the client pings after 30 s; at
        // x1000 that margin is 30 ms of real time, less than a busy JVM's scheduling jitter. The simulated venue's
        // idle close is scaled with the pace, as the client's own timeouts are (StreamConfig.forClockSpeed).
        SimConfig.Limits limits = SimConfig.Limits.hyperliquid();
        limits = limits.withIdleCloseMs((long) (limits.idleCloseMs() * Math.max(1, options.speed() / 120)))
                // The ingest and the PM each keep their own budget under 1200 per minute; one IP's budget for both
                // means a refusal would make a client wait a minute of simulated time, which a stopped clock never
                // gives it.
                .withRestWeightPerMinute(2 * limits.restWeightPerMinute());
        SimConfig simConfig = SimConfig.defaults(options.seed()).withHistoryMinutes(3_000).withTradesPerSecond(20)
                .withExtraPerps(EXTRA_PERPS).withLimits(limits);
        try (HlSimulator sim = HlSimulator.start(simConfig, clock, 0);
                Database db = Database.open("jdbc:sqlite:" + options.dbFile(), 8)) {
            db.migrate();
            clock.setSpeed(Math.min(options.speed(), STARTUP_SPEED));
            LotusConfig config = ConfigLoader.load(null, Demo.simulatedEnv(sim.restUrl(), sim.wsUrl()))
                    .config();
            long settleMs = config.pm().settle().toMillis();
            // From the first tick on, the clock stops at every tick; startup keeps its pace up to the first one (at
            // the demo's pace late trades need candle repairs faster than the REST budget allows, and the first tick
            // checks the whole history), and can never run past it however late the backfill is.
            clock.runUntil(FIRST_TICK_MS + settleMs);
            Positions positions = new Positions(db, clock);
            Map<String, String> solanaSources = addPositions(sim, positions);
            out.printf(Locale.ROOT, "demo: simulator on %s (seed %d), clock x%.0f between ticks, database %s%n",
                    sim.restUrl(), options.seed(), options.speed(), options.dbFile());
            out.printf(Locale.ROOT, "demo: %d watchlist positions on 1m: %s%n", positions.byTimeframe(TF).size(),
                    venues(positions.byTimeframe(TF)));
            out.flush();
            SolanaFeed solana = new SolanaFeed(sim, new PriceBars(db), solanaSources);

            IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                    .withIngest(ingestConfig(options.speed()))
                    .withStream(StreamConfig.hyperliquid().forClockSpeed(options.speed()));
            long ticks = 0;
            long decisions = 0;
            long lateBars = 0;
            long runningNs = 0;
            long checkNs = 0;
            long tickNs = 0;
            ExecutorService ticker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "demo-tick");
                t.setDaemon(true);
                return t;
            });
            try (IngestService ingest = IngestService.start(db, clock, settings);
                    PmAssembly pm = PmAssembly.build(config, db, clock, true)) {
                BarCheck check = new BarCheck(sim, new PriceDataReader(db), positions);
                waitForBackfill(db, positions, clock, ingest);
                Strands strands = new Strands(db, clock);
                long close = FIRST_TICK_MS;
                long nextStatus = 0;
                int closed;
                while (true) {
                    // Lockstep: time stands still at close + settle while the bars are checked and the tick runs,
                    // so what the PM sees and the books it fills against are the same in every run of this seed.
                    long t0 = System.nanoTime();
                    awaitStop(clock, sim);
                    long t1 = System.nanoTime();
                    if (!check.complete(ingest, close == FIRST_TICK_MS ? HISTORY_FROM_MS : close - TF.durationMs(),
                            close)) {
                        lateBars++;
                        out.printf(Locale.ROOT, "demo: %s; ticking with what is stored%n", check.lastMismatch());
                    }
                    long t2 = System.nanoTime();
                    solana.poll(close);
                    TickReport r = tick(ticker, pm, close, clock.nowMs());
                    runningNs += t1 - t0;
                    checkNs += t2 - t1;
                    tickNs += System.nanoTime() - t2;
                    ticks++;
                    decisions += r.decisions();
                    closed = strands.byKind("position_closed", 0, 10_000).size();
                    long simMinutes = (close - FIRST_TICK_MS) / 60_000;
                    boolean done = closed >= options.targetTrades()
                            && (!options.everyBookTrimsAndCloses() || everyBookTrimmedAndClosed(strands));
                    long wall = (System.nanoTime() - wallStart) / 1_000_000_000L;
                    if (System.nanoTime() >= nextStatus || done) {
                        out.printf(Locale.ROOT, "  %s  %4d sim min | ticks %d | decisions %d | trades closed %d"
                                + " of %d | %s%n", java.time.Instant.ofEpochMilli(close), simMinutes, ticks,
                                decisions, closed, options.targetTrades(), shortIngest(ingest));
                        out.flush();
                        nextStatus = System.nanoTime() + 5_000_000_000L;
                    }
                    if (done || simMinutes >= options.maxSimMinutes()) {
                        break;
                    }
                    if (wall >= options.maxWallSeconds()) {
                        out.printf(Locale.ROOT, "demo: stopped by the %d s wall-time limit%n", options.maxWallSeconds());
                        break;
                    }
                    close += TF.durationMs();
                    clock.setSpeed(options.speed());
                    clock.runUntil(close + settleMs);
                }
                out.printf(Locale.ROOT, "demo: wall time between ticks %.1f s, checking bars %.1f s, ticking %.1f s%n",
                        runningNs / 1e9, checkNs / 1e9, tickNs / 1e9);
                if (lateBars > 0) {
                    out.printf(Locale.ROOT, "demo: %d tick(s) ran with bars still incomplete; this run may not repeat"
                            + " exactly%n", lateBars);
                }
                pm.learning().catchUp();
                ticker.shutdown();
                return summarise(db, clock, pm, strands, (clock.nowMs() - START_MS) / 60_000,
                        System.nanoTime() - wallStart);
            }
        }
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

    /** Waits until the clock stands at its stop and the simulator has printed and sent everything up to it. */
    private static void awaitStop(SimulatedClock clock, HlSimulator sim) throws InterruptedException {
        long deadline = System.nanoTime() + STALL_NS;
        while (!clock.stopped() || sim.steppedToMs() < clock.nowMs()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the simulator has not stepped to " + clock.now() + " after 60 s "
                        + "(stepped to " + java.time.Instant.ofEpochMilli(sim.steppedToMs()) + ")");
            }
            Thread.sleep(1);
        }
    }

    /** One tick, on a thread of its own so that a tick stuck on a stopped clock fails the run instead of hanging it. */
    private static TickReport tick(ExecutorService ticker, PmAssembly pm, long close, long nowMs) throws Exception {
        Future<TickReport> f = ticker.submit(() -> pm.runTick(TF, close, nowMs));
        try {
            return f.get(STALL_NS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("the tick at " + java.time.Instant.ofEpochMilli(close) + " did not finish"
                    + " in 60 s with the clock stopped (a client waiting for simulated time?)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** The perps and the 10 spot pairs on Hyperliquid; six of the simulated perps stand in for Solana tokens. */
    private Map<String, String> addPositions(HlSimulator sim, Positions positions) {
        Map<String, String> solana = new HashMap<>();
        List<SimAsset> perps = sim.market().assets().stream()
                .filter(a -> a.kind() == SimAsset.Kind.PERP && !MAJORS.contains(a.name())).toList();
        for (int i = 0; i < perps.size(); i++) {
            SimAsset a = perps.get(i);
            if (i < SOLANA_TOKENS) {
                String mint = String.format(Locale.ROOT, "So1%sDemoMint%s", a.name(), "1".repeat(20));
                solana.put(mint, a.apiCoin());
                positions.insert(new NewPosition(mint, "solana", a.name() + "-SOL", TF, "social", new BigDecimal("3"),
                        BigDecimal.ZERO));
            } else {
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
        return solana;
    }

    /**
     * Waits until every Hyperliquid position has its history and no candle fetch is pending. Startup runs at the
     * demo's pace; if the first tick comes near first, time slows so the REST budget keeps refilling and the first
     * tick still sees the whole history.
     */
    private void waitForBackfill(Database db, Positions positions, SimulatedClock clock, IngestService ingest)
            throws InterruptedException {
        PriceDataReader reader = new PriceDataReader(db);
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            int ready = 0;
            List<Position> hl = positions.byTimeframe(TF).stream()
                    .filter(p -> p.tokenChain().equals(PriceTable.HYPERLIQUID_CHAIN)).toList();
            for (Position p : hl) {
                if (reader.count(p.tokenContract(), p.tokenChain(), TF) >= BACKFILL_BARS) {
                    ready++;
                }
            }
            if (ready == hl.size()) {
                out.printf(Locale.ROOT, "demo: every position has its %d bars of history at %s; first tick at %s%n",
                        BACKFILL_BARS, clock.now(), java.time.Instant.ofEpochMilli(FIRST_TICK_MS));
                out.flush();
                return;
            }
            if (clock.nowMs() > FIRST_TICK_MS - 10 * TF.durationMs() && clock.speed() > SLOW_STARTUP_SPEED) {
                clock.setSpeed(SLOW_STARTUP_SPEED);
                out.printf(Locale.ROOT, "demo: backfill not done at %s (%d of %d positions); slowing the clock to "
                        + "x%.0f%n", clock.now(), ready, hl.size(), SLOW_STARTUP_SPEED);
                out.flush();
            }
            if (clock.nowMs() >= FIRST_TICK_MS || System.nanoTime() > deadline) {
                throw new IllegalStateException("backfill incomplete at the first tick: " + ready + " of " + hl.size()
                        + " positions have " + BACKFILL_BARS + " bars; " + ingest.statusLine());
            }
            Thread.sleep(50);
        }
    }

    /** Venue books ({@code chain/book}) with a filled execution of one of {@code decisionTypes} (a regex). */
    static Set<String> booksThatFilled(Strands strands, String decisionTypes) {
        Set<String> books = new TreeSet<>();
        for (Strand s : strands.byKind("pm_execution", 0, 1_000_000)) {
            JsonNode p = s.payload();
            if (p.path("status").asText().equals("filled") && p.path("decision_type").asText().matches(decisionTypes)) {
                books.add(venue(s));
            }
        }
        return books;
    }

    static boolean everyBookTrimmedAndClosed(Strands strands) {
        Set<String> closed = new TreeSet<>();
        for (Strand s : strands.byKind("position_closed", 0, 1_000_000)) {
            closed.add(venue(s));
        }
        return closed.size() == 3 && booksThatFilled(strands, "trim").size() == 3;
    }

    private static String venue(Strand s) {
        return s.scope().path("token_chain").asText() + "/" + s.scope().path("book_id").asText();
    }

    private static String shortIngest(IngestService ingest) {
        String s = ingest.statusLine();
        int cut = s.indexOf(" | lag");
        return cut > 0 ? s.substring(0, cut) : s;
    }

    private static String venues(List<Position> all) {
        Map<String, Integer> n = new TreeMap<>();
        for (Position p : all) {
            n.merge(p.tokenChain() + "/" + p.bookId(), 1, Integer::sum);
        }
        return n.toString();
    }

    private Outcome summarise(Database db, SimulatedClock clock, PmAssembly pm, Strands strands, long simMinutes,
            long wallNs) {
        Positions positions = new Positions(db, clock);
        List<Position> all = new ArrayList<>(positions.byTimeframe(TF));
        all.sort(java.util.Comparator.comparing(Position::tokenChain).thenComparing(Position::bookId)
                .thenComparing(Position::tokenContract));
        out.println();
        out.println("positions:");
        out.print(PositionsCommand.render(all));

        List<Strand> closed = strands.byKind("position_closed", 0, 10_000);
        out.println();
        out.printf(Locale.ROOT, "closed trades (%d):%n", closed.size());
        out.printf(Locale.ROOT, "%-20s %-18s %-18s %8s %-11s %12s%n", "token", "venue", "entry", "rr", "outcome",
                "pnl_usd");
        Map<String, Integer> byVenue = new TreeMap<>();
        for (Strand s : closed) {
            JsonNode sc = s.scope();
            JsonNode pl = s.payload();
            String venue = venue(s);
            byVenue.merge(venue, 1, Integer::sum);
            out.printf(Locale.ROOT, "%-20s %-18s %-18s %8.2f %-11s %12s%n", sc.path("token_ticker").asText(), venue,
                    sc.path("entry_event").asText(), pl.path("rr").asDouble(), pl.path("outcome").asText(),
                    new BigDecimal(pl.path("pnl_usd").asText("0")).setScale(2, java.math.RoundingMode.HALF_EVEN)
                            .toPlainString());
        }

        out.println();
        out.println("strands by kind and scope:");
        Map<String, Integer> byScope = new TreeMap<>();
        for (String kind : List.of("engine_transition", "pm_execution", "position_closed")) {
            for (Strand s : strands.byKind(kind, 0, 1_000_000)) {
                byScope.merge(String.format(Locale.ROOT, "%-18s %s", kind, venue(s)), 1, Integer::sum);
            }
        }
        byScope.forEach((k, v) -> out.printf(Locale.ROOT, "  %-40s %6d%n", k, v));

        out.println();
        List<Lesson> lessons = pm.learning().lessons();
        List<Lesson> shown = lessons.stream().filter(l -> l.subset().size() == 0 || l.multiplier().isPresent())
                .toList();
        out.printf(Locale.ROOT, "lessons: %d across every scope subset; per book and pattern, and every one with a "
                + "multiplier (n ≥ 12):%n", lessons.size());
        for (Lesson l : shown) {
            out.println("  " + l.line());
        }

        boolean apart = scopesApart(positions, closed, lessons);
        out.println();
        out.printf(Locale.ROOT, "check: %d trades closed (%s) in %d simulated minutes, %.1f s; hyperliquid and "
                + "solana scopes stayed apart: %s%n", closed.size(), byVenue, simMinutes, wallNs / 1e9,
                apart ? "OK" : "FAILED");
        out.flush();
        return new Outcome(closed.size(), byVenue, apart, simMinutes);
    }

    /**
     * Every closed-trade strand carries the chain and book of the position it came from, and every lesson's
     * (book_id, token_chain) counts exactly the trades closed in that venue and book.
     */
    static boolean scopesApart(Positions positions, List<Strand> closed, List<Lesson> lessons) {
        Map<String, Integer> tradesByVenue = new HashMap<>();
        for (Strand s : closed) {
            long id = s.payload().path("position_id").asLong();
            Position p = positions.find(id).orElse(null);
            String venue = venue(s);
            if (p == null || !venue.equals(p.tokenChain() + "/" + p.bookId())) {
                return false;
            }
            tradesByVenue.merge(venue, 1, Integer::sum);
        }
        for (Lesson l : lessons) {
            if (l.subset().size() == 0 && l.n() > tradesByVenue.getOrDefault(l.tokenChain() + "/" + l.bookId(), 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The lockstep's check that the stored 1m bars are complete: the ingested bars of the majors and of every
     * Hyperliquid position against the simulator's own candles, which are what the wire carried.
     */
    static final class BarCheck {
        private final HlSimulator sim;
        private final PriceDataReader reader;
        /** Stored name → simulator coin, per table. */
        private final Map<String, String> majors = new TreeMap<>();
        private final Map<String, String> traded = new TreeMap<>();
        private String lastMismatch = "";

        BarCheck(HlSimulator sim, PriceDataReader reader, Positions positions) {
            this.sim = sim;
            this.reader = reader;
            Map<String, String> apiCoin = new HashMap<>();
            for (SimAsset a : sim.market().assets()) {
                apiCoin.put(a.name(), a.apiCoin());
            }
            for (String m : MAJORS) {
                majors.put(m, apiCoin.get(m));
            }
            for (Position p : positions.byTimeframe(TF)) {
                if (p.tokenChain().equals(PriceTable.HYPERLIQUID_CHAIN)) {
                    traded.put(p.tokenContract(), apiCoin.get(p.tokenContract()));
                }
            }
        }

        /**
         * Flushes the ingest until every 1m bar opening in {@code [fromMs, closeMs)}, and the regime's bars, are stored
         * as the simulator printed them; false if that has not happened after 10 s (the reason is in {@link #lastMismatch()}).
         */
        boolean complete(IngestService ingest, long fromMs, long closeMs) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                String miss = ingest.flushNow(5_000) ? firstMismatch(fromMs, closeMs)
                        : "the ingest did not flush within 5 s";
                if (miss == null) {
                    miss = firstRegimeMismatch(fromMs, closeMs);
                }
                if (miss == null) {
                    return true;
                }
                lastMismatch = miss;
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
        }

        String lastMismatch() {
            return lastMismatch;
        }

        private String firstMismatch(long fromMs, long closeMs) {
            for (Map.Entry<String, String> e : majors.entrySet()) {
                String miss = compare(e.getKey(), reader.majorBars(e.getKey(), TF, fromMs, closeMs),
                        sim.market().candles(e.getValue(), TF, fromMs, closeMs));
                if (miss != null) {
                    return miss;
                }
            }
            for (Map.Entry<String, String> e : traded.entrySet()) {
                String miss = compare(e.getKey(), reader.bars(e.getKey(), PriceTable.HYPERLIQUID_CHAIN, TF, fromMs,
                        closeMs), sim.market().candles(e.getValue(), TF, fromMs, closeMs));
                if (miss != null) {
                    return miss;
                }
            }
            return null;
        }

        /**
         * The majors' closed 1h and 1d bars the regime drivers read (all of them at the first tick, the last two
         * after): each must be stored as the simulator printed it. One the stream could not vouch for (a reconnect
         * inside it) is stored only by its repair, 10 s after its close; until then this check fails and says so.
         */
        private String firstRegimeMismatch(long fromMs, long closeMs) {
            for (Timeframe tf : List.of(Timeframe.H1, Timeframe.D1)) {
                long to = tf.floor(closeMs);
                long from = Math.max(tf.floor(HISTORY_FROM_MS), Math.min(tf.floor(fromMs), to - 2 * tf.durationMs()));
                for (Map.Entry<String, String> e : majors.entrySet()) {
                    String miss = compare(e.getKey() + " " + tf.label(), reader.majorBars(e.getKey(), tf, from, to),
                            sim.market().candles(e.getValue(), tf, from, to));
                    if (miss != null) {
                        return miss;
                    }
                }
            }
            return null;
        }

        private static String compare(String token, List<Bar> stored, List<Bar> truth) {
            Map<Long, Bar> byOpen = new HashMap<>();
            for (Bar b : stored) {
                byOpen.put(b.openTimeMs(), b);
            }
            for (Bar t : truth) {
                Bar b = byOpen.get(t.openTimeMs());
                if (b == null || !b.samePrices(t)) {
                    return "bar " + token + " " + java.time.Instant.ofEpochMilli(t.openTimeMs()) + " is "
                            + (b == null ? "missing" : "stored as " + b + ", simulator printed " + t);
                }
            }
            return null;
        }
    }

    /** A DexScreener-like source for the Solana book: closed 1m candles of chosen simulated coins, under mints. */
    static final class SolanaFeed {
        private final HlSimulator sim;
        private final PriceBars bars;
        private final Map<String, String> coinByMint;
        private final Map<String, Long> lastOpen = new HashMap<>();

        SolanaFeed(HlSimulator sim, PriceBars bars, Map<String, String> coinByMint) {
            this.sim = sim;
            this.bars = bars;
            this.coinByMint = Map.copyOf(coinByMint);
        }

        /** Copies the candles that closed by {@code closeMs} and were not copied yet (the first call backfills from
         * {@link #HISTORY_FROM_MS}). */
        synchronized void poll(long closeMs) {
            for (Map.Entry<String, String> e : coinByMint.entrySet()) {
                long from = lastOpen.getOrDefault(e.getKey(), HISTORY_FROM_MS - 1) + 1;
                List<Bar> fresh = new ArrayList<>();
                for (Bar b : sim.market().candles(e.getValue(), TF, from, closeMs)) {
                    if (b.openTimeMs() + TF.durationMs() <= closeMs) {
                        fresh.add(new Bar(e.getKey(), "solana", TF, b.openTimeMs(), b.open(), b.high(), b.low(),
                                b.close(), b.volume(), 0));
                    }
                }
                if (!fresh.isEmpty()) {
                    bars.upsert(PriceTable.LOWCAP, "solana", fresh);
                    lastOpen.put(e.getKey(), fresh.get(fresh.size() - 1).openTimeMs());
                }
            }
        }
    }
}
