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
import java.util.concurrent.atomic.AtomicLong;
import lotus.app.ConfigLoader;
import lotus.app.LotusConfig;
import lotus.app.PmAssembly;
import lotus.app.Scheduler;
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
import lotus.store.Position;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.store.Strand;
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

    /**
     * @param everyBookBuys also wait until each of the three books has bought at least once (for the end-to-end test)
     */
    record Options(long seed, double speed, int targetTrades, long maxSimMinutes, long maxWallSeconds, Path dbFile,
            boolean everyBookBuys) {
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
        SimulatedClock clock = SimulatedClock.accelerated(START_MS, options.speed());
        SimConfig simConfig = SimConfig.defaults(options.seed()).withHistoryMinutes(3_000).withTradesPerSecond(20)
                .withExtraPerps(EXTRA_PERPS);
        try (HlSimulator sim = HlSimulator.start(simConfig, clock, 0);
                Database db = Database.open("jdbc:sqlite:" + options.dbFile(), 8)) {
            db.migrate();
            Positions positions = new Positions(db, clock);
            Map<String, String> solanaSources = addPositions(sim, positions);
            out.printf(Locale.ROOT, "demo: simulator on %s (seed %d), clock x%.0f, database %s%n", sim.restUrl(),
                    options.seed(), options.speed(), options.dbFile());
            out.printf(Locale.ROOT, "demo: %d watchlist positions on 1m: %s%n", positions.byTimeframe(TF).size(),
                    venues(positions.byTimeframe(TF)));
            out.flush();
            SolanaFeed solana = new SolanaFeed(sim, new PriceBars(db), solanaSources);
            solana.poll(TF.floor(clock.nowMs()));

            IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                    .withIngest(IngestConfig.defaults().withBackfillBars(BACKFILL_BARS))
                    .withStream(StreamConfig.hyperliquid().forClockSpeed(options.speed()));
            LotusConfig config = ConfigLoader.load(null, Map.of("HL_NETWORK", "local", "HL_REST_URL", sim.restUrl(),
                    "HL_WS_URL", sim.wsUrl())).config();
            AtomicLong ticks = new AtomicLong();
            AtomicLong decisions = new AtomicLong();
            try (IngestService ingest = IngestService.start(db, clock, settings);
                    PmAssembly pm = PmAssembly.build(config, db, clock, true)) {
                waitForBackfill(db, positions, clock);
                Strands strands = new Strands(db, clock);
                try (Scheduler scheduler = new Scheduler(clock, config.pm().settle(), (tf, close) -> {
                    solana.poll(close);
                    TickReport r = pm.runTick(tf, close, clock.nowMs());
                    ticks.incrementAndGet();
                    decisions.addAndGet(r.decisions());
                })) {
                    scheduler.start(Set.of(TF));
                    long simStart = clock.nowMs();
                    long nextStatus = 0;
                    int closed = 0;
                    while (true) {
                        closed = strands.byKind("position_closed", 0, 10_000).size();
                        long simMinutes = (clock.nowMs() - simStart) / 60_000;
                        long wall = (System.nanoTime() - wallStart) / 1_000_000_000L;
                        if (System.nanoTime() >= nextStatus) {
                            out.printf(Locale.ROOT, "  %s  %4d sim min | ticks %d | decisions %d | trades closed %d"
                                    + " of %d | %s%n", clock.now(), simMinutes, ticks.get(), decisions.get(), closed,
                                    options.targetTrades(), shortIngest(ingest));
                            out.flush();
                            nextStatus = System.nanoTime() + 5_000_000_000L;
                        }
                        boolean done = closed >= options.targetTrades()
                                && (!options.everyBookBuys() || booksThatBought(strands) == 3);
                        if (done || simMinutes >= options.maxSimMinutes() || wall >= options.maxWallSeconds()) {
                            break;
                        }
                        Thread.sleep(100);
                    }
                }
                pm.learning().catchUp();
                return summarise(db, clock, pm, strands, (clock.nowMs() - START_MS) / 60_000,
                        System.nanoTime() - wallStart);
            }
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

    private void waitForBackfill(Database db, Positions positions, SimulatedClock clock) throws InterruptedException {
        PriceDataReader reader = new PriceDataReader(db);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            int ready = 0;
            List<Position> all = positions.byTimeframe(TF);
            for (Position p : all) {
                if (reader.count(p.tokenContract(), p.tokenChain(), TF) >= BACKFILL_BARS - 5) {
                    ready++;
                }
            }
            if (ready == all.size()) {
                out.printf(Locale.ROOT, "demo: every position has its %d bars of history at %s%n", BACKFILL_BARS, clock.now());
                out.flush();
                return;
            }
            Thread.sleep(200);
        }
        out.println("demo: backfill incomplete after 60 s; positions short of bars stay dormant");
    }

    /** How many venue books have a filled entry or add among the PM's executions. */
    static int booksThatBought(Strands strands) {
        Set<String> books = new java.util.HashSet<>();
        for (Strand s : strands.byKind("pm_execution", 0, 1_000_000)) {
            JsonNode p = s.payload();
            if (p.path("status").asText().equals("filled") && p.path("decision_type").asText().matches("entry|add")) {
                books.add(s.scope().path("token_chain").asText() + "/" + s.scope().path("book_id").asText());
            }
        }
        return books.size();
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
            String venue = sc.path("token_chain").asText() + "/" + sc.path("book_id").asText();
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
                byScope.merge(String.format(Locale.ROOT, "%-18s %s/%s", kind, s.scope().path("token_chain").asText(),
                        s.scope().path("book_id").asText()), 1, Integer::sum);
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
            String venue = s.scope().path("token_chain").asText() + "/" + s.scope().path("book_id").asText();
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

        /** Copies the candles that closed by {@code closeMs} and were not copied yet (the first call backfills). */
        synchronized void poll(long closeMs) {
            for (Map.Entry<String, String> e : coinByMint.entrySet()) {
                long from = lastOpen.getOrDefault(e.getKey(), closeMs - (BACKFILL_BARS + 1) * TF.durationMs() - 1) + 1;
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
