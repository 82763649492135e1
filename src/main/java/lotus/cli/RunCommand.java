package lotus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import lotus.app.LotusConfig;
import lotus.app.PmAssembly;
import lotus.app.TradingProcess;
import lotus.pm.TickReport;
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
                Duration.ofSeconds(statusEverySeconds), new Printer(config, out));
        if (!stopped) {
            return 1;
        }
        out.println("run: stopped");
        out.flush();
        return 0;
    }

    /** Ticks and status lines come from other threads: each is printed whole, under the output's lock. */
    private record Printer(LotusConfig config, PrintWriter out) implements TradingProcess.Reporter {
        @Override
        public void started(PmAssembly pm) {
            LotusConfig.Hyperliquid hl = config.hyperliquid();
            pm.liveBanner().ifPresent(out::println);
            out.printf("run: %s on Hyperliquid %s (REST %s), database %s; ticks at every bar close + %d ms%n",
                    pm.live() ? "LIVE TRADING" : "dry run", hl.network().label(), hl.endpoints().restUrl(),
                    JdbcUrls.redact(config.db().url()), config.pm().settle().toMillis());
            out.flush();
        }

        @Override
        public void tick(TickReport r) {
            if (!r.positions().isEmpty()) {
                print(TickPrinter.render(r, false));
            }
        }

        @Override
        public void status(String line) {
            print(line + System.lineSeparator());
        }

        @Override
        public void stopping() {
            out.println("run: stopping: ticks, then ingest (flushing bars) ...");
            out.flush();
        }

        @Override
        public void lockLost(String lock) {
            out.println("run: lost the trader lock on " + lock + " (its database session ended); stopping, so that"
                    + " no second trader trades beside this one");
            out.flush();
        }

        private void print(String text) {
            synchronized (out) {
                out.print(text);
                out.flush();
            }
        }
    }
}
