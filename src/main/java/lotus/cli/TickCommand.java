package lotus.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.OptionalLong;
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

    @Option(names = "--verbose", description = "Print each regime driver's part of A/E and every gate of every "
            + "position, not only those of a decision.")
    boolean verbose;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Tick as of a past instant (ISO-8601, e.g. "
            + "2026-01-05T05:00:00Z) on a clock standing there, to look at a stored database such as the demo's; "
            + "needs --dry-run.")
    String at;

    @Override
    public Integer call() {
        PrintWriter out = cli.out();
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            return cli.usageError("--timeframe " + e.getMessage());
        }
        OptionalLong atMs = OptionalLong.empty();
        if (at != null) {
            try {
                atMs = OptionalLong.of(Instant.parse(at).toEpochMilli());
            } catch (java.time.format.DateTimeParseException e) {
                return cli.usageError("--at '" + at + "' is not an ISO-8601 instant such as 2026-01-05T05:00:00Z");
            }
            if (!dryRun) {
                return cli.usageError("--at replays a past tick and needs --dry-run");
            }
            if (atMs.getAsLong() > System.currentTimeMillis()) {
                return cli.usageError("--at " + at + " is in the future");
            }
        }
        LotusConfig config = cli.config();
        TickReport report = OneTick.run(config, tf, dryRun, atMs, (pm, barCloseMs) -> {
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
