package lotus.app.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Time series to an inline SVG line chart with a dated UTC time axis and a value axis, drawn on the server so a page
 * needs no script and no library: the backtest's report.html now, the operator's page later. Values stay decimals
 * until they become pixels; axis labels are decimal strings.
 */
public final class SvgChart {

    /** Above this many points a series keeps each pixel column's first, lowest, highest and last point. */
    public static final int MAX_POINTS = 4000;

    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;

    public record Point(long timeMs, BigDecimal value) {

        public Point {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param id names the polyline ({@code data-series}); @param dashed for a reference such as a benchmark */
    public record Series(String id, String label, String color, List<Point> points, boolean dashed) {

        public Series {
            points = List.copyOf(points);
        }
    }

    /** A point of interest drawn as a dot over the lines: @param kind its CSS class, such as entry or exit. */
    public record Marker(String kind, long timeMs, BigDecimal value, String color, String title) {
    }

    /** @param includeZero stretch the value axis to zero, for PnL and drawdown */
    public record Spec(String title, String valueLabel, int width, int height, boolean includeZero,
            List<Series> series, List<Marker> markers) {

        public Spec {
            series = List.copyOf(series);
            markers = List.copyOf(markers);
            if (width <= LEFT + RIGHT || height <= TOP + BOTTOM) {
                throw new IllegalArgumentException("a chart of " + width + "x" + height + " has no room to plot");
            }
        }
    }

    private SvgChart() {
    }

    public static String render(Spec spec) {
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        BigDecimal lo = spec.includeZero() ? BigDecimal.ZERO : null;
        BigDecimal hi = lo;
        for (Series s : spec.series()) {
            for (Point p : s.points()) {
                t0 = Math.min(t0, p.timeMs());
                t1 = Math.max(t1, p.timeMs());
                lo = lo == null ? p.value() : lo.min(p.value());
                hi = hi == null ? p.value() : hi.max(p.value());
            }
        }
        for (Marker m : spec.markers()) {
            t0 = Math.min(t0, m.timeMs());
            t1 = Math.max(t1, m.timeMs());
            lo = lo == null ? m.value() : lo.min(m.value());
            hi = hi == null ? m.value() : hi.max(m.value());
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                spec.width(), spec.height(), spec.width(), spec.height()));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s"
                + "</text>%n", LEFT, esc(spec.title())));
        if (lo == null) {
            return svg.append("<text x=\"").append(LEFT).append("\" y=\"60\">no data</text>\n</svg>\n").toString();
        }
        if (t1 == t0) {
            t0 -= 60_000;
            t1 += 60_000;
        }
        if (hi.compareTo(lo) == 0) {
            BigDecimal pad = lo.signum() == 0 ? BigDecimal.ONE : lo.abs().movePointLeft(2);
            lo = lo.subtract(pad);
            hi = hi.add(pad);
        }
        Frame f = new Frame(spec.width(), spec.height(), t0, t1, lo.doubleValue(), hi.doubleValue());
        valueAxis(svg, f, lo, hi, spec.valueLabel());
        timeAxis(svg, f);
        int legendX = spec.width() - RIGHT;
        for (int i = spec.series().size() - 1; i >= 0; i--) {
            Series s = spec.series().get(i);
            legendX -= 12 + 7 * s.label().length();
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" fill=\"%s\">%s %s</text>%n", legendX,
                    s.color(), s.dashed() ? "- -" : "—", esc(s.label())));
            legendX -= 20;
        }
        for (Series s : spec.series()) {
            svg.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" fill=\"none\""
                    + " stroke=\"%s\" stroke-width=\"1.5\"%s points=\"", esc(s.id()), s.color(),
                    s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
            List<Point> pts = thin(s.points(), MAX_POINTS);
            for (int i = 0; i < pts.size(); i++) {
                Point p = pts.get(i);
                svg.append(i == 0 ? "" : " ").append(px(f.x(p.timeMs()))).append(',')
                        .append(px(f.y(p.value().doubleValue())));
            }
            svg.append("\"/>\n");
        }
        for (Marker m : spec.markers()) {
            svg.append(String.format(Locale.ROOT, "<circle class=\"marker %s\" cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\""
                    + " stroke=\"white\"><title>%s</title></circle>%n", esc(m.kind()), px(f.x(m.timeMs())),
                    px(f.y(m.value().doubleValue())), m.color(), esc(m.title())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** The plot area and the mapping of time and value to pixels. */
    private record Frame(int width, int height, long t0, long t1, double lo, double hi) {

        double x(long timeMs) {
            return LEFT + (double) (timeMs - t0) / (t1 - t0) * (width - LEFT - RIGHT);
        }

        double y(double v) {
            return height - BOTTOM - (v - lo) / (hi - lo) * (height - TOP - BOTTOM);
        }
    }

    private static void valueAxis(StringBuilder svg, Frame f, BigDecimal lo, BigDecimal hi, String label) {
        BigDecimal step = niceStep(hi.subtract(lo), 6);
        BigDecimal tick = lo.divide(step, 0, RoundingMode.CEILING).multiply(step);
        for (; tick.compareTo(hi) <= 0; tick = tick.add(step)) {
            String y = px(f.y(tick.doubleValue()));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"%s\"/>%n",
                    LEFT, f.width() - RIGHT, y, y, tick.signum() == 0 ? "#999" : "#e4e4e4"));
            svg.append(String.format(Locale.ROOT, "<text class=\"y-tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\""
                    + " dy=\"4\">%s</text>%n", LEFT - 6, y, tick.signum() == 0 ? "0"
                    : tick.stripTrailingZeros().toPlainString()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\""
                + " text-anchor=\"middle\">%s</text>%n", (f.height() + TOP - BOTTOM) / 2,
                (f.height() + TOP - BOTTOM) / 2, esc(label)));
    }

    private static void timeAxis(StringBuilder svg, Frame f) {
        int yAxis = f.height() - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, f.width() - RIGHT, yAxis, yAxis));
        for (TimeTicks.Tick t : TimeTicks.between(f.t0(), f.t1(), 7)) {
            String x = px(f.x(t.timeMs()));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                    x, x, yAxis, yAxis + 4));
            svg.append(String.format(Locale.ROOT, "<text class=\"x-tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s"
                    + "</text>%n", x, yAxis + 16, t.label()));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time (UTC)</text>%n",
                (LEFT + f.width() - RIGHT) / 2, f.height() - 6));
    }

    /** 1, 2 or 5 times a power of ten, giving at most about {@code ticks} steps over {@code span}. */
    static BigDecimal niceStep(BigDecimal span, int ticks) {
        BigDecimal rough = span.divide(BigDecimal.valueOf(ticks), MathContext.DECIMAL64);
        int exp = rough.precision() - rough.scale() - 1;
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(exp);
        for (int m : new int[] {1, 2, 5, 10}) {
            BigDecimal step = unit.multiply(BigDecimal.valueOf(m));
            if (step.compareTo(rough) >= 0) {
                return step;
            }
        }
        return unit.multiply(BigDecimal.TEN);
    }

    /**
     * At most about {@code max} points: above it, each of {@code max / 4} buckets keeps its first, lowest, highest and
     * last point in time order, so peaks and drawdowns survive the thinning.
     */
    public static List<Point> thin(List<Point> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        int buckets = Math.max(1, max / 4);
        List<Point> out = new ArrayList<>(max);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) points.size() * b / buckets);
            int to = (int) ((long) points.size() * (b + 1) / buckets);
            int min = from;
            int maxAt = from;
            for (int i = from; i < to; i++) {
                if (points.get(i).value().compareTo(points.get(min).value()) < 0) {
                    min = i;
                }
                if (points.get(i).value().compareTo(points.get(maxAt).value()) > 0) {
                    maxAt = i;
                }
            }
            int last = to - 1;
            int[] keep = {from, Math.min(min, maxAt), Math.max(min, maxAt), last};
            int prev = -1;
            for (int k : keep) {
                if (k > prev) {
                    out.add(points.get(k));
                    prev = k;
                }
            }
        }
        return out;
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Text and attribute values escaped for XML. */
    public static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
