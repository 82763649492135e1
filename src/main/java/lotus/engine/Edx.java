package lotus.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** EDX, the S3 trend-decay score of STRATEGY.md §2, over the bars of one S3 episode. */
public final class Edx {

    /** An episode's most recent bars EDX looks at (fix: the older system took the first 500). */
    public static final int MAX_BARS = 500;

    static final int MIN_BARS = 10;
    static final double NEUTRAL = 0.5;
    static final double W_SLOW = 0.30;
    static final double W_STRUCT = 0.25;
    static final double W_PART = 0.20;
    static final double W_COMP = 0.10;
    static final double WEIGHT_SUM = 0.85;
    static final int MIN_PIVOTS = 4;
    static final int COMP_MIN_BARS = 144;
    static final int SLOPE_BARS = 10;

    private Edx() {
    }

    /**
     * EDX over the S3 episode's bars {@code [from, to)} of the arrays (oldest first; the caller passes at most the
     * last {@link #MAX_BARS}); 0.5 when fewer than 10.
     */
    public static double edx(double[] high, double[] low, double[] close, double[] volume, int from, int to) {
        Objects.checkFromToIndex(from, to, close.length);
        Objects.checkFromToIndex(from, to, high.length);
        Objects.checkFromToIndex(from, to, low.length);
        Objects.checkFromToIndex(from, to, volume.length);
        // Ambiguity: a longer slice is cut to its last 500 bars and `total` is the count kept, so the windows are
        // fractions of the bars actually examined.
        int start = Math.max(from, to - MAX_BARS);
        int total = to - start;
        if (total < MIN_BARS) {
            return NEUTRAL;
        }
        double[] h = Arrays.copyOfRange(high, start, to);
        double[] l = Arrays.copyOfRange(low, start, to);
        double[] c = Arrays.copyOfRange(close, start, to);
        double[] v = Arrays.copyOfRange(volume, start, to);
        // Ambiguity: the ZigZag ATR runs once over the episode's bars and each window reads its tail (the original
        // system's choice); EMAs, RSI, ADX and the VWAP start afresh at each window's first bar.
        double[] atr = zigZagAtr(h, l, c);

        int w2 = 2 * total / 3;
        int w3 = total / 3;
        Components c1 = window(h, l, c, v, atr, total);
        Components c2 = w2 >= MIN_BARS ? window(h, l, c, v, atr, w2) : null;
        Components c3 = w3 >= MIN_BARS ? window(h, l, c, v, atr, w3) : null;
        return score(
                combine(c1.slow(), c2 == null ? null : c2.slow(), c3 == null ? null : c3.slow()),
                combine(c1.struct(), c2 == null ? null : c2.struct(), c3 == null ? null : c3.struct()),
                combine(c1.part(), c2 == null ? null : c2.part(), c3 == null ? null : c3.part()),
                combine(c1.comp(), c2 == null ? null : c2.comp(), c3 == null ? null : c3.comp()));
    }

    /** The four decay components of one window. */
    record Components(double slow, double struct, double part, double comp) {
    }

    /** clamp((0.30 slow + 0.25 struct + 0.20 part + 0.10 comp) / 0.85): the weights sum to 0.85 (fix). */
    static double score(double slow, double struct, double part, double comp) {
        double raw = (W_SLOW * slow + W_STRUCT * struct + W_PART * part + W_COMP * comp) / WEIGHT_SUM;
        return Math.min(1, Math.max(0, raw));
    }

    /**
     * One component over the windows (full, last 2/3, last 1/3; a missing window is null): decay that accelerates
     * into the recent windows weighs them more, otherwise the two longer windows are averaged.
     */
    static double combine(double s1, Double s2, Double s3) {
        if (s2 == null) {
            return s1;
        }
        if (s3 != null && s3 > s2 && s2 > s1) {
            return 0.2 * s1 + 0.3 * s2 + 0.5 * s3;
        }
        return s2 > s1 ? 0.3 * s1 + 0.7 * s2 : (s1 + s2) / 2;
    }

    /** The components over the last {@code w} bars. */
    static Components window(double[] h, double[] l, double[] c, double[] v, double[] atr, int w) {
        int n = c.length;
        double[] wh = Arrays.copyOfRange(h, n - w, n);
        double[] wl = Arrays.copyOfRange(l, n - w, n);
        double[] wc = Arrays.copyOfRange(c, n - w, n);
        double[] wv = Arrays.copyOfRange(v, n - w, n);
        double[] wAtr = Arrays.copyOfRange(atr, n - w, n);
        return new Components(slow(wh, wl, wc), struct(wh, wl, wc, wAtr), part(wc, wv), comp(wc));
    }

