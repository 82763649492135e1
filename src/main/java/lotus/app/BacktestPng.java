package lotus.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import lotus.app.chart.SvgChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
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
        List<SvgChart.Point> equity = new ArrayList<>();
        for (Backtest.EquityPoint p : r.equity()) {
            equity.add(new SvgChart.Point(p.timeMs(), p.equityUsd()));
        }
        List<SvgChart.Point> hold = new ArrayList<>();
        for (int i = 0; i < r.benchmark().values().size(); i++) {
            hold.add(new SvgChart.Point(r.benchmark().values().get(i).timeMs(), r.benchmark().pnlUsd(i)));
        }
        List<BigDecimal> dd = BacktestSummary.drawdownUsd(r.equity());
        List<SvgChart.Point> drawdown = new ArrayList<>();
        for (int i = 0; i < dd.size(); i++) {
            drawdown.add(new SvgChart.Point(r.equity().get(i).timeMs(), dd.get(i)));
        }

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
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
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

    /** Thinned like the SVG's lines: a chart a few hundred pixels wide gains nothing from a million points. */
    private static XYSeries series(String name, List<SvgChart.Point> points) {
        XYSeries s = new XYSeries(name, false, true);
        for (SvgChart.Point p : SvgChart.thin(points, SvgChart.MAX_POINTS)) {
            s.add(p.timeMs(), p.value().doubleValue(), false);
        }
        return s;
    }
}
