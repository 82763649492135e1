package lotus.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import lotus.ingest.FeedIngester;
import lotus.ingest.IngestService;
import lotus.store.Database;
import lotus.time.Clock;
import lotus.web.ApiServer;
import lotus.web.ApiSources;
import lotus.web.IngestHealth;
import lotus.web.Metrics;

/**
 * The operator's server as {@code lotus run}, {@code lotus demo} and {@code lotus serve} start it: on the process's
 * database and clock, with what the books size against and the risk limits from the configuration.
 */
public final class OperatorServer {

    /** Where the server listens, and the token it generated (printed once) when none is configured. */
    public record Serving(String url, Optional<String> generatedToken) {

        static Serving of(ApiServer server) {
            return new Serving(server.url(), server.generatedToken());
        }
    }

    private OperatorServer() {
    }

    /**
     * @param ingestLine the process's own ingest status line, where it ingests
     * @throws IllegalStateException {@code server.host} is not loopback and no {@code server.token} is set
     */
    public static ApiServer start(LotusConfig config, ApiServer.Settings settings, Database db, Clock clock,
            ApiSources.Mode mode, Optional<Supplier<String>> ingestLine) {
        return start(config, settings, db, clock, mode, ingestLine, metrics(config, db, clock));
    }

    /** {@link #start(LotusConfig, ApiServer.Settings, Database, Clock, ApiSources.Mode, Optional)} serving
     * {@code metrics}, which the server closes. */
    public static ApiServer start(LotusConfig config, ApiServer.Settings settings, Database db, Clock clock,
            ApiSources.Mode mode, Optional<Supplier<String>> ingestLine, Metrics metrics) {
        return start(config, settings, db, clock, mode, ingestLine, Optional.empty(), metrics);
    }

    /** The same, with the running ingest's per-stream counters in {@code /api/ingest}. */
    public static ApiServer start(LotusConfig config, ApiServer.Settings settings, Database db, Clock clock,
            ApiSources.Mode mode, Optional<Supplier<String>> ingestLine, Optional<IngestService> ingest,
            Metrics metrics) {
        return ApiServer.start(settings, new ApiSources(db, clock, mode, config.pm().walletUsd(),
                config.risk().limits(), ingestLine, ingest.map(OperatorServer::health)), metrics);
    }

    /** What {@code /api/ingest} shows of a running ingest, read at each request. */
    static Supplier<IngestHealth> health(IngestService ingest) {
        return () -> new IngestHealth(ingest.statusLine(), List.of(stream(ingest.majorsStatus()),
                stream(ingest.tradingStatus())), ingest.writer().lastLagMs(), ingest.restWeight().usedLastMinute(),
                ingest.restWeight().perMinute());
    }

    private static IngestHealth.Stream stream(FeedIngester.Status s) {
        return new IngestHealth.Stream(s.name(), s.connected(), s.liveSubscriptions(), s.tradesIn(), s.droppedTrades(),
                s.rejectedTrades(), s.malformedFrames(), s.reconnects(), s.holes(), s.repairs());
    }

    /** The JVM's meters and the books' gauges on {@code db}; the process binds its own to the registry. */
    public static Metrics metrics(LotusConfig config, Database db, Clock clock) {
        return Metrics.start(db, clock, config.pm().walletUsd());
    }

    /**
     * {@code lotus serve}: the server on the configured database (migrated first, as every command that reads it),
     * trading nothing, until the JVM is told to stop or {@code limit} has passed.
     *
     * @param limit null: until stopped
     */
    public static void serveUntilStopped(LotusConfig config, ApiServer.Settings settings, Duration limit,
            Consumer<Serving> started) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Database db = Database.open(config.db().url(), config.db().poolSize())) {
            db.migrate();
            try (ApiServer server = start(config, settings, db, Clock.system(), ApiSources.Mode.SERVE,
                    Optional.empty())) {
                started.accept(Serving.of(server));
                if (limit == null) {
                    stop.await();
                } else {
                    stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } finally {
            closed.countDown();
            if (stop.getCount() > 0) {
                // Stopped by the limit: the hook is not running and would only wait at exit.
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }
}
