package lotus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import lotus.app.LotusConfig;
import lotus.app.TradingProcess;
import lotus.store.JdbcUrls;
import lotus.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lotus run}: prints what {@link TradingProcess} reports; a second {@code run} on one database stops at once. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The trading loop: both ingesters, and a PM Core Tick at every bar close of every timeframe "
                + "(plus pm.settle_ms), until Ctrl-C. Dry run unless execution.live is true (which needs a key).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Mixin
    PortOption port;

    @Option(names = "--dry-run", description = "Never send an order, whatever execution.live says.")
    boolean dryRun;

    @Option(names = "--status-every", defaultValue = "60", paramLabel = "SECONDS",
            description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
    int statusEverySeconds;

    @Override
    public Integer call() throws Exception {
        LotusConfig config = cli.config();
        PrintWriter out = cli.out();
        boolean stopped = TradingProcess.runUntilStopped(config, Clock.system(), dryRun,
                Duration.ofSeconds(statusEverySeconds), port.settings(config), event -> print(config, out, event));
        if (!stopped) {
            return 1;
        }
        out.println("run: stopped");
        out.flush();
        return 0;
    }

    /** Ticks and status lines come from other threads: each is printed whole, under the output's lock. */
    private static void print(LotusConfig config, PrintWriter out, TradingProcess.Event event) {
        String text = switch (event) {
            case TradingProcess.Started s -> {
                LotusConfig.Hyperliquid hl = config.hyperliquid();
                s.pm().liveBanner().ifPresent(out::println);
                yield String.format("run: %s on Hyperliquid %s (REST %s), database %s; ticks at every bar close + %d "
                        + "ms%n", s.pm().live() ? "LIVE TRADING" : "dry run", hl.network().label(),
                        hl.endpoints().restUrl(), JdbcUrls.redact(config.db().url()), config.pm().settle().toMillis());
            }
            case TradingProcess.Serving s -> {
                PortOption.print(out, "run", s.server());
                yield "";
            }
            case TradingProcess.Tick t -> t.report().positions().isEmpty() ? "" : TickPrinter.render(t.report(), false);
            case TradingProcess.Status s -> s.line() + System.lineSeparator();
            case TradingProcess.Stopping s -> "run: stopping: ticks, then ingest (flushing bars) ..."
                    + System.lineSeparator();
            case TradingProcess.LockLost l -> "run: lost the trader lock on " + l.lock() + " (its database session"
                    + " ended); stopping, so that no second trader trades beside this one" + System.lineSeparator();
        };
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
