package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import lotus.market.Bar;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.store.MemoryPriceHistory;
import lotus.store.PriceTable;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** Paper fills at the last close, moved by the cost model's slippage and charged its fee per venue and book. */
class PaperExecutorTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final Timeframe TF = Timeframe.H1;
    private static final CostModel COSTS = CostModel.of(HyperliquidExecutor.Settings.dryRun(), 1_000_000,
            new BigDecimal("150"), new BigDecimal("25"));

    private final SimulatedClock clock = SimulatedClock.manual(T0 + 2 * TF.durationMs());
    private final MemoryPriceHistory prices = new MemoryPriceHistory();

    private static Bar bar(String token, String chain, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Bar(token, chain, TF, T0, c, c, c, c, BigDecimal.ONE, 0);
    }

    private static Position holding(String chain, String book, String quantity) {
        return Position.watching(3, "TOK", chain, "TOK", TF, book, new BigDecimal("6"), BigDecimal.ZERO, T0)
                .withHoldings(PositionStatus.ACTIVE, new BigDecimal(quantity), new BigDecimal("200"),
                        BigDecimal.ZERO, new BigDecimal(quantity), BigDecimal.ZERO, new BigDecimal("100"), "3-1");
    }

    private ExecutionResult buy(CostModel costs, String chain, String book, String notionalUsd) {
        return new PaperExecutor(prices, clock, costs).execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE,
                new BigDecimal(notionalUsd), List.of(), 0), holding(chain, book, "0"), OrderTicket.unjournalled("c"));
    }

    @Test
    void aHyperliquidSpotBuyFillsAboveTheCloseBySlippageAndPaysTheTakerRateInTheTokenBought() {
        prices.put(PriceTable.HYPERLIQUID, List.of(bar("TOK", "hyperliquid", "100")));
        ExecutionResult r = buy(COSTS.withSlippageBps(new BigDecimal("20")), "hyperliquid", "spot", "500");
        assertThat(r.avgPrice()).isEqualByComparingTo("100.2"); // 100 × (1 + 20 / 10000)
        // 500 / 100.2 = 4.990019960079 (12 places down) bought; 0.07 % of it stays with the venue.
        BigDecimal feeTokens = new BigDecimal("4.990019960079").multiply(new BigDecimal("0.0007"));
        assertThat(r.filledSize()).isEqualByComparingTo(new BigDecimal("4.990019960079").subtract(feeTokens));
        assertThat(r.notionalUsd()).isEqualByComparingTo(r.filledSize().multiply(new BigDecimal("100.2")));
        assertThat(r.feeUsd()).isEqualByComparingTo(feeTokens.multiply(new BigDecimal("100.2")));
        // What left the wallet is the notional and the fee together: the whole size at the price.
        assertThat(r.notionalUsd().add(r.feeUsd())).isEqualByComparingTo(new BigDecimal("4.990019960079")
                .multiply(new BigDecimal("100.2")));
    }

    @Test
    void aHyperliquidSpotSellPaysItsFeeInUsdcOnItsNotional() {
        prices.put(PriceTable.HYPERLIQUID, List.of(bar("TOK", "hyperliquid", "100")));
        ExecutionResult r = new PaperExecutor(prices, clock, COSTS).execute(Decision.sell(DecisionType.TRIM,
                new BigDecimal("0.5"), List.of()), holding("hyperliquid", "spot", "2"), OrderTicket.unjournalled("c"));
        assertThat(r.filledSize()).isEqualByComparingTo("1");
        assertThat(r.notionalUsd()).isEqualByComparingTo("100");
        assertThat(r.feeUsd()).isEqualByComparingTo("0.07");
    }

    @Test
    void aPerpsSellFillsBelowTheCloseAndPaysThePerpsRate() {
        prices.put(PriceTable.HYPERLIQUID, List.of(bar("TOK", "hyperliquid", "100")));
        ExecutionResult r = new PaperExecutor(prices, clock, COSTS.withSlippageBps(new BigDecimal("20"))).execute(
                Decision.sell(DecisionType.TRIM, new BigDecimal("0.5"), List.of()), holding("hyperliquid", "perps",
                        "2"), OrderTicket.unjournalled("c"));
        assertThat(r.avgPrice()).isEqualByComparingTo("99.8");
        assertThat(r.filledSize()).isEqualByComparingTo("1");
        assertThat(r.notionalUsd()).isEqualByComparingTo("99.8");
        assertThat(r.feeUsd()).isEqualByComparingTo("0.04491"); // 99.8 × 0.00045
    }

    @Test
    void aSolanaSwapPaysTheNetworkFeeInSolAndTheRoutesFee() {
        prices.put(PriceTable.LOWCAP, List.of(bar("TOK", "solana", "2")));
        // No SOL bar yet: (5,000 + 1,000,000) lamports at the assumed 150 USD, plus 25 bps of 400.
        ExecutionResult assumed = buy(COSTS, "solana", "social", "400");
        assertThat(assumed.avgPrice()).isEqualByComparingTo("2");
        assertThat(assumed.feeUsd()).isEqualByComparingTo("1.15075"); // 0.001005 × 150 + 1
        // With SOL's 1h close at 200 before the clock's hour: 0.001005 × 200 + 1.
        prices.put(PriceTable.MAJORS, List.of(new Bar("SOL", "hyperliquid", Timeframe.H1, T0,
                new BigDecimal("200"), new BigDecimal("200"), new BigDecimal("200"), new BigDecimal("200"),
                BigDecimal.ONE, 0)));
        assertThat(buy(COSTS, "solana", "social", "400").feeUsd()).isEqualByComparingTo("1.201");
    }

    @Test
    void withoutCostsAFillIsAtTheCloseAndFree() {
        prices.put(PriceTable.HYPERLIQUID, List.of(bar("TOK", "hyperliquid", "100")));
        ExecutionResult r = new PaperExecutor(prices, clock).execute(Decision.buy(DecisionType.ENTRY,
                BigDecimal.ONE, new BigDecimal("500"), List.of(), 0), holding("hyperliquid", "spot", "0"),
                OrderTicket.unjournalled("c"));
        assertThat(r.avgPrice()).isEqualByComparingTo("100");
        assertThat(r.filledSize()).isEqualByComparingTo("5");
        assertThat(r.feeUsd()).isZero();
    }
}
