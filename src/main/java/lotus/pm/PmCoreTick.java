package lotus.pm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PM Core Tick (seed §5, option C): for one timeframe, reads its positions and routes each by
 * {@code (token_chain, book_id)} to the module of its venue and book. A position with no module is logged and
 * counted, never fatal; a position or module that throws is reported and the others go on. The regime's A/E is
 * computed once per tick: shared by every position, with its market-cap bucket's driver for a token in one.
 *
 * <p>A tick reads its positions (with their tokens' other timeframes) in one query and each module's new bars in one
 * more, and writes the rows that carry no order in batches, in id order, while its workers go on ({@link TickWrites});
 * a write that journals an order goes at once, before the order leaves.
 */
public final class PmCoreTick implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PmCoreTick.class);

    private final PositionLedger ledger;
    private final Map<Venue, PmModule> modules = new LinkedHashMap<>();
    private final RegimeFeed regime;
    private final ExecutorService workers;
    /** Records the tick's writes in batches while its workers go on (null when there are no workers). */
    private final ExecutorService writer;
    private final AtomicLong unroutedTotal = new AtomicLong();
    private final AtomicLong failedTotal = new AtomicLong();
    /** The A/E of the last regime seen: ticks of different timeframes may run at once, so one immutable holder. */
    private volatile LastAe lastAe;

    private record LastAe(Regime regime, Timeframe timeframe, RegimeAe ae) {
    }

    /**
     * @param ledger      where the tick reads the positions due (each module records its own through its ledger)
     * @param parallelism positions processed at once (executors wait on the venue; the engine is CPU); 0 processes
     *                    them one by one on the caller's thread, for a backtest, whose ticks are microseconds long
     *                    and would spend more handing positions to a worker than processing them
     */
    public PmCoreTick(PositionLedger ledger, List<PmModule> modules, RegimeFeed regime, int parallelism) {
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must not be negative, got " + parallelism);
        }
        this.ledger = ledger;
        for (PmModule m : modules) {
            if (this.modules.put(m.venue(), m) != null) {
                throw new IllegalArgumentException("two modules for " + m.venue());
            }
        }
        this.regime = regime;
        this.workers = parallelism == 0 ? null : Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "pm-worker");
            t.setDaemon(true);
            return t;
        });
        this.writer = parallelism == 0 ? null : Executors.newFixedThreadPool(ledger.writers(), r -> {
            Thread t = new Thread(r, "pm-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** One tick for the bar of {@code tf} that closed at {@code barCloseMs}, run at {@code nowMs}. */
    public TickReport run(Timeframe tf, long barCloseMs, long nowMs) {
        long start = System.nanoTime();
        PhaseTimes times = new PhaseTimes();
        long r0 = System.nanoTime();
        // The tick's positions and their tokens' other timeframes (the allocation they share), in one read.
        List<Position> read = ledger.withTokenSiblings(tf);
        Map<PositionLedger.TokenKey, List<Position>> tokens = new HashMap<>();
        List<Position> due = new ArrayList<>();
        for (Position p : read) {
            tokens.computeIfAbsent(PositionLedger.TokenKey.of(p), k -> new ArrayList<>()).add(p);
            if (p.timeframe() == tf
                    && (p.status() == PositionStatus.WATCHLIST || p.status() == PositionStatus.ACTIVE)) {
                due.add(p);
            }
        }
        times.read.add(System.nanoTime() - r0);
        RegimeAe ae = regimeAe(tf, barCloseMs);
        TickContext tick = new TickContext(tf, barCloseMs, nowMs, ae, tokens);

        Map<String, Integer> routed = new LinkedHashMap<>();
        List<PositionReport> reports = new ArrayList<>();
        Map<PmModule, List<Position>> byModule = new LinkedHashMap<>();
        for (Position p : due) {
            PmModule module = modules.get(Venue.of(p));
            if (module == null) {
                unroutedTotal.incrementAndGet();
                log.warn("no PM module for {} ({}); skipped. Modules: {}", Venue.of(p), p.label(),
                        modules.keySet());
                reports.add(PositionReport.skipped(p, null, PositionReport.Outcome.NO_MODULE,
                        "no module for " + Venue.of(p)));
                continue;
            }
            routed.merge(module.name(), 1, Integer::sum);
            byModule.computeIfAbsent(module, m -> new ArrayList<>()).add(p);
        }
        prefetch(byModule, tick, times);
        List<Position> routedDue = due.stream().filter(p -> modules.containsKey(Venue.of(p))).toList();
        TickWrites writes = new TickWrites(ledger, writer, routedDue, times);
        List<Future<PositionReport>> pending = new ArrayList<>();
        for (Position p : routedDue) {
            PmModule module = modules.get(Venue.of(p));
            if (workers == null) {
                reports.add(processIsolated(module, p, tick, times, writes));
            } else {
                pending.add(workers.submit(() -> {
                    try {
                        return processIsolated(module, p, tick, times, writes);
                    } finally {
                        writes.done(p.id());
                    }
                }));
            }
        }
        for (Future<PositionReport> f : pending) {
            reports.add(await(f));
        }
        long f0 = System.nanoTime();
        Map<Long, PositionLedger.Recorded> recorded = writes.flush();
        times.writeWait.add(System.nanoTime() - f0);
        reports.replaceAll(r -> afterWrite(r, recorded.get(r.before().id()), tick));
        int unrouted = 0;
        int failed = 0;
        int dormant = 0;
        int decisions = 0;
        for (PositionReport r : reports) {
            switch (r.outcome()) {
                case NO_MODULE -> unrouted++;
                case FAILED -> failed++;
                case DORMANT -> dormant++;
                default -> {
                }
            }
            if (r.decision() != null) {
                decisions++;
            }
        }
        return new TickReport(tf, barCloseMs, ae, reports, routed, unrouted, failed, dormant, decisions,
                times.timings(System.nanoTime() - start));
    }

    /**
     * Each module's bars in one read, the modules at once. A read that fails is logged; its positions then read
     * their own bars, and fail alone if that fails too.
     */
    private void prefetch(Map<PmModule, List<Position>> byModule, TickContext tick, PhaseTimes times) {
        List<Future<?>> reads = new ArrayList<>();
        for (Map.Entry<PmModule, List<Position>> e : byModule.entrySet()) {
            Runnable read = () -> {
                try {
                    e.getKey().prefetch(e.getValue(), tick, times);
                } catch (RuntimeException ex) {
                    log.error("bars of module {} could not be read at once at bar_close={}; each position reads its"
                            + " own", e.getKey().name(), tick.barCloseMs(), ledger.loggable(ex));
                }
            };
            if (workers == null) {
                read.run();
            } else {
                reads.add(workers.submit(read));
            }
        }
        reads.forEach(PmCoreTick::await);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tick interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a position task escaped its isolation", e.getCause());
        }
    }

    /** The report with the row as the tick's batch wrote it, or failed if its write was refused (a stale version). */
    private PositionReport afterWrite(PositionReport r, PositionLedger.Recorded recorded, TickContext tick) {
        if (recorded == null) {
            return r;
        }
        if (recorded.failure() == null) {
            return new PositionReport(r.before(), recorded.written(), r.module(), r.outcome(), r.engine(),
                    r.decision(), r.execution(), r.note(), r.reasons());
        }
        PmModule module = modules.get(Venue.of(r.before()));
        return failed(module, r.before(), tick, recorded.failure());
    }

    private PositionReport processIsolated(PmModule module, Position p, TickContext tick, PhaseTimes times,
            TickWrites writes) {
        try {
            return module.process(p, tick, times, writes);
        } catch (RuntimeException | AssertionError e) {
            return failed(module, p, tick, e);
        }
    }

    private PositionReport failed(PmModule module, Position p, TickContext tick, Throwable e) {
        failedTotal.incrementAndGet();
        module.forget(p.id());
        // The chain is logged masked: a database driver's message may hold the URL with its password.
        log.error("position {} failed in module {} at bar_close={}; other positions go on", p.label(),
                module.name(), tick.barCloseMs(), ledger.loggable(e));
        return PositionReport.skipped(p, module.name(), PositionReport.Outcome.FAILED,
                e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private RegimeAe regimeAe(Timeframe tf, long barCloseMs) {
        try {
            Regime r = regime.update(barCloseMs);
            LastAe seen = lastAe;
            if (seen != null && seen.regime() == r && seen.timeframe() == tf) {
                return seen.ae(); // the feed returns the same regime when no driver moved
            }
            RegimeAe ae = RegimeAe.compute(r, tf);
            lastAe = new LastAe(r, tf, ae);
            return ae;
        } catch (RuntimeException e) {
            log.error("regime update failed at bar_close={}; this tick uses neutral A/E 0.5/0.5", barCloseMs, e);
            return RegimeAe.neutral();
        }
    }

    public long unroutedTotal() {
        return unroutedTotal.get();
    }

    public long failedTotal() {
        return failedTotal.get();
    }

    @Override
    public void close() {
        if (workers == null) {
            return;
        }
        // Let positions in flight finish their execution and write: cutting them off could leave a fill unrecorded.
        // The writer stops only after the workers: a worker that finishes hands its batch to it.
        workers.shutdown();
        try {
            boolean workersDone = workers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
            writer.shutdown();
            if (!workersDone || !writer.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                log.error("PM workers still busy after 60 s; stopping them");
                stopNow(workers);
                stopNow(writer);
            }
        } catch (InterruptedException e) {
            stopNow(workers);
            stopNow(writer);
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops {@code pool} now and cancels what it had not started: a tick waiting on a batch that will never run then
     * fails that batch's positions instead of waiting for good.
     */
    static void stopNow(ExecutorService pool) {
        for (Runnable r : pool.shutdownNow()) {
            if (r instanceof Future<?> f) {
                f.cancel(false);
            }
        }
    }
}
