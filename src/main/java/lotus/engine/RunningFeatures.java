package lotus.engine;

import java.util.Arrays;
import lotus.market.Bar;

/**
 * {@link Features#compute} over the last ≤ 1000 bars, kept up to date one bar at a time. Until the window is full
 * nothing slides and every value is computed with the same arithmetic as {@link Indicators}, so it is bit-for-bit
 * equal; afterwards it agrees to rounding (≈ 1e-13 relative):
 * <ul>
 *   <li>EMAs: §1's sliding form, written as e_p = U_p + (1−α)^(p−f)·(x_f − U_f) with U the EMA over all history
 *       (U_0 = x_0) and f the window's first bar. U_f advances with the window, so every one of the last 20
 *       window-seeded EMA values (slopes need them) costs O(1); while f = 0 the correction is exactly 0.</li>
 *   <li>ATR/ADX: Wilder filters continued from the first bar; in a full window the window seed's weight is
 *       (13/14)^985 ≈ 1e-32, below double precision.</li>
 *   <li>RSI: the last 15 closes (14 changes) at each bar, exactly as {@link Indicators#rsiAt}.</li>
 *   <li>vo_z: winsorising bounds from a sorted copy of the window (one O(window) memmove per bar, ~100 ns); while
 *       the bounds stay put the EWMA continues (in a full window its seed weighs (63/65)^999 ≈ 3e-14), and when
 *       they move it is recomputed over the window, exactly as {@link Indicators#voZ}.</li>
 * </ul>
 * Memory: six aligned 1500-slot arrays plus the sorted window, ≈ 80 KB.
 *
 * <p>About 400 lines: every indicator above slides over the same window arrays, the engine's hot path.
 */
final class RunningFeatures {

    static final int WINDOW = BarSeries.WINDOW;
    private static final int SLACK = 500;
    private static final int CAP = WINDOW + SLACK;
    private static final int P = Indicators.PERIOD;
    private static final int SLOPE = Indicators.SLOPE_BARS;
    private static final int EMA_TAIL = 2 * SLOPE;
    private static final int ATR_TAIL = 20;
    private static final int DSEP_LAG = 5;
    private static final int[] PERIODS = {20, 30, 50, 60, 144, 250, 333};
    private static final int E20 = 0, E30 = 1, E50 = 2, E60 = 3, E144 = 4, E250 = 5, E333 = 6;
    /** EMA values each feature needs: 20 for a d-slope, 10 for a slope, 1 for the value alone. */
    private static final int[] NEED = {SLOPE, 1, 1, EMA_TAIL, EMA_TAIL, EMA_TAIL, EMA_TAIL};
    private static final double[] ALPHA = new double[PERIODS.length];
    /** DECAY[k][p] = (1−α_k)^p: the weight of the window's first close at window position p. */
    private static final double[][] DECAY = new double[PERIODS.length][WINDOW];

    static {
        for (int k = 0; k < PERIODS.length; k++) {
            ALPHA[k] = 2.0 / (PERIODS[k] + 1);
            for (int p = 0; p < WINDOW; p++) {
                DECAY[k][p] = Math.pow(1 - ALPHA[k], p);
            }
        }
    }

    // Aligned bar buffers; the window is [end − n, end). Slack lets the window slide without copying every bar.
    final double[] high = new double[CAP];
    final double[] low = new double[CAP];
    final double[] close = new double[CAP];
    final double[] volume = new double[CAP];
    final long[] openTime = new long[CAP];
    private final double[] logVol = new double[CAP];
    int end;
    int n;
    private long count;
    // Ring positions of the latest entry (wrapped ints: a long % per access cost more than the arithmetic).
    private int pos20 = -1;
    private int pos10 = -1;
    private int wilderPos20 = -1;
    private int wilderPos10 = -1;

    private final double[] u = new double[PERIODS.length];
    private final double[] uFirst = new double[PERIODS.length];
    private final double[][] uTail = new double[PERIODS.length][EMA_TAIL];

    private double trSum;
    private double pdmSum;
    private double mdmSum;
    private double atr;
    private double pdm;
    private double mdm;
    private double adx;
    private double atrFirst;
    private double adxFirst;
    private long wilderCount;
    private final double[] atrTail = new double[ATR_TAIL];
    private final double[] adxTail = new double[SLOPE];
    private final double[] rsiTail = new double[SLOPE];
    private double rsi;

