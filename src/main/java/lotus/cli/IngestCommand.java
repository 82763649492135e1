package lotus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import lotus.app.IngestAssembly;
import lotus.app.LotusConfig;
import lotus.store.JdbcUrls;
import lotus.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run both Hyperliquid ingesters (majors and trading tokens) into the configured database.")
final class IngestCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Option(names = "--status-every", defaultValue = "10", paramLabel = "SECONDS",
            description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
    int statusEverySeconds;

    @Override
    public Integer call() throws Exception {
        LotusConfig config = cli.config();
        PrintWriter out = cli.out();
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        out.printf("ingest: network %s, REST %s, WebSocket %s, majors %s, database %s%n", hl.network().label(),
                hl.endpoints().restUrl(), hl.endpoints().wsUrl(), String.join(",", hl.symbols()),
                JdbcUrls.redact(config.db().url()));
        out.flush();
        IngestAssembly.runUntilStopped(config, Clock.system(), Duration.ofSeconds(statusEverySeconds), event -> {
            out.println(switch (event) {
                case IngestAssembly.Status s -> s.line();
                case IngestAssembly.Stopping s -> "ingest: stopping, flushing bars ...";
                case IngestAssembly.Stopped s -> "ingest: stopped; " + s.barsWritten() + " bars written";
            });
            out.flush();
        });
        return 0;
    }
}
