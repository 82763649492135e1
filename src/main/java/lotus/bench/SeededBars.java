package lotus.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.time.Timeframe;

/** Seeded bars the benchmarks share: a fixed start and a random walk whose drift changes every 50 bars. */
final class SeededBars {

    /** 2026-01-01T00:00:00Z: a fixed start, so a seed gives the same bars every run. */
    static final long T0 = 1_767_225_600_000L;

    private static final MathContext DIGITS = new MathContext(10);

    private SeededBars() {
    }

    /** A seeded random walk with regime-like drift changes, so engines visit several states. */
    static List<Bar> walk(SplittableRandom random, String token, String chain, Timeframe tf, long fromMs, int n) {
        return walk(random, token, chain, tf, fromMs, n, 1 + random.nextDouble() * 100);
    }

    /** The same walk, continuing from {@code startPx}. */
    static List<Bar> walk(SplittableRandom random, String token, String chain, Timeframe tf, long fromMs, int n,
            double startPx) {
        List<Bar> bars = new ArrayList<>(n);
        double px = startPx;
        double drift = 0;
        for (int i = 0; i < n; i++) {
            if (i % 50 == 0) {
                drift = (random.nextDouble() - 0.5) * 0.01;
            }
            double open = px;
            px = Math.max(1e-6, px * (1 + drift + (random.nextDouble() - 0.5) * 0.02));
            double hi = Math.max(open, px) * (1 + random.nextDouble() * 0.005);
            double lo = Math.min(open, px) * (1 - random.nextDouble() * 0.005);
            bars.add(new Bar(token, chain, tf, fromMs + i * tf.durationMs(), dec(open), dec(hi), dec(lo), dec(px),
                    dec(random.nextDouble() * 1000), 0));
        }
        return bars;
    }

    /** Ten significant digits, as a venue prints a price. */
    static BigDecimal dec(double v) {
        return new BigDecimal(v).round(DIGITS);
    }
}