    private final double[] sorted = new double[WINDOW];
    private double mu;
    private double var;
    private double lo = Double.NEGATIVE_INFINITY;
    private double hi = Double.POSITIVE_INFINITY;
    private double voZ;

    // Scratch for feature assembly (no allocation per bar).
    private final double[] seg = new double[EMA_TAIL];
    private final double[] tail10 = new double[SLOPE];
    private final double[] emaLast = new double[PERIODS.length];
    private final double[] emaLag5 = new double[PERIODS.length];
    private final double[] emaSlope = new double[PERIODS.length];
    private final double[] dEmaSlope = new double[PERIODS.length];

    /** Adds a bar (the caller checks its order) and updates every running statistic. */
    void push(Bar bar) {
        double h = bar.high().doubleValue();
        double l = bar.low().doubleValue();
        double c = bar.close().doubleValue();
        double v = bar.volume().doubleValue();
        if (end == CAP) {
            compact();
        }
        boolean sliding = n == WINDOW;
        double xOld = sliding ? logVol[end - n] : 0;
        double ph = count > 0 ? high[end - 1] : 0;
        double pl = count > 0 ? low[end - 1] : 0;
        double pc = count > 0 ? close[end - 1] : 0;
        high[end] = h;
        low[end] = l;
        close[end] = c;
        volume[end] = v;
        logVol[end] = Math.log1p(v);
        openTime[end] = bar.openTimeMs();
        end++;
        if (!sliding) {
            n++;
        }
        long a = count++;
        pos20 = pos20 == EMA_TAIL - 1 ? 0 : pos20 + 1;
        pos10 = pos10 == SLOPE - 1 ? 0 : pos10 + 1;
        updateEmas(a, c, sliding);
        if (a > 0) {
            updateWilder(h, l, ph, pl, pc);
        }
        rsi = n <= P ? 50 : Indicators.rsiAt(close, end - 1);
        rsiTail[pos10] = rsi;
        voZ = updateVoZ(sliding, xOld);
    }

    double lastClose() {
        return close[end - 1];
    }

    /** Bars pushed so far; bar k (0-based) sits at position k − count() + end while in the window. */
    long count() {
        return count;
    }

    /** EDX over the episode's bars in the window (open time ≥ s3Start), at most the last {@link Edx#MAX_BARS}. */
    double edx(UptrendEngine.EdxFunction fn, long s3Start) {
        int from = end - Math.min(n, Edx.MAX_BARS);
        int to = end;
        while (from < to) {
            int mid = (from + to) >>> 1;
            if (openTime[mid] >= s3Start) {
                to = mid;
            } else {
                from = mid + 1;
            }
        }
        return fn.edx(high, low, close, volume, from, end);
    }

    private void compact() {
        int from = end - n;
        for (double[] a : new double[][] {high, low, close, volume, logVol}) {
            System.arraycopy(a, from, a, 0, n);
        }
        System.arraycopy(openTime, from, openTime, 0, n);
        end = n;
    }

    private void updateEmas(long a, double c, boolean sliding) {
        double first = close[end - n];
        for (int k = 0; k < PERIODS.length; k++) {
            if (a == 0) {
                u[k] = c;
                uFirst[k] = c;
            } else {
                // Same form as Indicators.ema, so the values are bit-for-bit equal before the window slides.
                u[k] = u[k] + ALPHA[k] * (c - u[k]);
                if (sliding) {
                    uFirst[k] = uFirst[k] + ALPHA[k] * (first - uFirst[k]);
                }
            }
            uTail[k][pos20] = u[k];
        }
    }

