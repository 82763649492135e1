package lotus.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.time.Timeframe;

/** Bar series, deterministic stand-ins for S/R levels and EDX, and a Features builder for the engine tests. */
final class EngineFixtures {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final long HOUR = 3_600_000L;

    private EngineFixtures() {
    }

    static long time(int i) {
        return T0 + i * HOUR;
    }

    static Bar bar(int i, double open, double high, double low, double close, double volume) {
        return new Bar("ETH", "hyperliquid", Timeframe.H1, time(i), BigDecimal.valueOf(open),
                BigDecimal.valueOf(high), BigDecimal.valueOf(low), BigDecimal.valueOf(close),
                BigDecimal.valueOf(volume), 0);
    }

    static List<Bar> bars(Naive.Ohlcv x) {
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < x.close().length; i++) {
            out.add(bar(i, x.open()[i], x.high()[i], x.low()[i], x.close()[i], x.volume()[i]));
        }
        return out;
    }

    /** Bars whose open is the previous close and whose range is ±0.5 % around the body; constant volume. */
    static List<Bar> fromCloses(double[] closes) {
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            double o = i == 0 ? closes[0] : closes[i - 1];
            double c = closes[i];
            out.add(bar(i, o, Math.max(o, c) * 1.005, Math.min(o, c) * 0.995, c, 1000));
        }
        return out;
    }

    /** Piecewise geometric path: segments of (bars, growth per bar), starting at {@code start}. */
    static double[] path(double start, double[]... segments) {
        int n = 0;
        for (double[] s : segments) {
            n += (int) s[0];
        }
        double[] c = new double[n];
        double p = start;
        int i = 0;
        for (double[] s : segments) {
            for (int k = 0; k < (int) s[0]; k++) {
                p *= 1 + s[1];
                c[i++] = p;
            }
        }
        return c;
    }

    static double[] seg(int bars, double growthPerBar) {
        return new double[] {bars, growthPerBar};
    }

    /**
     * Random OHLCV with trending regimes (150–600 bars, drift −0.4 %…+0.5 % per bar) so long series pass through
     * every state; volume is spiky and sometimes 0.
     */
    static Naive.Ohlcv regimes(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] drifts = {-0.004, -0.002, 0.001, 0.003, 0.005};
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        double p = 50 + r.nextDouble(100);
        int left = 0;
        double drift = 0;
        for (int i = 0; i < n; i++) {
            if (left-- <= 0) {
                left = 150 + r.nextInt(450);
                drift = drifts[r.nextInt(drifts.length)];
            }
            o[i] = p;
            p = Math.max(0.01, p * (1 + drift + r.nextGaussian() * 0.012));
            c[i] = p;
            h[i] = Math.max(o[i], c[i]) * (1 + r.nextDouble(0.008));
            l[i] = Math.min(o[i], c[i]) * (1 - r.nextDouble(0.008));
            int roll = r.nextInt(40);
            v[i] = roll == 0 ? 0 : roll == 1 ? r.nextDouble(1e7) : 1e3 + r.nextDouble(1e4);
        }
        return new Naive.Ohlcv(o, h, l, c, v);
    }

    /** Always the same levels. */
    static UptrendEngine.LevelsFunction fixedLevels(List<SrLevel> levels) {
        return (closes, from, to) -> levels;
    }

    /** No levels ever. */
    static final UptrendEngine.LevelsFunction NO_LEVELS = (closes, from, to) -> List.of();

    static UptrendEngine.EdxFunction constantEdx(double edx) {
        return (h, l, c, v, from, to) -> edx;
    }

    /**
     * Levels that depend on the whole slice passed (so a wrong slice shows), near the price often enough to trim,
     * and empty now and then (so "previous levels stay" is exercised): none below 50 closes, as the real one.
     */
    static final UptrendEngine.LevelsFunction DERIVED_LEVELS = (closes, from, to) -> {
        int len = to - from;
        if (len < 50) {
            return List.of();
        }
        double last = closes[to - 1];
        if (((long) Math.floor(last * 997)) % 17 == 0) {
            return List.of();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            min = Math.min(min, closes[i]);
            max = Math.max(max, closes[i]);
        }
        List<SrLevel> out = new ArrayList<>();
        out.add(new SrLevel(max, 10));
        out.add(new SrLevel(closes[to - 4] * 1.002, 3 + len % 5));
        out.add(new SrLevel(closes[from], 15));
        out.add(new SrLevel((closes[to - 30] + closes[to - 40]) / 2, 2));
        out.add(new SrLevel(min, 10));
        out.sort((a, b) -> Double.compare(b.price(), a.price()));
        return out;
    };

    /** EDX that depends on the episode slice (its length, first and last bar) and spans all three bands. */
    static final UptrendEngine.EdxFunction DERIVED_EDX = (h, l, c, v, from, to) -> {
        int len = to - from;
        if (len < 10) {
            return 0.5;
        }
        double wiggle = Math.abs(Math.sin(len * 0.37 + c[from] * 0.01 + (h[to - 1] - l[to - 1]) + v[from] * 1e-6));
        return 0.3 + 0.6 * wiggle;
    };

    /** A mutable set of feature values with neutral defaults: an S3-ordered, quiet market at price 100. */
    static final class F {
        double price = 100;
        double ema20 = 100, ema30 = 99, ema50 = 98, ema60 = 97, ema144 = 95, ema250 = 92, ema333 = 90;
        double ema20Slope, ema60Slope, ema144Slope, ema250Slope, ema333Slope;
        double dEma60Slope, dEma144Slope, dEma250Slope, dEma333Slope;
        double sepFast, sepMid, dsepFast5, dsepMid5;
        double atr = 2, atrMean20 = 2, atrNorm = 0.02;
        double rsi = 50, rsiSlope10, adx = 20, adxSlope10;
        double voZ;

        Features build() {
            return new Features(price, ema20, ema30, ema50, ema60, ema144, ema250, ema333,
                    ema20Slope, ema60Slope, ema144Slope, ema250Slope, ema333Slope,
                    dEma60Slope, dEma144Slope, dEma250Slope, dEma333Slope,
                    sepFast, sepMid, dsepFast5, dsepMid5, atr, atrMean20, atrNorm, rsi, rsiSlope10, adx, adxSlope10,
                    voZ);
        }
    }

    /** A previous output in {@code state} at the bar before {@code barOpenTimeMs}. */
    static EngineOutput previous(EngineState state, long barOpenTimeMs, Long s3StartMs, boolean emergencyExit) {
        return new EngineOutput(barOpenTimeMs - HOUR, 1000, state, state, null,
                new EngineOutput.Flags(false, false, false, emergencyExit, false, false), EngineOutput.Scores.NONE,
                List.of(), s3StartMs, null, List.of());
    }

    static Gate gate(EngineOutput out, String name) {
        return out.gates().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no gate " + name + " in " + out.gates()));
    }
}
