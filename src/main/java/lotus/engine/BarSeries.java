package lotus.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lotus.market.Bar;

/**
 * The window of the last ≤ {@value #WINDOW} closed bars, oldest first, as doubles. Indicators are statistics and
 * match the original Python system in double precision, so prices leave {@code BigDecimal} once, here.
 */
public final class BarSeries {

    /** Bars every feature is computed over (STRATEGY.md §1). */
    public static final int WINDOW = 1000;

    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final long[] openTimeMs;

    private BarSeries(double[] open, double[] high, double[] low, double[] close, double[] volume, long[] openTimeMs) {
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.openTimeMs = openTimeMs;
    }

    /** Keeps the last {@value #WINDOW} of {@code bars}, which must be oldest first with strictly rising open times. */
    public static BarSeries of(List<Bar> bars) {
        Objects.requireNonNull(bars, "bars");
        List<Bar> window = bars.subList(Math.max(0, bars.size() - WINDOW), bars.size());
        int n = window.size();
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            Bar b = Objects.requireNonNull(window.get(i), "bar");
            if (i > 0 && b.openTimeMs() <= t[i - 1]) {
                throw new IllegalArgumentException("bars not oldest first: " + b.openTimeMs() + " after " + t[i - 1]);
            }
            o[i] = b.open().doubleValue();
            h[i] = b.high().doubleValue();
            l[i] = b.low().doubleValue();
            c[i] = b.close().doubleValue();
            v[i] = b.volume().doubleValue();
            t[i] = b.openTimeMs();
        }
        return new BarSeries(o, h, l, c, v, t);
    }

    public int size() {
        return close.length;
    }

    // Copies keep the series immutable; at 1000 bars they cost microseconds.
    public double[] open() {
        return open.clone();
    }

    public double[] high() {
        return high.clone();
    }

    public double[] low() {
        return low.clone();
    }

    public double[] close() {
        return close.clone();
    }

    public double[] volume() {
        return volume.clone();
    }

    public long[] openTimeMs() {
        return openTimeMs.clone();
    }

    @Override
    public String toString() {
        return "BarSeries[size=" + size() + (size() == 0 ? "" : ", from=" + openTimeMs[0] + ", to="
                + openTimeMs[size() - 1]) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BarSeries s && Arrays.equals(openTimeMs, s.openTimeMs) && Arrays.equals(open, s.open)
                && Arrays.equals(high, s.high) && Arrays.equals(low, s.low) && Arrays.equals(close, s.close)
                && Arrays.equals(volume, s.volume);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(openTimeMs) + Arrays.hashCode(close);
    }
}
