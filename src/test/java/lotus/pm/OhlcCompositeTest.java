package lotus.pm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** STRATEGY.md §3 ALT composite: mean open and close, max high, min low, summed volume, common times only. */
class OhlcCompositeTest {

    private static final long T = Fixtures.T0;
    private static final long H = Fixtures.HOUR;

    private static Bar bar(String coin, long t, String o, String h, String l, String c, String v) {
        return new Bar(coin, "hyperliquid", Timeframe.H1, t, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l),
                new BigDecimal(c), new BigDecimal(v), 2);
    }

    @Test
    void fourCoinsAverageOpensAndClosesAndTakeExtremes() {
        Map<String, List<Bar>> bars = Map.of(
                "SOL", List.of(bar("SOL", T, "100", "110", "90", "105", "10")),
                "ETH", List.of(bar("ETH", T, "3000", "3100", "2950", "3050", "2")),
                "BNB", List.of(bar("BNB", T, "600", "610", "580", "590", "5")),
                "HYPE", List.of(bar("HYPE", T, "30", "33", "29", "31", "100")));
        List<Bar> alt = OhlcComposite.alt(bars, "hyperliquid");
        assertThat(alt).singleElement().satisfies(b -> {
            assertThat(b.tokenContract()).isEqualTo("ALT");
            assertThat(b.openTimeMs()).isEqualTo(T);
            assertThat(b.open()).isEqualByComparingTo("932.5"); // (100 + 3000 + 600 + 30) / 4
            assertThat(b.close()).isEqualByComparingTo("944"); // (105 + 3050 + 590 + 31) / 4
            assertThat(b.high()).isEqualByComparingTo("3100");
            assertThat(b.low()).isEqualByComparingTo("29");
            assertThat(b.volume()).isEqualByComparingTo("117");
            assertThat(b.tradeCount()).isEqualTo(8);
        });
    }

    @Test
    void onlyTimesEveryPresentCoinHasAreKept() {
        Map<String, List<Bar>> bars = Map.of(
                "SOL", List.of(bar("SOL", T, "1", "1", "1", "1", "1"), bar("SOL", T + H, "2", "2", "2", "2", "1"),
                        bar("SOL", T + 2 * H, "3", "3", "3", "3", "1")),
                "ETH", List.of(bar("ETH", T + H, "4", "4", "4", "4", "1"), bar("ETH", T + 2 * H, "5", "5", "5", "5",
                        "1")),
                "BNB", List.of(bar("BNB", T, "6", "6", "6", "6", "1"), bar("BNB", T + 2 * H, "7", "7", "7", "7", "1"),
                        bar("BNB", T + H, "8", "8", "8", "8", "1")));
        List<Bar> alt = OhlcComposite.alt(bars, "hyperliquid");
        assertThat(alt).extracting(Bar::openTimeMs).containsExactly(T + H, T + 2 * H);
        assertThat(alt.get(0).close()).isEqualByComparingTo("4.666666666666666666666666666666667"); // 14/3
        assertThat(alt.get(1).close()).isEqualByComparingTo("5");
    }

    @Test
    void aMissingCoinIsLeftOutWhileThreeRemain() {
        Map<String, List<Bar>> three = Map.of(
                "SOL", List.of(bar("SOL", T, "3", "3", "3", "3", "1")),
                "ETH", List.of(bar("ETH", T, "6", "6", "6", "6", "1")),
                "BNB", List.of(bar("BNB", T, "9", "9", "9", "9", "1")),
                "HYPE", List.of());
        assertThat(OhlcComposite.alt(three, "hyperliquid")).singleElement()
                .satisfies(b -> assertThat(b.close()).isEqualByComparingTo("6"));
        Map<String, List<Bar>> two = Map.of(
                "SOL", List.of(bar("SOL", T, "3", "3", "3", "3", "1")),
                "ETH", List.of(bar("ETH", T, "6", "6", "6", "6", "1")));
        assertThat(OhlcComposite.alt(two, "hyperliquid")).isEmpty();
    }

    @Test
    void unknownCoinsAndMixedTimeframesAreRejected() {
        assertThatThrownBy(() -> OhlcComposite.alt(Map.of("sol", List.of()), "hyperliquid"))
                .isInstanceOf(IllegalArgumentException.class);
        Bar daily = new Bar("ETH", "hyperliquid", Timeframe.D1, T, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, 0);
        assertThatThrownBy(() -> OhlcComposite.composite("X", "c",
                List.of(List.of(bar("SOL", T, "1", "1", "1", "1", "1")), List.of(daily))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