    /**
     * mean(σ(-1000 × mean(slope EMA250, slope EMA333)), σ(-rsi_slope/5), σ(-adx_slope/2)): high when the slow trend
     * weakens (fix: the older system had the signs the other way). Slopes are §1's emaN_slope, rsi_slope_10 and
     * adx_slope_10 over the window. Ambiguity: rsi_slope is §1's (RSI from bar 15), so a 24-bar window reads a flat
     * RSI where the original, starting at bar 14, had just 10 values.
     */
    static double slow(double[] h, double[] l, double[] c) {
        double emaSlope = (Indicators.emaSlope(Indicators.ema(c, 250)) + Indicators.emaSlope(Indicators.ema(c, 333)))
                / 2;
        double rsiSlope = Indicators.rsiSlope10(Indicators.rsiSeries(c));
        double adxSlope = Indicators.adxSlope10(Indicators.adxSeries(h, l, c));
        return (sigmoid(-1000 * emaSlope) + sigmoid(-rsiSlope / 5) + sigmoid(-adxSlope / 2)) / 3;
    }

    /**
     * Share of lower highs and lower lows among the window's ZigZag pivots: each high pivot against the previous
     * high, each low against the previous low; 0.5 with fewer than 4 pivots. Ambiguity: an equal close counts as
     * lower (not higher), and pivots are compared by close, as in the original system.
     */
    static double struct(double[] h, double[] l, double[] c, double[] atr) {
        List<ZigZag.Pivot> pivots = ZigZag.pivots(c, h, l, atr);
        if (pivots.size() < MIN_PIVOTS) {
            return NEUTRAL;
        }
        int lower = 0;
        int compared = 0;
        int prevHigh = -1;
        int prevLow = -1;
        for (ZigZag.Pivot p : pivots) {
            int prev = p.high() ? prevHigh : prevLow;
            if (prev >= 0) {
                compared++;
                if (!(c[p.index()] > c[prev])) {
                    lower++;
                }
            }
            if (p.high()) {
                prevHigh = p.index();
            } else {
                prevLow = p.index();
            }
        }
        return compared == 0 ? NEUTRAL : (double) lower / compared;
    }

    /**
     * σ(-1000 × OLS slope of the last 10 window-anchored VWAP values / last VWAP). Ambiguity: the VWAP weighs
     * closes (not typical price), negative volume counts as 0, and a zero-volume bar repeats the previous VWAP
     * (the first bar's close if none yet), as in the original system; the last VWAP is floored at 1e-9.
     */
    static double part(double[] c, double[] v) {
        int n = c.length;
        double[] vwap = new double[n];
        double pv = 0;
        double vol = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.max(0, v[i]);
            if (x > 0) {
                pv += c[i] * x;
                vol += x;
                vwap[i] = pv / vol;
            } else {
                vwap[i] = i == 0 ? c[i] : vwap[i - 1];
            }
        }
        double slope = Indicators.slope10(vwap) / Math.max(vwap[n - 1], 1e-9);
        return sigmoid(-1000 * slope);
    }

    /**
     * σ(-100 × mean OLS slope over the last 10 bars of (EMA144−EMA333)/EMA333 and (EMA250−EMA333)/EMA333): high
     * when the slow EMAs converge; 0.5 under 144 bars. Ambiguity: EMA333 is floored at 1e-9 in the ratios.
     */
    static double comp(double[] c) {
        int n = c.length;
        if (n < COMP_MIN_BARS) {
            return NEUTRAL;
        }
        double[] e144 = Indicators.ema(c, 144);
        double[] e250 = Indicators.ema(c, 250);
        double[] e333 = Indicators.ema(c, 333);
        double[] sep144 = new double[SLOPE_BARS];
        double[] sep250 = new double[SLOPE_BARS];
        for (int j = 0; j < SLOPE_BARS; j++) {
            int i = n - SLOPE_BARS + j;
            double base = Math.max(e333[i], 1e-9);
            sep144[j] = (e144[i] - e333[i]) / base;
            sep250[j] = (e250[i] - e333[i]) / base;
        }
        double mean = (Indicators.olsSlope(sep144) + Indicators.olsSlope(sep250)) / 2;
        return sigmoid(-100 * mean);
    }

    /**
     * ATR 14 over the episode for the ZigZag scale (§1's padded series). Ambiguity: under 15 bars, where §1's ATR
     * is 0, every bar takes the mean of the true ranges there are, as the original system did.
     */
    static double[] zigZagAtr(double[] h, double[] l, double[] c) {
        int n = c.length;
        if (n > Indicators.PERIOD) {
            return Indicators.atrSeries(h, l, c);
        }
        double[] tr = Indicators.trueRanges(h, l, c);
        double sum = 0;
        for (double t : tr) {
            sum += t;
        }
        double[] out = new double[n];
        Arrays.fill(out, tr.length == 0 ? 0 : sum / tr.length);
        return out;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
