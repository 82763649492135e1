package lotus.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lotus.ingest.IngestService;
import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.store.TraderLock;
import lotus.time.Clock;

/**
 * {@code lotus run} as a process: the {@link TradingLoop} under the database's trading lock ({@link TraderLock}) until
 * the JVM is told to stop (Ctrl-C) or the lock is lost. It holds the lock even in a dry run: whether it may trade is
 * decided after start-up, and one rule is simpler than two; a second process on the same database stops at once
 * naming the first.
 */
public final class TradingProcess {

    /** How often the trader lock is checked: a lost one stops the loop within this long. */
    private static final long LOCK_CHECK_MS = 10_000;

    /** What the process reports, for the command to print. */
    public interface Reporter {
        /** After the start-up ticks, before the loop waits for the clock. */
        void started(PmAssembly pm);

        /** Every tick's report, from the scheduler's threads. */
        void tick(TickReport report);

        /** A status line every {@code statusEvery}: time, ingest, ticks fired. */
        void status(String line);

        /** From the shutdown hook, before the loop closes. */
        void stopping();

        /** The lock's database session ended: the process stops rather than trade beside a second trader. */
        void lockLost(String lock);
    }

    private TradingProcess() {
    }

    /**
     * Runs until stopped, then closes the ticks, the ingest (flushing bars), the PM, the lock and the database in
     * that order.
     *
     * @param dryRun {@code --dry-run}
     * @return true when stopped as asked, false when the trader lock was lost
     */
    public static boolean runUntilStopped(LotusConfig config, Clock clock, boolean dryRun, Duration statusEvery,
            Reporter reporter) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        try (Database db = Database.open(config.db().url(), config.db().poolSize());
                TraderLock lock = TraderLock.acquire(db, clock)) {
            db.migrate();
            IngestService.Settings settings = IngestAssembly.settings(config);
            try (TradingLoop loop = TradingLoop.start(config, db, clock, dryRun, settings, reporter::tick)) {
                reporter.started(loop.pm());
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    reporter.stopping();
                    stopped.countDown();
                    try {
                        // The JVM halts when the hooks return: wait for the loop below to close everything in order.
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
                            reporter.lockLost(lock.what());
                            return false;
                        }
                    }
                    // Open orders settle, the account is compared and the dead man's switch pushed forward on the
                    // reconcile interval even when no tick is due for hours.
                    loop.maintain();
                    if (clock.nowMs() >= nextStatusMs) {
                        nextStatusMs = clock.nowMs() + statusEvery.toMillis();
                        reporter.status(clock.now() + " " + loop.ingest().statusLine() + " | ticks "
                                + loop.scheduler().statusLine());
                    }
                }
            }
        } finally {
            closed.countDown();
        }
        return true;
    }
}
