package lotus.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import lotus.app.Backtest;
import lotus.app.BacktestSummary;

/** Prints the numbers an operator reads after a backtest ({@link BacktestSummary}). */
final class BacktestReport {

    private BacktestReport() {
    }

    static String render(Backtest.Result r) {
        StringBuilder sb = new StringBuilder();
        BacktestSummary summary = BacktestSummary.of(r);
        BacktestSummary.Group all = summary.all();
        Map<String, BacktestSummary.Group> byEvent = summary.byEntry();
        BigDecimal dd = summary.maxDrawdownUsd();
        double seconds = r.replayNs() / 1e9;
        sb.append(String.format(Locale.ROOT, "trades:        %d (%d won, win rate %s)%n", all.trades(), all.wins(),
                all.trades() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * all.wins() / all.trades())));
        sb.append(String.format(Locale.ROOT, "mean rr:       %s%n",
                all.trades() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", all.sumRr() / all.trades())));
        sb.append(String.format(Locale.ROOT, "total PnL:     %s USD (closed trades; paper fills at bar closes, no fees"
                + " or slippage)%n", usd(all.pnlUsd())));
        sb.append(String.format(Locale.ROOT, "final equity:  %s USD (closed plus open PnL)%n",
                r.equity().isEmpty() ? "0.00" : usd(r.equity().get(r.equity().size() - 1).equityUsd())));
        sb.append(String.format(Locale.ROOT, "max drawdown:  %s USD (%.2f%% of the %s USD wallet)%n", usd(dd),
                dd.doubleValue() * 100 / r.settings().walletUsd().doubleValue(),
                r.settings().walletUsd().stripTrailingZeros().toPlainString()));
        sb.append(String.format(Locale.ROOT, "exposure:      %.1f%% of position-ticks held a quantity%n",
                100 * r.exposure()));
        if (!byEvent.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-30s %6s %8s %8s %12s%n", "entry state / event", "trades", "win %",
                    "mean rr", "pnl_usd"));
            for (Map.Entry<String, BacktestSummary.Group> e : byEvent.entrySet()) {
                BacktestSummary.Group g = e.getValue();
                sb.append(String.format(Locale.ROOT, "%-30s %6d %7.1f%% %8.3f %12s%n", e.getKey(), g.trades(),
                        100.0 * g.wins() / g.trades(), g.sumRr() / g.trades(), usd(g.pnlUsd())));
            }
        }
        sb.append(String.format(Locale.ROOT, "replayed %,d bars in %,d ticks: %.1f s, %,.0f bars/s (%.1f s with "
                + "loading the bars)%n", r.barCount(), r.ticks(), seconds, r.barCount() / Math.max(seconds, 1e-9), r.wallNs() / 1e9));
        return sb.toString();
    }

    private static String usd(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
