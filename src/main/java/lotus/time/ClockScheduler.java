package lotus.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one {@link Service}: named daemon threads (they never keep the JVM alive) whose timed waits are on
 * the injected {@link Clock}, so a simulated clock wakes them when it moves and the system clock with a plain timed
 * wait. Each task owns a real thread: a {@code ScheduledExecutorService} counts its delays in real time, which a
 * simulated clock does not follow.
 *
 * <p>{@link #close()} interrupts what waits, never a step that has begun (a tick half-way through a fill must finish),
 * then joins every thread for up to the grace given at construction. It is idempotent.
 */
public final class ClockScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClockScheduler.class);

    /** A loop of its own: runs until it returns or is interrupted by {@link #close()}. */
    @FunctionalInterface
    public interface Loop {
        void run() throws InterruptedException;
    }

    /** One step at clock time {@code atMs}; returns the clock time of the next, or {@link #STOP}. */
    @FunctionalInterface
    public interface Step {
        long run(long atMs) throws InterruptedException;
    }

    public static final long STOP = Long.MAX_VALUE;

    private final Clock clock;
    private final long graceMs;
    private final Object lock = new Object();
    /** Thread → whether close() may interrupt it now (false while a step runs). */
    private final Map<Thread, Boolean> threads = new HashMap<>();
    private boolean closed;

    public ClockScheduler(Clock clock, Duration closeGrace) {
        this.clock = clock;
        this.graceMs = closeGrace.toMillis();
    }

    public Clock clock() {
        return clock;
    }

    /** Runs {@code loop} on a thread named {@code name}; close() interrupts it. */
    public void loop(String name, Loop loop) {
        launch(name, () -> {
            try {
                loop.run();
            } catch (InterruptedException e) {
                // close() asked it to stop.
            }
        });
    }

    /** Runs {@code step} when the clock reads {@code firstAtMs}, then at each time it returns, until {@link #STOP}. */
    public void repeat(String name, long firstAtMs, Step step) {
        launch(name, () -> {
            long at = firstAtMs;
            try {
                while (at != STOP) {
                    clock.sleepUntil(at);
                    // The check and the mark are one step under close()'s lock: a step that begins is never
                    // interrupted by a close() that found it still waiting.
                    if (!stepping(true)) {
                        return;
                    }
                    boolean open;
                    try {
                        at = step.run(at);
                    } finally {
                        open = stepping(false);
                    }
                    if (!open) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // close() interrupted a wait, or the step gave up on an interrupt.
            }
        });
    }

    /** Marks the current thread as in a step or waiting; false once closed. */
    private boolean stepping(boolean inStep) {
        synchronized (lock) {
            threads.put(Thread.currentThread(), !inStep);
            return !closed;
        }
    }

    /**
     * Runs {@code task} now and then once per {@code periodMs} of clock time from the start of the last run; a run
     * that overran is followed at once, missed periods are not made up.
     */
    public void every(String name, long periodMs, Runnable task) {
        if (periodMs <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodMs);
        }
        repeat(name, clock.nowMs(), at -> {
            long started = clock.nowMs();
            task.run();
            return started + periodMs;
        });
    }

    /** Waits up to {@code timeout} of real time for every thread to end by itself; false if some still run. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : snapshot()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            threads.forEach((t, interruptible) -> {
                if (interruptible) {
                    t.interrupt();
                }
            });
        }
        // Joined outside the lock: a step that finishes must be able to take it to see the close.
        long deadline = System.nanoTime() + graceMs * 1_000_000;
        for (Thread t : snapshot()) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    log.warn("thread {} still running {} ms after close", t.getName(), graceMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void launch(String name, Runnable body) {
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                log.error("thread {} stopped by an unexpected failure", Thread.currentThread().getName(), e);
                throw e;
            }
        });
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("closed: cannot start " + name);
            }
            threads.put(t, true);
            t.start();
        }
    }

    private List<Thread> snapshot() {
        synchronized (lock) {
            return new ArrayList<>(threads.keySet());
        }
    }
}
