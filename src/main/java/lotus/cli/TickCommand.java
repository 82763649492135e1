package lotus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lotus.app.LotusConfig;
import lotus.app.PmAssembly;
import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.store.TraderLock;
import lotus.time.Clock;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "tick", mixinStandardHelpOptions = true,
        description = "Run one PM Core Tick now for a timeframe: every position's route, engine state, decision and "
                + "the gates behind it.")
final class TickCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d.")
    String timeframe;

    @Option(names = "--dry-run", description = "Never send an order, whatever execution.live says.")
    boolean dryRun;

    @Option(names = "--verbose", description = "Print every gate of every position, not only those of a decision.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("lotus tick: --timeframe " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        LotusConfig config = main.loadConfig().config();
        Clock clock = Clock.system();
        long now = clock.nowMs();
        long barClose = tf.floor(now);
        try (Database db = Database.open(config.db().url(), config.db().poolSize());
                // Even --dry-run writes the book (paper fills, engine state): beside a running trader it would put
                // fills the venue never saw into the same rows, so it waits its turn like any trader.
                TraderLock lock = TraderLock.acquire(db, clock)) {
            db.migrate();
            try (PmAssembly pm = PmAssembly.build(config, db, clock, dryRun)) {
                pm.liveBanner().ifPresent(out::println);
                out.printf("tick %s for the bar closed at %s (%s, Hyperliquid %s)%n", tf.label(),
                        java.time.Instant.ofEpochMilli(barClose), pm.live() ? "LIVE" : "dry run",
                        config.hyperliquid().network().label());
                TickReport report = pm.runTick(tf, barClose, now);
                out.print(TickPrinter.render(report, verbose));
                out.flush();
                return report.failed() > 0 ? 1 : 0;
            }
        }
    }
}
