package lotus.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import lotus.pm.TradeClosure;

/** The files of {@code lotus backtest --out}: every closed trade, the equity curve, and a chart of it. */
public final class BacktestFiles {

    private BacktestFiles() {
    }

    /** trades.csv, equity.csv and equity.png under {@code dir}. */
    public static void write(Backtest.Result r, Path dir) throws IOException {
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
    private static BufferedImage chart(List<Backtest.EquityPoint> equity) {
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