    private void updateWilder(double h, double l, double ph, double pl, double pc) {
        double tr = Math.max(h - l, Math.max(Math.abs(h - pc), Math.abs(l - pc)));
        double up = h - ph;
        double down = pl - l;
        double plus = up > down && up > 0 ? up : 0;
        double minus = down > up && down > 0 ? down : 0;
        long j = count - 2;
        if (j < P) {
            trSum += tr;
            pdmSum += plus;
            mdmSum += minus;
            if (j < P - 1) {
                return;
            }
            atr = trSum / P;
            pdm = pdmSum / P;
            mdm = mdmSum / P;
        } else {
            atr = ((P - 1) * atr + tr) / P;
            pdm = ((P - 1) * pdm + plus) / P;
            mdm = ((P - 1) * mdm + minus) / P;
        }
        double plusDi = atr == 0 ? 0 : 100 * pdm / atr;
        double minusDi = atr == 0 ? 0 : 100 * mdm / atr;
        double sum = plusDi + minusDi;
        double dx = sum == 0 ? 0 : 100 * Math.abs(plusDi - minusDi) / sum;
        long q = wilderCount++;
        wilderPos20 = wilderPos20 == ATR_TAIL - 1 ? 0 : wilderPos20 + 1;
        wilderPos10 = wilderPos10 == SLOPE - 1 ? 0 : wilderPos10 + 1;
        if (q == 0) {
            adx = dx;
            atrFirst = atr;
            adxFirst = dx;
        } else {
            adx = ((P - 1) * adx + dx) / P;
        }
        atrTail[wilderPos20] = atr;
        adxTail[wilderPos10] = adx;
    }

    private double updateVoZ(boolean sliding, double xOld) {
        double x = logVol[end - 1];
        if (sliding) {
            replaceSorted(xOld, x);
        } else {
            insertSorted(x, n - 1);
        }
        double nlo = Double.NEGATIVE_INFINITY;
        double nhi = Double.POSITIVE_INFINITY;
        if (n >= 10) {
            nlo = sorted[Math.max(0, (int) Math.floor(0.02 * n) - 1)];
            nhi = sorted[Math.min(n - 1, (int) Math.floor(0.98 * n))];
        }
        if (n == 1) {
            mu = x;
            var = 0;
        } else if (nlo == lo && nhi == hi) {
            double cx = Math.min(nhi, Math.max(nlo, x));
            double next = Indicators.VO_ALPHA * cx + (1 - Indicators.VO_ALPHA) * mu;
            var = (1 - Indicators.VO_ALPHA) * (var + Indicators.VO_ALPHA * (cx - mu) * (cx - next));
            mu = next;
        } else {
            recomputeEwma(nlo, nhi);
        }
        lo = nlo;
        hi = nhi;
        double z = (Math.min(nhi, Math.max(nlo, x)) - mu) / Math.sqrt(Math.max(var, 1e-12));
        return Math.min(6, Math.max(-4, z));
    }

    private void recomputeEwma(double nlo, double nhi) {
        int s = end - n;
        double m = Math.min(nhi, Math.max(nlo, logVol[s]));
        double v = 0;
        for (int i = s + 1; i < end; i++) {
            double cx = Math.min(nhi, Math.max(nlo, logVol[i]));
            double next = Indicators.VO_ALPHA * cx + (1 - Indicators.VO_ALPHA) * m;
            v = (1 - Indicators.VO_ALPHA) * (v + Indicators.VO_ALPHA * (cx - m) * (cx - next));
            m = next;
        }
        mu = m;
        var = v;
    }

    private void insertSorted(double x, int size) {
        int j = Arrays.binarySearch(sorted, 0, size, x);
        if (j < 0) {
            j = -j - 1;
        }
        System.arraycopy(sorted, j, sorted, j + 1, size - j);
        sorted[j] = x;
    }

    /** Removes {@code out} and inserts {@code in}, moving only the values between their positions. */
    private void replaceSorted(double out, double in) {
        int i = Arrays.binarySearch(sorted, 0, WINDOW, out);
        if (i < 0) {
            throw new IllegalStateException("sorted window lost " + out);
        }
        int j = Arrays.binarySearch(sorted, 0, WINDOW, in);
        if (j < 0) {
            j = -j - 1;
        }
        if (j > i) {
            System.arraycopy(sorted, i + 1, sorted, i, j - 1 - i);
            sorted[j - 1] = in;
        } else {
            System.arraycopy(sorted, j, sorted, j + 1, i - j);
            sorted[j] = in;
        }
    }

