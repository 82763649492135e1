package lotus.ingest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import lotus.hyperliquid.common.HlCandle;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.store.PriceTable;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches candles over REST and hands them to the writer: backfill when a token joins, and gap repair once the bars a
 * hole spans have closed. One worker thread, so REST use is serial and stays inside the shared weight budget.
 */
final class CandleJobs implements Service {

    private static final Logger log = LoggerFactory.getLogger(CandleJobs.class);

    /** Fetch candles of {@code apiCoin} with open time in [fromOpenMs, toOpenMs] once the clock reaches dueMs. */
    record Job(String apiCoin, String tokenContract, Timeframe tf, long fromOpenMs, long toOpenMs, long dueMs,
            boolean backfill) {
    }

    private final HlInfoClient info;
    private final BarWriter writer;
    private final PriceTable table;
    private final String chain;
    private final Clock clock;
    private final String name;
    private final List<Job> jobs = new ArrayList<>();
    private final ArrayDeque<Job> ready = new ArrayDeque<>();
    private final ClockScheduler threads;
    private volatile boolean closing;
    private final AtomicLong backfilled = new AtomicLong();
    private final AtomicLong repairedBars = new AtomicLong();
    private final AtomicLong repairs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    CandleJobs(String name, HlInfoClient info, BarWriter writer, PriceTable table, String chain, Clock clock) {
        this.name = name;
        this.info = info;
        this.writer = writer;
        this.table = table;
        this.chain = chain;
        this.clock = clock;
        this.threads = new ClockScheduler(clock, Duration.ofSeconds(5));
    }

    @Override
    public void start() {
        threads.loop("candles-" + name, this::run);
    }

    /**
     * Queues a job. A repair overlapping or touching a waiting repair of the same coin and timeframe is merged into
     * it (one request instead of one per late trade), due when the later of the two would have been.
     */
    synchronized void add(Job job) {
        if (!job.backfill()) {
            long step = job.tf().durationMs();
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                if (!j.backfill() && j.apiCoin().equals(job.apiCoin()) && j.tf() == job.tf()
                        && job.fromOpenMs() <= j.toOpenMs() + step && job.toOpenMs() >= j.fromOpenMs() - step) {
                    jobs.set(i, new Job(j.apiCoin(), j.tokenContract(), j.tf(), Math.min(j.fromOpenMs(), job.fromOpenMs()),
                            Math.max(j.toOpenMs(), job.toOpenMs()), Math.max(j.dueMs(), job.dueMs()), false));
                    return;
                }
            }
        }
        jobs.add(job);
        notifyAll();
    }

    /** Jobs waiting (due or not) or running. */
    synchronized int pending() {
        return jobs.size() + ready.size() + (running ? 1 : 0);
    }

    /** Jobs due by now and not yet finished; jobs for bars that have not closed yet do not count. */
    synchronized int due() {
        long now = clock.nowMs();
        return (int) jobs.stream().filter(j -> j.dueMs() <= now).count() + ready.size() + (running ? 1 : 0);
    }

    long backfilledBars() {
        return backfilled.get();
    }

    long repairedBars() {
        return repairedBars.get();
    }

    long repairs() {
        return repairs.get();
    }

    long failures() {
        return failures.get();
    }

    private boolean running;

    private void run() {
        while (!closing) {
            Job job;
            synchronized (this) {
                long now = clock.nowMs();
                jobs.removeIf(j -> {
                    if (j.dueMs() <= now) {
                        ready.add(j);
                        return true;
                    }
                    return false;
                });
                job = ready.poll();
                running = job != null;
                if (job == null) {
                    try {
                        wait(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            try {
                execute(job);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                log.warn("{}: {} of {} {} failed, retrying later: {}", name, job.backfill() ? "backfill" : "repair",
                        job.apiCoin(), job.tf(), e.getMessage());
                if (!closing) {
                    add(new Job(job.apiCoin(), job.tokenContract(), job.tf(), job.fromOpenMs(), job.toOpenMs(),
                            clock.nowMs() + 5_000, job.backfill()));
                }
            } finally {
                synchronized (this) {
                    running = false;
                }
            }
        }
    }

    private void execute(Job job) {
        List<HlCandle> candles = info.candles(job.apiCoin(), job.tf(), job.fromOpenMs(), job.toOpenMs());
        for (HlCandle c : candles) {
            writer.submit(table, c.toBar(job.tokenContract(), chain));
        }
        if (job.backfill()) {
            backfilled.addAndGet(candles.size());
        } else {
            repairs.incrementAndGet();
            repairedBars.addAndGet(candles.size());
        }
    }

    @Override
    public void close() {
        closing = true;
        threads.close();
    }
}
