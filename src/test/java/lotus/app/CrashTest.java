package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.exec.HyperliquidExecutor;
import lotus.pm.OrderTicket;
import lotus.time.RateBudget;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.market.Bar;
import lotus.pm.ExitScenario;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import lotus.store.Orders;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The order path killed for real: {@code lotus tick} runs live, as its own JVM, against the simulator with an agent
 * key, and dies at each point of the money path (the JVM halts there, as under {@code kill -9}: no shutdown hook, no
 * flush); then a second process starts, reconciles and ticks. Each position must exit at most once (no cloid reaches
 * the venue twice), every journal row must end settled, and the book must hold what the venue holds.
 *
 * <p>{@code -Dlotus.crash.runs=N} repeats each point N times (default 1, to keep the suite fast; the figures in the notes come from more).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class CrashTest {

    private static final String MASTER_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String AGENT_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    private static final Timeframe TF = Timeframe.H1;
    private static final int BARS = 400;
    private static final int RUNS = Integer.getInteger("lotus.crash.runs", 1);

    /** Where the first process dies; {@code failPoint} null when the venue's answer is what fails. */
    enum Point {
        AFTER_JOURNAL("after_journal", false),
        AFTER_SEND("after_send", true),
        DURING_FILL_WRITE("during_fill_write", true),
        FIVE_XX_AFTER_FILL(null, true);

        final String failPoint;
        final boolean reachesVenue;

        Point(String failPoint, boolean reachesVenue) {
            this.failPoint = failPoint;
            this.reachesVenue = reachesVenue;
        }
    }

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    private HlSimulator sim;
    private HlInfoClient info;
    private HyperliquidExecutor opener;
    private String master;
    private ChildDatabases databases;

    @BeforeEach
    void start() {
        if (kind == TestDatabases.Kind.POSTGRESQL) {
            TestDatabases.postgresUrl(); // skips (or fails in CI) without PostgreSQL
        }
        databases = new ChildDatabases(kind, dir);
        sim = HlSimulator.start(SimConfig.defaults(31).withTradesPerSecond(20).withKeepTrades(false), Clock.system(),
                0);
        master = Signer.fromPrivateKey(MASTER_KEY).address();
        sim.exchange().fundUsdc(master, new BigDecimal("1000000"));
        sim.exchange().approveAgent(Signer.fromPrivateKey(AGENT_KEY).address(), master);
        RateBudget weight = new RateBudget("crash-test", 1200, Clock.system());
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), weight, Clock.system());
        HlExchangeClient exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(AGENT_KEY),
                false, new NonceAllocator(Clock.system()), weight, null);
        opener = new HyperliquidExecutor(info.assetCatalog(), info, exchange, master,
                HyperliquidExecutor.Settings.dryRun().withLive(true));
    }

    @AfterEach
    void stop() {
        if (databases != null) {
            databases.close();
        }
        if (info != null) {
            info.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void everyCrashPointSettlesEachOrderOnceAndTheBookEndsAtTheVenuesPosition() throws Exception {
        List<SimAsset> perps = sim.market().assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP)
                .filter(a -> !List.of("BTC", "ETH", "BNB", "SOL", "HYPE").contains(a.apiCoin())).toList();
        int runs = 0;
        int duplicates = 0;
        int drifts = 0;
        int coin = 0;
        for (Point point : Point.values()) {
            for (int run = 0; run < RUNS; run++) {
                Outcome o = crashAndRestart(point, perps.get(coin++ % perps.size()), run);
                runs++;
                duplicates += o.duplicates();
                drifts += o.drift() ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "crash test (%s): %d runs over %d points, %d duplicates, %d drifts%n",
                kind, runs, Point.values().length, duplicates, drifts);
        assertThat(duplicates).isZero();
        assertThat(drifts).isZero();
    }

    private record Outcome(int duplicates, boolean drift) {
    }

    @Test
    void lotusRunKilledAfterItsExitReachedTheVenueSettlesItOnceWhenRunAgain() throws Exception {
        SimAsset asset = sim.market().assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP)
                .filter(a -> !List.of("BTC", "ETH", "BNB", "SOL", "HYPE").contains(a.apiCoin())).findFirst()
                .orElseThrow();
        Database db = databases.open("run");
        Positions positions = new Positions(db, Clock.system());
        ExecutionResult opened = opener.execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("60"),
                List.of(), 0), flat(asset.name()), new OrderTicket(OrderTicket.cloid(-2, 0, DecisionType.ENTRY, 0),
                        (venue, request) -> { }));
        long t0 = TF.floor(System.currentTimeMillis()) - BARS * TF.durationMs();
        Position p = ExitScenario.holding(db, positions, asset.name(), "hyperliquid", "perps",
                ExitScenario.decline(asset.name(), "hyperliquid", TF, t0, BARS, 50), opened.filledSize());
        Path config = config("run", db);
        Map<String, String> env = Map.of("HL_PRIVATE_KEY", AGENT_KEY);

        // The catch-up tick at start exits the position; the process dies the moment the venue has the order.
        ChildLotus.Ran first = ChildLotus.run(dir.resolve("run-first.log"), "after_send", env, "--config",
                config.toString(), "run", "--status-every", "3600");
        assertThat(first.exitCode()).as(first.output()).isEqualTo(137);
        assertNoSecret(first.output(), "run-first");
        Orders journal = new Orders(db, Clock.system());
        assertThat(journal.open()).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(OrderStatus.SENT));
        assertThat(sim.exchange().position(master, asset.apiCoin()).map(x -> x.szi().signum()).orElse(0)).isZero();

        // Run again: it reconciles before anything else, applies the fill once, then runs until stopped.
        Path log = dir.resolve("run-again.log");
        Process again = ChildLotus.start(log, null, env, "--config", config.toString(), "run", "--status-every",
                "3600");
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(log).contains("run: LIVE TRADING") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(log)).contains("run: LIVE TRADING");
            // The operator's server runs inside lotus run, and says the process trades live.
            java.util.regex.Matcher api = java.util.regex.Pattern.compile("run: operator API on (\\S+)\\R")
                    .matcher(Files.readString(log));
            assertThat(api.find()).as(Files.readString(log)).isTrue();
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                String status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.group(1)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertThat(status).contains("\"mode\":\"live\"");
            }
        } finally {
            again.destroy(); // SIGTERM: the shutdown hook stops ticks, then the ingest
            again.waitFor(60, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertNoSecret(output, "run-again");
        assertThat(output).contains("LIVE TRADING on Hyperliquid local");
        assertThat(journal.open()).isEmpty();
        JournalEntry row = journal.inStatus(java.util.EnumSet.allOf(OrderStatus.class)).get(0);
        assertThat(row.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(sim.exchange().cloidSubmissions().get(row.cloid())).isEqualTo(1);
        Position after = positions.find(p.id()).orElseThrow();
        assertThat(after.quantity()).isZero();
        assertThat(after.completedTrades()).hasSize(1);
    }

    private Outcome crashAndRestart(Point point, SimAsset asset, int run) throws Exception {
        String label = point.name().toLowerCase(Locale.ROOT) + "-" + run;
        Database db = databases.open(label);
        Positions positions = new Positions(db, Clock.system());
        // A venue position, and the book's row holding the same, which the PM must exit at its next tick.
        ExecutionResult opened = opener.execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("60"),
                List.of(), 0), flat(asset.name()), new OrderTicket(OrderTicket.cloid(-1, run, DecisionType.ENTRY,
                        point.ordinal()), (venue, request) -> { }));
        assertThat(opened.status()).as(opened.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        long now = System.currentTimeMillis();
        long t0 = TF.floor(now) - BARS * TF.durationMs();
        List<Bar> bars = ExitScenario.decline(asset.name(), "hyperliquid", TF, t0, BARS, 50);
        Position p = ExitScenario.holding(db, positions, asset.name(), "hyperliquid", "perps", bars,
                opened.filledSize());
        Path config = config(label, db);

        if (point == Point.FIVE_XX_AFTER_FILL) {
            sim.faults().fail5xxAfterFill(1);
        }
        int first = lotusTick(config, point.failPoint, label + "-first");
        if (point.failPoint != null) {
            assertThat(first).as("the first process dies at " + point.failPoint).isEqualTo(137);
        }
        if (point == Point.AFTER_JOURNAL) {
            // The unsent order's expiry must pass before anyone may call it never placed; a restart sooner keeps the
            // position blocked (as it should), and this test wants the settled end.
            Thread.sleep(5_500);
        }
        int second = lotusTick(config, null, label + "-restart");
        assertThat(second).as("the restarted process").isZero();

        Orders journal = new Orders(db, Clock.system());
        List<JournalEntry> rows = journal.inStatus(java.util.EnumSet.allOf(OrderStatus.class));
        assertThat(journal.open()).as("every journal row settled").isEmpty();
        Map<String, Integer> submitted = sim.exchange().cloidSubmissions();
        int duplicates = 0;
        for (JournalEntry e : rows) {
            int times = submitted.getOrDefault(e.cloid(), 0);
            duplicates += Math.max(0, times - 1);
        }
        long filledRows = rows.stream().filter(e -> e.status() == OrderStatus.FILLED).count();
        duplicates += (int) Math.max(0, filledRows - 1); // one decision, one fill
        Position after = positions.find(p.id()).orElseThrow();
        BigDecimal venue = sim.exchange().position(master, asset.apiCoin()).map(x -> x.szi().abs())
                .orElse(BigDecimal.ZERO);
        boolean drift = after.quantity().compareTo(venue) != 0;
        assertThat(rows).as(label).hasSize(1);
        if (point.reachesVenue) {
            assertThat(rows.get(0).status()).as(label).isEqualTo(OrderStatus.FILLED);
            assertThat(submitted.get(rows.get(0).cloid())).as(label).isEqualTo(1);
            assertThat(after.quantity()).as(label).isZero();
            assertThat(after.status()).as(label).isEqualTo(PositionStatus.WATCHLIST);
            assertThat(after.completedTrades()).as(label).hasSize(1);
        } else {
            assertThat(rows.get(0).status()).as(label).isEqualTo(OrderStatus.CANCELLED);
            assertThat(submitted.getOrDefault(rows.get(0).cloid(), 0)).as(label).isZero();
            assertThat(after.quantity()).as(label).isEqualByComparingTo(opened.filledSize());
        }
        assertThat((after.features().pendingOrder() != null)).as(label).isFalse();
        return new Outcome(duplicates, drift);
    }

    private Path config(String label, Database db) throws IOException {
        Path file = dir.resolve(label + ".yaml");
        Files.writeString(file, String.join("\n",
                "db:",
                "  url: \"" + databases.childUrl(label) + "\"",
                "  pool_size: 2",
                "hyperliquid:",
                "  network: local",
                "  rest_url: \"" + sim.restUrl() + "\"",
                "  ws_url: \"" + sim.wsUrl() + "\"",
                "  account_address: \"" + master + "\"",
                "execution:",
                "  live: true",
                "risk:",
                // Orders expire at the venue 5 s after they are signed (the shortest Lotus allows): an order the venue
                // has not seen by then never will be.
                "  unknown_order_grace_ms: 5000",
                // lotus run's operator server on a free port: never two tests' processes on 8787.
                "server:",
                "  port: 0",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    /** {@code lotus tick --timeframe 1h} live in its own JVM; its exit code (137 when a fail point halted it). */
    private int lotusTick(Path config, String failPoint, String label) throws Exception {
        ChildLotus.Ran ran = ChildLotus.run(dir.resolve(label + ".log"), failPoint, Map.of("HL_PRIVATE_KEY", AGENT_KEY),
                "--config", config.toString(), "tick", "--timeframe", TF.label());
        assertNoSecret(ran.output(), label);
        if (ran.exitCode() != 0 && ran.exitCode() != 137) {
            throw new AssertionError("lotus tick (" + label + ") exited " + ran.exitCode() + "; its output: "
                    + ran.output());
        }
        return ran.exitCode();
    }

    /** Neither the key nor any 16 characters of it, nor the database password, in anything the process wrote. */
    private static void assertNoSecret(String output, String label) {
        String text = output.toLowerCase(Locale.ROOT);
        String key = AGENT_KEY.substring(2);
        for (int i = 0; i + 16 <= key.length(); i++) {
            assertThat(text).as("%s: 16 characters of the key at %d", label, i).doesNotContain(key.substring(i, i + 16));
        }
        assertThat(output).as(label).doesNotContain(ChildDatabases.PASSWORD);
    }

    private static Position flat(String token) {
        return Position.watching(0, token, "hyperliquid", token, TF, "perps", BigDecimal.ONE, BigDecimal.ZERO, 0);
    }
}
