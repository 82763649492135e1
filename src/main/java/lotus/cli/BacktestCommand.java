package lotus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import lotus.app.Backtest;
import lotus.app.BacktestFiles;
import lotus.app.LotusConfig;
import lotus.exec.CostModel;
import lotus.pm.AllocationPolicy;
import lotus.store.Database;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay stored bars through the PM (engine, A/E, planner, paper fills at bar closes, accounting, "
                + "closure, learning) on a simulated clock, in memory, and report trades, win rate, rr, "
                + "PnL, drawdown and exposure.")
final class BacktestCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Option(names = "--tokens", required = true, split = ",", description = "Comma-separated token_contracts.")
    List<String> tokens;

    @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d.")
    String timeframe;

    @Option(names = "--chain", defaultValue = "hyperliquid", description = "token_chain of the tokens (default ${DEFAULT-VALUE}).")
    String chain;

    @Option(names = "--book", defaultValue = "spot", description = "book_id of the simulated positions (default ${DEFAULT-VALUE}).")
    String book;

    @Option(names = "--from", description = "First tick (ISO date 2026-01-01 or instant), UTC; the bars before it "
            + "are the positions' history. Default: a tick at every stored bar close.")
    String from;

    @Option(names = "--to", description = "End, exclusive (ISO date or instant); default: after the last stored.")
    String to;

    @Option(names = "--db", paramLabel = "URL", description = "Database holding the bars (default: the configured one).")
    String url;

    @Option(names = "--alloc-pct", description = "total_allocation_pct of each position (default per STRATEGY.md §5).")
    BigDecimal allocPct;

    @Option(names = "--slippage-bps", defaultValue = "0", paramLabel = "N",
            description = "Paper fills this many basis points worse than the close: buys above, sells below "
                    + "(default ${DEFAULT-VALUE}).")
    BigDecimal slippageBps;

    @Option(names = "--no-fees", description = "Charge no fees: the gross figures alone, as before costs were kept. "
            + "By default each fill pays its venue's configured fee (Hyperliquid's taker rate; a Solana swap's network,"
            + " priority and route fees).")
    boolean noFees;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write report.html, equity.png, trades.csv and equity.csv here.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = cli.out();
        Timeframe tf;
        long fromMs;
        long toMs;
        try {
            tf = Timeframe.parse(timeframe);
            fromMs = from == null ? Long.MIN_VALUE : time(from);
            toMs = to == null ? Long.MAX_VALUE : time(to);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return cli.usageError(e.getMessage());
        }
        LotusConfig config = cli.config();
        CostModel costs;
        try {
            costs = (noFees ? CostModel.NONE : config.paperCosts()).withSlippageBps(slippageBps);
        } catch (IllegalArgumentException e) {
            return cli.usageError("--slippage-bps: " + e.getMessage());
        }
        Backtest.Settings settings = new Backtest.Settings(tokens.stream().map(String::strip).toList(), chain, book,
                tf, fromMs, toMs, config.pm().walletUsd(),
                allocPct != null ? allocPct : AllocationPolicy.defaultPct(tf), config.pm().maxLeverage(), costs);
        try (Database source = Database.open(url != null ? url : config.db().url(), 2)) {
            o.printf("backtest: %s on %s/%s %s, source %s%n", String.join(",", settings.tokens()), chain, book,
                    tf.label(), source.describe());
            o.flush();
            Backtest.Result result;
            try {
                result = Backtest.run(source, settings, o);
            } catch (IllegalArgumentException e) {
                cli.error(e.getMessage());
                return 1;
            }
            o.print(BacktestReport.render(result));
            if (out != null) {
                BacktestFiles.write(result, out);
                o.println("wrote " + out.resolve("report.html") + ", " + out.resolve("equity.png") + ", "
                        + out.resolve("trades.csv") + " and " + out.resolve("equity.csv"));
            }
            o.flush();
        }
        return 0;
    }

    /** An ISO date (midnight UTC) or an ISO instant. */
    static long time(String text) {
        String t = text.strip();
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return Instant.parse(t).toEpochMilli();
    }
}
