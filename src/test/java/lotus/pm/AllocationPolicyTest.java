package lotus.pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/**
 * STRATEGY.md §5 and §7: a token's default allocation (15 %: 15m 3, 1h 6, 4h 6) split across its timeframes in
 * proportion to share × the book's timeframe weight, never above the token's total; and the add that would exceed it.
 */
class AllocationPolicyTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final BigDecimal WALLET = new BigDecimal("1000");

    private static Position pos(long id, Timeframe tf, String pct) {
        return Position.watching(id, "ETH", "hyperliquid", "ETH", tf, "perps", new BigDecimal(pct), BigDecimal.ZERO,
                T0);
    }

    private static Position standard(long id, Timeframe tf) {
        return pos(id, tf, AllocationPolicy.defaultPct(tf).toPlainString());
    }

    private static AllocationWeights weights(Map<Timeframe, Double> w) {
        return (book, chain, tf) -> {
            assertThat(book).isEqualTo("perps");
            assertThat(chain).isEqualTo("hyperliquid");
            return w.getOrDefault(tf, 1.0);
        };
    }

    private static final Position M15 = standard(1, Timeframe.M15);
    private static final Position H1 = standard(2, Timeframe.H1);
    private static final Position H4 = standard(3, Timeframe.H4);

    @Test
    void withoutLessonsEveryPositionKeepsItsDefault() {
        List<Position> token = List.of(M15, H1, H4);
        assertThat(AllocationPolicy.budgetPct(M15, token, AllocationWeights.NONE)).isEqualByComparingTo("3");
        assertThat(AllocationPolicy.budgetPct(H1, token, AllocationWeights.NONE)).isEqualByComparingTo("6");
        assertThat(AllocationPolicy.budgetPct(H4, token, AllocationWeights.NONE)).isEqualByComparingTo("6");
    }

    @Test
    void aBookWhose1hTradesDidBetterThanIts4hGivesThe1hMoreOfTheTokensBudget() {
        // Weights 15m 1.0, 1h 2.0, 4h 0.5: share × weight = 0.2, 0.8, 0.2, sum 1.2 of the token's 15 %.
        // 1h = 15 × 0.8 / 1.2 = 10 %; 15m = 4h = 15 × 0.2 / 1.2 = 2.5 %; together 15 %.
        AllocationWeights w = weights(Map.of(Timeframe.H1, 2.0, Timeframe.H4, 0.5));
        List<Position> token = List.of(M15, H1, H4);
        BigDecimal h1 = AllocationPolicy.budgetPct(H1, token, w);
        BigDecimal h4 = AllocationPolicy.budgetPct(H4, token, w);
        BigDecimal m15 = AllocationPolicy.budgetPct(M15, token, w);
        assertThat(h1).isEqualByComparingTo("10");
        assertThat(h4).isEqualByComparingTo("2.5");
        assertThat(m15).isEqualByComparingTo("2.5");
        assertThat(h1.add(h4).add(m15)).isEqualByComparingTo("15");
        // The next 1h entry, with 30 already allocated: 1000 × 10 / 100 − 30 = 70, where the default gave 60 − 30.
        Position bought = H1.withHoldings(PositionStatus.ACTIVE, BigDecimal.ONE, new BigDecimal("30"),
                BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("30"), "2-1");
        assertThat(PositionAccounting.remainingBudgetUsd(bought, WALLET, AllocationPolicy.budgetPct(bought,
                List.of(M15, bought, H4), w))).isEqualByComparingTo("70");
        assertThat(PositionAccounting.remainingBudgetUsd(bought, WALLET)).isEqualByComparingTo("30");
    }

    @Test
    void noWeightsTakeATimeframeOverTheTokensTotal() {
        // Every clamp corner for the three timeframes: the pcts always sum to 15 and none exceeds it. The largest
        // 1h share: 1h 2.0, the others 0.5: 15 × 0.8 / (0.1 + 0.8 + 0.2) = 12 / 1.1 = 10.909…
        double[] corners = {0.5, 1.0, 2.0};
        List<Position> token = List.of(M15, H1, H4);
        BigDecimal largest = BigDecimal.ZERO;
        for (double a : corners) {
            for (double b : corners) {
                for (double c : corners) {
                    AllocationWeights w = weights(Map.of(Timeframe.M15, a, Timeframe.H1, b, Timeframe.H4, c));
                    BigDecimal sum = BigDecimal.ZERO;
                    for (Position p : token) {
                        BigDecimal pct = AllocationPolicy.budgetPct(p, token, w);
                        assertThat(pct).isLessThanOrEqualTo(AllocationPolicy.PER_TOKEN_PCT);
                        sum = sum.add(pct);
                    }
                    assertThat(sum.round(new MathContext(20))).isEqualByComparingTo("15");
                    largest = largest.max(AllocationPolicy.budgetPct(H1, token, w));
                }
            }
        }
        assertThat(largest.round(new MathContext(10))).isEqualByComparingTo("10.90909091");
    }

    @Test
    void weightsThatMoveAfterATimeframeSpentNeverTakeTheTokenOverItsTotal() {
        // Weights 1: 15m spends its whole 3 % (30 of a 1000 wallet). Then learning moves them to 15m 0.5, 1h 2.0,
        // 4h 2.0: share × weight = 0.1, 0.8, 0.8, so 1h's share is 15 × 0.8 / 1.7 = 7.0588… %, 70.59 USD, and 4h's
        // the same: 30 + 70.59 + 70.59 = 171.18, over the token's 150. The headroom caps them: 150 − 30 = 120 left
        // together, so 1h may spend 70.59 now and 4h only the 49.41 left after it.
        Position spent = M15.withHoldings(PositionStatus.ACTIVE, BigDecimal.ONE, new BigDecimal("30"),
                BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("30"), "1-1");
        AllocationWeights w = weights(Map.of(Timeframe.M15, 0.5, Timeframe.H1, 2.0, Timeframe.H4, 2.0));
        List<Position> token = List.of(spent, H1, H4);
        BigDecimal h1Share = PositionAccounting.remainingBudgetUsd(H1, WALLET,
                AllocationPolicy.budgetPct(H1, token, w));
        assertThat(h1Share.setScale(2, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo("70.59");
        assertThat(AllocationPolicy.tokenHeadroomUsd(H1, token, WALLET)).isEqualByComparingTo("120");
        Position h1Bought = H1.withHoldings(PositionStatus.ACTIVE, BigDecimal.ONE, h1Share, BigDecimal.ZERO,
                BigDecimal.ONE, BigDecimal.ZERO, h1Share, "2-1");
        List<Position> after = List.of(spent, h1Bought, H4);
        BigDecimal h4Share = PositionAccounting.remainingBudgetUsd(H4, WALLET,
                AllocationPolicy.budgetPct(H4, after, w));
        BigDecimal h4Headroom = AllocationPolicy.tokenHeadroomUsd(H4, after, WALLET);
        assertThat(h4Share).isEqualByComparingTo(h1Share);
        // Exact to the 34 digits the accounting keeps; compared at 20 places, past which the two roundings differ.
        assertThat(h4Headroom.setScale(20, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo(
                new BigDecimal("120").subtract(h1Share).setScale(20, java.math.RoundingMode.HALF_EVEN));
        assertThat(new BigDecimal("30").add(h1Share).add(h4Share.min(h4Headroom))
                .setScale(20, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo("150");
    }

    @Test
    void aTokenOnSomeTimeframesSplitsOnlyWhatThoseHave() {
        // 1h and 4h only: 6 + 6 = 12 %; weights 2.0 and 0.5 give 12 × 0.8 / 1.0 = 9.6 and 12 × 0.2 / 1.0 = 2.4
        // (15m's weight does not matter: it has no position).
        AllocationWeights w = weights(Map.of(Timeframe.M15, 2.0, Timeframe.H1, 2.0, Timeframe.H4, 0.5));
        assertThat(AllocationPolicy.budgetPct(H1, List.of(H1, H4), w)).isEqualByComparingTo("9.6");
        assertThat(AllocationPolicy.budgetPct(H4, List.of(H1, H4), w)).isEqualByComparingTo("2.4");
        // Alone, a position has all its token has: its own default.
        assertThat(AllocationPolicy.budgetPct(H1, List.of(H1), w)).isEqualByComparingTo("6");
        assertThat(AllocationPolicy.budgetPct(H1, List.of(), w)).isEqualByComparingTo("6");
    }

    @Test
    void aPctTheUserChoseIsKeptAndLeftOutOfTheSplit() {
        // 1h given 5 by hand: it stays 5 whatever the weights. 15m and 4h split their own 3 + 6 = 9: share × weight
        // 0.2 × 1.0 and 0.4 × 0.5, sum 0.4, so 9 × 0.2 / 0.4 = 4.5 each; together 4.5 + 4.5 + 5 = 14 as stored.
        Position handSet = pos(2, Timeframe.H1, "5");
        AllocationWeights w = weights(Map.of(Timeframe.H1, 2.0, Timeframe.H4, 0.5));
        List<Position> token = List.of(M15, handSet, H4);
        assertThat(AllocationPolicy.isDefault(handSet)).isFalse();
        assertThat(AllocationPolicy.budgetPct(handSet, token, w)).isEqualByComparingTo("5");
        assertThat(AllocationPolicy.budgetPct(H4, token, w)).isEqualByComparingTo("4.5");
        assertThat(AllocationPolicy.budgetPct(M15, token, w)).isEqualByComparingTo("4.5");
    }

    @Test
    void closedPositionsAndOtherTokensOrBooksDoNotShare() {
        AllocationWeights w = weights(Map.of(Timeframe.H1, 2.0, Timeframe.H4, 0.5));
        Position closed = H4.withHoldings(PositionStatus.CLOSED, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, null);
        Position otherToken = new Position(4, "BTC", "hyperliquid", "BTC", Timeframe.H4, "perps",
                PositionStatus.WATCHLIST, null, PositionFeatures.EMPTY, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("6"),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, null,
                List.of(), 0, T0, T0);
        // Only 1h is left in the split: 6 × 0.8 / 0.8 = 6.
        assertThat(AllocationPolicy.budgetPct(H1, List.of(H1, closed, otherToken), w)).isEqualByComparingTo("6");
    }

    @Test
    void anAddOverTheTokensFifteenPercentIsRefused() {
        assertThat(AllocationPolicy.overTokenTotal(List.of(M15, H1), Timeframe.H4, new BigDecimal("6"))).isEmpty();
        assertThat(AllocationPolicy.overTokenTotal(List.of(M15, H1, H4), Timeframe.D1, new BigDecimal("6")))
                .hasValue("1d at 6% would take the token to 21% of the wallet, over its 15% (15m 3%, 1h 6%, 4h 6%"
                        + " already); no room is left for it");
        assertThat(AllocationPolicy.overTokenTotal(List.of(pos(2, Timeframe.H1, "10")), Timeframe.H4,
                new BigDecimal("6"))).hasValue("4h at 6% would take the token to 16% of the wallet, over its 15%"
                        + " (1h 10% already); give --alloc-pct 5 or less");
        // A closed position's pct is free again.
        List<Position> withClosed = new ArrayList<>(List.of(M15, H1));
        withClosed.add(H4.withHoldings(PositionStatus.CLOSED, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, null));
        assertThat(AllocationPolicy.overTokenTotal(withClosed, Timeframe.D1, new BigDecimal("6"))).isEmpty();
    }
}
