package lotus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** The bucket index's 1h and 1d bars, rolled up from its 1m bars by {@link MinuteRollup}. */
class BucketRollupTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long MIN = 60_000L;

    private static Bar index(long openMs, String o, String h, String l, String c) {
        return new Bar("bucket.mid", "regime", Timeframe.M1, openMs, new BigDecimal(o), new BigDecimal(h),
                new BigDecimal(l), new BigDecimal(c), BigDecimal.ZERO, 0);
    }

    private static void assertOhlc(Bar b, Timeframe tf, long openMs, String o, String h, String l, String c) {
        assertThat(b.tokenContract()).isEqualTo("bucket.mid");
        assertThat(b.chain()).isEqualTo("regime");
        assertThat(b.timeframe()).isEqualTo(tf);
        assertThat(b.openTimeMs()).isEqualTo(openMs);
        assertThat(new BigDecimal[] {b.open(), b.high(), b.low(), b.close()})
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c));
    }

    @Test
    void hourAndDayBarsTakeTheFirstOpenTheLastCloseTheMaxHighAndTheMinLow() {
        List<Bar> minutes = List.of(
                index(T0 + 58 * MIN, "100", "101", "99.5", "100.5"),
                index(T0 + 59 * MIN, "100.5", "103", "100", "102"),
                index(T0 + 60 * MIN, "102", "102.5", "98", "99"),
                index(T0 + 62 * MIN, "99", "99.5", "97", "97.25"));

        List<Bar> hours = MinuteRollup.rollUp(minutes, Timeframe.H1);
        assertThat(hours).hasSize(2);
        assertOhlc(hours.get(0), Timeframe.H1, T0, "100", "103", "99.5", "102");
        assertOhlc(hours.get(1), Timeframe.H1, T0 + 60 * MIN, "102", "102.5", "97", "97.25");

        List<Bar> days = MinuteRollup.rollUp(minutes, Timeframe.D1);
        assertThat(days).hasSize(1);
        assertOhlc(days.get(0), Timeframe.D1, T0, "100", "103", "97", "97.25");
        assertThat(MinuteRollup.rollUp(hours, Timeframe.D1).get(0).samePrices(days.get(0))).isTrue();
    }

    @Test
    void noMinutesNoBars() {
        assertThat(MinuteRollup.rollUp(List.of(), Timeframe.H1)).isEmpty();
    }

    @Test
    void unorderedOrMixedOrCoarserInputIsRefused() {
        Bar a = index(T0 + MIN, "1", "1", "1", "1");
        Bar b = index(T0, "1", "1", "1", "1");
        assertThatThrownBy(() -> MinuteRollup.rollUp(List.of(a, b), Timeframe.H1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MinuteRollup.rollUp(List.of(b), Timeframe.M1))
                .isInstanceOf(IllegalArgumentException.class);
        Bar other = new Bar("bucket.big", "regime", Timeframe.M1, T0 + MIN, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, 0);
        assertThatThrownBy(() -> MinuteRollup.rollUp(List.of(b, other), Timeframe.H1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
