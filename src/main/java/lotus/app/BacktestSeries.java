package lotus.app;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lotus.app.chart.SvgChart;

/**
 * The three lines of a backtest's report, as {@code report.html} and {@code equity.png} both draw them: the strategy's
 * equity (closed plus open PnL), buy-and-hold of the same budget, and the drawdown from the running peak.
 */
record BacktestSeries(List<SvgChart.Point> equity, List<SvgChart.Point> hold, List<SvgChart.Point> drawdown) {

    static BacktestSeries of(Backtest.Result r) {
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
        return new BacktestSeries(List.copyOf(equity), List.copyOf(hold), List.copyOf(drawdown));
    }
}
