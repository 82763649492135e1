package lotus.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Deliberately naive references for §1, written from the text without looking at the production loops. */
final class Naive {

    private Naive() {
    }

    /** Closed form: Σ_{i=1..t} α(1−α)^(t−i) x_i + (1−α)^t x_0. */
    static double[] ema(double[] x, int n) {
        double a = 2.0 / (n + 1);
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            double s = Math.pow(1 - a, t) * x[0];
            for (int i = 1; i <= t; i++) {
                s += a * Math.pow(1 - a, t - i) * x[i];
            }
            out[t] = s;
        }
        return out;
    }

    /** cov(x, y) / var(x) from raw sums. */
    static double slope(double[] y) {
        int k = y.length;
        double sx = 0, sy = 0, sxy = 0, sxx = 0;
        for (int i = 0; i < k; i++) {
            sx += i;
            sy += y[i];
            sxy += i * y[i];
            sxx += (double) i * i;
        }
        double cov = sxy / k - (sx / k) * (sy / k);
        double var = sxx / k - (sx / k) * (sx / k);
        return cov / var;
    }

    static double normSlope(double[] s, int endExclusive) {
        double[] seg = Arrays.copyOfRange(s, endExclusive - 10, endExclusive);
        return seg[9] <= 0 ? 0 : slope(seg) / seg[9];
    }

    static double tr(double[] h, double[] l, double[] c, int bar) {
        double a = h[bar] - l[bar];
        double b = Math.abs(h[bar] - c[bar - 1]);
        double d = Math.abs(l[bar] - c[bar - 1]);
        return Math.max(a, Math.max(b, d));
    }

    /** ATR indexed by bar: bar 14 is the mean of TRs of bars 1..14, later bars Wilder, bars 0..13 copy bar 14. */
    static double[] atr(double[] h, double[] l, double[] c) {
        int n = c.length;
        double[] out = new double[n];
        if (n < 15) {
            return out;
        }
        double sum = 0;
        for (int bar = 1; bar <= 14; bar++) {
            sum += tr(h, l, c, bar);
        }
        out[14] = sum / 14;
        for (int bar = 15; bar < n; bar++) {
            out[bar] = out[bar - 1] - out[bar - 1] / 14 + tr(h, l, c, bar) / 14;
        }
        for (int bar = 0; bar < 14; bar++) {
            out[bar] = out[14];
        }
        return out;
    }

    /** RSI at k recomputed from scratch as 100·G/(G+L). */
    static double rsi(double[] c, int k) {
        if (k < 14) {
            return 50;
        }
        double g = 0, l = 0;
        for (int j = k; j > k - 14; j--) {
            g += Math.max(0, c[j] - c[j - 1]);
            l += Math.max(0, c[j - 1] - c[j]);
        }
        if (l == 0) {
            l = 14e-9;
        }
        return 100 * g / (g + l);
    }

    static double[] adx(double[] h, double[] l, double[] c) {
        int n = c.length;
        double[] out = new double[n];
        if (n < 16) {
            return out;
        }
        double atr = 0, pdm = 0, mdm = 0, adx = 0;
        for (int bar = 1; bar < n; bar++) {
            double up = h[bar] - h[bar - 1];
            double dn = l[bar - 1] - l[bar];
            double p = (up > 0 && up > dn) ? up : 0;
            double m = (dn > 0 && dn > up) ? dn : 0;
            double t = tr(h, l, c, bar);
            if (bar <= 14) {
                atr += t / 14;
                pdm += p / 14;
                mdm += m / 14;
                if (bar < 14) {
                    continue;
                }
            } else {
                atr = atr * 13 / 14 + t / 14;
                pdm = pdm * 13 / 14 + p / 14;
                mdm = mdm * 13 / 14 + m / 14;
            }
            double pdi = 100 * pdm / atr;
            double mdi = 100 * mdm / atr;
            double dx = 100 * Math.abs(pdi - mdi) / (pdi + mdi);
            adx = bar == 14 ? dx : adx * 13 / 14 + dx / 14;
            out[bar] = adx;
        }
        for (int bar = 0; bar < 14; bar++) {
            out[bar] = out[14];
        }
        return out;
    }

    /** μ by its closed form; var by the §1 recursion, driven by that μ. */
    static double voZ(double[] v) {
        int n = v.length;
        double[] x = Arrays.stream(v).map(Math::log1p).toArray();
        if (n >= 10) {
            double[] s = x.clone();
            Arrays.sort(s);
            double lo = s[Math.max(0, (int) (0.02 * n) - 1)];
            double hi = s[Math.min(n - 1, (int) (0.98 * n))];
            x = Arrays.stream(x).map(e -> e < lo ? lo : e > hi ? hi : e).toArray();
        }
        double a = 2.0 / 65;
        double var = 0;
        double muPrev = x[0];
        double mu = x[0];
        for (int t = 1; t < n; t++) {
            mu = Math.pow(1 - a, t) * x[0];
            for (int i = 1; i <= t; i++) {
                mu += a * Math.pow(1 - a, t - i) * x[i];
            }
            var = (1 - a) * (var + a * (x[t] - muPrev) * (x[t] - mu));
            muPrev = mu;
        }
        double z = (x[n - 1] - mu) / Math.sqrt(Math.max(var, 1e-12));
        return Math.max(-4, Math.min(6, z));
    }

    /** Random-walk OHLCV: high ≥ max(open, close), low ≤ min(open, close), positive prices. */
    record Ohlcv(double[] open, double[] high, double[] low, double[] close, double[] volume) {
        static Ohlcv random(long seed, int n) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
            double p = 50 + r.nextDouble(100);
            for (int i = 0; i < n; i++) {
                o[i] = p;
                p = Math.max(0.01, p * (1 + r.nextGaussian() * 0.02 + 0.0005));
                c[i] = p;
                h[i] = Math.max(o[i], c[i]) * (1 + r.nextDouble(0.01));
                l[i] = Math.min(o[i], c[i]) * (1 - r.nextDouble(0.01));
                v[i] = r.nextInt(20) == 0 ? r.nextDouble(1e7) : r.nextDouble(1e4);
            }
            return new Ohlcv(o, h, l, c, v);
        }
    }

    static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected)) + 1e-13;
    }
}
