package lotus.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import lotus.pm.TradeClosure;

/**
 * The files of {@code lotus backtest --out}: every closed trade, the equity curve, report.html ({@link BacktestHtml})
 * and equity.png ({@link BacktestPng}).
 */
public final class BacktestFiles {

    private BacktestFiles() {
    }

    /** trades.csv, equity.csv, report.html and equity.png under {@code dir}. */
    public static void write(Backtest.Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder trades = new StringBuilder("token,trade_id,entry_time,exit_time,entry_state,entry_event,"
                + "entry_price,exit_price,return,net_return,max_drawdown,rr,outcome,hold_class,pnl_usd,fees_usd,"
                + "net_pnl_usd,closed_by\n");
        for (Backtest.TokenTrade tt : r.trades()) {
            TradeClosure.ClosedTrade t = tt.trade();
            trades.append(String.join(",", tt.token(), t.tradeId(),
                    Instant.ofEpochMilli(t.entry().timeMs()).toString(), Instant.ofEpochMilli(t.exitTimeMs()).toString(),
                    String.valueOf(t.entry().state()), String.valueOf(t.entry().event()),
                    t.entryPrice().toPlainString(), t.exitPrice().toPlainString(), Double.toString(t.returnFrac()),
                    Double.toString(t.netReturnFrac()), Double.toString(t.maxDrawdown()), Double.toString(t.rr()),
                    t.outcome(), t.holdClass(), t.pnlUsd().toPlainString(), t.feesUsd().toPlainString(),
                    t.netPnlUsd().toPlainString(), t.closedBy())).append('\n');
        }
        Files.writeString(dir.resolve("trades.csv"), trades);
        StringBuilder equity = new StringBuilder("time,equity_usd,open_positions\n");
        for (Backtest.EquityPoint p : r.equity()) {
            equity.append(Instant.ofEpochMilli(p.timeMs())).append(',').append(p.equityUsd().toPlainString())
                    .append(',').append(p.open()).append('\n');
        }
        Files.writeString(dir.resolve("equity.csv"), equity);
        Files.writeString(dir.resolve("report.html"), BacktestHtml.render(r));
        BacktestPng.write(r, dir.resolve("equity.png"));
    }
}
