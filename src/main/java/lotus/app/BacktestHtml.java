package lotus.app;

import static lotus.app.chart.SvgChart.esc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lotus.app.chart.SvgChart;
import lotus.market.Bar;
import lotus.pm.TradeClosure;

/**
 * report.html of {@code lotus backtest --out}: one self-contained file (no script, no font, nothing fetched) with the
 * summary, the equity beside buy-and-hold, the drawdown, each token's closes with its trades' entries and exits, the
 * trades, and the series as JSON for whoever wants to redraw them.
 */
public final class BacktestHtml {

    private static final int WIDTH = 1100;
    private static final String EQUITY = "#1f5fbf";
    private static final String HOLD = "#8a8a8a";
    private static final String DRAWDOWN = "#c0392b";
    private static final String ENTRY = "#1e8e3e";
    private static final String EXIT = "#d93025";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private BacktestHtml() {
    }

    public static String render(Backtest.Result r) {
        Backtest.Settings s = r.settings();
        BacktestFigures figures = BacktestFigures.of(r);
        BacktestSeries drawn = BacktestSeries.of(r);
        List<SvgChart.Point> equity = drawn.equity();
        List<SvgChart.Point> hold = drawn.hold();
        List<SvgChart.Point> drawdown = drawn.drawdown();

        StringBuilder h = new StringBuilder();
        String title = "Lotus backtest of " + BacktestFigures.subject(s);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:").append(WIDTH + 40)
                .append("px}\ntable{border-collapse:collapse;margin:8px 0 20px}\n")
                .append("td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}\n")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".versus{font-size:1.15em;background:#f3f6fb;padding:8px 12px;border-left:4px solid ")
                .append(EQUITY).append("}\nsvg.chart{display:block;margin:8px 0;max-width:100%;height:auto}\n"
                        + ".tokens{word-break:break-all}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"tokens\">tokens: ")
                .append(esc(String.join(", ", s.tokens()))).append("</p>\n");
        if (!r.equity().isEmpty()) {
            h.append("<p class=\"period\">").append(time(r.equity().get(0).timeMs())).append(" to ")
                    .append(time(r.equity().get(r.equity().size() - 1).timeMs())).append(" UTC: ")
                    .append(r.ticks()).append(" ticks over ").append(r.barCount()).append(" bars</p>\n");
        }
        h.append("<p class=\"versus\">").append(esc(figures.versus())).append(" on a ")
                .append(r.benchmark().budgetUsd().stripTrailingZeros().toPlainString())
                .append(" USD budget, split equally across the tokens and bought at the first tick</p>\n");

        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        for (BacktestFigures.Row row : figures.rows()) {
            h.append("<tr><th>").append(esc(row.label())).append("</th><td>").append(esc(row.value()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!figures.byEntry().isEmpty()) {
            h.append("<h2>By entry state and event</h2>\n<table class=\"by-entry\">\n<tr><th>entry state / event</th>"
                    + "<th>trades</th><th>win %</th><th>mean rr</th><th>pnl_usd</th><th>fees_usd</th>"
                    + "<th>net_pnl_usd</th></tr>\n");
            for (BacktestFigures.EntryRow e : figures.byEntry()) {
                h.append("<tr><td>").append(esc(e.entry())).append("</td><td class=\"n\">").append(e.trades())
                        .append("</td><td class=\"n\">").append(e.winPct()).append("</td><td class=\"n\">")
                        .append(e.meanRr()).append("</td><td class=\"n\">").append(e.pnlUsd())
                        .append("</td><td class=\"n\">").append(e.feesUsd()).append("</td><td class=\"n\">")
                        .append(e.netPnlUsd()).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Equity and drawdown</h2>\n");
        h.append(SvgChart.render(new SvgChart.Spec("Equity (closed plus open PnL, net of fees) and buy-and-hold",
                "PnL USD", WIDTH,
                360, true, List.of(new SvgChart.Series("equity", "strategy", EQUITY, equity, false),
                        new SvgChart.Series("buy-and-hold", "buy-and-hold", HOLD, hold, true)), List.of())));
        h.append(SvgChart.render(new SvgChart.Spec("Drawdown from the running peak", "drawdown USD", WIDTH, 200, true,
                List.of(new SvgChart.Series("drawdown", "drawdown", DRAWDOWN, drawdown, false)), List.of())));

        h.append("<h2>Prices and trades</h2>\n");
        long barMs = s.timeframe().durationMs();
        for (Map.Entry<String, List<Bar>> e : r.bars().entrySet()) {
            List<SvgChart.Point> closes = new ArrayList<>();
            for (Bar b : e.getValue()) {
                closes.add(new SvgChart.Point(b.openTimeMs() + barMs, b.close()));
            }
            List<SvgChart.Marker> markers = new ArrayList<>();
            for (Backtest.TokenTrade tt : r.trades()) {
                if (tt.token().equals(e.getKey())) {
                    TradeClosure.ClosedTrade t = tt.trade();
                    markers.add(new SvgChart.Marker("entry", t.entry().timeMs(), t.entryPrice(), ENTRY, "entry "
                            + time(t.entry().timeMs()) + " UTC at " + t.entryPrice().toPlainString() + " ("
                            + entry(t) + ")"));
                    markers.add(new SvgChart.Marker("exit", t.exitTimeMs(), t.exitPrice(), EXIT, "exit "
                            + time(t.exitTimeMs()) + " UTC at " + t.exitPrice().toPlainString() + ", PnL "
                            + BacktestFigures.usd(t.pnlUsd()) + " USD, net " + BacktestFigures.usd(t.netPnlUsd())
                            + " USD (" + mark(t.closedBy()) + ")"));
                }
            }
            h.append(SvgChart.render(new SvgChart.Spec(e.getKey() + " close, entries (green) and exits (red)",
                    "price", WIDTH, 300, false,
                    List.of(new SvgChart.Series("price-" + e.getKey(), e.getKey(), EQUITY, closes, false)), markers)));
        }

        h.append("<h2>Trades</h2>\n<table class=\"trades\">\n<tr><th>token</th><th>entry (UTC)</th><th>exit (UTC)</th>"
                + "<th>entry state / event</th><th>entry price</th><th>exit price</th><th>pnl_usd</th>"
                + "<th>fees_usd</th><th>net_pnl_usd</th><th>closed by</th></tr>\n");
        for (Backtest.TokenTrade tt : r.trades()) {
            TradeClosure.ClosedTrade t = tt.trade();
            h.append("<tr><td>").append(esc(tt.token())).append("</td><td>").append(time(t.entry().timeMs()))
                    .append("</td><td>").append(time(t.exitTimeMs())).append("</td><td>")
                    .append(esc(entry(t))).append("</td><td class=\"n\">")
                    .append(t.entryPrice().toPlainString()).append("</td><td class=\"n\">")
                    .append(t.exitPrice().toPlainString()).append("</td><td class=\"n\">")
                    .append(BacktestFigures.usd(t.pnlUsd())).append("</td><td class=\"n\">")
                    .append(BacktestFigures.usd(t.feesUsd())).append("</td><td class=\"n\">")
                    .append(BacktestFigures.usd(t.netPnlUsd())).append("</td><td>").append(esc(mark(t.closedBy())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<script type=\"application/json\" id=\"backtest-data\">\n").append(json(r, equity, hold, drawdown))
                .append("\n</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The series as JSON, each value a decimal string so nothing is rounded through a double. */
    private static String json(Backtest.Result r, List<SvgChart.Point> equity, List<SvgChart.Point> hold,
            List<SvgChart.Point> drawdown) {
        StringBuilder j = new StringBuilder("{\"budgetUsd\":")
                .append(str(r.benchmark().budgetUsd().toPlainString()));
        j.append(",\n\"equity\":").append(series(equity)).append(",\n\"buyAndHold\":").append(series(hold))
                .append(",\n\"drawdown\":").append(series(drawdown)).append(",\n\"trades\":[");
        for (int i = 0; i < r.trades().size(); i++) {
            TradeClosure.ClosedTrade t = r.trades().get(i).trade();
            j.append(i == 0 ? "" : ",").append("\n{\"token\":").append(str(r.trades().get(i).token()))
                    .append(",\"entryTimeMs\":").append(t.entry().timeMs())
                    .append(",\"entryPrice\":").append(str(t.entryPrice().toPlainString()))
                    .append(",\"exitTimeMs\":").append(t.exitTimeMs())
                    .append(",\"exitPrice\":").append(str(t.exitPrice().toPlainString()))
                    .append(",\"pnlUsd\":").append(str(t.pnlUsd().toPlainString()))
                    .append(",\"feesUsd\":").append(str(t.feesUsd().toPlainString()))
                    .append(",\"netPnlUsd\":").append(str(t.netPnlUsd().toPlainString())).append('}');
        }
        return j.append("]}").toString();
    }

    /** As drawn: thinned above {@link SvgChart#MAX_POINTS}, so a year of minutes stays a page (equity.csv has all). */
    private static String series(List<SvgChart.Point> all) {
        List<SvgChart.Point> points = SvgChart.thin(all, SvgChart.MAX_POINTS);
        StringBuilder j = new StringBuilder("[");
        for (int i = 0; i < points.size(); i++) {
            j.append(i == 0 ? "" : ",").append('[').append(points.get(i).timeMs()).append(',')
                    .append(str(points.get(i).value().toPlainString())).append(']');
        }
        return j.append(']').toString();
    }

    /** A JSON string that cannot end the script element it sits in. */
    private static String str(String s) {
        StringBuilder j = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> j.append("\\\"");
                case '\\' -> j.append("\\\\");
                case '<' -> j.append("\\u003c");
                case '>' -> j.append("\\u003e");
                case '&' -> j.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        j.append(String.format("\\u%04x", (int) c));
                    } else {
                        j.append(c);
                    }
                }
            }
        }
        return j.append('"').toString();
    }

    private static String entry(TradeClosure.ClosedTrade t) {
        return mark(t.entry().state()) + " " + mark(t.entry().event());
    }

    private static String mark(String s) {
        return s == null ? "?" : s;
    }

    private static String time(long ms) {
        return UTC.format(Instant.ofEpochMilli(ms));
    }
}
