package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lotus.exec.PaperExecutor;
import lotus.market.Bar;
import lotus.pm.ActionPlanner;
import lotus.pm.LearningMultipliers;
import lotus.pm.LeveragePolicy;
import lotus.pm.PmCoreTick;
import lotus.pm.PmModule;
import lotus.pm.Position;
import lotus.pm.PositionReport;
import lotus.pm.PositionStatus;
import lotus.pm.RegimeFeed;
import lotus.pm.TickReport;
import lotus.pm.Venue;
import lotus.risk.OrderRequest;
import lotus.risk.RiskControls;
import lotus.risk.RiskGate;
import lotus.risk.RiskLimits;
import lotus.store.Database;
import lotus.store.MemoryPositionLedger;
import lotus.store.MemoryPriceHistory;
import lotus.store.NewPosition;
import lotus.store.PositionJson;
import lotus.store.Positions;
import lotus.store.PriceTable;
import lotus.store.TestDatabases;
import lotus.store.TradingStates;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import lotus.web.ApiServer;
import lotus.web.ApiSources;
import lotus.web.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} over a real socket: Prometheus text that {@code promtool check metrics} accepts, whose counters
 * move by exactly what real ticks, a real risk gate and the REST budget did, and whose book gauges say what the
 * database holds.
 */
class MetricsEndpointTest {

    private static final long T0 = 1_767_268_800_000L; // 2026-01-01T12:00:00Z
    private static final Timeframe TF = Timeframe.H1;
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @TempDir
    Path dir;

