package lotus.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DateFormat;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import lotus.app.chart.SvgChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * equity.png of {@code lotus backtest --out}, through JFreeChart: the equity curve and buy-and-hold above, the drawdown
 * below, on one dated UTC time axis.
 */
public final class BacktestPng {

    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private BacktestPng() {
    }

    public static void write(Backtest.Result r, Path file) throws IOException {
        // No display on a server: AWT must not look for one (an explicit -Djava.awt.headless=false still wins).
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ImageIO.write(render(r), "png", file.toFile());
    }

    static BufferedImage render(Backtest.Result r) {
        BacktestSeries drawn = BacktestSeries.of(r);
        List<SvgChart.Point> equity = drawn.equity();
        List<SvgChart.Point> hold = drawn.hold();
        List<SvgChart.Point> drawdown = drawn.drawdown();

        XYSeriesCollection top = new XYSeriesCollection();
        top.addSeries(series("strategy (closed plus open PnL)", equity));
        top.addSeries(series("buy-and-hold of the " + r.benchmark().budgetUsd().stripTrailingZeros().toPlainString()
                + " USD budget", hold));
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, new Color(0x1f, 0x5f, 0xbf));
        lines.setSeriesStroke(0, new BasicStroke(1.6f));
        lines.setSeriesPaint(1, Color.GRAY);
        lines.setSeriesStroke(1, new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        NumberAxis pnl = new NumberAxis("PnL USD");
        pnl.setAutoRangeIncludesZero(true);
        XYPlot equityPlot = new XYPlot(top, null, pnl, lines);

        XYSeriesCollection bottom = new XYSeriesCollection();
        bottom.addSeries(series("drawdown from the running peak", drawdown));
        XYAreaRenderer area = new XYAreaRenderer();
        area.setSeriesPaint(0, new Color(0xc0, 0x39, 0x2b, 0xa0));
        XYPlot drawdownPlot = new XYPlot(bottom, null, new NumberAxis("drawdown USD"), area);

        DateAxis time = new DateAxis("time (UTC)");
        time.setTimeZone(UTC);
        time.setStandardTickUnits(datedUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(10);
        plot.add(equityPlot, 3);
        plot.add(drawdownPlot, 1);
        for (XYPlot p : List.of(equityPlot, drawdownPlot)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            p.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        }
        JFreeChart chart = new JFreeChart("Backtest of " + BacktestFigures.subject(r.settings()),
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    /** JFreeChart's own units print "01:30" under a day; these keep the date on every tick. */
    private static TickUnits datedUnits() {
        TickUnits units = new TickUnits();
        DateFormat minutes = format("yyyy-MM-dd HH:mm");
        DateFormat days = format("yyyy-MM-dd");
        for (int m : new int[] {1, 5, 15, 30}) {
            units.add(new DateTickUnit(DateTickUnitType.MINUTE, m, minutes));
        }
        for (int h : new int[] {1, 2, 3, 6, 12}) {
            units.add(new DateTickUnit(DateTickUnitType.HOUR, h, minutes));
        }
        for (int d : new int[] {1, 2, 7, 14}) {
            units.add(new DateTickUnit(DateTickUnitType.DAY, d, days));
        }
        for (int m : new int[] {1, 2, 3, 6}) {
            units.add(new DateTickUnit(DateTickUnitType.MONTH, m, days));
        }
        for (int y : new int[] {1, 2, 5, 10}) {
            units.add(new DateTickUnit(DateTickUnitType.YEAR, y, format("yyyy")));
        }
        return units;
    }

    private static DateFormat format(String pattern) {
        SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT);
        f.setTimeZone(UTC);
        return f;
    }

    /** Thinned like the SVG's lines: a chart a few hundred pixels wide gains nothing from a million points. */
    private static XYSeries series(String name, List<SvgChart.Point> points) {
        XYSeries s = new XYSeries(name, false, true);
        for (SvgChart.Point p : SvgChart.thin(points, SvgChart.MAX_POINTS)) {
            s.add(p.timeMs(), p.value().doubleValue(), false);
        }
        return s;
    }
}
