package lotus.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import lotus.app.demo.IngestCheckRun;
import lotus.app.demo.TradingDemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The whole loop on the embedded database: simulated markets → ingest → engine → PM → dry-run "
                + "executors → accounting → closure → learning, until 20 trades have closed across three books. "
                + "--ingest-check runs the market-data demo instead (faults, every bar checked against the simulator).")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Mixin
    PortOption port;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", description = "Clock acceleration between ticks (default 1200x; 120x with --ingest-check).")
    Double speed;

    @Option(names = "--trades", defaultValue = "20", description = "Closed trades to wait for (default ${DEFAULT-VALUE}).")
    int trades;

    @Option(names = "--max-seconds", defaultValue = "600",
            description = "Safety stop after this many seconds of real time (default ${DEFAULT-VALUE}).")
    long maxSeconds;

    @Option(names = "--ingest-check", description = "Run the market-data demo: faults injected, every bar checked.")
    boolean ingestCheck;

    @Option(names = "--minutes", defaultValue = "40",
            description = "With --ingest-check: simulated minutes of live data (default ${DEFAULT-VALUE}).")
    long minutes;

    @Override
    public Integer call() throws Exception {
        Path dataDir = cli.config().dataDir();
        java.nio.file.Files.createDirectories(dataDir);
        if (ingestCheck) {
            IngestCheckRun.Options o = new IngestCheckRun.Options(seed, speed != null ? speed : 120, minutes,
                    dataDir.resolve("demo-ingest.db"));
            return new IngestCheckDemo(o, cli.out()).run().clean() ? 0 : 1;
        }
        TradingDemoRun.Summary s = new TradingDemo(new TradingDemoRun.Options(seed, speed != null ? speed : 1200,
                trades, 7 * 24 * 60, maxSeconds, dataDir.resolve("demo.db"), false),
                Optional.of(port.settings(cli.config())), cli.out()).run();
        return s.closed().size() >= trades && s.scopesApart() ? 0 : 1;
    }
}
