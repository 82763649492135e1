package lotus.app.demo;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import lotus.app.PmAssembly;
import lotus.ingest.IngestService;
import lotus.pm.TickReport;
import lotus.sim.BarCheck;
import lotus.sim.HlSimulator;
import lotus.store.Strands;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * The demo's scheduler on simulated time, in lockstep: the clock runs to a bar close plus the settle delay and stops;
 * once the simulator has sent everything up to it and the ingest has stored the closed bars, the PM ticks; then the
 * clock runs on to the next close. What the PM sees and the books it fills against are so the same in every run of
 * a seed.
 */
final class LockstepRunner {

    /** Real time after which a wait at a stopped clock counts as stuck. */
    private static final long STALL_NS = 60_000_000_000L;

    /** When to stop: enough trades closed (in every book, if asked), or a simulated or real time limit. */
    record Goal(int targetTrades, boolean everyBookTrimsAndCloses, long maxSimMinutes, long maxWallSeconds) {
    }

    /** What runs at each close, the clock stopped, beside the bar check and before the tick. */
    interface BeforeTick {
        void run(long closeMs) throws InterruptedException;
    }

    /**
     * @param beforeTick runs at each close before the tick (the Solana collector's cycle)
     * @param settleMs   the PM ticks this long after each close
     * @param speed      clock acceleration between ticks
     */
    record World(SimulatedClock clock, HlSimulator sim, IngestService ingest, PmAssembly pm, BarCheck check,
            BeforeTick beforeTick, Strands strands, Timeframe tf, long settleMs, double speed) {
    }

    private final World w;
    private final Consumer<DemoEvent> events;

    LockstepRunner(World world, Consumer<DemoEvent> events) {
        this.w = world;
        this.events = events;
    }

    /** Ticks from {@code firstTickMs} (whose check covers the history from {@code historyFromMs}) to the goal. */
    void run(long firstTickMs, long historyFromMs, Goal goal, long wallStartNs) throws Exception {
        long ticks = 0;
        long decisions = 0;
        long lateBars = 0;
        long runningNs = 0;
        long checkNs = 0;
        long tickNs = 0;
        long stepMs = w.tf().durationMs();
        ExecutorService ticker = daemon("demo-tick");
        ExecutorService helper = daemon("demo-before-tick");
        long close = firstTickMs;
        long nextStatus = 0;
        while (true) {
            long t0 = System.nanoTime();
            awaitStop();
            long t1 = System.nanoTime();
            // The Solana cycle touches nothing the bar check reads: it runs while the check waits for the ingest.
            long closeMs = close;
            Future<?> before = helper.submit(() -> {
                w.beforeTick().run(closeMs);
                return null;
            });
            String late = complete(close == firstTickMs ? historyFromMs : close - stepMs, close);
            if (late != null) {
                lateBars++;
                events.accept(new DemoEvent.LateBars(late));
            }
            awaitBeforeTick(before, close);
            long t2 = System.nanoTime();
            TickReport r = tick(ticker, close, w.clock().nowMs());
            runningNs += t1 - t0;
            checkNs += t2 - t1;
            tickNs += System.nanoTime() - t2;
            ticks++;
            decisions += r.decisions();
            int closed = w.strands().byKind("position_closed", 0, 10_000).size();
            long simMinutes = (close - firstTickMs) / 60_000;
            boolean done = closed >= goal.targetTrades()
                    && (!goal.everyBookTrimsAndCloses() || DemoBooks.everyBookTrimmedAndClosed(w.strands()));
            long wall = (System.nanoTime() - wallStartNs) / 1_000_000_000L;
            if (System.nanoTime() >= nextStatus || done) {
                events.accept(new DemoEvent.Status(Instant.ofEpochMilli(close), simMinutes, ticks, decisions, closed,
                        goal.targetTrades(), shortIngest()));
                nextStatus = System.nanoTime() + 5_000_000_000L;
            }
            if (done || simMinutes >= goal.maxSimMinutes()) {
                break;
            }
            if (wall >= goal.maxWallSeconds()) {
                events.accept(new DemoEvent.WallLimit(goal.maxWallSeconds()));
                break;
            }
            close += stepMs;
            w.clock().setSpeed(w.speed());
            w.clock().runUntil(close + w.settleMs());
        }
        events.accept(new DemoEvent.Finished(runningNs, checkNs, tickNs, lateBars));
        w.pm().learning().catchUp();
        ticker.shutdown();
        helper.shutdown();
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static void awaitBeforeTick(Future<?> before, long close) throws Exception {
        try {
            before.get(STALL_NS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            before.cancel(true);
            throw new IllegalStateException("the work before the tick at " + Instant.ofEpochMilli(close)
                    + " did not finish in 60 s with the clock stopped");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Waits until the clock stands at its stop and the simulator has printed and sent everything up to it. */
    private void awaitStop() throws InterruptedException {
        long deadline = System.nanoTime() + STALL_NS;
        while (!w.clock().stopped() || w.sim().steppedToMs() < w.clock().nowMs()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the simulator has not stepped to " + w.clock().now() + " after 60 s "
                        + "(stepped to " + Instant.ofEpochMilli(w.sim().steppedToMs()) + ")");
            }
            Thread.sleep(1);
        }
    }

    /**
     * Flushes the ingest until every bar opening in {@code [fromMs, closeMs)}, and the regime's bars, are stored as
     * the simulator printed them; null when they are, else (after 10 s) what is still missing or different.
     */
    private String complete(long fromMs, long closeMs) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String miss = w.ingest().flushNow(5_000) ? w.check().firstMismatch(fromMs, closeMs)
                    : "the ingest did not flush within 5 s";
            if (miss == null || System.nanoTime() > deadline) {
                return miss;
            }
            Thread.sleep(5);
        }
    }

    /** One tick, on a thread of its own so that a tick stuck on a stopped clock fails the run instead of hanging it. */
    private TickReport tick(ExecutorService ticker, long close, long nowMs) throws Exception {
        Future<TickReport> f = ticker.submit(() -> w.pm().runTick(w.tf(), close, nowMs));
        try {
            return f.get(STALL_NS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IllegalStateException("the tick at " + Instant.ofEpochMilli(close) + " did not finish"
                    + " in 60 s with the clock stopped (a client waiting for simulated time?)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private String shortIngest() {
        String s = w.ingest().statusLine();
        int cut = s.indexOf(" | lag");
        return cut > 0 ? s.substring(0, cut) : s;
    }
}
