package lotus.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import lotus.store.PositionJson;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.store.Positions;
import lotus.store.ScopeState;
import lotus.store.TestDatabases;
import lotus.store.TradingState;
import lotus.store.TradingStates;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Each limit at its boundary, the trading states and the trips, on SQLite and PostgreSQL with a manual clock. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class RiskGateTest {

    static final long T0 = 1_767_268_800_000L; // 2026-01-01T12:00:00Z
    static final long DAY_MS = 86_400_000L;
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final BigDecimal WALLET = new BigDecimal("10000");

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;
    Positions positions;
    TradingStates states;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        clock = SimulatedClock.manual(T0);
        positions = new Positions(db, clock);
        states = new TradingStates(db, clock);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    /** The defaults with room for many orders a minute, so only the limit under test can refuse. */
    static RiskLimits limits(int perMinute, String maxToken, String maxBook, int maxOpen, String dailyLoss) {
        RiskLimits d = RiskLimits.defaults();
        return new RiskLimits(d.maxOrderNotionalUsd(), perMinute, new BigDecimal(maxBook), new BigDecimal(maxToken),
                maxOpen, new BigDecimal(dailyLoss), d.maxDrawdownPct(), d.liveScale(), d.reconcileIntervalS(),
                d.unknownOutcomesToHalt());
    }

    RiskGate gate(RiskLimits limits) {
        return new RiskGate(limits, states, positions, clock, WALLET);
    }

    RiskGate roomyGate() {
        return gate(limits(1000, "100000", "100000", 1000, "100000"));
    }

    static OrderRequest buy(String token, String notional, boolean live, String held) {
        return new OrderRequest("hyperliquid", "perps", token, 1L, true, "entry", new BigDecimal(notional), live,
                new BigDecimal(held));
    }

    static OrderRequest buy(String token, String notional) {
        return buy(token, notional, false, "0");
    }

    static OrderRequest sell(String token) {
        return new OrderRequest("hyperliquid", "perps", token, 1L, false, "trim", null, false, BigDecimal.ONE);
    }

    /**
     * A position in perps holding {@code quantity}; {@code valueUsd} and {@code markedPnlUsd} go to features.pnl
     * when not null, {@code allocatedUsd} to total_allocation_usd.
     */
    Position holding(String token, Timeframe tf, String quantity, String allocatedUsd, String valueUsd,
            String markedPnlUsd) {
        return holding("perps", token, tf, quantity, allocatedUsd, valueUsd, markedPnlUsd, JSON.arrayNode());
    }

    Position holding(String book, String token, Timeframe tf, String quantity, String allocatedUsd, String valueUsd,
            String markedPnlUsd, ArrayNode completed) {
        Position p = positions.insert(new NewPosition(token, "hyperliquid", token, tf, book, new BigDecimal("6"),
                BigDecimal.ZERO));
        ObjectNode features = JSON.objectNode();
        if (valueUsd != null || markedPnlUsd != null) {
            ObjectNode pnl = features.putObject("pnl");
            if (valueUsd != null) {
                pnl.put("current_usd_value", valueUsd);
            }
            if (markedPnlUsd != null) {
                pnl.put("total_pnl_usd", markedPnlUsd);
            }
        }
        BigDecimal q = new BigDecimal(quantity);
        Position next = p.withHoldings(q.signum() > 0 ? PositionStatus.ACTIVE : PositionStatus.WATCHLIST, q,
                new BigDecimal(allocatedUsd), BigDecimal.ZERO, q, BigDecimal.ZERO, q.signum() > 0 ? BigDecimal.ONE
                        : null, q.signum() > 0 ? p.id() + "-1" : null)
                .withRecords(null, PositionJson.features(features), PositionJson.completedTrades(completed));
        return positions.update(next);
    }

    static ObjectNode closedTrade(long closedAtMs, String pnlUsd) {
        return JSON.objectNode().put("trade_id", "t" + closedAtMs).put("closed_at_ms", closedAtMs)
                .put("pnl_usd", pnlUsd);
    }

    @Test
    void orderNotionalAtTheLimitPassesAndOneCentOverIsRefused() {
        RiskGate gate = roomyGate();
        Verdict at = gate.check(buy("ETH", "100"));
        assertThat(at.passed()).isTrue();
        assertThat(at.notionalUsd()).isEqualByComparingTo("100");
        Verdict over = gate.check(buy("ETH", "100.01"));
        assertThat(over.passed()).isFalse();
        assertThat(over.reason()).isEqualTo("max_order_notional_usd: 100.01 > 100");
    }

    @Test
    void liveScaleAppliesToLiveBuysOnly() {
        RiskGate gate = roomyGate();
        Verdict live = gate.check(buy("ETH", "1000", true, "0"));
        assertThat(live.passed()).isTrue();
        assertThat(live.notionalUsd()).isEqualByComparingTo("100");
        assertThat(gate.check(buy("ETH", "1000.1", true, "0")).reason())
                .isEqualTo("max_order_notional_usd: 100.01 > 100");
        Verdict dry = gate.check(buy("ETH", "80"));
        assertThat(dry.notionalUsd()).isEqualByComparingTo("80");
        assertThat(gate.check(buy("ETH", "1000")).reason()).isEqualTo("max_order_notional_usd: 1000.00 > 100");
    }

    @Test
    void ordersPerMinuteCountOnlyPassedOrdersPerVenueInASlidingWindowAndNeverHoldAnExitBack() {
        RiskGate gate = gate(limits(10, "100000", "100000", 1000, "100000"));
        gate.check(buy("ETH", "500")); // refused: not counted
        for (int i = 0; i < 9; i++) {
            assertThat(gate.check(buy("ETH", "50")).passed()).as("order %d", i + 1).isTrue();
            clock.advanceMs(1_000);
        }
        assertThat(gate.check(sell("ETH")).passed()).as("the tenth, an exit").isTrue();
        Verdict eleventh = gate.check(buy("ETH", "50"));
        assertThat(eleventh.reason()).isEqualTo("max_orders_per_minute: 11 > 10 on hyperliquid");
        // A full window still lets an exit out (and counts it).
        assertThat(gate.check(sell("ETH")).passed()).isTrue();
        assertThat(gate.ordersInLastMinute("hyperliquid")).isEqualTo(11);
        assertThat(gate.check(new OrderRequest("solana", "social", "Mint", 2L, true, "entry", new BigDecimal("50"),
                false, BigDecimal.ZERO)).passed()).isTrue();
        clock.setMs(T0 + 60_000); // the first order is now exactly 60 s old: out of the window
        assertThat(gate.check(buy("ETH", "50")).reason()).isEqualTo("max_orders_per_minute: 11 > 10 on hyperliquid");
        clock.setMs(T0 + 61_000);
        assertThat(gate.check(buy("ETH", "50")).passed()).isTrue();
    }

    @Test
    void buysLetThroughCountUntilTheirPositionsAreWrittenSoParallelWorkersCannotOvershoot() {
        RiskGate gate = gate(limits(100, "100000", "100", 1000, "100000"));
        Position a = holding("AAA", Timeframe.H1, "0", "0", null, null);
        Position b = holding("BBB", Timeframe.H1, "0", "0", null, null);
        Position c = holding("CCC", Timeframe.H1, "0", "0", null, null);
        // Two workers check $60 buys before either fill is written: the second would take the book to $120.
        assertThat(gate.check(new OrderRequest("hyperliquid", "perps", "AAA", a.id(), true, "entry",
                new BigDecimal("60"), false, BigDecimal.ZERO)).passed()).isTrue();
        clock.advanceMs(10);
        assertThat(gate.check(new OrderRequest("hyperliquid", "perps", "BBB", b.id(), true, "entry",
                new BigDecimal("60"), false, BigDecimal.ZERO)).reason())
                .isEqualTo("max_book_exposure_usd: 120.00 > 100 (perps: 60.00 held + 60.00)");
        // A's order is journalled and on its way: the row waits for it and still counts it.
        Position aWaiting = positions.find(a.id()).orElseThrow();
        ObjectNode f = PositionJson.features(aWaiting.features());
        f.putObject("pending_order").put("rule", "s2_dip_buy").put("decision_type", "entry").putObject("action")
                .put("decision_type", "entry").put("notional_usd", "60");
        aWaiting = positions.update(aWaiting.withFeatures(PositionJson.features(f)));
        assertThat(gate.check(new OrderRequest("hyperliquid", "perps", "BBB", b.id(), true, "entry",
                new BigDecimal("60"), false, BigDecimal.ZERO)).reason())
                .isEqualTo("max_book_exposure_usd: 120.00 > 100 (perps: 60.00 held + 60.00)");
        // It came to nothing and its row was written (nothing held, nothing pending): its $60 no longer counts.
        f.remove("pending_order");
        positions.update(aWaiting.withFeatures(PositionJson.features(f)));
        assertThat(gate.check(new OrderRequest("hyperliquid", "perps", "CCC", c.id(), true, "entry",
                new BigDecimal("60"), false, BigDecimal.ZERO)).passed()).isTrue();
    }

    @Test
    void aTripNeverLoosensAHaltAndKeepsTheFirstReason() {
        RiskGate gate = gate(limits(100, "100000", "100000", 1000, "100000"));
        states.set("perps", lotus.store.TradingState.HALTED, "operator looking", "operator");
        gate.accountDrift("perps", "ETH: venue 0, book 1");
        assertThat(states.current("perps").state()).isEqualTo(lotus.store.TradingState.HALTED);
        assertThat(states.current("perps").reason()).isEqualTo("operator looking");
        gate.accountDrift("spot", "BTC: venue 0, book 1");
        gate.accountDrift("spot", "BTC: venue 0, book 2");
        assertThat(states.current("spot").state()).isEqualTo(lotus.store.TradingState.REDUCING);
        assertThat(states.current("spot").reason()).isEqualTo("account_drift: BTC: venue 0, book 1");
    }

    @Test
    void tokenExposureCountsEveryTimeframeOfTheTokenInTheBook() {
        holding("ETH", Timeframe.H1, "0.05", "120", "150", null);
        holding("ETH", Timeframe.H4, "0.02", "50", null, null); // unmarked: at cost
        holding("spot", "ETH", Timeframe.M15, "1", "900", "900", null, JSON.arrayNode()); // another book
        RiskGate gate = gate(limits(1000, "250", "100000", 1000, "100000"));
        assertThat(gate.check(buy("ETH", "50", false, "0.05")).passed()).isTrue();
        assertThat(gate.check(buy("ETH", "50.01", false, "0.05")).reason())
                .isEqualTo("max_token_exposure_usd: 250.01 > 250 (ETH in perps: 200.00 held + 50.01)");
        assertThat(gate.check(buy("BTC", "100")).passed()).isTrue();
    }

    @Test
    void bookExposureIsTheBooksGrossValuePlusTheOrder() {
        holding("BTC", Timeframe.H1, "0.01", "800", "900", null);
        holding("ETH", Timeframe.H1, "0.02", "50", null, null);
        holding("SOL", Timeframe.H1, "0", "0", null, null); // holds nothing
        RiskGate gate = gate(limits(1000, "100000", "1000", 1000, "100000"));
        assertThat(gate.check(buy("SOL", "50")).passed()).isTrue();
        assertThat(gate.check(buy("SOL", "50.01")).reason())
                .isEqualTo("max_book_exposure_usd: 1000.01 > 1000 (perps: 950.00 held + 50.01)");
    }

    @Test
    void openPositionsAreCheckedOnlyWhenABuyOpensOneMore() {
        holding("BTC", Timeframe.H1, "0.01", "10", "10", null);
        holding("ETH", Timeframe.H1, "0.02", "10", "10", null);
        assertThat(gate(limits(1000, "100000", "100000", 3, "100000")).check(buy("SOL", "10")).passed()).isTrue();
        RiskGate two = gate(limits(1000, "100000", "100000", 2, "100000"));
        assertThat(two.check(buy("SOL", "10")).reason()).isEqualTo("max_open_positions_per_book: 3 > 2 (perps)");
        assertThat(two.check(buy("ETH", "10", false, "0.02")).passed()).isTrue();
    }

    @Test
    void dailyLossAtTheStopPassesAndOverItRefusesAndSetsTheBookReducing() {
        ArrayNode completed = JSON.arrayNode();
        completed.add(closedTrade(T0 - DAY_MS, "-500")); // yesterday: not today's loss
        completed.add(closedTrade(T0 - 3_600_000L, "-60"));
        holding("perps", "BTC", Timeframe.H1, "0", "0", null, null, completed);
        Position open = holding("ETH", Timeframe.H1, "0.02", "100", "60", "-40");
        RiskGate gate = gate(limits(1000, "100000", "100000", 1000, "100"));
        assertThat(gate.check(buy("SOL", "10")).passed()).isTrue();
        ObjectNode worse = PositionJson.features(open.features());
        ((ObjectNode) worse.get("pnl")).put("total_pnl_usd", "-40.01").put("net_pnl_usd", "-40.01");
        positions.update(positions.find(open.id()).orElseThrow().withRecords(null, PositionJson.features(worse), open.completedTrades()));

        String reason = "daily_loss_stop_usd: 100.01 > 100 (perps today: realised -60.00, marked -40.01)";
        assertThat(gate.check(buy("SOL", "10")).reason()).isEqualTo(reason);
        assertThat(states.current("perps")).isEqualTo(
                new ScopeState("perps", TradingState.REDUCING, reason, T0, RiskGate.CHANGED_BY));
        assertThat(gate.check(sell("ETH")).passed()).isTrue();
        assertThat(gate.check(buy("SOL", "10")).reason())
                .isEqualTo("trading_state: reducing refuses buys (perps: " + reason + ")");
        assertThat(gate.refusals()).isEqualTo(Map.of("daily_loss_stop_usd", 1L, "trading_state", 1L));
    }

    @Test
    void drawdownFromTheEquityPeakAtTheLimitPassesAndOverItSetsTheBookReducing() {
        RiskGate gate = gate(limits(1000, "100000", "100000", 1000, "100000"));
        assertThat(gate.check(buy("SOL", "10")).passed()).isTrue(); // peak 10000: the wallet, nothing made yet
        Position eth = holding("ETH", Timeframe.H1, "1", "1000", "0.01", "-1000");
        assertThat(gate.check(buy("SOL", "10")).passed()).isTrue(); // equity 9000: exactly 10 %
        ObjectNode worse = JSON.objectNode();
        worse.putObject("pnl").put("current_usd_value", "0.01").put("total_pnl_usd", "-1000.01");
        positions.update(positions.find(eth.id()).orElseThrow().withRecords(null, PositionJson.features(worse), eth.completedTrades()));
        String reason = "max_drawdown_pct: 10.01 > 10 (perps: equity 8999.99, peak 10000.00)";
        assertThat(gate.check(buy("SOL", "10")).reason()).isEqualTo(reason);
        assertThat(states.current("perps").state()).isEqualTo(TradingState.REDUCING);
        assertThat(states.current("perps").reason()).isEqualTo(reason);
        assertThat(RiskGate.drawdownPct(new BigDecimal("9000"), new BigDecimal("10000"))).isEqualByComparingTo("10");
    }

    @Test
    void haltedRefusesASellAndReducingRefusesABuyButPassesASell() {
        RiskGate gate = roomyGate();
        states.set("global", TradingState.HALTED, "maintenance", "operator");
        assertThat(gate.check(sell("ETH")).reason())
                .isEqualTo("trading_state: halted refuses every order (global: maintenance)");
        states.set("global", TradingState.ACTIVE, null, "operator");
        states.set("perps", TradingState.REDUCING, "account_drift: ETH", "operator");
        assertThat(gate.check(buy("ETH", "10")).reason())
                .isEqualTo("trading_state: reducing refuses buys (perps: account_drift: ETH)");
        assertThat(gate.check(sell("ETH")).passed()).isTrue();
        assertThat(gate.check(new OrderRequest("hyperliquid", "spot", "ETH", 3L, true, "entry", BigDecimal.TEN,
                false, BigDecimal.ZERO)).passed()).isTrue();
    }

    @Test
    void aHaltWrittenByAnotherProcessIsObeyedAtTheNextCheck() {
        RiskGate gate = roomyGate();
        assertThat(gate.check(sell("ETH")).passed()).isTrue();
        new TradingStates(db, clock).set("perps", TradingState.HALTED, "operator halt", "operator");
        assertThat(gate.check(sell("ETH")).reason())
                .isEqualTo("trading_state: halted refuses every order (perps: operator halt)");
    }

    @Test
    void anOwnFaultRejectionHaltsEverything() {
        RiskGate gate = roomyGate();
        gate.recordOwnFaultRejection("Invalid nonce: duplicate");
        assertThat(states.current("global")).isEqualTo(new ScopeState("global", TradingState.HALTED,
                "own_fault_rejection: Invalid nonce: duplicate", T0, RiskGate.CHANGED_BY));
        assertThat(gate.check(sell("ETH")).passed()).isFalse();
    }

    @Test
    void unknownOutcomesInARowHaltAndASettleInBetweenResetsTheStreak() {
        RiskGate gate = roomyGate();
        gate.recordUnknownOutcome();
        gate.recordUnknownOutcome();
        gate.recordSettled();
        gate.recordUnknownOutcome();
        gate.recordUnknownOutcome();
        assertThat(states.current("global").state()).isEqualTo(TradingState.ACTIVE);
        gate.recordUnknownOutcome();
        assertThat(states.current("global").state()).isEqualTo(TradingState.HALTED);
        assertThat(states.current("global").reason())
                .isEqualTo("unknown_outcomes_to_halt: 3 unknown order outcomes in a row");
    }

    @Test
    void accountDriftSetsTheBookReducingButNeverLoosensAHalt() {
        RiskGate gate = roomyGate();
        gate.accountDrift("perps", "ETH venue 1.5 book 1.2");
        assertThat(states.current("perps").state()).isEqualTo(TradingState.REDUCING);
        assertThat(states.current("perps").reason()).isEqualTo("account_drift: ETH venue 1.5 book 1.2");
        states.set("spot", TradingState.HALTED, "operator halt", "operator");
        gate.accountDrift("spot", "BTC");
        assertThat(states.current("spot").state()).isEqualTo(TradingState.HALTED);
    }

    @Test
    void bookUsageReadsExposurePositionsAndPnl() {
        ArrayNode completed = JSON.arrayNode();
        completed.add(closedTrade(T0 - 1_000, "25.5"));
        completed.add(closedTrade(Timeframe.D1.floor(T0) - 1, "-10"));
        holding("perps", "ETH", Timeframe.H1, "0.1", "300", "310", "10", completed);
        BookUsage u = BookUsage.of("perps", positions.byVenue("hyperliquid", "perps"), Timeframe.D1.floor(T0));
        assertThat(u.exposureUsd()).isEqualByComparingTo("310");
        assertThat(u.openPositions()).isEqualTo(1);
        assertThat(u.realisedTodayUsd()).isEqualByComparingTo("25.5");
        assertThat(u.realisedAllTimeUsd()).isEqualByComparingTo("15.5");
        assertThat(u.pnlTodayUsd()).isEqualByComparingTo("35.5");
        assertThat(u.equityUsd(WALLET)).isEqualByComparingTo("10025.5");
    }
}
