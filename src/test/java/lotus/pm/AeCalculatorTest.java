package lotus.pm;

import static lotus.engine.EngineState.S0;
import static lotus.engine.EngineState.S1;
import static lotus.engine.EngineState.S2;
import static lotus.engine.EngineState.S3;
import static lotus.engine.EngineState.S4;
import static lotus.pm.Fixtures.BUY_AND_TRIM;
import static lotus.pm.Fixtures.BUY_FLAG;
import static lotus.pm.Fixtures.BUY_SIGNAL;
import static lotus.pm.Fixtures.NONE;
import static lotus.pm.Fixtures.TRIM_FLAG;
import static lotus.pm.Fixtures.driver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** STRATEGY.md §3: every number of the A/E tables, by hand. */
class AeCalculatorTest {

    private static final double EPS = 1e-12;

    /**
     * BTC 1d S3+trim_flag (−0.05, +0.25); BTC 1h S1+buy_signal (+0.45, −0.25); ALT 1d S2+buy_flag (+0.20, 0);
     * ALT 1m S0 freshly from S3 (−0.80, +0.80); USDT.d 1h S2+trim_flag (−0.10, +0.30); BTC.d 1m S4 (0, 0); no bucket.
     */
    private static Regime mixed() {
        return Regime.EMPTY
                .with(RegimeDriver.BTC, Timeframe.D1, driver(S3, S3, TRIM_FLAG))
                .with(RegimeDriver.BTC, Timeframe.H1, driver(S1, S1, BUY_SIGNAL))
                .with(RegimeDriver.ALT, Timeframe.D1, driver(S2, S2, BUY_FLAG))
                .with(RegimeDriver.ALT, Timeframe.M1, driver(S0, S3, NONE))
                .with(RegimeDriver.USDT_D, Timeframe.H1, driver(S2, S2, TRIM_FLAG))
                .with(RegimeDriver.BTC_D, Timeframe.M1, driver(S4, S4, NONE));
    }

    /** Expected A and E for {@link #mixed()} with multipliers (m1d, m1h, m1m), written as the §3 sum. */
    private static double[] expectedMixed(double m1d, double m1h, double m1m) {
        double a = 0.5
                + (0.20 - 0.25) * 1.0 * 0.50 * m1d
                + (0.25 + 0.20) * 1.0 * 0.40 * m1h
                + (0.10 + 0.10) * 1.5 * 0.50 * m1d
                + (-0.30 - 0.50) * 1.5 * 0.10 * m1m
                + (0.10 - 0.20) * -3.0 * 0.40 * m1h
                + 0.0 * -1.0 * 0.10 * m1m;
        double e = 0.5
                + (-0.05 + 0.30) * 1.0 * 0.50 * m1d
                + (-0.15 - 0.10) * 1.0 * 0.40 * m1h
                + (0.05 - 0.05) * 1.5 * 0.50 * m1d
                + (0.30 + 0.50) * 1.5 * 0.10 * m1m
                + (0.05 + 0.25) * -3.0 * 0.40 * m1h
                + 0.0 * -1.0 * 0.10 * m1m;
        return new double[] {a, e};
    }

