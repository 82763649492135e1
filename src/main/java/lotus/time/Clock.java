package lotus.time;

import java.time.Instant;

/**
 * The only source of "now" in Lotus. Live code gets {@link #system()}; tests, backtests, replays and the
 * accelerated demo pass a {@link SimulatedClock}, so the same code runs at any speed.
 */
public interface Clock {

    /** Milliseconds since the epoch, UTC. */
    long nowMs();

    default Instant now() {
        return Instant.ofEpochMilli(nowMs());
    }

    /**
     * Waits until this clock reads {@code epochMs} or later. The system clock waits that long and the simulated one
     * until it has moved there; any other clock (a test's lambda) is polled every few real milliseconds, since
     * nothing tells when it moves.
     */
    default void sleepUntil(long epochMs) throws InterruptedException {
        while (nowMs() < epochMs) {
            Thread.sleep(5);
        }
    }

    /** The machine's clock: the one place in Lotus allowed to read it. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** A clock that never moves. */
    static Clock fixed(long epochMs) {
        return () -> epochMs;
    }
}
