package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lotus.alert.AlertSink;
import lotus.alert.HttpAlerts;
import lotus.alert.WebhookReceiver;
import lotus.exec.PaperExecutor;
import lotus.market.Bar;
import lotus.pm.ActionPlanner;
import lotus.pm.ExecutionResult;
import lotus.pm.Executor;
import lotus.pm.LearningMultipliers;
import lotus.pm.LeveragePolicy;
import lotus.pm.PmCoreTick;
import lotus.pm.PmModule;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.pm.RegimeFeed;
import lotus.pm.TickReport;
import lotus.pm.Venue;
import lotus.risk.OrderRequest;
import lotus.risk.RiskControls;
import lotus.risk.RiskGate;
import lotus.risk.RiskLimits;
import lotus.risk.StateAlerts;
import lotus.store.Database;
import lotus.store.MemoryPositionLedger;
import lotus.store.MemoryPriceHistory;
import lotus.store.NewPosition;
import lotus.store.PositionJson;
import lotus.store.Positions;
import lotus.store.PriceTable;
import lotus.store.TestDatabases;
import lotus.store.TradingStates;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts reach a local webhook receiver with the right kind, book and text when the events happen through the real
 * parts: the risk gate's halt and daily loss stop on a SQLite database, an operator's halt, a tick on a stale feed and
 * a tick whose order the venue refuses; a receiver that is down holds up none of them.
 */
class AlertsTest {

