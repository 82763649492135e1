package lotus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import lotus.app.RegimeHistory;
import lotus.engine.Features;
import lotus.store.Database;
import lotus.store.RegimeBars;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "regime", mixinStandardHelpOptions = true,
        description = "The regime drivers' bars: load a history file, and see what each driver has.",
        subcommands = {RegimeCommand.Import.class, RegimeCommand.Status.class})
final class RegimeCommand extends GroupCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load a driver's history from a CSV file with a header and rows of time (epoch s or ms, or "
                    + "ISO-8601), value; each row becomes a bar with open = high = low = close = value.")
    static final class Import implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Option(names = "--driver", required = true, description = "btc.d, usdt.d or bucket.nano ... bucket.big.")
        String driver;

        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The history file.")
        Path csv;

        @Option(names = "--timeframe", defaultValue = "1d", description = "The rows' timeframe (default: 1d).")
        String timeframe;

        @Override
        public Integer call() throws IOException {
            Timeframe tf;
            try {
                tf = Timeframe.parse(timeframe);
            } catch (IllegalArgumentException e) {
                return cli.usageError("--timeframe " + e.getMessage());
            }
            if (!RegimeHistory.drivers().contains(driver)) {
                return cli.usageError("--driver must be one of " + String.join(", ", RegimeHistory.drivers())
                        + ", got '" + driver + "'");
            }
            if (!Files.isReadable(csv)) {
                return cli.usageError("--csv " + csv + " is not a readable file");
            }
            PrintWriter out = cli.out();
            RegimeHistory.Imported r;
            try (Database db = cli.migratedDatabase(cli.config())) {
                r = RegimeHistory.importCsv(new RegimeBars(db), driver, tf, csv);
            } catch (IllegalArgumentException e) {
                return cli.usageError(e.getMessage());
            }
            for (RegimeHistory.Rejected bad : r.rejected()) {
                out.printf("line %d rejected: %s%n", bad.line(), bad.reason());
            }
            out.printf("imported %s %s from %s: rows=%d written=%d rejected=%d%n", r.driver(), r.timeframe().label(),
                    csv.getFileName(), r.rows(), r.written(), r.rejected().size());
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Per driver and timeframe: bar count, first and last open time, and the engine's state now "
                    + "(or dormant until it has its 333 bars); then BTC's and ALT's states from the majors.")
    static final class Status implements Runnable {
        @Mixin
        CommandContext cli;

        @Override
        public void run() {
            PrintWriter out = cli.out();
            try (Database db = cli.migratedDatabase(cli.config())) {
                RegimeHistory.Status status = RegimeHistory.status(db, System.currentTimeMillis());
                out.print(render(status.stored()));
                status.majors().forEach((driver, states) -> {
                    StringBuilder line = new StringBuilder(String.format("%-13s", driver + " (majors)"));
                    states.forEach((tf, state) -> line.append(String.format("  %s: %s", tf.label(), state)));
                    out.println(line);
                });
            }
            out.flush();
        }
    }

    static String render(List<RegimeHistory.DriverStatus> all) {
        if (all.isEmpty()) {
            return "no regime bars yet: the dominance collector writes them in lotus ingest and lotus run, "
                    + "lotus regime import loads a history" + System.lineSeparator();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-13s %-3s %7s %-20s %-20s %s%n", "driver", "tf", "bars", "first", "last",
                "engine"));
        for (RegimeHistory.DriverStatus s : all) {
            sb.append(String.format("%-13s %-3s %7d %-20s %-20s %s%n", s.driver(), s.timeframe().label(), s.bars(),
                    Instant.ofEpochMilli(s.firstOpenMs()), Instant.ofEpochMilli(s.lastOpenMs()),
                    !s.ready() ? "dormant " + s.bars() + "/" + Features.BARS_THRESHOLD
                            : s.state() != null ? s.state() : "ready"));
        }
        return sb.toString();
    }
}
