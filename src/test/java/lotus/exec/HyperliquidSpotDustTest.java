package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import lotus.pm.Position;
import lotus.pm.PositionAccounting;
import lotus.pm.TradeClosure;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At the venue's 0.07 % spot rate a HYPE/USDC buy of 2 (2 size decimals) is credited 1.9986: a full exit can sell
 * 1.99 and leaves 0.0086 on the venue. The position keeps it as dust and its next full exit sells it once quantity
 * and dust reach a step, so over trade after trade the venue holds exactly the position's dust, below one step, and
 * the account check sees no drift; the dry run gives the same sizes, quantities and dust on the same books.
 */
class HyperliquidSpotDustTest {

    private static final String MASTER = SimVenue.MASTER;
    private static final BigDecimal FUNDED = new BigDecimal("100000");
    private static final BigDecimal BOUGHT = new BigDecimal("2");
    private static final BigDecimal STEP = new BigDecimal("0.01");

    @TempDir
    Path dir;

    private SimulatedClock clock;
    private SimVenue venue;
    private HlSimulator sim;
    private HlInfoClient info;
    private Database db;
    private Positions positions;
    private HyperliquidExecutor live;
    private HyperliquidExecutor dry;
    private Asset hype;
    private long bar = 1_767_571_200_000L;

    @BeforeEach
    void start() {
        clock = SimulatedClock.manual(1_767_571_200_000L);
        venue = new SimVenue(SimConfig.defaults(9).withHistoryMinutes(10), clock, FUNDED);
        sim = venue.sim;
        info = venue.info;
        // The executor's defaults: the venue's 0.07 % spot rate, as the simulator's.
        live = venue.executor(HyperliquidExecutor.Settings.dryRun().withLive(true));
        dry = venue.executor(HyperliquidExecutor.Settings.dryRun());
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        positions = new Positions(db, clock);
        hype = info.assetCatalog().byName("HYPE/USDC");
    }

    @AfterEach
    void stop() {
        venue.close();
        TestDatabases.dispose(db);
    }

    @Test
    void threeRoundTripsLeaveTheVenueHoldingExactlyThePositionsDustBelowAStepAndTheDryRunAgrees() {
        Position held = positions.insert(new NewPosition(hype.name(), "hyperliquid", hype.name(), Timeframe.H1, "spot",
                BigDecimal.ONE, BigDecimal.ZERO));
        Position shadow = held; // the same position traded by the dry run on the same books
        List<BigDecimal> sold = new ArrayList<>();
        List<BigDecimal> dust = new ArrayList<>();
        List<TradeClosure.ClosedTrade> trades = new ArrayList<>();
        for (int trade = 0; trade < 3; trade++) {
            BigDecimal ask = bestLevel(true);
            ExecutionResult dryBuy = dry.execute(SimVenue.buyOf(BOUGHT, ask), shadow, dryTicket(DecisionType.ENTRY));
            ExecutionResult buy = live.execute(SimVenue.buyOf(BOUGHT, ask), held, ticket(DecisionType.ENTRY));
            assertThat(buy.status()).as(buy.reason()).isEqualTo(ExecutionResult.Status.FILLED);
            assertThat(buy.filledSize()).isEqualByComparingTo("1.9986"); // 2 less 0.0014 taken as the fee
            assertThat(dryBuy.filledSize()).isEqualByComparingTo(buy.filledSize());
            Position bought = positions.update(PositionAccounting.applyFill(held, buy, clock.nowMs()));
            shadow = PositionAccounting.applyFill(shadow, dryBuy, clock.nowMs());
            assertThat(venueHype()).isEqualByComparingTo(bought.quantity().add(bought.dust()));

            bestLevel(false);
            ExecutionResult dryExit = dry.execute(SimVenue.exit(), shadow, dryTicket(DecisionType.EMERGENCY_EXIT));
            ExecutionResult sell = live.execute(SimVenue.exit(), bought, ticket(DecisionType.EMERGENCY_EXIT));
            assertThat(sell.status()).as(sell.reason()).isEqualTo(ExecutionResult.Status.FILLED);
            assertThat(dryExit.status()).isEqualTo(ExecutionResult.Status.FILLED);
            assertThat(dryExit.filledSize()).isEqualByComparingTo(sell.filledSize());
            Position exited = PositionAccounting.applyFill(bought, sell, clock.nowMs());
            shadow = PositionAccounting.applyFill(shadow, dryExit, clock.nowMs());
            TradeClosure.ClosedTrade closed = TradeClosure.summarise(exited, new TradeClosure.Entry(0, "S1", "e"),
                    List.of(), clock.nowMs(), "emergency_exit");
            trades.add(closed);
            held = positions.update(TradeClosure.reset(exited, closed));
            shadow = TradeClosure.reset(shadow, closed);

            assertThat(held.quantity()).isZero();
            assertThat(venueHype()).as("the venue holds the position's dust, exactly").isEqualByComparingTo(held.dust());
            assertThat(held.dust()).isLessThan(STEP);
            assertThat(shadow.quantity()).isZero();
            assertThat(shadow.dust()).isEqualByComparingTo(held.dust());
            AccountCheck.Report report = new AccountCheck(info.assetCatalog(), info, positions).check(MASTER);
            assertThat(report.drifts()).isEmpty();
            assertThat(report.rows()).containsExactly(new AccountCheck.Row("HYPE/USDC", "spot", venueHype(),
                    held.dust(), STEP, false));
            sold.add(sell.filledSize());
            dust.add(held.dust());
        }
        // 1.9986 sells 1.99 and leaves 0.0086; then 1.9986 + 0.0086 = 2.0072 sells 2.00 (the first exit's dust is in
        // it: the quantity alone would sell 1.99) and leaves 0.0072; then 2.0058 sells 2.00 and leaves 0.0058.
        assertThat(sold).usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("1.99"),
                new BigDecimal("2.00"), new BigDecimal("2.00"));
        assertThat(dust).containsExactly(new BigDecimal("0.0086"), new BigDecimal("0.0072"),
                new BigDecimal("0.0058"));
        // Each trade's net PnL counts the dust it sold and not the dust it left: over the trades they add up to what
        // the account's USDC did, exactly.
        BigDecimal net = trades.stream().map(TradeClosure.ClosedTrade::netPnlUsd).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(sim.exchange().usdc(MASTER).subtract(FUNDED)).isEqualByComparingTo(net);
    }

    /** The best price on one side, its level deep enough that each order fills at one price. */
    private BigDecimal bestLevel(boolean ask) {
        HlInfoClient.Book book = info.l2Book(hype.apiCoin());
        HlInfoClient.Level best = (ask ? book.asks() : book.bids()).getFirst();
        assertThat(best.sz()).isGreaterThanOrEqualTo(BOUGHT.add(STEP));
        return best.px();
    }

    private BigDecimal venueHype() {
        return venue.spotBalance(hype);
    }

    private OrderTicket dryTicket(DecisionType type) {
        return OrderTicket.unjournalled(OrderTicket.cloid(1, bar, type, 1));
    }

    /** A decision's ticket at the next bar, journalling into the orders table as the PM's ledger does. */
    private OrderTicket ticket(DecisionType type) {
        bar += 3_600_000;
        return SimVenue.journalled(db, new lotus.store.Orders(db, clock), 1, bar, type);
    }
}
