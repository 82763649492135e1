package lotus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import lotus.learning.LearningSystem;
import lotus.market.Bar;
import lotus.pm.Ae;
import lotus.pm.AeCalculator;
import lotus.pm.OrderStatus;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.pm.Regime;
import lotus.pm.RegimeFeed;
import lotus.pm.TradeClosure;
import lotus.risk.RiskLimits;
import lotus.store.ClosedTradeStrands;
import lotus.store.Database;
import lotus.store.EquityHistory;
import lotus.store.LearningTables;
import lotus.store.NewPosition;
import lotus.store.Orders;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.store.Strands;
import lotus.store.TestDatabases;
import lotus.store.TradingState;
import lotus.store.TradingStates;
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
 * The JSON API over a real socket on a seeded SQLite or PostgreSQL database: every endpoint answers with the rows
 * stored, and writes obey the token and the origin rule and are recorded with who and why.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-01-05T12:00:00Z. */
    private static final long NOW = 1_767_614_400_000L;
    private static final long HOUR = 3_600_000L;
    private static final String TOKEN = "test-token-0123456789";

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(NOW);
    private final Clock clock = now::get;
    private Database db;
    private ApiServer server;
    private HttpClient http;
    private Position eth;
    private Position sol;

    @BeforeEach
    void start() {
        db = TestDatabases.open(kind, dir);
        server = ApiServer.start(new ApiServer.Settings("127.0.0.1", 0, Optional.of(TOKEN)),
                new ApiSources(db, clock, ApiSources.Mode.DRY_RUN, new BigDecimal("10000"), RiskLimits.defaults(),
                        Optional.of(() -> "hl: trades 42")));
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
        TestDatabases.dispose(db);
    }

    // ---- seeding -------------------------------------------------------------------------------------------------

    private static final TradeClosure.ClosedTrade ETH_TRADE = new TradeClosure.ClosedTrade("t-eth-1",
            new TradeClosure.Entry(NOW - 5 * HOUR, "S2", "S2.dip_buy"), NOW - HOUR, new BigDecimal("1900.00"),
            new BigDecimal("1950.50"), 0.0265, 0.0245, -0.01, 0.04, 2.65, "big_win", "short", new BigDecimal("500.00"),
            new BigDecimal("512.34"), new BigDecimal("12.34"), new BigDecimal("1.00"), new BigDecimal("11.34"), "trim",
            4);

    private void seedPositions() {
        Positions positions = new Positions(db, clock);
        Position p = positions.insert(new NewPosition("ETH", "hyperliquid", "ETH", Timeframe.H1, "perps",
                new BigDecimal("3"), BigDecimal.ZERO));
        p = p.withHoldings(PositionStatus.ACTIVE, new BigDecimal("0.5"), new BigDecimal("1000.50"), BigDecimal.ZERO,
                new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("2000.25"), "t-eth-2")
                .withFees(new BigDecimal("0.45")).withDust(new BigDecimal("0.00004"));
        eth = positions.update(p.withRecords(null, p.features(), List.of(ETH_TRADE)));
        sol = positions.insert(new NewPosition("SOL", "hyperliquid", "SOL", Timeframe.H1, "spot", new BigDecimal("3"),
                BigDecimal.ZERO));
        List<Bar> bars = new ArrayList<>();
        for (int i = 3; i >= 1; i--) {
            BigDecimal c = new BigDecimal("2000.5").add(BigDecimal.valueOf(i));
            bars.add(new Bar("ETH", "hyperliquid", Timeframe.H1, NOW - i * HOUR, c, c.add(BigDecimal.ONE),
                    c.subtract(BigDecimal.ONE), c, new BigDecimal("12.125"), 3));
        }
        new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid", bars);
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private record Answer(int status, JsonNode body) {
    }

    private Answer get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private Answer post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private TradingState stored(String scope) {
        return new TradingStates(db, clock).current(scope).state();
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    @Test
    void statusShowsTheModeTheDatabaseItsSchemaAndEachBooksState() throws Exception {
        new TradingStates(db, clock).set("perps", TradingState.HALTED, "drift", "operator");
        now.addAndGet(90_000);
        Answer a = get("/api/status");
        assertThat(a.status()).isEqualTo(200);
        JsonNode s = a.body();
        assertThat(s.get("mode").asText()).isEqualTo("dry_run");
        assertThat(s.get("now").asText()).isEqualTo("2026-01-05T12:01:30Z");
        assertThat(s.get("now_ms").asLong()).isEqualTo(NOW + 90_000);
        assertThat(s.get("started_at_ms").asLong()).isEqualTo(NOW);
        assertThat(s.get("uptime_s").asLong()).isEqualTo(90);
        assertThat(s.get("db").get("kind").asText()).isEqualTo(kind.name().toLowerCase());
        String newest = db.status().getLast().version();
        assertThat(s.get("schema").get("current").asText()).isEqualTo(newest);
        assertThat(s.get("schema").get("migrations")).hasSize(db.status().size());
        assertThat(s.get("global").asText()).isEqualTo("active");
        assertThat(s.get("books").toString()).isEqualTo("[{\"book\":\"perps\",\"state\":\"halted\"},"
                + "{\"book\":\"social\",\"state\":\"active\"},{\"book\":\"spot\",\"state\":\"active\"}]");
    }

    @Test
    void positionsAreTheStoredRowsWithMoneyAsDecimalStrings() throws Exception {
        seedPositions();
        Answer a = get("/api/positions");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).hasSize(2);
        JsonNode p = a.body().get(0);
        assertThat(p.get("id").asLong()).isEqualTo(eth.id());
        assertThat(p.get("token_contract").asText()).isEqualTo("ETH");
        assertThat(p.get("token_chain").asText()).isEqualTo("hyperliquid");
        assertThat(p.get("timeframe").asText()).isEqualTo("1h");
        assertThat(p.get("book_id").asText()).isEqualTo("perps");
        assertThat(p.get("status").asText()).isEqualTo("active");
        assertThat(p.get("state").isNull()).isTrue();
        assertThat(p.get("quantity").isTextual()).isTrue();
        assertThat(p.get("quantity").asText()).isEqualTo("0.5");
        assertThat(p.get("dust").asText()).isEqualTo("0.00004");
        assertThat(p.get("avg_entry_price").asText()).isEqualTo("2000.25");
        assertThat(p.get("total_allocation_usd").asText()).isEqualTo("1000.5");
        assertThat(p.get("current_trade_id").asText()).isEqualTo("t-eth-2");
        assertThat(p.get("fees_usd").asText()).isEqualTo("0.45");
        assertThat(p.get("trades_closed").asInt()).isEqualTo(1);
        assertThat(p.get("created_at").asText()).isEqualTo("2026-01-05T12:00:00Z");
        assertThat(p.get("created_at_ms").asLong()).isEqualTo(NOW);
        assertThat(a.body().get(1).get("token_contract").asText()).isEqualTo("SOL");
        assertThat(a.body().get(1).get("status").asText()).isEqualTo("watchlist");
        assertThat(a.body().get(1).get("avg_entry_price").isNull()).isTrue();

        Answer spot = get("/api/positions?book=spot");
        assertThat(spot.body()).hasSize(1);
        assertThat(spot.body().get(0).get("id").asLong()).isEqualTo(sol.id());
    }

    @Test
    void onePositionCarriesItsTradesAndItsNewestBarsOnRequest() throws Exception {
        seedPositions();
        Answer plain = get("/api/positions/" + eth.id());
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.body().has("bars")).isFalse();
        assertThat(plain.body().get("completed_trades").get(0).get("trade_id").asText()).isEqualTo("t-eth-1");

        JsonNode bars = get("/api/positions/" + eth.id() + "?bars=2").body().get("bars");
        assertThat(bars.toString()).isEqualTo("[{\"open_time\":\"2026-01-05T10:00:00Z\",\"open_time_ms\":"
                + (NOW - 2 * HOUR) + ",\"open\":\"2002.5\",\"high\":\"2003.5\",\"low\":\"2001.5\",\"close\":\"2002.5\","
                + "\"volume\":\"12.125\"},{\"open_time\":\"2026-01-05T11:00:00Z\",\"open_time_ms\":" + (NOW - HOUR)
                + ",\"open\":\"2001.5\",\"high\":\"2002.5\",\"low\":\"2000.5\",\"close\":\"2001.5\","
                + "\"volume\":\"12.125\"}]");

        Answer missing = get("/api/positions/999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error").asText()).isEqualTo("no position 999999");
        assertThat(get("/api/positions/" + eth.id() + "?bars=lots").status()).isEqualTo(400);
    }

    @Test
    void decisionsAndTheEngineTimelineComeFromTheStrands() throws Exception {
        seedPositions();
        Strands strands = new Strands(db, clock);
        JsonNode scope = JSON.readTree("{\"book_id\":\"perps\",\"token_chain\":\"hyperliquid\",\"timeframe\":"
                + "\"1h\",\"token_ticker\":\"ETH\"}");
        strands.append("engine_transition", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - 3 * HOUR) + ",\"from\":null,\"to\":\"S1\",\"price\":2003.5}"));
        strands.append("engine_transition", scope, JSON.readTree("{\"position_id\":" + sol.id() + ",\"t\":"
                + (NOW - 3 * HOUR) + ",\"from\":null,\"to\":\"S0\",\"price\":150}"));
        strands.append("pm_execution", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - 2 * HOUR) + ",\"decision_type\":\"entry\",\"entry_event\":\"S1.buy_signal\","
                + "\"status\":\"filled\",\"filled\":\"0.5\",\"avg_price\":\"2002.5\",\"fee_usd\":\"0.4\"}"));
        now.addAndGet(60_000);
        strands.append("pm_execution", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - HOUR) + ",\"decision_type\":\"add\",\"status\":\"refused\",\"filled\":\"0\","
                + "\"fee_usd\":\"0\",\"reason\":\"book halted\"}"));

        JsonNode recent = get("/api/decisions").body();
        assertThat(recent).extracting(d -> d.get("decision_type").asText()).containsExactly("add", "entry");
        assertThat(recent.get(0).get("reason").asText()).isEqualTo("book halted");
        assertThat(recent.get(0).get("book_id").asText()).isEqualTo("perps");
        assertThat(recent.get(0).get("recorded_at_ms").asLong()).isEqualTo(NOW + 60_000);
        assertThat(get("/api/decisions?limit=1").body()).hasSize(1);

        JsonNode p = get("/api/positions/" + eth.id()).body();
        assertThat(p.get("timeline")).singleElement().satisfies(t -> {
            assertThat(t.get("to").asText()).isEqualTo("S1");
            assertThat(t.get("t").asLong()).isEqualTo(NOW - 3 * HOUR);
        });
        assertThat(p.get("decisions")).extracting(d -> d.get("decision_type").asText())
                .containsExactly("entry", "add");
        assertThat(p.get("decisions").get(0).get("avg_price").asText()).isEqualTo("2002.5");
        assertThat(p.get("flags")).isEmpty();
        assertThat(p.get("a").isNull()).isTrue();
        assertThat(p.get("pnl_usd").isNull()).isTrue();
    }

    @Test
    void tradesAreTheClosedTradesOfEveryPosition() throws Exception {
        seedPositions();
        JsonNode t = get("/api/trades").body();
        assertThat(t).hasSize(1);
        JsonNode trade = t.get(0);
        assertThat(trade.get("trade_id").asText()).isEqualTo("t-eth-1");
        assertThat(trade.get("position_id").asLong()).isEqualTo(eth.id());
        assertThat(trade.get("book_id").asText()).isEqualTo("perps");
        assertThat(trade.get("entry_event").asText()).isEqualTo("S2.dip_buy");
        assertThat(trade.get("entry_time").asText()).isEqualTo("2026-01-05T07:00:00Z");
        assertThat(trade.get("exit_time_ms").asLong()).isEqualTo(NOW - HOUR);
        assertThat(trade.get("entry_price").asText()).isEqualTo("1900");
        assertThat(trade.get("exit_price").asText()).isEqualTo("1950.5");
        assertThat(trade.get("allocated_usd").asText()).isEqualTo("500");
        assertThat(trade.get("extracted_usd").asText()).isEqualTo("512.34");
        assertThat(trade.get("pnl_usd").asText()).isEqualTo("12.34");
        assertThat(trade.get("fees_usd").asText()).isEqualTo("1");
        assertThat(trade.get("net_pnl_usd").asText()).isEqualTo("11.34");
        assertThat(trade.get("net_return").asDouble()).isEqualTo(0.0245);
        assertThat(trade.get("rr").asDouble()).isEqualTo(2.65);
        assertThat(trade.get("outcome").asText()).isEqualTo("big_win");
        assertThat(trade.get("closed_by").asText()).isEqualTo("trim");
        assertThat(get("/api/trades?book=spot").body()).isEmpty();
    }

    @Test
    void lessonsAreWhatLearningStored() throws Exception {
        Strands strands = new Strands(db, clock);
        for (double rr : new double[] {1.5, -0.25}) {
            strands.append(LearningSystem.POSITION_CLOSED, JSON.readTree("{\"book_id\":\"perps\",\"token_chain\":"
                    + "\"hyperliquid\",\"timeframe\":\"1h\",\"token_ticker\":\"ETH\",\"entry_state\":\"S2\","
                    + "\"entry_event\":\"S2.dip_buy\"}"), JSON.readTree("{\"trade_id\":\"t" + rr + "\",\"rr\":" + rr
                    + ",\"return\":0.01,\"outcome\":\"small_win\",\"hold_class\":\"short\",\"closed_at_ms\":" + NOW
                    + "}"));
        }
        new LearningSystem(new ClosedTradeStrands(strands), new LearningTables(db)).catchUp();

        JsonNode lessons = get("/api/lessons").body();
        assertThat(lessons.size()).isPositive();
        JsonNode whole = null;
        for (JsonNode l : lessons) {
            if (l.get("subset").isEmpty()) {
                whole = l;
            }
        }
        assertThat(whole).as(lessons.toString()).isNotNull();
        assertThat(whole.get("book_id").asText()).isEqualTo("perps");
        assertThat(whole.get("token_chain").asText()).isEqualTo("hyperliquid");
        assertThat(whole.get("n").asLong()).isEqualTo(2);
        assertThat(whole.get("wins").asLong()).isEqualTo(1);
        assertThat(whole.get("win_rate").asDouble()).isEqualTo(0.5);
        assertThat(whole.get("mean_rr").asDouble()).isEqualTo(0.625);
        assertThat(whole.get("multiplier").isNull()).isTrue();
        assertThat(lessons).anySatisfy(l -> assertThat(l.get("subset").toString())
                .isEqualTo("{\"timeframe\":\"1h\",\"token_ticker\":\"ETH\",\"entry_state\":\"S2\"}"));
    }

    @Test
    void ordersAreTheJournalNewestFirst() throws Exception {
        seedPositions();
        Orders orders = new Orders(db, clock);
        orders.recordIntent("0xc1", "hyperliquid", eth.id(), "buy", JSON.readTree("{\"px\":\"2000.25\"}"));
        orders.settle("0xc1", OrderStatus.FILLED, JSON.readTree("{\"status\":\"ok\"}"),
                JSON.readTree("[{\"px\":\"2000.25\",\"sz\":\"0.5\"}]"));
        now.addAndGet(60_000);
        orders.recordIntent("0xc2", "hyperliquid", eth.id(), "sell", JSON.readTree("{\"px\":\"2100\"}"));

        JsonNode o = get("/api/orders").body();
        assertThat(o).hasSize(2);
        assertThat(o.get(0).get("cloid").asText()).isEqualTo("0xc2");
        assertThat(o.get(0).get("status").asText()).isEqualTo("sent");
        assertThat(o.get(0).get("created_at_ms").asLong()).isEqualTo(NOW + 60_000);
        assertThat(o.get(0).get("response").isNull()).isTrue();
        assertThat(o.get(1).get("cloid").asText()).isEqualTo("0xc1");
        assertThat(o.get(1).get("action").asText()).isEqualTo("buy");
        assertThat(o.get(1).get("status").asText()).isEqualTo("filled");
        assertThat(o.get(1).get("position_id").asLong()).isEqualTo(eth.id());
        assertThat(o.get(1).get("request").toString()).isEqualTo("{\"px\":\"2000.25\"}");
        assertThat(o.get(1).get("fills").toString()).isEqualTo("[{\"px\":\"2000.25\",\"sz\":\"0.5\"}]");
        assertThat(get("/api/orders?limit=1").body()).hasSize(1);
    }

    @Test
    void riskShowsTheStatesEachBooksUsageAndTheLimits() throws Exception {
        seedPositions();
        new TradingStates(db, clock).set("perps", TradingState.REDUCING, "daily loss", "risk_gate");
        JsonNode r = get("/api/risk").body();
        assertThat(r.get("day_start").asText()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(r.get("states").toString()).isEqualTo("[{\"scope\":\"perps\",\"state\":\"reducing\",\"reason\":"
                + "\"daily loss\",\"changed_by\":\"risk_gate\",\"changed_at\":\"2026-01-05T12:00:00Z\","
                + "\"changed_at_ms\":" + NOW + "}]");
        JsonNode perps = r.get("books").get(0);
        assertThat(perps.get("book").asText()).isEqualTo("perps");
        assertThat(perps.get("state").asText()).isEqualTo("reducing");
        assertThat(perps.get("exposure_usd").asText()).isEqualTo("1000.5");
        assertThat(perps.get("open_positions").asInt()).isEqualTo(1);
        // Net of the trade's 1.00 of fees.
        assertThat(perps.get("pnl_today_usd").asText()).isEqualTo("11.34");
        assertThat(perps.get("equity_usd").asText()).isEqualTo("10011.34");
        assertThat(perps.get("peak_usd").isNull()).isTrue();
        assertThat(perps.get("drawdown_pct").asText()).isEqualTo("0");
        assertThat(r.get("books").get(1).get("book").asText()).isEqualTo("spot");
        RiskLimits l = RiskLimits.defaults();
        assertThat(r.get("limits").get("max_order_notional_usd").asText())
                .isEqualTo(l.maxOrderNotionalUsd().stripTrailingZeros().toPlainString());
        assertThat(r.get("limits").get("max_orders_per_minute").asInt()).isEqualTo(l.maxOrdersPerMinute());
        assertThat(r.get("limits").get("live_scale").asText())
                .isEqualTo(l.liveScale().stripTrailingZeros().toPlainString());
    }

    @Test
    void equityIsEachBooksRecordedCurveWithExactMoneyOneBookOrAllARangeAndAtMostNPoints() throws Exception {
        List<EquityHistory.Point> points = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BigDecimal equity = new BigDecimal("10000.10").add(BigDecimal.valueOf(i));
            points.add(new EquityHistory.Point("perps", NOW - (5 - i) * HOUR, equity, new BigDecimal("-1.25"),
                    new BigDecimal("12.340"), new BigDecimal("1000.5")));
            points.add(new EquityHistory.Point("spot", NOW - (5 - i) * HOUR, new BigDecimal("10000"), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO));
        }
        new EquityHistory(db).record(points);

        Answer all = get("/api/equity");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("from").isNull()).isTrue();
        assertThat(all.body().get("max_points").asInt()).isEqualTo(ApiServer.EQUITY_POINTS);
        assertThat(all.body().get("books")).extracting(b -> b.get("book").asText()).containsExactly("perps", "spot");
        JsonNode perps = all.body().get("books").get(0).get("points");
        assertThat(perps).hasSize(5);
        assertThat(perps.get(0).toString()).isEqualTo("{\"time\":\"2026-01-05T07:00:00Z\",\"time_ms\":"
                + (NOW - 5 * HOUR) + ",\"equity_usd\":\"10000.1\",\"pnl_today_usd\":\"-1.25\","
                + "\"realised_usd\":\"12.34\",\"exposure_usd\":\"1000.5\"}");
        assertThat(perps.get(4).get("equity_usd").asText()).isEqualTo("10004.1");

        JsonNode ranged = get("/api/equity?book=perps&from=2026-01-05T08:00:00Z&to=" + (NOW - HOUR)).body();
        assertThat(ranged.get("from_ms").asLong()).isEqualTo(NOW - 4 * HOUR);
        assertThat(ranged.get("to").asText()).isEqualTo("2026-01-05T11:00:00Z");
        assertThat(ranged.get("books")).hasSize(1);
        assertThat(ranged.get("books").get(0).get("points")).extracting(p -> p.get("time_ms").asLong())
                .containsExactly(NOW - 4 * HOUR, NOW - 3 * HOUR, NOW - 2 * HOUR);

        JsonNode two = get("/api/equity?book=spot&points=2").body().get("books").get(0).get("points");
        assertThat(two).extracting(p -> p.get("time_ms").asLong()).containsExactly(NOW - 5 * HOUR, NOW - HOUR);
        assertThat(get("/api/equity?points=1").status()).isEqualTo(400);
        assertThat(get("/api/equity?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void regimeShowsEachDriversStateAndItsPartOfAandE() throws Exception {
        List<Bar> bars = new ArrayList<>();
        long day = Timeframe.D1.durationMs();
        long first = Timeframe.D1.floor(NOW) - 400 * day;
        BigDecimal px = new BigDecimal("20000");
        for (int i = 0; i < 400; i++) {
            // A steady climb with a dip every tenth day: enough bars for the engine to leave dormant.
            px = px.multiply(i % 10 == 9 ? new BigDecimal("0.97") : new BigDecimal("1.01"))
                    .setScale(2, java.math.RoundingMode.HALF_EVEN);
            bars.add(new Bar("BTC", "hyperliquid", Timeframe.D1, first + i * day, px, px, px, px, BigDecimal.ONE, 1));
        }
        new PriceBars(db).upsert(PriceTable.MAJORS, "hyperliquid", bars);
        // The small bucket's index on the same path, one token counted in it today.
        new lotus.store.RegimeBars(db).upsert(bars.stream().map(b -> lotus.store.RegimeBar.of(new Bar("bucket.small",
                "regime", b.timeframe(), b.openTimeMs(), b.open(), b.high(), b.low(), b.close(), b.volume(), 0), 3,
                "test")).toList());
        new lotus.store.BucketMembers(db).record(List.of(new lotus.store.BucketMembers.Member(
                Timeframe.D1.floor(Timeframe.M1.floor(NOW) - 1), "solana", "So1Small",
                lotus.market.MarketCapBucket.SMALL)));
        Regime expected = new RegimeFeed(new PriceDataReader(db)).update(NOW);
        lotus.pm.RegimeAe regimeAe = lotus.pm.RegimeAe.compute(expected, Timeframe.H1);
        Ae ae = regimeAe.shared();

        JsonNode r = get("/api/regime").body();
        assertThat(r.get("timeframe").asText()).isEqualTo("1h");
        assertThat(r.get("a").asDouble()).isEqualTo(ae.a());
        assertThat(r.get("e").asDouble()).isEqualTo(ae.e());
        JsonNode btc = r.get("drivers").get(0);
        assertThat(btc.get("driver").asText()).isEqualTo("btc");
        assertThat(btc.get("horizon").asText()).isEqualTo("1d");
        var out = expected.output(lotus.pm.RegimeDriver.BTC, Timeframe.D1);
        assertThat(btc.get("state").asText()).isEqualTo(out.state().name());
        assertThat(btc.get("bars").asInt()).isEqualTo(400);
        assertThat(btc.get("bar_open_time_ms").asLong()).isEqualTo(first + 399 * day);
        assertThat(r.get("breakdown")).hasSize(ae.breakdown().size());
        assertThat(ae.breakdown()).isNotEmpty();
        Ae.Contribution c = ae.breakdown().getFirst();
        assertThat(r.get("breakdown").get(0).get("weight").asDouble()).isEqualTo(c.weight());
        assertThat(r.get("breakdown").get(0).get("weighted_a").asDouble()).isEqualTo(c.weightedA());
        assertThat(r.get("drivers")).extracting(d -> d.get("driver").asText() + " " + d.get("horizon").asText())
                .containsExactly("btc 1d", "bucket.small 1d");
        JsonNode small = r.get("buckets").get(0);
        Ae smallAe = regimeAe.byBucket().get(lotus.market.MarketCapBucket.SMALL);
        assertThat(small.get("bucket").asText()).isEqualTo("bucket.small");
        assertThat(small.get("a").asDouble()).isEqualTo(smallAe.a());
        assertThat(small.get("e").asDouble()).isEqualTo(smallAe.e());
        assertThat(small.get("members_today").asInt()).isEqualTo(1);
        // The bucket's part on 1d for a 1h position: 3.0 × 0.50 × 0.30.
        assertThat(small.get("breakdown")).singleElement()
                .satisfies(b -> assertThat(b.get("weight").asDouble()).isCloseTo(0.45, within(1e-12)));
        assertThat(get("/api/regime?timeframe=1d").body().get("timeframe").asText()).isEqualTo("1d");
    }

    @Test
    void ingestShowsTheLiveLineAndEachTablesNewestBar() throws Exception {
        seedPositions();
        now.addAndGet(30 * 60_000);
        JsonNode i = get("/api/ingest").body();
        assertThat(i.get("live").asText()).isEqualTo("hl: trades 42");
        assertThat(i.get("tables").toString()).isEqualTo("[{\"table\":\"hyperliquid_price_data_ohlc\","
                + "\"timeframe\":\"1h\",\"tokens\":1,\"newest_open\":\"2026-01-05T11:00:00Z\",\"newest_open_ms\":"
                + (NOW - HOUR) + ",\"lag_s\":1800}]");
        assertThat(i.get("regime")).isEmpty();
    }

    @Test
    void thePagesAndUPlotAreServedFromTheJarUnderAPolicyThatAllowsOnlyThisServer() throws Exception {
        for (String page : new String[] {"/", "/positions/1", "/trades"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + page.substring(1)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'", "frame-ancestors 'none'");
            assertThat(r.body()).contains("<script src=\"/static/common.js\"></script>");
        }
        for (String file : new String[] {"/static/common.js", "/static/overview.js", "/static/position.js",
                "/static/trades.js", "/static/lotus.css", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
                "/webjars/uplot/1.6.30/dist/uPlot.min.css"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + file.substring(1)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.body()).as(file).isNotBlank();
        }
        // The shells are served only as pages, under the policy: never as static files another site could frame.
        for (String shell : new String[] {"/static/overview.html", "/static/position.html", "/static/trades.html"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + shell.substring(1)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(shell).isEqualTo(404);
        }
    }

    @Test
    void aTokenlessReadAddressedToAnotherNameIsRefusedAgainstDnsRebinding() throws Exception {
        assertThat(rawGet("/api/status", "evil.example:" + server.port())).startsWith("HTTP/1.1 403");
        assertThat(rawGet("/api/status", "127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(rawGet("/api/status", "localhost:" + server.port())).startsWith("HTTP/1.1 200");
        assertThat(rawGet("/api/status", "[::1]:" + server.port())).startsWith("HTTP/1.1 200");
    }

    @Test
    void aReadAProxyOnThisMachineForwardedNeedsTheToken() throws Exception {
        for (String header : new String[] {"X-Forwarded-For: 203.0.113.9", "Forwarded: for=203.0.113.9",
                "X-Real-IP: 203.0.113.9"}) {
            assertThat(rawGet("/api/status", "127.0.0.1:" + server.port(), header)).as(header)
                    .startsWith("HTTP/1.1 401");
            assertThat(rawGet("/api/status", "127.0.0.1:" + server.port(), header, "Authorization: Bearer " + TOKEN))
                    .as(header).startsWith("HTTP/1.1 200");
        }
    }

    /** A GET with a Host header of our choosing (java.net.http will not send one), answered over a plain socket. */
    private String rawGet(String path, String host, String... headers) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            StringBuilder extra = new StringBuilder();
            for (String h : headers) {
                extra.append(h).append("\r\n");
            }
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    // ---- writes --------------------------------------------------------------------------------------------------

    @Test
    void aWriteWithoutTheTokenIsRefusedWith401AndChangesNothing() throws Exception {
        Answer none = post("/api/halt", "{\"reason\":\"test\"}");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("error").asText()).isEqualTo("writes need Authorization: Bearer <server.token>");
        Answer wrong = post("/api/halt", "{\"reason\":\"test\"}", "Authorization", "Bearer not-the-token");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("error").asText()).isEqualTo("wrong token");
        assertThat(post("/api/resume", "{\"reason\":\"test\"}").status()).isEqualTo(401);
        assertThat(stored(TradingStates.GLOBAL)).isEqualTo(TradingState.ACTIVE);
        assertThat(new TradingStates(db, clock).all()).isEmpty();
    }

    @Test
    void aCrossOriginWriteIsRefusedWith403EvenWithTheToken() throws Exception {
        Answer other = post("/api/halt", "{\"reason\":\"csrf\"}", "Authorization", "Bearer " + TOKEN,
                "Origin", "http://evil.example");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body().get("error").asText()).isEqualTo("cross-origin write refused (Origin "
                + "http://evil.example)");
        assertThat(new TradingStates(db, clock).all()).isEmpty();

        String own = "http://127.0.0.1:" + server.port();
        Answer same = post("/api/halt", "{\"reason\":\"from the page\"}", "Authorization", "Bearer " + TOKEN,
                "Origin", own);
        assertThat(same.status()).as(same.body().toString()).isEqualTo(200);
        assertThat(stored(TradingStates.GLOBAL)).isEqualTo(TradingState.HALTED);
    }

    @Test
    void haltAndResumeWithTheTokenChangeTheStateRiskShowsAndRecordWhoAndWhy() throws Exception {
        seedPositions();
        Answer halt = post("/api/halt", "{\"book\":\"perps\",\"reason\":\"venue maintenance\"}", "Authorization",
                "Bearer " + TOKEN);
        assertThat(halt.status()).as(halt.body().toString()).isEqualTo(200);
        assertThat(halt.body().get("scope").asText()).isEqualTo("perps");
        assertThat(halt.body().get("state").asText()).isEqualTo("halted");
        assertThat(halt.body().get("effective").asText()).isEqualTo("halted");

        var row = new TradingStates(db, clock).current("perps");
        assertThat(row.state()).isEqualTo(TradingState.HALTED);
        assertThat(row.reason()).isEqualTo("venue maintenance");
        assertThat(row.changedBy()).isEqualTo("api@127.0.0.1");
        assertThat(row.changedAtMs()).isEqualTo(NOW);

        JsonNode risk = get("/api/risk").body();
        assertThat(risk.get("states").get(0).get("state").asText()).isEqualTo("halted");
        assertThat(risk.get("states").get(0).get("changed_by").asText()).isEqualTo("api@127.0.0.1");
        assertThat(risk.get("books").get(0).get("state").asText()).isEqualTo("halted");

        now.addAndGet(60_000);
        Answer resume = post("/api/resume", "{\"book\":\"perps\",\"reason\":\"maintenance over\"}",
                "Authorization", "Bearer " + TOKEN);
        assertThat(resume.status()).isEqualTo(200);
        row = new TradingStates(db, clock).current("perps");
        assertThat(row.state()).isEqualTo(TradingState.ACTIVE);
        assertThat(row.reason()).isEqualTo("maintenance over");
        assertThat(row.changedBy()).isEqualTo("api@127.0.0.1");
        assertThat(row.changedAtMs()).isEqualTo(NOW + 60_000);
        assertThat(get("/api/risk").body().get("books").get(0).get("state").asText()).isEqualTo("active");
    }

    @Test
    void aWriteNeedsAReasonAndAKnownBook() throws Exception {
        Answer noReason = post("/api/halt", "{\"book\":\"perps\"}", "Authorization", "Bearer " + TOKEN);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("error").asText()).startsWith("a reason is required");
        Answer typo = post("/api/halt", "{\"book\":\"perp\",\"reason\":\"x\"}", "Authorization", "Bearer " + TOKEN);
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body().get("error").asText()).startsWith("unknown book 'perp'");
        assertThat(post("/api/halt", "not json", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(400);
        assertThat(new TradingStates(db, clock).all()).isEmpty();
    }
}
