package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** The buy-and-hold benchmark, against values worked out by hand. */
class BuyAndHoldTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long H = Timeframe.H1.durationMs();

    private static List<Bar> bars(String token, long firstOpenMs, String... closes) {
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            BigDecimal c = new BigDecimal(closes[i]);
            out.add(new Bar(token, "hyperliquid", Timeframe.H1, firstOpenMs + i * H, c, c, c, c, BigDecimal.ONE, 0));
        }
        return out;
    }

    /**
     * 1,200 USD split in two: 600 buys 6 AAA at its first close (100) and 600 buys 3 BBB at its first close (200), an
     * hour later, so BBB's part is cash at the first tick. AAA's bars end before the last tick: it is held at 90.
     */
    @Test
    void theBudgetIsSplitBoughtAtEachFirstCloseAndValuedAtEachTick() {
        List<Bar> aaa = bars("AAA", T0, "100", "110", "90");
        List<Bar> bbb = bars("BBB", T0 + H, "200", "250", "240.5");
        long[] ticks = {T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H};

        BuyAndHold b = BuyAndHold.of(new BigDecimal("1200"), List.of(aaa, bbb), ticks, H);

        assertThat(b.values()).extracting(BuyAndHold.Point::timeMs)
                .containsExactly(T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H);
        // 6 × 100 + 600 cash; 6 × 110 + 3 × 200; 6 × 90 + 3 × 250; 6 × 90 + 3 × 240.5
        List<String> expected = List.of("1200", "1260", "1290", "1261.5");
        for (int i = 0; i < expected.size(); i++) {
            assertThat(b.values().get(i).valueUsd()).as("tick %d", i).isEqualByComparingTo(expected.get(i));
        }
        assertThat(b.pnlUsd(0)).isEqualByComparingTo("0");
        assertThat(b.pnlUsd(1)).isEqualByComparingTo("60");
        assertThat(b.finalPnlUsd()).isEqualByComparingTo("61.5");
    }

    /** A third of 1,000 is not a finite decimal: 34 digits carry it, and the holding at its cost is the budget. */
    @Test
    void aBudgetThatDoesNotDivideStaysExactToThirtyFourDigits() {
        long[] ticks = {T0 + H, T0 + 2 * H};
        BuyAndHold b = BuyAndHold.of(new BigDecimal("1000"), List.of(bars("A", T0, "3", "6"), bars("B", T0, "7", "7"),
                bars("C", T0, "1", "0.5")), ticks, H);

        assertThat(b.pnlUsd(0).abs()).isLessThan(new BigDecimal("1e-30"));
        // A doubles, B is flat, C halves: +333.33… − 166.66… = +166.66…
        assertThat(b.finalPnlUsd().subtract(new BigDecimal("1000").divide(new BigDecimal("6"),
                new java.math.MathContext(34))).abs()).isLessThan(new BigDecimal("1e-30"));
    }

    /**
     * Costs as the strategy's paper fills pay them: 1,000 USD on Hyperliquid spot at a 10 bps taker rate pays 1 USD,
     * and 999 buys at 100 moved 1 % up by slippage, 101: 9.89… tokens, worth 999 at 101 and 1,998 at 202.
     */
    @Test
    void theHoldingPaysTheStrategysFeeAndSlippageOnItsBuy() {
        lotus.exec.CostModel costs = new lotus.exec.CostModel(BigDecimal.ZERO, new BigDecimal("0.001"), 0,
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100"));
        long[] ticks = {T0 + H, T0 + 2 * H, T0 + 3 * H};

        BuyAndHold b = BuyAndHold.of(new BigDecimal("1000"), List.of(bars("A", T0, "100", "101", "202")), ticks, H,
                costs, new lotus.pm.Venue("hyperliquid", "spot"));

        BigDecimal tiny = new BigDecimal("1e-30");
        assertThat(b.values().get(0).valueUsd().subtract(new BigDecimal("99900").divide(new BigDecimal("101"),
                new java.math.MathContext(34))).abs()).isLessThan(tiny);
        assertThat(b.values().get(1).valueUsd().subtract(new BigDecimal("999")).abs()).isLessThan(tiny);
        assertThat(b.finalPnlUsd().subtract(new BigDecimal("998")).abs()).isLessThan(tiny);
        // Without costs the same holding gains 1,020.
        assertThat(BuyAndHold.of(new BigDecimal("1000"), List.of(bars("A", T0, "100", "101", "202")), ticks, H)
                .finalPnlUsd()).isEqualByComparingTo("1020");
    }

    @Test
    void theBudgetIsEachPositionsAllocationOfTheWalletTimesTheTokens() {
        Backtest.Settings s = new Backtest.Settings(List.of("AAA", "BBB"), "hyperliquid", "spot", Timeframe.H1,
                Long.MIN_VALUE, Long.MAX_VALUE, new BigDecimal("10000"), new BigDecimal("6"), 0);
        assertThat(s.budgetUsd()).isEqualByComparingTo("1200");
    }
}
