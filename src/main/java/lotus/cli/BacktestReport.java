package lotus.cli;

import java.util.Locale;
import lotus.app.Backtest;
import lotus.app.BacktestFigures;

/** Prints the numbers an operator reads after a backtest ({@link BacktestFigures}, as report.html shows them). */
final class BacktestReport {

    private BacktestReport() {
    }

    static String render(Backtest.Result r) {
        StringBuilder sb = new StringBuilder();
        BacktestFigures figures = BacktestFigures.of(r);
        for (BacktestFigures.Row row : figures.rows()) {
            sb.append(String.format(Locale.ROOT, "%-15s%s%n", row.label() + ":", row.value()));
        }
        if (!figures.byEntry().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-30s %6s %8s %8s %12s %10s %12s%n", "entry state / event",
                    "trades", "win %", "mean rr", "pnl_usd", "fees_usd", "net_pnl_usd"));
            for (BacktestFigures.EntryRow e : figures.byEntry()) {
                sb.append(String.format(Locale.ROOT, "%-30s %6d %8s %8s %12s %10s %12s%n", e.entry(), e.trades(),
                        e.winPct(), e.meanRr(), e.pnlUsd(), e.feesUsd(), e.netPnlUsd()));
            }
        }
        double seconds = r.replayNs() / 1e9;
        sb.append(String.format(Locale.ROOT, "replayed %,d bars in %,d ticks: %.1f s, %,.0f bars/s (%.1f s with "
                + "loading the bars)%n", r.barCount(), r.ticks(), seconds, r.barCount() / Math.max(seconds, 1e-9),
                r.wallNs() / 1e9));
        return sb.toString();
    }
}
