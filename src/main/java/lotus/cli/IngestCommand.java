package lotus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lotus.app.IngestAssembly;
import lotus.app.LotusConfig;
import lotus.ingest.IngestService;
import lotus.store.Database;
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
        Clock clock = Clock.system();
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        out.printf("ingest: network %s, REST %s, WebSocket %s, majors %s, database %s%n", hl.network().label(),
                hl.endpoints().restUrl(), hl.endpoints().wsUrl(), String.join(",", hl.symbols()),
                lotus.store.JdbcUrls.redact(config.db().url()));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database db = cli.database(config)) {
            db.migrate();
            IngestService.Settings settings = IngestAssembly.settings(config);
            IngestService service = IngestService.start(db, clock, settings);
            Thread hook = new Thread(() -> {
                out.println("ingest: stopping, flushing bars ...");
                out.flush();
                service.close();
                out.println("ingest: stopped; " + service.writer().barsWritten() + " bars written");
                out.flush();
                stopped.countDown();
            }, "ingest-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            while (stopped.getCount() > 0) {
                if (stopped.await(statusEverySeconds, java.util.concurrent.TimeUnit.SECONDS)) {
                    break;
                }
                out.println(clock.now() + " " + service.statusLine());
                out.flush();
            }
        }
        return 0;
    }
}
