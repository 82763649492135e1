package lotus.app;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lotus.exec.CostModel;

/**
 * A backtest's summary as text, the same strings on the terminal and in report.html: the headline figures, the
 * comparison with buy-and-hold, and the breakdown per entry state and event.
 *
 * @param rows    label and value, in reading order
 * @param versus  "strategy +X USD (+Y %) vs buy-and-hold +Z USD (+W %)" on the positions' budget
 * @param byEntry one row per entry state and event
 */
public record BacktestFigures(List<Row> rows, String versus, List<EntryRow> byEntry) {

    private static final MathContext MC = new MathContext(34);

    public record Row(String label, String value) {
    }

    /**
     * @param winPct like {@code 41.7%}
     * @param meanRr like {@code 0.123}
     * @param pnlUsd gross, before fees
     */
    public record EntryRow(String entry, int trades, String winPct, String meanRr, String pnlUsd, String feesUsd,
            String netPnlUsd) {
    }

    public BacktestFigures {
        rows = List.copyOf(rows);
        byEntry = List.copyOf(byEntry);
    }

    public static BacktestFigures of(Backtest.Result r) {
        BacktestSummary summary = BacktestSummary.of(r);
        BacktestSummary.Group all = summary.all();
        BigDecimal dd = summary.maxDrawdownUsd();
        BigDecimal finalEquity = r.equity().isEmpty() ? BigDecimal.ZERO
                : r.equity().get(r.equity().size() - 1).equityUsd();
        BigDecimal budget = r.benchmark().budgetUsd();
        String versus = "strategy " + signedUsd(finalEquity) + " USD (" + signedPct(finalEquity, budget)
                + " %) vs buy-and-hold " + signedUsd(r.benchmark().finalPnlUsd()) + " USD ("
                + signedPct(r.benchmark().finalPnlUsd(), budget) + " %)";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("trades", String.format(Locale.ROOT, "%d (%d won, win rate %s)", all.trades(), all.wins(),
                all.trades() == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * all.wins() / all.trades()))));
        rows.add(new Row("mean rr", all.trades() == 0 ? "-"
                : String.format(Locale.ROOT, "%.3f", all.sumRr() / all.trades())));
        rows.add(new Row("gross PnL", usd(all.pnlUsd()) + " USD (closed trades; paper fills at bar closes"
                + slippage(r.settings().costs()) + ")"));
        rows.add(new Row("fees", usd(all.feesUsd()) + " USD (closed trades"
                + (r.settings().costs().equals(CostModel.NONE) ? "; none charged: --no-fees)" : ")")));
        rows.add(new Row("net PnL", usd(all.netPnlUsd()) + " USD (gross less fees)"));
        rows.add(new Row("final equity", usd(finalEquity) + " USD (closed plus open PnL, net of fees)"));
        rows.add(new Row("max drawdown", String.format(Locale.ROOT, "%s USD (%s%% of the %s USD wallet)", usd(dd),
                pct(dd, r.settings().walletUsd()), r.settings().walletUsd().stripTrailingZeros().toPlainString())));
        rows.add(new Row("exposure", String.format(Locale.ROOT, "%.1f%% of position-ticks held a quantity",
                100 * r.exposure())));
        rows.add(new Row("vs holding", versus + " on a " + budget.stripTrailingZeros().toPlainString()
                + " USD budget bought at the first tick"));
        List<EntryRow> byEntry = new ArrayList<>();
        for (Map.Entry<String, BacktestSummary.Group> e : summary.byEntry().entrySet()) {
            BacktestSummary.Group g = e.getValue();
            byEntry.add(new EntryRow(e.getKey(), g.trades(),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * g.wins() / g.trades()),
                    String.format(Locale.ROOT, "%.3f", g.sumRr() / g.trades()), usd(g.pnlUsd()), usd(g.feesUsd()),
                    usd(g.netPnlUsd())));
        }
        return new BacktestFigures(rows, versus, byEntry);
    }

    private static String slippage(CostModel costs) {
        return costs.slippageBps().signum() == 0 ? ", no slippage"
                : ", " + costs.slippageBps().stripTrailingZeros().toPlainString() + " bps slippage";
    }

    /** "ETH, SOL on hyperliquid/spot 1h", or "6 tokens on …" where the names would not fit a chart's title. */
    public static String subject(Backtest.Settings s) {
        String tokens = String.join(", ", s.tokens());
        return (tokens.length() <= 60 ? tokens : s.tokens().size() + " tokens") + " on " + s.chain() + "/" + s.book()
                + " " + s.timeframe().label();
    }

    static String usd(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** With its sign always written, so a gain reads "+12.30" beside a loss's "-4.10". */
    static String signedUsd(BigDecimal v) {
        BigDecimal r = v.setScale(2, RoundingMode.HALF_EVEN);
        return (r.signum() >= 0 ? "+" : "") + r.toPlainString();
    }

    private static String signedPct(BigDecimal v, BigDecimal of) {
        return of.signum() == 0 ? "-" : signedUsd(v.multiply(BigDecimal.valueOf(100), MC).divide(of, MC));
    }

    private static String pct(BigDecimal v, BigDecimal of) {
        return of.signum() == 0 ? "-" : usd(v.multiply(BigDecimal.valueOf(100), MC).divide(of, MC));
    }
}
