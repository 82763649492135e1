package lotus.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import lotus.app.LotusConfig;
import lotus.app.OneTick;
import lotus.pm.TickReport;
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
        TickReport report = OneTick.run(config, tf, dryRun, (pm, barCloseMs) -> {
            pm.liveBanner().ifPresent(out::println);
            out.printf("tick %s for the bar closed at %s (%s, Hyperliquid %s)%n", tf.label(),
                    Instant.ofEpochMilli(barCloseMs), pm.live() ? "LIVE" : "dry run",
                    config.hyperliquid().network().label());
        });
        out.print(TickPrinter.render(report, verbose));
        out.flush();
        return report.failed() > 0 ? 1 : 0;
    }
}
