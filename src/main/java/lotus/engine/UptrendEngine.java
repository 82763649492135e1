package lotus.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import lotus.market.Bar;

/**
 * Uptrend Engine v4 (STRATEGY.md §2) by full recompute: features over the last 1000 bars, S/R levels over the last
 * 9999 closes and EDX over the S3 episode, recomputed for one bar. This is the reference {@link EngineTracker} must
 * match; it costs O(window) per bar, so use the tracker for live positions.
 */
public final class UptrendEngine {

    /** {@link SrGeometry#levels}'s shape, so tests can stand in deterministic levels. */
    @FunctionalInterface
    interface LevelsFunction {
        List<SrLevel> levels(double[] closes, int from, int to);
    }

    /** {@link Edx#edx}'s shape, so tests can choose EDX. */
    @FunctionalInterface
    interface EdxFunction {
        double edx(double[] high, double[] low, double[] close, double[] volume, int from, int to);
    }

    static final LevelsFunction SR_GEOMETRY = SrGeometry::levels;
    static final EdxFunction EDX = Edx::edx;

    private UptrendEngine() {
    }

    /**
     * The output for the last bar of {@code bars} (oldest first, strictly rising open times), continuing the state
     * machine from {@code previous}, the output for the bar before (null = no state yet).
     */
    public static EngineOutput evaluate(List<Bar> bars, EngineOutput previous) {
        return evaluate(bars, previous, SR_GEOMETRY, EDX);
    }

    /** Evaluates every bar of {@code bars}, feeding each output to the next. */
    public static List<EngineOutput> replay(List<Bar> bars) {
        return replay(bars, SR_GEOMETRY, EDX);
    }

    static List<EngineOutput> replay(List<Bar> bars, LevelsFunction levels, EdxFunction edx) {
        List<EngineOutput> out = new ArrayList<>(bars.size());
        EngineOutput previous = null;
        for (int i = 1; i <= bars.size(); i++) {
            previous = evaluate(bars.subList(0, i), previous, levels, edx);
            out.add(previous);
        }
        return out;
    }

    static EngineOutput evaluate(List<Bar> bars, EngineOutput previous, LevelsFunction levelsFn, EdxFunction edxFn) {
        Objects.requireNonNull(bars, "bars");
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("evaluate needs at least one bar");
        }
        int n = bars.size();
        for (int i = 1; i < n; i++) {
            if (bars.get(i).openTimeMs() <= bars.get(i - 1).openTimeMs()) {
                throw new IllegalArgumentException("bars not oldest first at index " + i);
            }
        }
        long t = bars.get(n - 1).openTimeMs();
        if (previous != null && previous.barOpenTimeMs() >= t) {
            throw new IllegalArgumentException("previous output (bar " + previous.barOpenTimeMs()
                    + ") is not before the bar evaluated (" + t + ")");
        }
        Features f = Features.compute(BarSeries.of(bars));
        int from = Math.max(0, n - SrGeometry.MAX_BARS);
        double[] closes = new double[n - from];
        for (int i = from; i < n; i++) {
            closes[i - from] = bars.get(i).close().doubleValue();
        }
        // Ambiguity: levels are built while dormant too, so the first live bar already has them.
        List<SrLevel> levels = levelsOrPrevious(levelsFn.levels(closes, 0, closes.length), previous);
        return UptrendRules.step(t, n, f, levels, s3Start -> episodeEdx(bars, s3Start, edxFn), previous);
    }

    /** Fresh levels, or the previous output's when they cannot be built (§1: "the previous levels stay"). */
    static List<SrLevel> levelsOrPrevious(List<SrLevel> fresh, EngineOutput previous) {
        if (!fresh.isEmpty()) {
            return fresh;
        }
        return previous == null ? List.of() : previous.levels();
    }

    /** EDX over the episode's bars (open time ≥ s3Start), at most the most recent {@link Edx#MAX_BARS}. */
    private static double episodeEdx(List<Bar> bars, long s3Start, EdxFunction edxFn) {
        int n = bars.size();
        int min = Math.max(0, n - Edx.MAX_BARS);
        int from = n;
        while (from > min && bars.get(from - 1).openTimeMs() >= s3Start) {
            from--;
        }
        int len = n - from;
        double[] h = new double[len];
        double[] l = new double[len];
        double[] c = new double[len];
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            Bar b = bars.get(from + i);
            h[i] = b.high().doubleValue();
            l[i] = b.low().doubleValue();
            c[i] = b.close().doubleValue();
            v[i] = b.volume().doubleValue();
        }
        return edxFn.edx(h, l, c, v, 0, len);
    }
}
