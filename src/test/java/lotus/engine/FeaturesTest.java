package lotus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static List<Bar> bars(Naive.Ohlcv x) {
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < x.close().length; i++) {
            out.add(new Bar("ETH", "hyperliquid", Timeframe.H1, T0 + i * 3_600_000L, BigDecimal.valueOf(x.open()[i]),
                    BigDecimal.valueOf(x.high()[i]), BigDecimal.valueOf(x.low()[i]), BigDecimal.valueOf(x.close()[i]),
                    BigDecimal.valueOf(x.volume()[i]), 0));
        }
        return out;
    }

    private static double[] tail(double[] a, int n) {
        return Arrays.copyOfRange(a, a.length - n, a.length);
    }

    private static void check(String what, double actual, double expected, long seed) {
        assertThat(Naive.close(actual, expected))
                .as("%s seed=%d: actual %s expected %s", what, seed, actual, expected).isTrue();
    }

    @Test
    void everyFeatureMatchesTheNaiveReferenceOnTheLastThousandBars() {
        for (long seed : new long[] {3L, 1234L, 777_777L}) {
            Naive.Ohlcv all = Naive.Ohlcv.random(seed, 1200);
            Features f = Features.compute(BarSeries.of(bars(all)));
            int n = 1000;
            double[] c = tail(all.close(), n), h = tail(all.high(), n), l = tail(all.low(), n);
            double[] v = tail(all.volume(), n);
            double[] e20 = Naive.ema(c, 20), e30 = Naive.ema(c, 30), e50 = Naive.ema(c, 50), e60 = Naive.ema(c, 60);
            double[] e144 = Naive.ema(c, 144), e250 = Naive.ema(c, 250), e333 = Naive.ema(c, 333);
            int z = n - 1;
            check("price", f.price(), c[z], seed);
            check("ema20", f.ema20(), e20[z], seed);
            check("ema30", f.ema30(), e30[z], seed);
            check("ema50", f.ema50(), e50[z], seed);
            check("ema60", f.ema60(), e60[z], seed);
            check("ema144", f.ema144(), e144[z], seed);
            check("ema250", f.ema250(), e250[z], seed);
            check("ema333", f.ema333(), e333[z], seed);
            check("ema20Slope", f.ema20Slope(), Naive.normSlope(e20, n), seed);
            check("ema60Slope", f.ema60Slope(), Naive.normSlope(e60, n), seed);
            check("ema144Slope", f.ema144Slope(), Naive.normSlope(e144, n), seed);
            check("ema250Slope", f.ema250Slope(), Naive.normSlope(e250, n), seed);
            check("ema333Slope", f.ema333Slope(), Naive.normSlope(e333, n), seed);
            check("dEma60Slope", f.dEma60Slope(), Naive.normSlope(e60, n) - Naive.normSlope(e60, n - 10), seed);
            check("dEma144Slope", f.dEma144Slope(), Naive.normSlope(e144, n) - Naive.normSlope(e144, n - 10), seed);
            check("dEma250Slope", f.dEma250Slope(), Naive.normSlope(e250, n) - Naive.normSlope(e250, n - 10), seed);
            check("dEma333Slope", f.dEma333Slope(), Naive.normSlope(e333, n) - Naive.normSlope(e333, n - 10), seed);
            double sepFast = (e20[z] - e60[z]) / e60[z];
            double sepMid = (e60[z] - e144[z]) / e144[z];
            check("sepFast", f.sepFast(), sepFast, seed);
            check("sepMid", f.sepMid(), sepMid, seed);
            check("dsepFast5", f.dsepFast5(), sepFast - (e20[z - 5] - e60[z - 5]) / e60[z - 5], seed);
            check("dsepMid5", f.dsepMid5(), sepMid - (e60[z - 5] - e144[z - 5]) / e144[z - 5], seed);
            double[] atr = Naive.atr(h, l, c);
            check("atr", f.atr(), atr[z], seed);
            check("atrMean20", f.atrMean20(), Arrays.stream(tail(atr, 20)).average().orElseThrow(), seed);
            check("atrNorm", f.atrNorm(), atr[z] / e50[z], seed);
            check("rsi", f.rsi(), Naive.rsi(c, z), seed);
            double[] rsiTail = new double[10];
            Arrays.setAll(rsiTail, i -> Naive.rsi(c, n - 10 + i));
            check("rsiSlope10", f.rsiSlope10(), Naive.slope(rsiTail), seed);
            double[] adx = Naive.adx(h, l, c);
            check("adx", f.adx(), adx[z], seed);
            check("adxSlope10", f.adxSlope10(), Naive.slope(tail(adx, 10)), seed);
            check("voZ", f.voZ(), Naive.voZ(v), seed);
        }
    }

    @Test
    void aFlatMarketHasNoSlopeNoSeparationAndZeroRsi() {
        int n = 400;
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        Arrays.fill(o, 100);
        Arrays.fill(c, 100);
        Arrays.fill(h, 101);
        Arrays.fill(l, 99);
        Arrays.fill(v, 5);
        Features f = Features.compute(BarSeries.of(bars(new Naive.Ohlcv(o, h, l, c, v))));
        assertThat(f.price()).isEqualTo(100.0);
        assertThat(f.ema333()).isEqualTo(100.0);
        assertThat(f.ema20Slope()).isZero();
        assertThat(f.dEma333Slope()).isZero();
        assertThat(f.sepFast()).isZero();
        assertThat(f.dsepMid5()).isZero();
        assertThat(f.atr()).isEqualTo(2.0);
        assertThat(f.atrMean20()).isEqualTo(2.0);
        assertThat(f.atrNorm()).isEqualTo(0.02);
        // No gains and no losses: RS = 0 / 1e-9 = 0, so §1's rule reads a flat market as RSI 0, not 50.
        assertThat(f.rsi()).isZero();
        assertThat(f.adx()).isZero();
        assertThat(f.voZ()).isZero();
    }

    @Test
    void barSeriesKeepsTheLastThousandBarsOldestFirst() {
        List<Bar> bars = bars(Naive.Ohlcv.random(9L, 1005));
        BarSeries s = BarSeries.of(bars);
        assertThat(s.size()).isEqualTo(BarSeries.WINDOW);
        assertThat(s.openTimeMs()[0]).isEqualTo(bars.get(5).openTimeMs());
        assertThat(s.close()[999]).isEqualTo(bars.get(1004).close().doubleValue());
        s.close()[0] = -1;
        assertThat(s.close()[0]).isEqualTo(bars.get(5).close().doubleValue());
    }

    @Test
    void featuresRejectANonFiniteValueAnywhereButNotFiniteValuesWhoseSumOverflows() {
        EngineFixtures.F f = new EngineFixtures.F();
        f.voZ = Double.NaN;
        assertThatThrownBy(f::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        f.voZ = 0;
        f.ema333 = Double.POSITIVE_INFINITY;
        f.price = Double.NEGATIVE_INFINITY; // +∞ + −∞: the sum is NaN
        assertThatThrownBy(f::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        f.ema333 = 1e308;
        f.price = 1e308; // the sum overflows, every value is finite
        assertThat(f.build().price()).isEqualTo(1e308);
    }

    @Test
    void barSeriesRejectsBarsOutOfOrderAndFeaturesRejectAnEmptyWindow() {
        List<Bar> bars = new ArrayList<>(bars(Naive.Ohlcv.random(11L, 5)));
        bars.add(bars.get(0));
        assertThatThrownBy(() -> BarSeries.of(bars)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Features.compute(BarSeries.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortWindowYieldsNeutralValuesInsteadOfFailing() {
        Features f = Features.compute(BarSeries.of(bars(Naive.Ohlcv.random(5L, 3))));
        assertThat(f.ema20Slope()).isZero();
        assertThat(f.dsepFast5()).isZero();
        assertThat(f.atr()).isZero();
        assertThat(f.rsi()).isEqualTo(50.0);
        assertThat(f.adx()).isZero();
    }
}