    private Database db;
    private SimulatedClock clock;
    private ApiServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        clock = SimulatedClock.manual(T0);
        ApiSources sources = new ApiSources(db, clock, ApiSources.Mode.DRY_RUN, new BigDecimal("10000"),
                RiskLimits.defaults(), Optional.empty());
        server = ApiServer.start(ApiServer.Settings.loopback(0), sources,
                Metrics.start(db, clock, new BigDecimal("10000")));
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
        TestDatabases.dispose(db);
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return r.body();
    }

    /** Each sample line as series → value: {@code name{label="v",...}} exactly as written. */
    private static Map<String, Double> samples(String body) {
        Map<String, Double> out = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    /** {@code promtool check metrics} on the body: exit 0 and nothing to say. */
    private static void promtoolAccepts(String body) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed at " + PROMTOOL);
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("promtool check metrics said: %s", said).isZero();
    }

    @Test
    void isPrometheusTextWithTheJvmTheBooksAndEveryLimitAtZero() throws Exception {
        String body = scrape();
        promtoolAccepts(body);
        Map<String, Double> s = samples(body);
        assertThat(s).containsKeys("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}",
                "process_uptime_seconds", "system_cpus", "jvm_threads_live_threads");
        assertThat(s).containsEntry("lotus_trading_state{scope=\"global\",state=\"active\"}", 1.0)
                .containsEntry("lotus_trading_state{scope=\"perps\",state=\"halted\"}", 0.0);
    }

    @Test
    void isAReadLikeTheApisOpenToThisMachineAndRefusedToAnotherName() throws Exception {
        assertThat(rawGet("127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
        // DNS rebinding: a page whose name points at 127.0.0.1 must not read the books' equity either.
        assertThat(rawGet("evil.example:" + server.port())).startsWith("HTTP/1.1 403");
    }

    /** GET /metrics with a Host header of our choosing (java.net.http will not send one), over a plain socket. */
    private String rawGet(String host) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void countersMoveByExactlyWhatTheTicksTheGateAndTheBudgetDid() throws Exception {
        RiskGate gate = new RiskGate(RiskLimits.defaults(), new TradingStates(db, clock), new Positions(db, clock),
                clock, new BigDecimal("10000"));
        RateBudget weight = PmAssembly.restBudget(clock);
        ProcessMeters.bindGate(server.metrics().registry(), gate);
        ProcessMeters.bindBudget(server.metrics().registry(), weight);
        TickMeters ticks = new TickMeters(server.metrics().registry());

        Map<String, Double> before = samples(scrape());
        assertThat(before).containsEntry("lotus_risk_refusals_total{limit=\"trading_state\"}", 0.0)
                .containsEntry("lotus_rest_weight_used{budget=\"hyperliquid-rest\"}", 0.0)
                .containsEntry("lotus_rest_weight_limit{budget=\"hyperliquid-rest\"}", 1100.0)
                .doesNotContainKey("lotus_tick_duration_seconds_count{timeframe=\"1h\"}");

        List<TickReport> reports = replay();
        reports.forEach(ticks::record);
        assertThat(weight.trySpend(20)).isTrue();
        new RiskControls(new TradingStates(db, clock), new Positions(db, clock), clock).halt("perps", "test");
        assertThat(gate.check(new OrderRequest("hyperliquid", "perps", "BTC", 1L, true, "entry", BigDecimal.TEN,
                false, BigDecimal.ZERO)).kind()).isEqualTo("trading_state");
        lossToday();

        String body = scrape();
        promtoolAccepts(body);
        Map<String, Double> after = samples(body);
        // The naive reference: the same figures counted from the reports.
        Map<String, Double> expected = new HashMap<>();
        for (TickReport r : reports) {
            for (PositionReport p : r.positions()) {
                if (p.decision() != null) {
                    expected.merge("lotus_decisions_total{type=\"" + p.decision().type().label() + "\"}", 1.0,
                            Double::sum);
                }
                if (p.execution() != null) {
                    expected.merge("lotus_orders_total{book=\"spot\",outcome=\""
                            + p.execution().status().name().toLowerCase(java.util.Locale.ROOT)
                            + "\",venue=\"hyperliquid\"}", 1.0, Double::sum);
                    if (p.execution().filledAnything()) {
                        expected.merge("lotus_fills_total{book=\"spot\",side=\"" + (p.execution().buy() ? "buy"
                                : "sell") + "\",venue=\"hyperliquid\"}", 1.0, Double::sum);
                    }
                }
            }
        }
        assertThat(expected).containsKey("lotus_decisions_total{type=\"entry\"}");
        assertThat(expected).containsKey("lotus_fills_total{book=\"spot\",side=\"buy\",venue=\"hyperliquid\"}");
        expected.forEach((series, n) -> assertThat(after).containsEntry(series, n));
        assertThat(after).containsEntry("lotus_tick_duration_seconds_count{timeframe=\"1h\"}",
                (double) reports.size())
                .containsEntry("lotus_risk_refusals_total{limit=\"trading_state\"}", 1.0)
                .containsEntry("lotus_risk_refusals_total{limit=\"daily_loss_stop_usd\"}", 0.0)
                .containsEntry("lotus_rest_weight_used{budget=\"hyperliquid-rest\"}", 20.0)
                .containsEntry("lotus_rest_weight_spent_total{budget=\"hyperliquid-rest\"}", 20.0)
                .containsEntry("lotus_trading_state{scope=\"perps\",state=\"halted\"}", 1.0)
                .containsEntry("lotus_trading_state{scope=\"perps\",state=\"active\"}", 0.0)
                .containsEntry("lotus_book_pnl_today_usd{book=\"perps\"}", -150.0)
                .containsEntry("lotus_book_equity_usd{book=\"perps\"}", 9850.0);
    }

    /** A perps trade closed an hour ago at a loss of 150 USD. */
    private void lossToday() {
        Positions positions = new Positions(db, clock);
        Position p = positions.insert(new NewPosition("BTC", "hyperliquid", "BTC", TF, "perps", new BigDecimal("6"),
                BigDecimal.ZERO));
        ArrayNode completed = JsonNodeFactory.instance.arrayNode();
        completed.addObject().put("trade_id", "t1").put("closed_at_ms", T0 - 3_600_000L).put("pnl_usd", "-150");
        positions.update(p.withHoldings(PositionStatus.WATCHLIST, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, null).withRecords(null, p.features(),
                        PositionJson.completedTrades(completed)));
    }

    /** A seeded walk through a real PmCoreTick and paper executor, on time, until it has bought and sold. */
    private static List<TickReport> replay() {
        for (long seed = 1; seed <= 40; seed++) {
            List<Bar> bars = BacktestTest.cycles("AAA", seed, TF, T0 - 3000 * TF.durationMs(), 3000);
            MemoryPriceHistory prices = new MemoryPriceHistory();
            prices.put(PriceTable.HYPERLIQUID, bars);
            SimulatedClock c = SimulatedClock.manual(bars.getFirst().openTimeMs());
            MemoryPositionLedger ledger = new MemoryPositionLedger(c);
            ledger.insert(new NewPosition("AAA", "hyperliquid", "AAA", TF, "spot", new BigDecimal("6"),
                    BigDecimal.ZERO));
            PmModule module = new PmModule(new Venue("hyperliquid", "spot"), new PaperExecutor(prices, c),
                    new ActionPlanner(LearningMultipliers.NONE, LeveragePolicy.SPOT), new BigDecimal("10000"),
                    q -> 0, prices, ledger);
            List<TickReport> reports = new java.util.ArrayList<>();
            try (PmCoreTick tick = new PmCoreTick(ledger, List.of(module), new RegimeFeed(prices), 0)) {
                for (Bar b : bars) {
                    long close = b.openTimeMs() + TF.durationMs();
                    c.setMs(close + 2_000);
                    reports.add(tick.run(TF, close, close + 2_000));
                }
            }
            boolean bought = reports.stream().flatMap(r -> r.positions().stream())
                    .anyMatch(p -> p.execution() != null && p.execution().buy() && p.execution().filledAnything());
            if (bought) {
                return reports;
            }
        }
        throw new AssertionError("no seed from 1 to 40 bought");
    }
}
