package lotus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndicatorsTest {

    private static final long[] SEEDS = {1L, 7L, 42L, 20260101L, 987654321L};
    private static final int[] LENGTHS = {1, 9, 10, 14, 15, 16, 19, 20, 21, 75, 333, 1000};

    private static void assertSeries(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Naive.close(actual[i], expected[i]))
                    .as("%s[%d]: actual %s expected %s", what, i, actual[i], expected[i]).isTrue();
        }
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(Naive.close(actual, expected)).as("%s: actual %s expected %s", what, actual, expected).isTrue();
    }

    @Test
    void emaMatchesTheClosedFormSeededWithTheFirstValue() {
        for (long seed : SEEDS) {
            for (int n : LENGTHS) {
                double[] c = Naive.Ohlcv.random(seed, n).close();
                for (int period : new int[] {20, 60, 333}) {
                    assertSeries(Indicators.ema(c, period), Naive.ema(c, period),
                            "ema" + period + " seed=" + seed + " n=" + n);
                }
            }
        }
    }

    @Test
    void emaOfOneTwoThreeWithPeriodThreeHalvesTheGapEachStep() {
        assertThat(Indicators.ema(new double[] {1, 2, 3}, 3)).containsExactly(1.0, 1.5, 2.25);
    }

    @Test
    void olsSlopeMatchesCovarianceOverVariance() {
        for (long seed : SEEDS) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int k = 2; k <= 30; k++) {
                double[] y = r.doubles(k, -100, 100).toArray();
                assertClose(Indicators.olsSlope(y), Naive.slope(y), "slope seed=" + seed + " k=" + k);
            }
        }
    }

    @Test
    void olsSlopeOfHandCases() {
        assertThat(Indicators.olsSlope(new double[] {1, 3, 5})).isEqualTo(2.0);
        assertThat(Indicators.olsSlope(new double[] {4, 4, 4, 4})).isEqualTo(0.0);
        assertThat(Indicators.olsSlope(new double[] {3, 1, 2})).isEqualTo(-0.5);
    }

    @Test
    void emaSlopesMatchTheNaiveNormalisedSlopes() {
        for (long seed : SEEDS) {
            for (int n : LENGTHS) {
                double[] e = Indicators.ema(Naive.Ohlcv.random(seed, n).close(), 60);
                double slope = n < 10 ? 0 : Naive.normSlope(e, n);
                double dSlope = n < 20 ? 0 : Naive.normSlope(e, n) - Naive.normSlope(e, n - 10);
                assertClose(Indicators.emaSlope(e), slope, "emaSlope seed=" + seed + " n=" + n);
                assertClose(Indicators.dEmaSlope(e), dSlope, "dEmaSlope seed=" + seed + " n=" + n);
            }
        }
    }

    @Test
    void emaSlopeOfALineIsItsSlopeOverTheLatestValue() {
        double[] line = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Indicators.emaSlope(line)).isCloseTo(0.1, within(1e-15));
        assertThat(Indicators.emaSlope(Arrays.copyOf(line, 9))).isZero();
        assertThat(Indicators.emaSlope(new double[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0})).isZero();
        double[] line20 = new double[20];
        Arrays.setAll(line20, i -> i + 1);
        assertThat(Indicators.dEmaSlope(line20)).isCloseTo(1.0 / 20 - 1.0 / 10, within(1e-15));
        assertThat(Indicators.dEmaSlope(Arrays.copyOf(line20, 19))).isZero();
    }

    @Test
    void atrMatchesTheNaiveBarIndexedLoop() {
        for (long seed : SEEDS) {
            for (int n : LENGTHS) {
                Naive.Ohlcv b = Naive.Ohlcv.random(seed, n);
                double[] atr = Indicators.atrSeries(b.high(), b.low(), b.close());
                assertSeries(atr, Naive.atr(b.high(), b.low(), b.close()), "atr seed=" + seed + " n=" + n);
                double[] tail = Arrays.copyOfRange(atr, Math.max(0, n - 20), n);
                assertClose(Indicators.atrMean20(atr), Arrays.stream(tail).average().orElse(0),
                        "atrMean20 seed=" + seed + " n=" + n);
            }
        }
    }

    @Test
    void atrSeedsWithTheMeanOfTheFirstFourteenRangesThenSmoothsWilder() {
        // Bar i (i ≥ 1) has range i and closes mid-range, so its TR is i; bar 15 has TR 21.
        int n = 16;
        double[] h = new double[n], l = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            double range = i == 15 ? 21 : Math.max(i, 1);
            h[i] = 100 + range / 2;
            l[i] = 100 - range / 2;
            c[i] = 100;
        }
        double[] atr = Indicators.atrSeries(h, l, c);
        assertThat(atr[14]).isCloseTo(7.5, within(1e-12));
        assertThat(atr[0]).isEqualTo(atr[14]);
        assertThat(atr[15]).isCloseTo((13 * 7.5 + 21) / 14, within(1e-12));
        assertThat(Indicators.atrSeries(Arrays.copyOf(h, 14), Arrays.copyOf(l, 14), Arrays.copyOf(c, 14)))
                .containsOnly(0.0);
    }

    @Test
    void rsiMatchesARecomputationPerBar() {
        for (long seed : SEEDS) {
            for (int n : LENGTHS) {
                double[] c = Naive.Ohlcv.random(seed, n).close();
                int from = Math.max(15, n - 60);
                double[] expected = new double[Math.max(0, n - from)];
                for (int k = from; k < n; k++) {
                    expected[k - from] = Naive.rsi(c, k);
                }
                double[] rsi = Indicators.rsiSeries(c);
                assertSeries(rsi, expected, "rsi seed=" + seed + " n=" + n);
                assertClose(Indicators.rsiAt(c, n - 1), Naive.rsi(c, n - 1), "rsi latest seed=" + seed + " n=" + n);
                double slope = expected.length < 10
                        ? 0 : Naive.slope(Arrays.copyOfRange(expected, expected.length - 10, expected.length));
                assertClose(Indicators.rsiSlope10(rsi), slope, "rsiSlope10 seed=" + seed + " n=" + n);
            }
        }
    }

    @Test
    void rsiWithoutLossesIsAlmostHundredAndFiftyWithFourteenCloses() {
        double[] rising = new double[20];
        Arrays.setAll(rising, i -> 10 + i);
        // Average gain 1, average loss 0 → 1e-9: RS = 1e9.
        assertThat(Indicators.rsiAt(rising, 19)).isEqualTo(100 - 100 / (1 + 1e9));
        assertThat(Indicators.rsiAt(rising, 13)).isEqualTo(50.0);
        assertThat(Indicators.rsiSeries(Arrays.copyOf(rising, 15))).isEmpty();
        assertThat(Indicators.rsiSeries(Arrays.copyOf(rising, 16))).hasSize(1);
        assertThat(Indicators.rsiSeries(new double[200])).hasSize(60);
        // 7 gains of 2 and 7 losses of 1 in the last 14 moves: RS = 2 → 66.67.
        double[] zigzag = new double[15];
        for (int i = 1; i < 15; i++) {
            zigzag[i] = zigzag[i - 1] + (i % 2 == 1 ? 2 : -1);
        }
        assertThat(Indicators.rsiAt(zigzag, 14)).isCloseTo(200.0 / 3, within(1e-12));
    }

    @Test
    void adxMatchesTheNaiveBarIndexedLoop() {
        for (long seed : SEEDS) {
            for (int n : LENGTHS) {
                Naive.Ohlcv b = Naive.Ohlcv.random(seed, n);
                double[] adx = Indicators.adxSeries(b.high(), b.low(), b.close());
                double[] expected = Naive.adx(b.high(), b.low(), b.close());
                assertSeries(adx, expected, "adx seed=" + seed + " n=" + n);
                double slope = n < 10 ? 0 : Naive.slope(Arrays.copyOfRange(expected, n - 10, n));
                assertClose(Indicators.adxSlope10(adx), slope, "adxSlope10 seed=" + seed + " n=" + n);
            }
        }
    }

    @Test
    void adxIsZeroWithFifteenBarsAndHundredInAPureUptrend() {
        int n = 40;
        double[] h = new double[n], l = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = 100 + i;
            h[i] = l[i] + 2;
            c[i] = l[i] + 1;
        }
        assertThat(Indicators.adxSeries(Arrays.copyOf(h, 15), Arrays.copyOf(l, 15), Arrays.copyOf(c, 15)))
                .hasSize(15).containsOnly(0.0);
        // Only +DM moves, so −DI = 0 and every DX is 100.
        double[] adx = Indicators.adxSeries(h, l, c);
        for (double v : adx) {
            assertThat(v).isCloseTo(100.0, within(1e-9));
        }
        assertThat(Indicators.adxSlope10(adx)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void equalUpAndDownMovesCountAsNoDirectionalMovement() {
        // Widening outside bars: high +1 and low −1 each bar, so neither move is larger than the other.
        int n = 30;
        double[] h = new double[n], l = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = 100 + i;
            l[i] = 100 - i;
            c[i] = 100;
        }
        assertThat(Indicators.adxSeries(h, l, c)).containsOnly(0.0);
    }

    @Test
    void voZMatchesTheNaiveEwma() {
        for (long seed : SEEDS) {
            for (int n : LENGTHS) {
                double[] v = Naive.Ohlcv.random(seed, n).volume();
                assertClose(Indicators.voZ(v), Naive.voZ(v), "voZ seed=" + seed + " n=" + n);
            }
        }
    }

    @Test
    void voZHandCases() {
        double[] flat = new double[300];
        Arrays.fill(flat, 1234.5);
        assertThat(Indicators.voZ(flat)).isZero();
        // Nine equal bars then a jump: μ and var move only on the last bar, z = (1−α)Δ / ((1−α)√α Δ) = √(65/2).
        double[] ten = new double[10];
        Arrays.fill(ten, 1000);
        ten[9] = 50_000;
        assertThat(Indicators.voZ(ten)).isCloseTo(Math.sqrt(32.5), within(1e-9));
        ten[9] = 1;
        assertThat(Indicators.voZ(ten)).isEqualTo(-4.0);
        // With 100 bars the top is winsorised to sorted[98], so one spike on a flat series reads 0.
        double[] hundred = new double[100];
        Arrays.fill(hundred, 1000);
        hundred[99] = 1e9;
        assertThat(Indicators.voZ(hundred)).isZero();
    }
}