    /** The features of the latest bar; requires at least one bar. */
    Features current() {
        if (count == 0) {
            throw new IllegalStateException("features need at least one bar");
        }
        for (int k = 0; k < PERIODS.length; k++) {
            emaTail(k);
        }
        double e20 = emaLast[E20];
        double e60 = emaLast[E60];
        double e144 = emaLast[E144];
        double sepFast = ratioMinusOne(e20, e60);
        double sepMid = ratioMinusOne(e60, e144);
        boolean lagged = n > DSEP_LAG;
        double dsepFast5 = lagged ? sepFast - ratioMinusOne(emaLag5[E20], emaLag5[E60]) : 0;
        double dsepMid5 = lagged ? sepMid - ratioMinusOne(emaLag5[E60], emaLag5[E144]) : 0;
        double atrNow = wilderCount == 0 ? 0 : atr;
        double e50 = emaLast[E50];
        return new Features(close[end - 1],
                e20, emaLast[E30], e50, e60, e144, emaLast[E250], emaLast[E333],
                emaSlope[E20], emaSlope[E60], emaSlope[E144], emaSlope[E250], emaSlope[E333],
                dEmaSlope[E60], dEmaSlope[E144], dEmaSlope[E250], dEmaSlope[E333],
                sepFast, sepMid, dsepFast5, dsepMid5,
                atrNow, atrMean20(), e50 == 0 ? 0 : atrNow / e50,
                rsi, rsiSlope10(), n < 16 ? 0 : adx, adxSlope10(), voZ);
    }

    /** The last min(n, NEED) window-seeded values of EMA k into seg, then its last value, lag-5 value and slopes. */
    private void emaTail(int k) {
        int m = Math.min(n, NEED[k]);
        double correction = close[end - n] - uFirst[k];
        double[] ring = uTail[k];
        double[] decay = DECAY[k];
        for (int i = 0; i < m; i++) {
            int back = m - 1 - i;
            int r = pos20 - back;
            seg[i] = ring[r < 0 ? r + EMA_TAIL : r] + decay[n - 1 - back] * correction;
        }
        emaLast[k] = seg[m - 1];
        emaLag5[k] = m > DSEP_LAG ? seg[m - 1 - DSEP_LAG] : 0;
        emaSlope[k] = NEED[k] >= SLOPE ? normalisedSlope(m) : 0;
        dEmaSlope[k] = m < EMA_TAIL ? 0 : normalisedSlope(EMA_TAIL) - normalisedSlope(SLOPE);
    }

    private double normalisedSlope(int endExclusive) {
        if (endExclusive < SLOPE || seg[endExclusive - 1] <= 0) {
            return 0;
        }
        return ols(seg, endExclusive - SLOPE) / seg[endExclusive - 1];
    }

    private double atrMean20() {
        if (wilderCount == 0) {
            return 0;
        }
        int m = Math.min(ATR_TAIL, n);
        long pad = n - wilderCount;
        double sum = 0;
        for (int p = n - m; p < n; p++) {
            int r = wilderPos20 - (n - 1 - p);
            sum += p < pad ? atrFirst : atrTail[r < 0 ? r + ATR_TAIL : r];
        }
        return sum / m;
    }

    private double adxSlope10() {
        if (n < 16) {
            return 0;
        }
        long pad = n - wilderCount;
        for (int i = 0; i < SLOPE; i++) {
            int p = n - SLOPE + i;
            int r = wilderPos10 - (SLOPE - 1 - i);
            tail10[i] = p < pad ? adxFirst : adxTail[r < 0 ? r + SLOPE : r];
        }
        return ols(tail10, 0);
    }

    /**
     * rsi_slope_10 of the latest bar: the RSI series holds k from max(15, n−60) to n−1; its slope needs 10 values
     * (n ≥ 25). EDX reads it too: RSI at a bar depends on its 15 closes only, not on where the window starts.
     */
    double rsiSlope10() {
        int len = Math.max(0, n - Math.max(15, n - Indicators.RSI_TAIL));
        if (len < SLOPE) {
            return 0;
        }
        for (int i = 0; i < SLOPE; i++) {
            int r = pos10 - (SLOPE - 1 - i);
            tail10[i] = rsiTail[r < 0 ? r + SLOPE : r];
        }
        return ols(tail10, 0);
    }

    /** {@link Indicators#olsSlope} over ys[from, from+10), same operation order, without copying. */
    private static double ols(double[] ys, int from) {
        int k = SLOPE;
        double xMean = (k - 1) / 2.0;
        double yMean = 0;
        for (int i = 0; i < k; i++) {
            yMean += ys[from + i];
        }
        yMean /= k;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < k; i++) {
            sxy += (i - xMean) * (ys[from + i] - yMean);
            sxx += (i - xMean) * (i - xMean);
        }
        return sxy / sxx;
    }

    private static double ratioMinusOne(double a, double b) {
        return b == 0 ? 0 : (a - b) / b;
    }
}
