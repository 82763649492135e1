package lotus.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import lotus.app.Backtest;
import lotus.pm.TradeClosure;
import lotus.app.BacktestSummary;

/** Prints the numbers an operator reads after a backtest ({@link BacktestSummary}); writes the files of --out. */
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
                + "loading the bars)%n", r.bars(), r.ticks(), seconds, r.bars() / Math.max(seconds, 1e-9), r.wallNs() / 1e9));
        return sb.toString();
    }

    private static String usd(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** trades.csv, equity.csv and equity.png under {@code dir}. */
    static void write(Backtest.Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder trades = new StringBuilder("token,trade_id,entry_time,exit_time,entry_state,entry_event,"
                + "entry_price,exit_price,return,max_drawdown,rr,outcome,hold_class,pnl_usd,closed_by\n");
        for (Backtest.TokenTrade tt : r.trades()) {
            TradeClosure.ClosedTrade t = tt.trade();
            trades.append(String.join(",", tt.token(), t.tradeId(),
                    Instant.ofEpochMilli(t.entry().timeMs()).toString(), Instant.ofEpochMilli(t.exitTimeMs()).toString(),
                    String.valueOf(t.entry().state()), String.valueOf(t.entry().event()),
                    t.entryPrice().toPlainString(), t.exitPrice().toPlainString(), Double.toString(t.returnFrac()),
                    Double.toString(t.maxDrawdown()), Double.toString(t.rr()), t.outcome(), t.holdClass(),
                    t.pnlUsd().toPlainString(), t.closedBy())).append('\n');
        }
        Files.writeString(dir.resolve("trades.csv"), trades);
        StringBuilder equity = new StringBuilder("time,equity_usd,open_positions\n");
        for (Backtest.EquityPoint p : r.equity()) {
            equity.append(Instant.ofEpochMilli(p.timeMs())).append(',').append(p.equityUsd().toPlainString())
                    .append(',').append(p.open()).append('\n');
        }
        Files.writeString(dir.resolve("equity.csv"), equity);
        ImageIO.write(chart(r.equity()), "png", dir.resolve("equity.png").toFile());
    }

    /** A plain line chart of the equity curve with its zero line; no charting library needed for one line. */
    static BufferedImage chart(List<Backtest.EquityPoint> equity) {
        int w = 960;
        int h = 400;
        int pad = 40;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double min = 0;
        double max = 0;
        for (Backtest.EquityPoint p : equity) {
            min = Math.min(min, p.equityUsd().doubleValue());
            max = Math.max(max, p.equityUsd().doubleValue());
        }
        double span = Math.max(max - min, 1e-9);
        g.setColor(Color.LIGHT_GRAY);
        int zero = (int) Math.round(h - pad - (0 - min) / span * (h - 2 * pad));
        g.drawLine(pad, zero, w - pad, zero);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "equity USD: min %.2f, max %.2f", min, max), pad, pad / 2);
        g.setColor(new Color(20, 90, 200));
        g.setStroke(new BasicStroke(1.5f));
        int n = equity.size();
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            int x = pad + (int) Math.round((double) i / Math.max(1, n - 1) * (w - 2 * pad));
            int y = (int) Math.round(h - pad - (equity.get(i).equityUsd().doubleValue() - min) / span * (h - 2 * pad));
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.dispose();
        return img;
    }
}
