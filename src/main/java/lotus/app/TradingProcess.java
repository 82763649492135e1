package lotus.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lotus.ingest.IngestService;
import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.store.TraderLock;
import lotus.time.Clock;
import lotus.web.ApiServer;
import lotus.web.ApiSources;
import lotus.web.Metrics;

/**
 * {@code lotus run} as a process: the {@link TradingLoop} under the database's trading lock ({@link TraderLock}) until
 * the JVM is told to stop (Ctrl-C) or the lock is lost. It holds the lock even in a dry run: whether it may trade is
 * decided after start-up, and one rule is simpler than two; a second process on the same database stops at once
 * naming the first.
 */
public final class TradingProcess {

    /** How often the trader lock is checked: a lost one stops the loop within this long. */
    private static final long LOCK_CHECK_MS = 10_000;

    /** What the process reports; the command prints each as it comes. */
    public sealed interface Event {
    }

    /** After the start-up ticks, before the loop waits for the clock. */
    public record Started(PmAssembly pm) implements Event {
    }

    /** The operator's server is up (after {@link Started}). */
    public record Serving(OperatorServer.Serving server) implements Event {
    }

    /** Every tick's report, from the scheduler's threads. */
    public record Tick(TickReport report) implements Event {
    }

    /** Every {@code statusEvery}: the time, the ingest's counters and the ticks fired. */
    public record Status(String line) implements Event {
    }

    /** From the shutdown hook, before the loop closes. */
    public record Stopping() implements Event {
    }

    /** The lock's database session ended: the process stops rather than trade beside a second trader. */
    public record LockLost(String lock) implements Event {
    }

    private TradingProcess() {
    }

    /**
     * Runs until stopped, then closes the ticks, the ingest (flushing bars), the PM, the lock and the database in
     * that order.
     *
     * @param dryRun {@code --dry-run}
     * @param server the operator's server, started after the loop and stopped before it
     * @return true when stopped as asked, false when the trader lock was lost
     * @throws IllegalStateException the server may not start ({@code server.host} not loopback, no token)
     */
    public static boolean runUntilStopped(LotusConfig config, Clock clock, boolean dryRun, Duration statusEvery,
            ApiServer.Settings server, Consumer<Event> events) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        try (Database db = Database.open(config.db().url(), config.db().poolSize());
                TraderLock lock = TraderLock.acquire(db, clock)) {
            db.migrate();
            IngestService.Settings settings = IngestAssembly.settings(config);
            Collectors collectors = Collectors.of(config, db, clock);
            try (AlertTarget alerts = AlertTarget.open(config.alerts(), clock);
                    Metrics metrics = OperatorServer.metrics(config, db, clock)) {
                try (TradingLoop loop = TradingLoop.start(config, db, clock, dryRun, settings,
                        r -> events.accept(new Tick(r)), alerts.hooks(config.alerts(), metrics.registry()));
                        ApiServer api = OperatorServer.start(config, server, db, clock,
                                loop.pm().live() ? ApiSources.Mode.LIVE : ApiSources.Mode.DRY_RUN,
                                Optional.of(() -> collectors.statusLine(loop.ingest())), Optional.of(loop.ingest()),
                                metrics)) {
                    collectors.budgets().forEach(b -> ProcessMeters.bindBudget(metrics.registry(), b));
                    collectors.start();
                    events.accept(new Started(loop.pm()));
                    events.accept(new Serving(OperatorServer.Serving.of(api)));
                    CountDownLatch stopped = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        events.accept(new Stopping());
                        stopped.countDown();
                        try {
                            // The JVM halts when the hooks return: wait for the loop below to close everything in
                            // order.
                            closed.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "run-shutdown"));
                    long nextStatusMs = clock.nowMs() + statusEvery.toMillis();
                    long nextLockCheckMs = clock.nowMs() + LOCK_CHECK_MS;
                    while (!stopped.await(1, TimeUnit.SECONDS)) {
                        if (clock.nowMs() >= nextLockCheckMs) {
                            nextLockCheckMs = clock.nowMs() + LOCK_CHECK_MS;
                            if (!lock.held()) {
                                events.accept(new LockLost(lock.what()));
                                return false;
                            }
                        }
                        // Open orders settle, the account is compared and the dead man's switch pushed forward on the
                        // reconcile interval even when no tick is due for hours.
                        loop.maintain();
                        if (clock.nowMs() >= nextStatusMs) {
                            nextStatusMs = clock.nowMs() + statusEvery.toMillis();
                            events.accept(new Status(clock.now() + " "
                                    + collectors.statusLine(loop.ingest()) + " | ticks "
                                    + loop.scheduler().statusLine()));
                        }
                    }
                }
            } finally {
                collectors.close();
            }
        } finally {
            closed.countDown();
        }
        return true;
    }
}
