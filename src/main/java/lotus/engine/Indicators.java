package lotus.engine;

import java.util.Arrays;

/** Indicator series of STRATEGY.md §1, as pure functions over the bar window (oldest first). */
final class Indicators {

    static final int PERIOD = 14;
    static final int SLOPE_BARS = 10;
    static final int RSI_TAIL = 60;
    static final double VO_ALPHA = 2.0 / 65.0;

    private Indicators() {
    }

    /** EMA with α = 2/(n+1), seeded with the window's first value (not an SMA), one value per input. */
    static double[] ema(double[] xs, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ema period must be ≥ 1: " + n);
        }
        double alpha = 2.0 / (n + 1);
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            // prev + α(x − prev) equals αx + (1−α)prev but keeps a flat series exactly flat (no 1e-13 drift).
            out[i] = i == 0 ? xs[0] : out[i - 1] + alpha * (xs[i] - out[i - 1]);
        }
        return out;
    }

    /** Least-squares slope of ys against x = 0..k-1; 0 with fewer than 2 values (ambiguity: §1 is silent). */
    static double olsSlope(double[] ys) {
        int k = ys.length;
        if (k < 2) {
            return 0;
        }
        double xMean = (k - 1) / 2.0;
        double yMean = 0;
        for (double y : ys) {
            yMean += y;
        }
        yMean /= k;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < k; i++) {
            sxy += (i - xMean) * (ys[i] - yMean);
            sxx += (i - xMean) * (i - xMean);
        }
        return sxy / sxx;
    }

    /** OLS slope of the last 10 values divided by the latest (fraction per bar); 0 if < 10 values or latest ≤ 0. */
    static double emaSlope(double[] series) {
        return normalisedSlopeEndingAt(series, series.length);
    }

    /** Normalised slope of the last 10 minus that of the 10 ending 10 bars earlier; 0 with fewer than 20 values. */
    static double dEmaSlope(double[] series) {
        int n = series.length;
        if (n < 2 * SLOPE_BARS) {
            return 0;
        }
        return normalisedSlopeEndingAt(series, n) - normalisedSlopeEndingAt(series, n - SLOPE_BARS);
    }

    // Ambiguity: §1 only says "0 if latest ≤ 0" for emaN_slope; the earlier segment of d_emaN_slope gets the same rule.
    private static double normalisedSlopeEndingAt(double[] series, int end) {
        if (end < SLOPE_BARS || series[end - 1] <= 0) {
            return 0;
        }
        return olsSlope(Arrays.copyOfRange(series, end - SLOPE_BARS, end)) / series[end - 1];
    }

    /** OLS slope (raw) of the last 10 values; 0 with fewer than 10 (ambiguity: §1 is silent). */
    static double slope10(double[] series) {
        int n = series.length;
        return n < SLOPE_BARS ? 0 : olsSlope(Arrays.copyOfRange(series, n - SLOPE_BARS, n));
    }

    /** True ranges from the window's second bar on: tr[j] belongs to bar j+1. */
    static double[] trueRanges(double[] high, double[] low, double[] close) {
        int n = close.length;
        double[] tr = new double[Math.max(0, n - 1)];
        for (int i = 1; i < n; i++) {
            tr[i - 1] = Math.max(high[i] - low[i],
                    Math.max(Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1])));
        }
        return tr;
    }

    /**
     * ATR 14: first value the mean of the first 14 TRs, then Wilder; front-padded with its first value to the
     * window's length. Ambiguity: with fewer than 15 bars (under 14 TRs) every value is 0.
     */
    static double[] atrSeries(double[] high, double[] low, double[] close) {
        requireSameLength(high, low, close);
        return padFront(wilder(trueRanges(high, low, close)), close.length);
    }

    /** Mean of the last 20 values; of all values when fewer (ambiguity: §1 is silent), 0 when empty. */
    static double atrMean20(double[] atrSeries) {
        int n = atrSeries.length;
        int from = Math.max(0, n - 20);
        double sum = 0;
        for (int i = from; i < n; i++) {
            sum += atrSeries[i];
        }
        return n == 0 ? 0 : sum / (n - from);
    }

    /** RSI 14 at bar k from simple averages of the last 14 gains and losses; 50 with ≤ 14 closes. */
    static double rsiAt(double[] closes, int k) {
        if (k + 1 <= PERIOD) {
            return 50;
        }
        double gain = 0;
        double loss = 0;
        for (int j = k - PERIOD + 1; j <= k; j++) {
            double d = closes[j] - closes[j - 1];
            if (d > 0) {
                gain += d;
            } else {
                loss -= d;
            }
        }
        double avgGain = gain / PERIOD;
        double avgLoss = loss / PERIOD;
        // An average loss of 0 counts as 1e-9 so an all-gain run reads ≈ 100, as the original system does.
        double rs = avgGain / (avgLoss == 0 ? 1e-9 : avgLoss);
        return 100 - 100 / (1 + rs);
    }

    /** RSI values for k from max(15, n-60) to n-1 (empty when n ≤ 15). */
    static double[] rsiSeries(double[] closes) {
        int n = closes.length;
        int from = Math.max(15, n - RSI_TAIL);
        double[] out = new double[Math.max(0, n - from)];
        for (int k = from; k < n; k++) {
            out[k - from] = rsiAt(closes, k);
        }
        return out;
    }

    static double rsiSlope10(double[] rsiSeries) {
        return slope10(rsiSeries);
    }

    /**
     * ADX 14, front-padded with its first value to the window's length; all 0 with fewer than 16 bars. Ambiguities:
     * padding value = first ADX (as for ATR); a DI with smoothed ATR 0, or a DX with +DI + −DI = 0, is 0.
     */
    static double[] adxSeries(double[] high, double[] low, double[] close) {
        requireSameLength(high, low, close);
        int n = close.length;
        if (n < 16) {
            return new double[n];
        }
        double[] plusDm = new double[n - 1];
        double[] minusDm = new double[n - 1];
        for (int i = 1; i < n; i++) {
            double up = high[i] - high[i - 1];
            double down = low[i - 1] - low[i];
            plusDm[i - 1] = up > down && up > 0 ? up : 0;
            minusDm[i - 1] = down > up && down > 0 ? down : 0;
        }
        double[] atr = wilder(trueRanges(high, low, close));
        double[] plus = wilder(plusDm);
        double[] minus = wilder(minusDm);
        double[] adx = new double[atr.length];
        for (int i = 0; i < atr.length; i++) {
            double plusDi = atr[i] == 0 ? 0 : 100 * plus[i] / atr[i];
            double minusDi = atr[i] == 0 ? 0 : 100 * minus[i] / atr[i];
            double sum = plusDi + minusDi;
            double dx = sum == 0 ? 0 : 100 * Math.abs(plusDi - minusDi) / sum;
            adx[i] = i == 0 ? dx : ((PERIOD - 1) * adx[i - 1] + dx) / PERIOD;
        }
        return padFront(adx, n);
    }

    static double adxSlope10(double[] adxSeries) {
        return slope10(adxSeries);
    }

    /** Volume z-score of the latest bar against a winsorised log-volume EWMA (α = 2/65), clipped to [-4, 6]. */
    static double voZ(double[] volume) {
        int n = volume.length;
        if (n == 0) {
            return 0;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.log1p(volume[i]);
        }
        if (n >= 10) {
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double lo = sorted[Math.max(0, (int) Math.floor(0.02 * n) - 1)];
            double hi = sorted[Math.min(n - 1, (int) Math.floor(0.98 * n))];
            for (int i = 0; i < n; i++) {
                x[i] = Math.min(hi, Math.max(lo, x[i]));
            }
        }
        double mu = x[0];
        double var = 0;
        for (int i = 1; i < n; i++) {
            double next = VO_ALPHA * x[i] + (1 - VO_ALPHA) * mu;
            var = (1 - VO_ALPHA) * (var + VO_ALPHA * (x[i] - mu) * (x[i] - next));
            mu = next;
        }
        // Ambiguity: x_last is the winsorised value, since §1 winsorises x before anything reads it.
        double z = (x[n - 1] - mu) / Math.sqrt(Math.max(var, 1e-12));
        return Math.min(6, Math.max(-4, z));
    }

    /** First value the mean of the first 14 inputs, then (13·prev + x)/14; empty with fewer than 14 inputs. */
    private static double[] wilder(double[] xs) {
        if (xs.length < PERIOD) {
            return new double[0];
        }
        double[] out = new double[xs.length - PERIOD + 1];
        double seed = 0;
        for (int i = 0; i < PERIOD; i++) {
            seed += xs[i];
        }
        out[0] = seed / PERIOD;
        for (int i = 1; i < out.length; i++) {
            out[i] = ((PERIOD - 1) * out[i - 1] + xs[i + PERIOD - 1]) / PERIOD;
        }
        return out;
    }

    private static double[] padFront(double[] series, int length) {
        double[] out = new double[length];
        if (series.length == 0) {
            return out;
        }
        int pad = length - series.length;
        Arrays.fill(out, 0, pad, series[0]);
        System.arraycopy(series, 0, out, pad, series.length);
        return out;
    }

    private static void requireSameLength(double[] high, double[] low, double[] close) {
        if (high.length != close.length || low.length != close.length) {
            throw new IllegalArgumentException("high/low/close lengths differ: " + high.length + "/" + low.length + "/"
                    + close.length);
        }
    }
}
