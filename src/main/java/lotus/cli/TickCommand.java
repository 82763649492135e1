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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tick", mixinStandardHelpOptions = true,
        description = "Run one PM Core Tick now for a timeframe: every position's route, engine state, decision and "
                + "the gates behind it.")
final class TickCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d.")
    String timeframe;

    @Option(names = "--dry-run", description = "Never send an order, whatever execution.live says.")
    boolean dryRun;

    @Option(names = "--verbose", description = "Print every gate of every position, not only those of a decision.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = cli.out();
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            return cli.usageError("--timeframe " + e.getMessage());
        }
        LotusConfig config = cli.config();
        Clock clock = Clock.system();
        long now = clock.nowMs();
        long barClose = tf.floor(now);
        try (Database db = cli.database(config);
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
