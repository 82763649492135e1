package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderStatus;
import lotus.pm.OrderTicket;
import lotus.pm.Pnl;
import lotus.pm.Position;
import lotus.pm.PositionAccounting;
import lotus.pm.Settlement;
import lotus.pm.TradeClosure;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.sim.SimFill;
import lotus.store.Database;
import lotus.store.Orders;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hyperliquid spot buy pays its fee in the token bought (HYPERLIQUID.md: fills carry {@code feeToken}): the venue
 * credits the size less the fee. Live, reconciled and dry, the result counts what was credited, so the position holds
 * what the venue holds, a full exit leaves nothing on either side, and net PnL is gross PnL less each fee once.
 *
 * <p>The spot rate is 0.1 % here, in the simulator and the executor alike: 1000 PURR (0 size decimals) then pay 1 PURR,
 * so what is credited, 999, is a whole size step and a full exit can sell all of it. At the venue's 0.07 % a full exit
 * leaves a balance off the size grid, below one step, as the position's dust: {@link HyperliquidSpotDustTest}.
 */
class HyperliquidSpotFeeTest {

    private static final String MASTER = SimVenue.MASTER;
    private static final BigDecimal SPOT_RATE = new BigDecimal("0.001");
    private static final BigDecimal FUNDED = new BigDecimal("100000");
    private static final BigDecimal BOUGHT = new BigDecimal("1000");
    private static final BigDecimal FEE_TOKENS = BigDecimal.ONE;

    @TempDir
    Path dir;

    private SimulatedClock clock;
    private SimVenue venue;
    private HlSimulator sim;
    private HlInfoClient info;
    private HlExchangeClient exchange;
    private Database db;
    private Orders journal;
    private HyperliquidExecutor live;
    private HyperliquidExecutor dry;
    private Asset purr;
    private long bar = 1_767_571_200_000L;

    @BeforeEach
    void start() {
        clock = SimulatedClock.manual(1_767_571_200_000L);
        venue = new SimVenue(SimConfig.defaults(9).withHistoryMinutes(10)
                .withTrading(SimConfig.Trading.hyperliquid().withSpotTakerFeeRate(SPOT_RATE)), clock, FUNDED);
        sim = venue.sim;
        info = venue.info;
        exchange = venue.exchange;
        HyperliquidExecutor.Settings d = HyperliquidExecutor.Settings.dryRun();
        HyperliquidExecutor.Settings settings = new HyperliquidExecutor.Settings(false, d.slippage(),
                d.minNotionalUsd(), d.perpTakerFee(), SPOT_RATE, 0);
        live = venue.executor(settings.withLive(true));
        dry = venue.executor(settings);
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        journal = new Orders(db, clock);
        purr = info.assetCatalog().byName("PURR/USDC");
    }

    @AfterEach
    void stop() {
        venue.close();
        TestDatabases.dispose(db);
    }