    private static final long T0 = 1_767_268_800_000L; // 2026-01-01T12:00:00Z
    private static final Timeframe TF = Timeframe.H1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    private Database db;
    private SimulatedClock clock;
    private TradingStates states;
    private Positions positions;
    private WebhookReceiver receiver;
    private HttpAlerts alerts;

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        clock = SimulatedClock.manual(T0);
        states = new TradingStates(db, clock);
        positions = new Positions(db, clock);
        receiver = new WebhookReceiver();
        alerts = HttpAlerts.start(receiver.url(), HttpAlerts.Settings.defaults(), clock);
    }

    @AfterEach
    void close() {
        alerts.close();
        receiver.close();
        TestDatabases.dispose(db);
    }

    private static RiskLimits limits(String dailyLoss, int unknownToHalt) {
        RiskLimits d = RiskLimits.defaults();
        return new RiskLimits(d.maxOrderNotionalUsd(), 1000, new BigDecimal("100000"), new BigDecimal("100000"), 1000,
                new BigDecimal(dailyLoss), d.maxDrawdownPct(), d.liveScale(), d.reconcileIntervalS(), unknownToHalt);
    }

    private RiskGate gate(RiskLimits limits, AlertSink sink) {
        return new RiskGate(limits, states, positions, clock, new BigDecimal("10000"), sink);
    }

    private static OrderRequest buy(String token) {
        return new OrderRequest("hyperliquid", "perps", token, 1L, true, "entry", new BigDecimal("10"), false,
                BigDecimal.ZERO);
    }

    private static String kindAndBook(JsonNode n) {
        return n.get("kind").asText() + " " + n.get("book").asText();
    }

    @Test
    void unknownOutcomesHaltEverythingAndAnOperatorHaltOfABookIsAlertedAsHalted() throws InterruptedException {
        StateAlerts watch = new StateAlerts(states, alerts);
        assertThat(watch.poll()).isZero(); // the states at start are not news
        RiskGate gate = gate(limits("100000", 2), alerts);
        gate.recordUnknownOutcome();
        gate.recordUnknownOutcome();
        assertThat(watch.poll()).isEqualTo(1);
        JsonNode halted = receiver.next();
        assertThat(halted.toString()).isEqualTo("{\"kind\":\"halted\",\"book\":\"global\",\"text\":\"global is halted"
                + " (by risk_gate): unknown_outcomes_to_halt: 2 unknown order outcomes in a row\","
                + "\"time\":\"2026-01-01T12:00:00Z\"}");

        new RiskControls(states, positions, clock).halt("spot", "looking at fills");
        assertThat(watch.poll()).isEqualTo(1);
        assertThat(watch.poll()).isZero(); // once per change, not per poll
        JsonNode spot = receiver.next();
        assertThat(kindAndBook(spot)).isEqualTo("halted spot");
        assertThat(spot.get("text").asText()).isEqualTo("spot is halted (by operator): looking at fills");
    }

    @Test
    void theDailyLossStopIsAlertedOnceAndTheBookEnteringReducingToo() throws InterruptedException {
        StateAlerts watch = new StateAlerts(states, alerts);
        watch.poll();
        Position p = positions.insert(new NewPosition("BTC", "hyperliquid", "BTC", TF, "perps", new BigDecimal("6"),
                BigDecimal.ZERO));
        ArrayNode completed = JSON.arrayNode();
        completed.add(JSON.objectNode().put("trade_id", "t1").put("closed_at_ms", T0 - 3_600_000L)
                .put("pnl_usd", "-150"));
        positions.update(p.withHoldings(PositionStatus.WATCHLIST, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, null).withRecords(null, p.features(),
                        PositionJson.completedTrades(completed)));
        RiskGate gate = gate(limits("100", 3), alerts);

        assertThat(gate.check(buy("SOL")).kind()).isEqualTo("daily_loss_stop_usd");
        assertThat(gate.check(buy("SOL")).kind()).isEqualTo("trading_state");
        JsonNode stop = receiver.next();
        assertThat(kindAndBook(stop)).isEqualTo("daily_loss_stop perps");
        assertThat(stop.get("text").asText()).startsWith("daily_loss_stop_usd: 150.00 > 100 (perps today: realised");
        assertThat(watch.poll()).isEqualTo(1);
        JsonNode reducing = receiver.next();
        assertThat(kindAndBook(reducing)).isEqualTo("reducing perps");
        assertThat(receiver.next()).isNull(); // the second refusal alerted nothing
    }

    /** Every tick of {@code bars} through a real PmCoreTick, {@code lateMs} after each close; the alerts observed. */
    private static List<TickReport> replay(Executor executor, List<Bar> bars, long lateMs, TickAlerts observer,
            MemoryPriceHistory prices, SimulatedClock clock) {
        MemoryPositionLedger ledger = new MemoryPositionLedger(clock);
        ledger.insert(new NewPosition("AAA", "hyperliquid", "AAA", TF, "spot", new BigDecimal("6"), BigDecimal.ZERO));
        PmModule module = new PmModule(new Venue("hyperliquid", "spot"), executor,
                new ActionPlanner(LearningMultipliers.NONE, LeveragePolicy.SPOT), new BigDecimal("10000"), q -> 0,
                prices, ledger);
        List<TickReport> reports = new ArrayList<>();
        try (PmCoreTick tick = new PmCoreTick(ledger, List.of(module), new RegimeFeed(prices), 0)) {
            for (Bar b : bars) {
                long close = b.openTimeMs() + TF.durationMs();
                clock.setMs(close + lateMs);
                TickReport r = tick.run(TF, close, close + lateMs);
                observer.observe(r, clock.nowMs());
                reports.add(r);
            }
        }
        return reports;
    }

    /** When each tick (three bars late) refused a buy. */
    private static List<Long> refusedAt(List<TickReport> late) {
        return late.stream().filter(r -> r.positions().stream().anyMatch(p -> p.execution() != null
                && p.execution().status() == ExecutionResult.Status.REFUSED))
                .map(r -> r.barCloseMs() + 3 * TF.durationMs()).toList();
    }

    @Test
    void aTickOnAStaleFeedAndAnOrderTheVenueRefusesAlertOncePerSixHours() throws InterruptedException {
        // The first seeded walk whose planner asks for a buy (as in StaleFeedTest); each tried walk's alerts are read.
        List<Bar> bars = null;
        List<TickReport> late = List.of();
        MemoryPriceHistory prices = null;
        for (long seed = 1; seed <= 40 && refusedAt(late).isEmpty(); seed++) {
            bars = BacktestTest.cycles("AAA", seed, TF, T0 - 3000 * TF.durationMs(), 3000);
            prices = new MemoryPriceHistory();
            prices.put(PriceTable.HYPERLIQUID, bars);
            SimulatedClock lateClock = SimulatedClock.manual(bars.getFirst().openTimeMs());
            late = replay(new PaperExecutor(prices, lateClock), bars, 3 * TF.durationMs(),
                    new TickAlerts(alerts, false), prices, lateClock);
        }
        // The naive reference: a refusal alerts when it is the first or 6 h after the last that alerted.
        List<Long> staleAt = new ArrayList<>();
        for (long at : refusedAt(late)) {
            if (staleAt.isEmpty() || at - staleAt.getLast() >= 6 * 3_600_000L) {
                staleAt.add(at);
            }
        }
        assertThat(staleAt).isNotEmpty();
        for (long at : staleAt) {
            JsonNode n = receiver.next();
            assertThat(kindAndBook(n)).isEqualTo("stale_feed spot");
            assertThat(n.get("text").asText()).startsWith("AAA 1h: stale_feed: the newest bar of ");
            assertThat(n.get("time").asText()).isEqualTo(java.time.Instant.ofEpochMilli(at).toString());
        }

        // The venue refuses every order, answering as Hyperliquid does.
        Executor refusing = (d, p, t) -> new ExecutionResult(ExecutionResult.Status.REJECTED, d.type(),
                d.type().isBuy(), BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO, t.cloid(), false,
                "Order has invalid size.", null);
        SimulatedClock onTime = SimulatedClock.manual(bars.getFirst().openTimeMs());
        List<TickReport> refused = replay(refusing, bars, 2_000, new TickAlerts(alerts, false), prices, onTime);
        List<Long> rejectedAt = refused.stream().filter(r -> r.positions().stream().anyMatch(p -> p.execution() != null
                && p.execution().status() == ExecutionResult.Status.REJECTED)).map(TickReport::barCloseMs).toList();
        assertThat(rejectedAt).isNotEmpty();
        // The naive reference, as for the stale feed: the first refusal of the position for this reason, then one
        // 6 h after the last that alerted (a position refused every bar would otherwise crowd out a halt).
        List<Long> alertedAt = new ArrayList<>();
        for (long at : rejectedAt) {
            if (alertedAt.isEmpty() || at - alertedAt.getLast() >= 6 * 3_600_000L) {
                alertedAt.add(at);
            }
        }
        assertThat(alertedAt.size()).isLessThan(rejectedAt.size());
        for (long i = 0; i < alertedAt.size(); i++) {
            JsonNode n = receiver.next();
            assertThat(kindAndBook(n)).isEqualTo("order_rejected spot");
            assertThat(n.get("text").asText()).startsWith("the venue refused entry AAA (hyperliquid/spot, position ")
                    .endsWith("): Order has invalid size.");
        }
        assertThat(receiver.pending()).isZero();
    }

    @Test
    void eachClosedTradeIsAlertedOnlyWhenAsked() throws InterruptedException {
        List<TickReport> reports = List.of();
        for (long seed = 1; seed <= 40 && closures(reports) == 0; seed++) {
            List<Bar> bars = BacktestTest.cycles("AAA", seed, TF, T0 - 3000 * TF.durationMs(), 3000);
            MemoryPriceHistory prices = new MemoryPriceHistory();
            prices.put(PriceTable.HYPERLIQUID, bars);
            SimulatedClock c = SimulatedClock.manual(bars.getFirst().openTimeMs());
            reports = replay(new PaperExecutor(prices, c), bars, 2_000, new TickAlerts(alerts, false), prices, c);
        }
        assertThat(closures(reports)).isPositive();
        assertThat(receiver.next()).isNull(); // not asked: nothing
        TickAlerts asked = new TickAlerts(alerts, true);
        reports.forEach(r -> asked.observe(r, T0));
        for (int i = 0; i < closures(reports); i++) {
            JsonNode n = receiver.next();
            assertThat(kindAndBook(n)).isEqualTo("trade_closed spot");
            assertThat(n.get("text").asText())
                    .matches("AAA 1h closed \\w+: PnL -?[0-9.]+ USD net of [0-9.]+ fees over \\d+ bars \\(.+\\)");
        }
        assertThat(receiver.pending()).isZero();
    }

    private static long closures(List<TickReport> reports) {
        return reports.stream().flatMap(r -> r.positions().stream()).filter(p -> p.after() != null
                && p.after().completedTrades().size() > p.before().completedTrades().size()).count();
    }

    @Test
    void aReceiverThatIsDownHoldsUpNoTripTheAlertsAreRetriedAndDropped() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HttpAlerts down = HttpAlerts.start("http://127.0.0.1:" + closedPort + "/hook",
                new HttpAlerts.Settings(1, 3, 60_000), clock)) {
            StateAlerts watch = new StateAlerts(states, down);
            watch.poll();
            RiskGate gate = gate(limits("100000", 1), down);
            RiskControls controls = new RiskControls(states, positions, clock);
            // Four trips while the sender waits out its first minute of backoff on the manual clock: the calls all
            // return, one alert is posted (and failing), one waits, the others are dropped.
            gate.recordUnknownOutcome();
            assertThat(watch.poll()).isEqualTo(1);
            org.awaitility.Awaitility.await().until(() -> down.attempts() == 1);
            controls.halt("spot", "a");
            controls.halt("perps", "b");
            controls.halt("social", "c");
            assertThat(watch.poll()).isEqualTo(3);
            assertThat(down.queued()).isEqualTo(1);
            assertThat(down.dropped()).isEqualTo(2);
            assertThat(down.attempts()).isEqualTo(1);
            assertThat(down.delivered()).isZero();
        }
    }
}
