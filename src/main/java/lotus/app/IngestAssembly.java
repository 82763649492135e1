package lotus.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;
import lotus.store.Database;
import lotus.time.Clock;

/** The ingest as the configuration asks for it: what {@code lotus ingest} and {@code lotus run} start. */
public final class IngestAssembly {

    /** What {@link #runUntilStopped} reports, for the command to print. */
    public interface Reporter {
        /** A status line every {@code statusEvery}: time, then the ingest's counters. */
        void status(String line);

        /** From the shutdown hook, before the ingest closes. */
        void stopping();

        /** From the shutdown hook, once the ingest has flushed its bars. */
        void stopped(long barsWritten);
    }

    private IngestAssembly() {
    }

    /** Both ingesters on the configured network, with its majors and late-trade grace. */
    public static IngestService.Settings settings(LotusConfig config) {
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        return IngestService.Settings.defaults(hl.endpoints(), hl.symbols())
                .withIngest(IngestConfig.defaults().withLateGrace(config.rollup().lateGrace()));
    }

    /** {@code lotus ingest}: both ingesters into the configured database until the JVM is told to stop (Ctrl-C). */
    public static void runUntilStopped(LotusConfig config, Clock clock, Duration statusEvery, Reporter reporter)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database db = Database.open(config.db().url(), config.db().poolSize())) {
            db.migrate();
            IngestService service = IngestService.start(db, clock, settings(config));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                reporter.stopping();
                service.close();
                reporter.stopped(service.writer().barsWritten());
                stopped.countDown();
            }, "ingest-shutdown"));
            while (!stopped.await(statusEvery.toSeconds(), TimeUnit.SECONDS)) {
                reporter.status(clock.now() + " " + service.statusLine());
            }
        }
    }
}
