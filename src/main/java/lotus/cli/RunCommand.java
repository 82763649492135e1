package lotus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lotus.app.IngestAssembly;
import lotus.app.LotusConfig;
import lotus.app.Scheduler;
import lotus.app.TradingLoop;
import lotus.ingest.IngestService;
import lotus.store.Database;
import lotus.store.JdbcUrls;
import lotus.store.TraderLock;
import lotus.time.Clock;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lotus run}. It holds the database's trading lock ({@link TraderLock}) for its whole life, even in a dry run:
 * whether it may trade is decided after start-up, and one rule is simpler than two; a second {@code run} on the same
 * database stops at once naming the first.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The trading loop: both ingesters, and a PM Core Tick at every bar close of every timeframe "
                + "(plus pm.settle_ms), until Ctrl-C. Dry run unless execution.live is true (which needs a key).")
final class RunCommand implements Callable<Integer> {

    /** How often the trader lock is checked: a lost one stops the loop within this long. */
    private static final long LOCK_CHECK_MS = 10_000;

    @Mixin
    CommandContext cli;

    @Option(names = "--dry-run", description = "Never send an order, whatever execution.live says.")
    boolean dryRun;

    @Option(names = "--status-every", defaultValue = "60", paramLabel = "SECONDS",
            description = "Seconds between status lines (default ${DEFAULT-VALUE}).")
    int statusEverySeconds;

    @Override
    public Integer call() throws Exception {
        LotusConfig config = cli.config();
        PrintWriter out = cli.out();
        Clock clock = Clock.system();
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        CountDownLatch closed = new CountDownLatch(1);
        try (Database db = cli.database(config);
                TraderLock lock = TraderLock.acquire(db, clock)) {
            db.migrate();
            IngestService.Settings settings = IngestAssembly.settings(config);
            try (TradingLoop loop = TradingLoop.start(config, db, clock, dryRun, settings, r -> {
                if (!r.positions().isEmpty()) {
                    synchronized (out) {
                        out.print(TickPrinter.render(r, false));
                        out.flush();
                    }
                }
            })) {
                loop.pm().liveBanner().ifPresent(out::println);
                out.printf("run: %s on Hyperliquid %s (REST %s), database %s; ticks at every bar close + %d ms%n",
                        loop.pm().live() ? "LIVE TRADING" : "dry run", hl.network().label(), hl.endpoints().restUrl(),
                        JdbcUrls.redact(config.db().url()), config.pm().settle().toMillis());
                out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    out.println("run: stopping: ticks, then ingest (flushing bars) ...");
                    out.flush();
                    stopped.countDown();
                    try {
                        // The JVM halts when the hooks return: wait for the loop below to close everything in order.
                        closed.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "run-shutdown"));
                long nextStatusMs = clock.nowMs() + statusEverySeconds * 1000L;
                long nextLockCheckMs = clock.nowMs() + LOCK_CHECK_MS;
                while (!stopped.await(1, TimeUnit.SECONDS)) {
                    if (clock.nowMs() >= nextLockCheckMs) {
                        nextLockCheckMs = clock.nowMs() + LOCK_CHECK_MS;
                        if (!lock.held()) {
                            out.println("run: lost the trader lock on " + lock.what() + " (its database session"
                                    + " ended); stopping, so that no second trader trades beside this one");
                            out.flush();
                            return 1;
                        }
                    }
                    // Open orders settle, the account is compared and the dead man's switch pushed forward on the
                    // reconcile interval even when no tick is due for hours.
                    loop.maintain();
                    if (clock.nowMs() >= nextStatusMs) {
                        nextStatusMs = clock.nowMs() + statusEverySeconds * 1000L;
                        synchronized (out) {
                            out.println(clock.now() + " " + loop.ingest().statusLine() + " | ticks "
                                    + ticks(loop.scheduler()));
                            out.flush();
                        }
                    }
                }
            }
        } finally {
            closed.countDown();
        }
        out.println("run: stopped");
        out.flush();
        return 0;
    }

    private static String ticks(Scheduler scheduler) {
        StringBuilder sb = new StringBuilder();
        for (Timeframe tf : Timeframe.values()) {
            Scheduler.Stats s = scheduler.stats(tf);
            sb.append(sb.isEmpty() ? "" : " ").append(tf.label()).append(' ').append(s.fired());
            if (s.overruns() > 0 || s.failed() > 0) {
                sb.append(" (overran ").append(s.overruns()).append(", failed ").append(s.failed()).append(')');
            }
        }
        return sb.toString();
    }
}