    @Test
    void aLiveSpotBuyAndFullSellCountEachFeeOnceAndLeaveNothingOnEitherSide() {
        Position watching = watching();
        BigDecimal ask = bestAsk();
        ExecutionResult buy = live.execute(SimVenue.buyOf(BOUGHT, ask), watching, ticket(DecisionType.ENTRY));
        assertThat(buy.status()).as(buy.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertBuyCountsWhatWasCredited(buy, ask);
        Position held = PositionAccounting.applyFill(watching, buy, clock.nowMs());
        assertThat(held.quantity()).isEqualByComparingTo(venuePurr());

        ExecutionResult sell = live.execute(SimVenue.exit(), held, ticket(DecisionType.EMERGENCY_EXIT));
        assertThat(sell.status()).as(sell.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertRoundTrip(held, buy, sell);
    }

    /**
     * An account that pays less than the configured rate (here the executor assumes 0.07 %, the venue charges
     * 0.1 %, the same gap as a discount the other way): the live buy counts the fee the venue's fills report, so the
     * book holds what the venue credited, not what the configured rate would have left.
     */
    @Test
    void aLiveSpotBuyCountsTheFeeTheVenueChargedNotTheConfiguredRate() {
        HyperliquidExecutor.Settings d = HyperliquidExecutor.Settings.dryRun();
        HyperliquidExecutor assuming = venue.executor(new HyperliquidExecutor.Settings(true, d.slippage(),
                d.minNotionalUsd(), d.perpTakerFee(), new BigDecimal("0.0007"), 0));
        BigDecimal ask = bestAsk();
        ExecutionResult buy = assuming.execute(SimVenue.buyOf(BOUGHT, ask), watching(), ticket(DecisionType.ENTRY));
        assertThat(buy.status()).as(buy.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertBuyCountsWhatWasCredited(buy, ask);
        assertThat(buy.filledSize()).isEqualByComparingTo(venuePurr());
    }

    @Test
    void aSpotRoundTripWhoseAnswersWereLostIsSettledFromTheVenuesFillsAlike() {
        Position watching = watching();
        BigDecimal ask = bestAsk();
        sim.faults().dropExchangeResponses(1);
        assertThat(live.execute(SimVenue.buyOf(BOUGHT, ask), watching, ticket(DecisionType.ENTRY)).status())
                .isEqualTo(ExecutionResult.Status.UNKNOWN);
        ExecutionResult buy = reconciled();
        assertBuyCountsWhatWasCredited(buy, ask);
        Position held = PositionAccounting.applyFill(watching, buy, clock.nowMs());
        assertThat(held.quantity()).isEqualByComparingTo(venuePurr());

        sim.faults().dropExchangeResponses(1);
        assertThat(live.execute(SimVenue.exit(), held, ticket(DecisionType.EMERGENCY_EXIT)).status())
                .isEqualTo(ExecutionResult.Status.UNKNOWN);
        ExecutionResult sell = reconciled();
        assertRoundTrip(held, buy, sell);
        // Settled after the fact, the exit still carries what the venue holds of the token, which bounds the dust.
        assertThat(sell.venueLeft()).isEqualByComparingTo(venuePurr());
        assertThat(buy.venueLeft()).isNull();
        Position overstated = held.withHoldings(held.status(), held.quantity().add(new BigDecimal("0.5")),
                held.totalAllocationUsd(), held.totalExtractedUsd(), held.totalTokensBought(), held.totalTokensSold(),
                held.avgEntryPrice(), held.currentTradeId());
        assertThat(PositionAccounting.applyFill(overstated, sell, clock.nowMs()).dust())
                .isEqualByComparingTo(venuePurr()); // not the book's extra 0.5 the venue never held
    }

    @Test
    void aDryRunSpotBuyHasTheShapeOfTheLiveOneOnTheSameBook() {
        BigDecimal ask = bestAsk();
        ExecutionResult simulated = dry.execute(SimVenue.buyOf(BOUGHT, ask), watching(),
                OrderTicket.unjournalled(OrderTicket.cloid(4, 0, DecisionType.ENTRY, 0)));
        assertThat(sim.exchange().fills(MASTER)).isEmpty(); // the dry run sent nothing
        ExecutionResult sent = live.execute(SimVenue.buyOf(BOUGHT, ask), watching(), ticket(DecisionType.ENTRY));
        assertThat(simulated.dryRun()).isTrue();
        assertThat(simulated.status()).isEqualTo(sent.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertBuyCountsWhatWasCredited(simulated, ask);
        assertThat(simulated.filledSize()).isEqualByComparingTo(sent.filledSize());
        assertThat(simulated.avgPrice()).isEqualByComparingTo(sent.avgPrice());
        assertThat(simulated.notionalUsd()).isEqualByComparingTo(sent.notionalUsd());
        assertThat(simulated.feeUsd()).isEqualByComparingTo(sent.feeUsd());
    }

    /**
     * 1000 bought at the best ask, 1 PURR taken as the fee: 999 counted, their worth the notional, the fee's tokens
     * at the price the fee. The USDC that left the account is the notional plus the fee: all of the 1000's price.
     */
    private void assertBuyCountsWhatWasCredited(ExecutionResult buy, BigDecimal ask) {
        BigDecimal credited = BOUGHT.subtract(FEE_TOKENS);
        assertThat(buy.filledSize()).isEqualByComparingTo(credited);
        assertThat(buy.avgPrice()).isEqualByComparingTo(ask);
        assertThat(buy.notionalUsd()).isEqualByComparingTo(credited.multiply(ask));
        assertThat(buy.feeUsd()).isEqualByComparingTo(FEE_TOKENS.multiply(ask));
        if (!buy.dryRun()) {
            assertThat(venuePurr()).isEqualByComparingTo(credited);
            assertThat(FUNDED.subtract(sim.exchange().usdc(MASTER)))
                    .isEqualByComparingTo(buy.notionalUsd().add(buy.feeUsd()));
        }
    }

    /** The full exit sold all the venue held: nothing left on either side, the trade closed, each fee counted once. */
    private void assertRoundTrip(Position held, ExecutionResult buy, ExecutionResult sell) {
        assertThat(sell.filledSize()).isEqualByComparingTo(held.quantity());
        Position after = PositionAccounting.applyFill(held, sell, clock.nowMs());
        assertThat(after.quantity()).isZero();
        assertThat(venuePurr()).isZero();
        assertThat(TradeClosure.closes(held, after)).isTrue();

        List<SimFill> fills = sim.exchange().fills(MASTER);
        assertThat(fills).hasSize(2);
        SimFill buyFill = fills.stream().filter(f -> f.side().equals("B")).findFirst().orElseThrow();
        SimFill sellFill = fills.stream().filter(f -> f.side().equals("A")).findFirst().orElseThrow();
        assertThat(buyFill.feeToken()).isEqualTo("PURR");
        assertThat(buyFill.fee()).isEqualByComparingTo(FEE_TOKENS);
        assertThat(sellFill.feeToken()).isEqualTo("USDC");
        BigDecimal venueFees = fills.stream().map(f -> HyperliquidReconciler.feeUsd(f.fee(), f.feeToken(), f.px()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fees = buy.feeUsd().add(sell.feeUsd());
        assertThat(fees).isEqualByComparingTo(venueFees);
        assertThat(after.totalFeesUsd()).isEqualByComparingTo(fees);

        // Gross PnL is what the fills' prices made on what was held; the fees come off it once, for net.
        BigDecimal gross = sell.notionalUsd().subtract(buy.notionalUsd());
        Pnl pnl = PositionAccounting.pnl(after, sell.avgPrice());
        assertThat(pnl.totalPnlUsd()).isEqualByComparingTo(gross);
        assertThat(pnl.netPnlUsd()).isEqualByComparingTo(gross.subtract(fees));
        TradeClosure.ClosedTrade closed = TradeClosure.summarise(after, new TradeClosure.Entry(0, "S1", "e"),
                List.of(), clock.nowMs(), "emergency_exit");
        assertThat(closed.pnlUsd()).isEqualByComparingTo(gross);
        assertThat(closed.netPnlUsd()).isEqualByComparingTo(gross.subtract(fees));
        // And the USDC the round trip cost the account is exactly the net loss.
        assertThat(sim.exchange().usdc(MASTER).subtract(FUNDED)).isEqualByComparingTo(closed.netPnlUsd());
    }

    /** The one open journal row, settled by cloid from the venue's fills, as the PM applies it. */
    private ExecutionResult reconciled() {
        HyperliquidReconciler reconciler = new HyperliquidReconciler(journal, info, exchange, MASTER, clock,
                HyperliquidReconciler.NEVER_ARRIVED_AFTER_MS, info::assetCatalog);
        Settlement s = reconciler.settlements().getFirst();
        assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(journal.settle(s.entry().cloid(), s.status(), s.response(), s.fills())).isTrue();
        return s.result();
    }

    private BigDecimal bestAsk() {
        HlInfoClient.Level best = info.l2Book(purr.apiCoin()).asks().getFirst();
        // One level: the fill has one price, and the whole buy pays exactly 1 PURR.
        assertThat(best.sz()).isGreaterThanOrEqualTo(BOUGHT);
        return best.px();
    }

    private BigDecimal venuePurr() {
        return venue.spotBalance(purr);
    }

    private Position watching() {
        return Position.watching(4, purr.name(), "hyperliquid", purr.name(), Timeframe.H1, "spot", BigDecimal.ONE,
                BigDecimal.ZERO, 0);
    }

    /** A decision's ticket at the next bar, journalling into the orders table as the PM's ledger does. */
    private OrderTicket ticket(DecisionType type) {
        bar += 3_600_000;
        return SimVenue.journalled(db, journal, 4, bar, type);
    }
}
