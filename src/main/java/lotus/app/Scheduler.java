package lotus.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a tick for each timeframe at every bar close plus a settle delay (so trades that arrive just late still land
 * in the bar), on the injected {@link Clock}, so a simulated clock drives it in tests and the demo. Each timeframe
 * has one thread: its ticks never overlap. A tick that runs past the next fire time is reported as an overrun and the
 * fires it missed are skipped, not queued, since a late tick for an old bar would trade on stale data.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** Runs one tick for the bar of {@code timeframe} that closed at {@code barCloseMs}. */
    @FunctionalInterface
    public interface TickRunner {
        void run(Timeframe timeframe, long barCloseMs) throws Exception;
    }

    /** Counters per timeframe, for the status line. */
    public record Stats(long fired, long overruns, long skipped, long failed) {
    }

    private final Clock clock;
    private final long settleMs;
    private final TickRunner runner;
    private final Map<Timeframe, Counters> counters = new EnumMap<>(Timeframe.class);
    private final List<Thread> threads = new ArrayList<>();
    /** Threads inside a tick: close() lets them finish instead of interrupting a fill half-way. */
    private final java.util.Set<Thread> ticking = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    private static final class Counters {
        final AtomicLong fired = new AtomicLong();
        final AtomicLong overruns = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
    }

    public Scheduler(Clock clock, Duration settle, TickRunner runner) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative: " + settle);
        }
        this.clock = clock;
        this.settleMs = settle.toMillis();
        this.runner = runner;
    }

    /** The first fire time strictly after {@code afterMs}: a bar close of {@code tf} plus the settle delay. */
    public static long nextFireMs(Timeframe tf, long afterMs, long settleMs) {
        return tf.floor(afterMs - settleMs) + tf.durationMs() + settleMs;
    }

    public synchronized void start(Set<Timeframe> timeframes) {
        if (running) {
            throw new IllegalStateException("scheduler already started");
        }
        running = true;
        for (Timeframe tf : timeframes) {
            counters.put(tf, new Counters());
            long first = nextFireMs(tf, clock.nowMs(), settleMs);
            Thread t = Thread.ofPlatform().daemon().name("tick-" + tf.label()).start(() -> loop(tf, first));
            threads.add(t);
        }
    }

    private void loop(Timeframe tf, long firstFireMs) {
        Counters c = counters.get(tf);
        long fire = firstFireMs;
        while (running) {
            try {
                clock.sleepUntil(fire);
            } catch (InterruptedException e) {
                return;
            }
            // Checked and registered under close()'s lock: a tick that begins is never interrupted half-way by a
            // close() that read "not ticking" just before it registered.
            synchronized (this) {
                if (!running) {
                    return;
                }
                ticking.add(Thread.currentThread());
            }
            long barCloseMs = fire - settleMs;
            long started = clock.nowMs();
            c.fired.incrementAndGet();
            try {
                runner.run(tf, barCloseMs);
            } catch (InterruptedException e) {
                return;
            } catch (Exception | AssertionError e) {
                c.failed.incrementAndGet();
                log.error("tick tf={} bar_close={} failed; the next tick runs as scheduled", tf, barCloseMs, e);
            } finally {
                ticking.remove(Thread.currentThread());
            }
            long ended = clock.nowMs();
            long next = fire + tf.durationMs();
            if (ended >= next) {
                long resume = nextFireMs(tf, ended, settleMs);
                long missed = (resume - next) / tf.durationMs();
                c.overruns.incrementAndGet();
                c.skipped.addAndGet(missed);
                log.warn("tick tf={} bar_close={} overran: took {} ms of a {} ms bar; skipped {} tick(s)", tf,
                        barCloseMs, ended - started, tf.durationMs(), missed);
                next = resume;
            }
            fire = next;
        }
    }

    public Stats stats(Timeframe tf) {
        Counters c = counters.get(tf);
        return c == null ? new Stats(0, 0, 0, 0)
                : new Stats(c.fired.get(), c.overruns.get(), c.skipped.get(), c.failed.get());
    }

    /** Ticks fired per timeframe, with the overruns and failures where there were any: {@code 1m 5 5m 1 ...}. */
    public String statusLine() {
        StringBuilder sb = new StringBuilder();
        for (Timeframe tf : Timeframe.values()) {
            Stats s = stats(tf);
            sb.append(sb.isEmpty() ? "" : " ").append(tf.label()).append(' ').append(s.fired());
            if (s.overruns() > 0 || s.failed() > 0) {
                sb.append(" (overran ").append(s.overruns()).append(", failed ").append(s.failed()).append(')');
            }
        }
        return sb.toString();
    }

    public Set<Timeframe> timeframes() {
        return Set.copyOf(counters.keySet());
    }

    /** Stops firing: a waiting timeframe stops at once, a running tick is let finish (up to a minute). */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
            for (Thread t : threads) {
                if (!ticking.contains(t)) {
                    t.interrupt();
                }
            }
        }
        // Joined outside the lock: a tick finishing must be able to pass the check above to see it stopped.
        for (Thread t : threads) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