    static Stream<Arguments> executionTimeframes() {
        return Stream.of(
                Arguments.of(Timeframe.M1, 0.05, 0.35, 0.60),
                Arguments.of(Timeframe.M5, 0.10, 0.50, 0.40),
                Arguments.of(Timeframe.M15, 0.15, 0.55, 0.30),
                Arguments.of(Timeframe.H1, 0.30, 0.55, 0.15),
                Arguments.of(Timeframe.H4, 0.55, 0.40, 0.05),
                Arguments.of(Timeframe.D1, 0.80, 0.18, 0.02));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executionTimeframes")
    void mixedRegimeMatchesTheHandSumForEachExecutionTimeframe(Timeframe exec, double m1d, double m1h, double m1m) {
        Ae ae = AeCalculator.compute(mixed(), exec);
        double[] expected = expectedMixed(m1d, m1h, m1m);
        assertThat(ae.a()).isCloseTo(expected[0], within(EPS));
        assertThat(ae.e()).isCloseTo(expected[1], within(EPS));
        assertThat(ae.breakdown()).hasSize(6);
    }

    @Test
    void oneHourExecutionWrittenOut() {
        Ae ae = AeCalculator.compute(mixed(), Timeframe.H1);
        // A: −0.0075 + 0.099 + 0.045 − 0.018 + 0.066 = 0.1845; E: 0.0375 − 0.055 + 0 + 0.018 − 0.198 = −0.1975
        assertThat(ae.a()).isCloseTo(0.6845, within(EPS));
        assertThat(ae.e()).isCloseTo(0.3025, within(EPS));
    }

    @Test
    void emptyRegimeIsNeutral() {
        Ae ae = AeCalculator.compute(Regime.EMPTY, Timeframe.H1);
        assertThat(ae.a()).isEqualTo(0.5);
        assertThat(ae.e()).isEqualTo(0.5);
        assertThat(ae.breakdown()).isEmpty();
    }

    @Test
    void absentDriversAndDormantOutputsContributeNothing() {
        Regime btcOnly = Regime.EMPTY.with(RegimeDriver.BTC, Timeframe.D1, driver(S1, S1, NONE));
        Regime withDormant = btcOnly.with(RegimeDriver.USDT_D, Timeframe.D1, Fixtures.dormant())
                .with(RegimeDriver.BUCKET, Timeframe.H1, Fixtures.dormant());
        Ae ae = AeCalculator.compute(withDormant, Timeframe.H4);
        assertThat(ae.a()).isCloseTo(0.5 + 0.25 * 1.0 * 0.50 * 0.55, within(EPS));
        assertThat(ae.e()).isCloseTo(0.5 - 0.15 * 1.0 * 0.50 * 0.55, within(EPS));
        assertThat(ae.breakdown()).singleElement().satisfies(c -> {
            assertThat(c.driver()).isEqualTo(RegimeDriver.BTC);
            assertThat(c.weight()).isCloseTo(1.0 * 0.50 * 0.55, within(EPS));
        });
    }

    @Test
    void eachStateDeltaOnBucketDaily() {
        // BUCKET 3.0 × 1d 0.50 × (1h execution) 0.30 = 0.45
        double w = 3.0 * 0.50 * 0.30;
        assertAe(driver(S0, S0, NONE), 0.5 - 0.30 * w, 0.5 + 0.30 * w);
        assertAe(driver(S1, S1, NONE), 0.5 + 0.25 * w, 0.5 - 0.15 * w);
        assertAe(driver(S2, S2, NONE), 0.5 + 0.10 * w, 0.5 + 0.05 * w);
        assertAe(driver(S3, S3, NONE), 0.5 + 0.20 * w, 0.5 - 0.05 * w);
        assertAe(driver(S4, S4, NONE), 0.5, 0.5);
    }

    @Test
    void flagsAddOnlyInTheirState() {
        double w = 3.0 * 0.50 * 0.30;
        assertAe(driver(S2, S2, BUY_AND_TRIM), 0.5 + (0.10 + 0.10 - 0.20) * w, 0.5 + (0.05 - 0.05 + 0.25) * w);
        assertAe(driver(S3, S3, BUY_AND_TRIM), 0.5 + (0.20 + 0.05 - 0.25) * w, 0.5 + (-0.05 - 0.05 + 0.30) * w);
        assertAe(driver(S1, S1, BUY_SIGNAL), 0.5 + (0.25 + 0.20) * w, 0.5 + (-0.15 - 0.10) * w);
        // buy_signal means nothing outside S1, buy_flag nothing in S1
        assertAe(driver(S2, S2, BUY_SIGNAL), 0.5 + 0.10 * w, 0.5 + 0.05 * w);
        assertAe(driver(S1, S1, BUY_FLAG), 0.5 + 0.25 * w, 0.5 - 0.15 * w);
    }

    @Test
    void freshFallIntoS0AddsItsPulseOnlyOnTheTransitionBar() {
        double w = 3.0 * 0.50 * 0.30;
        assertAe(driver(S0, S1, NONE), 0.5 + (-0.30 - 0.40) * w, 0.5 + (0.30 + 0.40) * w);
        assertAe(driver(S0, S2, NONE), 0.5 + (-0.30 - 0.35) * w, 0.5 + (0.30 + 0.35) * w);
        assertAe(driver(S0, S3, NONE), 0.5 + (-0.30 - 0.50) * w, 0.5 + (0.30 + 0.50) * w);
        assertAe(driver(S0, S4, NONE), 0.5 - 0.30 * w, 0.5 + 0.30 * w);
        assertAe(driver(S0, null, NONE), 0.5 - 0.30 * w, 0.5 + 0.30 * w);
    }

    @Test
    void dominanceDriversInvertTheirState() {
        // USDT.d in S3 on 1h for a 1h position: −3.0 × 0.40 × 0.55
        Regime r = Regime.EMPTY.with(RegimeDriver.USDT_D, Timeframe.H1, driver(S3, S2, NONE));
        Ae ae = AeCalculator.compute(r, Timeframe.H1);
        assertThat(ae.a()).isCloseTo(0.5 + 0.20 * -3.0 * 0.40 * 0.55, within(EPS));
        assertThat(ae.e()).isCloseTo(0.5 - 0.05 * -3.0 * 0.40 * 0.55, within(EPS));
    }

    @Test
    void clampsToZeroAndOne() {
        Regime crash = Regime.EMPTY;
        Regime boom = Regime.EMPTY;
        for (Timeframe h : Regime.HORIZONS) {
            crash = crash.with(RegimeDriver.BUCKET, h, driver(S0, S3, NONE))
                    .with(RegimeDriver.ALT, h, driver(S0, S3, NONE));
            boom = boom.with(RegimeDriver.BUCKET, h, driver(S1, S1, BUY_SIGNAL))
                    .with(RegimeDriver.USDT_D, h, driver(S0, S0, NONE));
        }
        // crash unclamped: A = 0.5 − 0.80 × (3.0 + 1.5) × (0.5×0.8 + 0.4×0.18 + 0.1×0.02) < 0
        Ae down = AeCalculator.compute(crash, Timeframe.D1);
        assertThat(0.5 - 0.80 * 4.5 * (0.5 * 0.8 + 0.4 * 0.18 + 0.1 * 0.02)).isNegative();
        assertThat(down.a()).isEqualTo(0.0);
        assertThat(down.e()).isEqualTo(1.0);
        Ae up = AeCalculator.compute(boom, Timeframe.D1);
        assertThat(up.a()).isEqualTo(1.0);
        assertThat(up.e()).isEqualTo(0.0);
    }

    @Test
    void regimeRejectsHorizonsOtherThanDailyHourlyMinute() {
        assertThatThrownBy(() -> Regime.EMPTY.with(RegimeDriver.BTC, Timeframe.H4, driver(S1, S1, NONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertAe(lotus.engine.EngineOutput bucketDaily, double a, double e) {
        Ae ae = AeCalculator.compute(Regime.EMPTY.with(RegimeDriver.BUCKET, Timeframe.D1, bucketDaily), Timeframe.H1);
        assertThat(ae.a()).as("A for %s<-%s", bucketDaily.state(), bucketDaily.prevState()).isCloseTo(a, within(EPS));
        assertThat(ae.e()).as("E for %s<-%s", bucketDaily.state(), bucketDaily.prevState()).isCloseTo(e, within(EPS));
    }
}
