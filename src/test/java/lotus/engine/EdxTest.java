package lotus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdxTest {

    private record Bars(double[] high, double[] low, double[] close, double[] volume) {
        static Bars of(Naive.Ohlcv o) {
            return new Bars(o.high(), o.low(), o.close(), o.volume());
        }

        /** Bars with the given closes, a 0.2 % range around each, and constant volume. */
        static Bars ofCloses(double[] c) {
            double[] h = Arrays.stream(c).map(x -> x * 1.002).toArray();
            double[] l = Arrays.stream(c).map(x -> x * 0.998).toArray();
            double[] v = new double[c.length];
            Arrays.fill(v, 1000);
            return new Bars(h, l, c, v);
        }

        int length() {
            return close.length;
        }

        double edx() {
            return Edx.edx(high, low, close, volume, 0, close.length);
        }

        Bars tail(int n) {
            int from = length() - n;
            return new Bars(Arrays.copyOfRange(high, from, length()), Arrays.copyOfRange(low, from, length()),
                    Arrays.copyOfRange(close, from, length()), Arrays.copyOfRange(volume, from, length()));
        }
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(Naive.close(actual, expected)).as("%s: actual %s expected %s", what, actual, expected).isTrue();
    }

    /** A 0.4 %/bar climb with a 25-bar wobble whose ~2 % dips leave higher highs and higher lows. */
    private static double[] rising(int n) {
        return rollingOver(n, n);
    }

    /** The same climb up to bar 2n/3, then the mirror-image slide: lower highs and lower lows. */
    private static double[] rollingOver(int n) {
        return rollingOver(n, 2 * n / 3);
    }

    private static double[] rollingOver(int n, int top) {
        double[] c = new double[n];
        Arrays.setAll(c, i -> 100 * Math.exp(0.004 * (i <= top ? i : 2 * top - i) + 0.03 * Math.sin(i / 4.0)));
        return c;
    }

    @Test
    void underTenBarsIsNeutral() {
        Bars b = Bars.of(Naive.Ohlcv.random(3, 40));
        for (int n = 0; n < 10; n++) {
            assertThat(Edx.edx(b.high(), b.low(), b.close(), b.volume(), 5, 5 + n)).as("n=%d", n).isEqualTo(0.5);
        }
        assertThat(Edx.edx(b.high(), b.low(), b.close(), b.volume(), 5, 15)).isNotEqualTo(0.5);
    }

    @Test
    void aFlatEpisodeIsExactlyNeutralBecauseTheWeightsAreDividedByTheirSum() {
        // Every component is 0.5; without the division by 0.85 this would read 0.425.
        double[] c = new double[200];
        Arrays.fill(c, 100);
        assertThat(Bars.ofCloses(c).edx()).isEqualTo(0.5);
        assertThat(Edx.score(0.5, 0.5, 0.5, 0.5)).isEqualTo(0.5);
    }

    @Test
    void scoreWeighsTheComponentsAndDividesByPointEightyFive() {
        assertThat(Edx.score(1, 1, 1, 1)).isEqualTo(1.0);
        assertThat(Edx.score(0, 0, 0, 0)).isEqualTo(0.0);
        assertThat(Edx.score(1, 0, 0, 0)).isCloseTo(0.30 / 0.85, within(1e-15));
        assertThat(Edx.score(0, 1, 0, 0)).isCloseTo(0.25 / 0.85, within(1e-15));
        assertThat(Edx.score(0, 0, 1, 0)).isCloseTo(0.20 / 0.85, within(1e-15));
        assertThat(Edx.score(0, 0, 0, 1)).isCloseTo(0.10 / 0.85, within(1e-15));
        assertThat(Edx.score(0.9, 0.8, 0.7, 0.6)).isCloseTo((0.27 + 0.2 + 0.14 + 0.06) / 0.85, within(1e-15));
    }

    @Test
    void windowsCombineByTheDecayPattern() {
        // One window: its value.
        assertThat(Edx.combine(0.3, null, null)).isEqualTo(0.3);
        // Two: recent weakening (s2 > s1) weighs the recent window 0.7, otherwise the mean.
        assertThat(Edx.combine(0.2, 0.6, null)).isCloseTo(0.3 * 0.2 + 0.7 * 0.6, within(1e-15));
        assertThat(Edx.combine(0.6, 0.2, null)).isCloseTo(0.4, within(1e-15));
        assertThat(Edx.combine(0.4, 0.4, null)).isCloseTo(0.4, within(1e-15));
        // Three, accelerating (s3 > s2 > s1): 0.2, 0.3, 0.5.
        assertThat(Edx.combine(0.2, 0.4, 0.8)).isCloseTo(0.04 + 0.12 + 0.4, within(1e-15));
        // Three, not accelerating: as for two, s3 ignored.
        assertThat(Edx.combine(0.2, 0.4, 0.3)).isCloseTo(0.3 * 0.2 + 0.7 * 0.4, within(1e-15));
        assertThat(Edx.combine(0.2, 0.4, 0.4)).isCloseTo(0.3 * 0.2 + 0.7 * 0.4, within(1e-15));
        assertThat(Edx.combine(0.4, 0.2, 0.9)).isCloseTo(0.3, within(1e-15));
        assertThat(Edx.combine(0.4, 0.4, 0.9)).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void windowsAreTheWholeEpisodeItsLastTwoThirdsAndItsLastThirdWhenTenBarsOrMore() {
        // Boundary lengths: 14 (one window; 2/3 = 9), 15 (two; 10), 29 (two; 1/3 = 9), 30 (three; 10).
        for (long seed : new long[] {5, 6, 7}) {
            for (int n : new int[] {10, 14, 15, 29, 30}) {
                Bars b = Bars.of(Naive.Ohlcv.random(seed, n));
                assertClose(b.edx(), naiveEdx(b), "seed=" + seed + " n=" + n);
            }
        }
        // The window sets differ: a one-window reference misses the 15-bar episode.
        Bars b = Bars.of(Naive.Ohlcv.random(11, 15));
        assertThat(Math.abs(b.edx() - naiveEdxWithWindows(b, new int[] {15}))).isGreaterThan(1e-6);
    }

    @Test
    void matchesTheNaiveReferenceOnRandomEpisodes() {
        for (long seed : new long[] {1, 2, 42, 2026}) {
            for (int n : new int[] {16, 24, 25, 60, 143, 144, 215, 216, 433, 500}) {
                Bars b = Bars.of(Naive.Ohlcv.random(seed, n));
                double edx = b.edx();
                assertClose(edx, naiveEdx(b), "seed=" + seed + " n=" + n);
                assertThat(edx).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void aSteadyClimbReadsLowAndARollOverReadsHigh() {
        Bars up = Bars.ofCloses(rising(300));
        Bars over = Bars.ofCloses(rollingOver(300));
        double low = up.edx();
        double high = over.edx();
        assertClose(low, naiveEdx(up), "rising");
        assertClose(high, naiveEdx(over), "rolling over");
        // Pinned: 0.30·slow + 0.25·struct + 0.20·part + 0.10·comp over 0.85, windows 300/200/100.
        assertThat(low).isCloseTo(0.25106521815330657, within(1e-12));
        assertThat(high).isCloseTo(0.6491409252203105, within(1e-12));
        // Higher highs and lows only: no structural decay while climbing; only lower ones after the top.
        double[] upAtr = Edx.zigZagAtr(up.high(), up.low(), up.close());
        assertThat(Edx.struct(up.high(), up.low(), up.close(), upAtr)).isEqualTo(0.0);
        Bars slide = over.tail(100);
        double[] slideAtr = Arrays.copyOfRange(Edx.zigZagAtr(over.high(), over.low(), over.close()), 200, 300);
        assertThat(Edx.struct(slide.high(), slide.low(), slide.close(), slideAtr)).isEqualTo(1.0);
    }

    @Test
    void onlyTheLastFiveHundredBarsCount() {
        Bars b = Bars.of(Naive.Ohlcv.random(9, 700));
        double last500 = Edx.edx(b.high(), b.low(), b.close(), b.volume(), 200, 700);
        assertThat(Edx.edx(b.high(), b.low(), b.close(), b.volume(), 100, 700)).isEqualTo(last500);
        assertThat(Edx.edx(b.high(), b.low(), b.close(), b.volume(), 0, 700)).isEqualTo(last500);
        assertThat(b.tail(500).edx()).isEqualTo(last500);
        // Different older bars change nothing; one more recent bar does.
        Bars other = Bars.of(Naive.Ohlcv.random(10, 700));
        for (int i = 0; i < 200; i++) {
            b.close()[i] = other.close()[i];
            b.high()[i] = other.high()[i];
            b.low()[i] = other.low()[i];
            b.volume()[i] = other.volume()[i];
        }
        assertThat(Edx.edx(b.high(), b.low(), b.close(), b.volume(), 100, 700)).isEqualTo(last500);
        assertThat(Edx.edx(b.high(), b.low(), b.close(), b.volume(), 199, 699)).isNotEqualTo(last500);
    }

    @Test
    void slowComponentRisesWhenTheTrendWeakens() {
        // A smooth 0.4 %/bar climb and its mirror: the EMA term decides, RSI sits still at ≈ 100 or 0.
        double[] up = new double[120];
        Arrays.setAll(up, i -> 100 * Math.exp(0.004 * i));
        double[] down = Arrays.stream(up).map(x -> 1e4 / x).toArray();
        Bars u = Bars.ofCloses(up);
        Bars d = Bars.ofCloses(down);
        double slowUp = Edx.slow(u.high(), u.low(), u.close());
        double slowDown = Edx.slow(d.high(), d.low(), d.close());
        assertClose(slowUp, naiveSlow(u.high(), u.low(), u.close()), "slow up");
        assertClose(slowDown, naiveSlow(d.high(), d.low(), d.close()), "slow down");
        assertThat(slowUp).isLessThan(0.5);
        assertThat(slowDown).isGreaterThan(0.5);
    }

    @Test
    void participationIsTheSlopeOfTheWindowAnchoredVwapOfCloses() {
        // Closes 100 + 0.2 i with equal volume: VWAP_i = 100 + 0.1 i, slope 0.1, last value 100.9 (i = 9 of 10).
        double[] c = new double[10];
        Arrays.setAll(c, i -> 100 + 0.2 * i);
        double[] v = new double[10];
        Arrays.fill(v, 5);
        assertThat(Edx.part(c, v)).isCloseTo(Edx.sigmoid(-1000 * 0.1 / 100.9), within(1e-12));
        // Zero and negative volume repeat the previous VWAP; a zero-volume first bar takes its close.
        double[] v2 = {0, 1, 0, -3, 1, 1, 1, 1, 1, 1};
        double[] vwap = {100, 100.2, 100.2, 100.2, 0, 0, 0, 0, 0, 0};
        // Bars 1, 4..9 carry weight 1: VWAP at bar k ≥ 4 is the mean of closes 1, 4..k.
        for (int k = 4; k < 10; k++) {
            double sum = c[1];
            for (int j = 4; j <= k; j++) {
                sum += c[j];
            }
            vwap[k] = sum / (k - 2);
        }
        assertThat(Edx.part(c, v2)).isCloseTo(Edx.sigmoid(-1000 * Naive.slope(vwap) / vwap[9]), within(1e-12));
    }

    @Test
    void compressionNeedsOneHundredFortyFourBars() {
        double[] c = rollingOver(143);
        assertThat(Edx.comp(c)).isEqualTo(0.5);
        double[] c144 = rollingOver(144);
        assertClose(Edx.comp(c144), naiveComp(c144), "comp 144");
        assertThat(Edx.comp(rising(300))).isLessThan(0.5); // the slow EMAs fan out
        assertThat(Edx.comp(rollingOver(300))).isGreaterThan(0.5); // and converge after the top
    }

    @Test
    void structureIsTheShareOfLowerHighsAndLowerLows() {
        double[] c = ZigZagTest.TRIANGLE;
        double[] atr = ZigZagTest.flat(c.length, 2);
        // Pivots L100, H120, L104, H116, L108: highs 120→116 lower; lows 100→104→108 higher: 1 of 3.
        assertThat(Edx.struct(c, c, c, atr)).isCloseTo(1.0 / 3, within(1e-15));
        // A tail high at 116 equal to the previous one counts as lower: 2 of 4.
        double[] tail = Arrays.copyOf(c, 25);
        tail[22] = 115;
        tail[23] = 114.5;
        tail[24] = 114.2;
        assertThat(Edx.struct(tail, tail, tail, ZigZagTest.flat(25, 2))).isEqualTo(0.5);
        tail[21] = 117; // now higher: 1 of 4
        assertThat(Edx.struct(tail, tail, tail, ZigZagTest.flat(25, 2))).isEqualTo(0.25);
        // ATR 10: pivots L100, H120, L104, H116: 1 of 2.
        assertThat(Edx.struct(c, c, c, ZigZagTest.flat(c.length, 10))).isEqualTo(0.5);
        // Fewer than 4 pivots (L100, H120, L104): neutral, though the one comparison is a higher low.
        double[] three = Arrays.copyOf(c, 13);
        assertThat(Edx.struct(three, three, three, ZigZagTest.flat(13, 2))).isEqualTo(0.5);
        three[12] = 112.9; // the rally to 113 stops short: L104 unconfirmed, 2 pivots
        assertThat(Edx.struct(three, three, three, ZigZagTest.flat(13, 2))).isEqualTo(0.5);
    }

    @Test
    void theZigZagAtrUsesTheMeanTrueRangeUnderFifteenBars() {
        double[] c = {10, 11, 13, 12, 12, 15, 14, 14, 15, 16};
        assertThat(Edx.zigZagAtr(c, c, c)).containsOnly((1 + 2 + 1 + 0 + 3 + 1 + 0 + 1 + 1) / 9.0);
        Bars b = Bars.of(Naive.Ohlcv.random(4, 15));
        assertThat(Edx.zigZagAtr(b.high(), b.low(), b.close()))
                .containsExactly(Indicators.atrSeries(b.high(), b.low(), b.close()));
    }

    // ---- Naive reference, written from STRATEGY.md §2 with the naive §1 indicators of Naive. ----

    private static double sigma(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double naiveEdx(Bars b) {
        int n = b.length();
        List<Integer> windows = new ArrayList<>(List.of(n));
        if (2 * n / 3 >= 10) {
            windows.add(2 * n / 3);
        }
        if (n / 3 >= 10) {
            windows.add(n / 3);
        }
        return naiveEdxWithWindows(b, windows.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double naiveEdxWithWindows(Bars b, int[] windows) {
        int n = b.length();
        if (n < 10) {
            return 0.5;
        }
        double[] atr;
        if (n >= 15) {
            atr = Naive.atr(b.high(), b.low(), b.close());
        } else {
            double sum = 0;
            for (int i = 1; i < n; i++) {
                sum += Naive.tr(b.high(), b.low(), b.close(), i);
            }
            atr = new double[n];
            Arrays.fill(atr, sum / (n - 1));
        }
        double[][] parts = new double[4][windows.length];
        for (int k = 0; k < windows.length; k++) {
            Bars w = b.tail(windows[k]);
            double[] wAtr = Arrays.copyOfRange(atr, n - windows[k], n);
            parts[0][k] = naiveSlow(w.high(), w.low(), w.close());
            parts[1][k] = naiveStruct(w, wAtr);
            parts[2][k] = naivePart(w.close(), w.volume());
            parts[3][k] = naiveComp(w.close());
        }
        double edx = (0.30 * naiveCombine(parts[0]) + 0.25 * naiveCombine(parts[1]) + 0.20 * naiveCombine(parts[2])
                + 0.10 * naiveCombine(parts[3])) / 0.85;
        return Math.max(0, Math.min(1, edx));
    }

    private static double naiveCombine(double[] s) {
        if (s.length == 1) {
            return s[0];
        }
        if (s.length == 3 && s[0] < s[1] && s[1] < s[2]) {
            return 0.2 * s[0] + 0.3 * s[1] + 0.5 * s[2];
        }
        return s[1] > s[0] ? 0.3 * s[0] + 0.7 * s[1] : (s[0] + s[1]) / 2;
    }

    private static double last10Slope(double[] s) {
        return s.length < 10 ? 0 : Naive.slope(Arrays.copyOfRange(s, s.length - 10, s.length));
    }

    private static double naiveSlow(double[] h, double[] l, double[] c) {
        int n = c.length;
        double s250 = Naive.normSlope(Naive.ema(c, 250), n);
        double s333 = Naive.normSlope(Naive.ema(c, 333), n);
        List<Double> rsi = new ArrayList<>();
        for (int k = Math.max(15, n - 60); k < n; k++) {
            rsi.add(Naive.rsi(c, k));
        }
        double rsiSlope = last10Slope(rsi.stream().mapToDouble(Double::doubleValue).toArray());
        double adxSlope = last10Slope(Naive.adx(h, l, c));
        return (sigma(-1000 * (s250 + s333) / 2) + sigma(-rsiSlope / 5) + sigma(-adxSlope / 2)) / 3;
    }

    private static double naiveStruct(Bars w, double[] atr) {
        List<ZigZag.Pivot> pivots = ZigZag.pivots(w.close(), w.high(), w.low(), atr);
        if (pivots.size() < 4) {
            return 0.5;
        }
        int lower = 0;
        int pairs = 0;
        for (int j = 0; j < pivots.size(); j++) {
            for (int i = j - 1; i >= 0; i--) {
                if (pivots.get(i).high() == pivots.get(j).high()) {
                    pairs++;
                    if (w.close()[pivots.get(j).index()] <= w.close()[pivots.get(i).index()]) {
                        lower++;
                    }
                    break;
                }
            }
        }
        return pairs == 0 ? 0.5 : (double) lower / pairs;
    }

    private static double naivePart(double[] c, double[] v) {
        int n = c.length;
        double[] vwap = new double[n];
        for (int i = 0; i < n; i++) {
            double pv = 0;
            double vol = 0;
            for (int j = 0; j <= i; j++) {
                if (v[j] > 0) {
                    pv += c[j] * v[j];
                    vol += v[j];
                }
            }
            vwap[i] = v[i] > 0 ? pv / vol : i == 0 ? c[0] : vwap[i - 1];
        }
        return sigma(-1000 * last10Slope(vwap) / Math.max(vwap[n - 1], 1e-9));
    }

    private static double naiveComp(double[] c) {
        int n = c.length;
        if (n < 144) {
            return 0.5;
        }
        double[] e144 = Naive.ema(c, 144);
        double[] e250 = Naive.ema(c, 250);
        double[] e333 = Naive.ema(c, 333);
        double[] a = new double[10];
        double[] b = new double[10];
        for (int j = 0; j < 10; j++) {
            int i = n - 10 + j;
            a[j] = (e144[i] - e333[i]) / e333[i];
            b[j] = (e250[i] - e333[i]) / e333[i];
        }
        return sigma(-100 * (Naive.slope(a) + Naive.slope(b)) / 2);
    }
}
