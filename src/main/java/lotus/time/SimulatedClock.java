package lotus.time;

import java.util.function.LongSupplier;

/**
 * Simulated time: starts at a given instant and moves either when told ({@link #advanceMs}, {@link #setMs}) or,
 * when accelerated, at {@code speed} times real elapsed time, optionally only up to a stop ({@link #runUntil}).
 * Thread-safe; time never moves backwards. A thread in {@link #sleepUntil} is woken whenever time is moved by hand
 * or the speed or stop changes, and otherwise waits as long as the target is away at the current speed.
 */
public final class SimulatedClock implements Clock {

    private final Object lock = new Object();
    private final LongSupplier realNanos;
    private long baseMs;
    private long baseNanos;
    private double speed;
    /** Accelerated time stands still here until told otherwise; {@link Long#MAX_VALUE} when it runs freely. */
    private long stopMs = Long.MAX_VALUE;

    private SimulatedClock(long startMs, double speed, LongSupplier realNanos) {
        this.realNanos = realNanos;
        this.baseMs = startMs;
        this.baseNanos = realNanos.getAsLong();
        this.speed = checkSpeed(speed);
    }

    /** A clock that moves only when the caller advances it. */
    public static SimulatedClock manual(long startMs) {
        return new SimulatedClock(startMs, 0, System::nanoTime);
    }

    /** A clock that runs {@code speed} times faster than real time (1 = real time). */
    public static SimulatedClock accelerated(long startMs, double speed) {
        return new SimulatedClock(startMs, speed, System::nanoTime);
    }

    /** For tests of the clock itself: real time comes from {@code realNanos}. */
    static SimulatedClock accelerated(long startMs, double speed, LongSupplier realNanos) {
        return new SimulatedClock(startMs, speed, realNanos);
    }

    @Override
    public long nowMs() {
        synchronized (lock) {
            return currentMs(realNanos.getAsLong());
        }
    }

    @Override
    public void sleepUntil(long epochMs) throws InterruptedException {
        synchronized (lock) {
            for (long now = currentMs(realNanos.getAsLong()); now < epochMs; now = currentMs(realNanos.getAsLong())) {
                if (speed == 0 || now == stopMs) {
                    lock.wait(); // only a call that moves the clock can bring the target nearer
                } else {
                    long realNanosLeft = (long) Math.ceil((Math.min(epochMs, stopMs) - now) * 1_000_000.0 / speed);
                    lock.wait(realNanosLeft / 1_000_000, (int) (realNanosLeft % 1_000_000));
                }
            }
        }
    }

    /** Moves time forward; a negative step is a programming error. Clears a stop set by {@link #runUntil}. */
    public void advanceMs(long deltaMs) {
        if (deltaMs < 0) {
            throw new IllegalArgumentException("time cannot move backwards: advanceMs(" + deltaMs + ")");
        }
        synchronized (lock) {
            rebase(currentMs(realNanos.getAsLong()) + deltaMs);
            stopMs = Long.MAX_VALUE;
        }
    }

    /** Jumps to {@code epochMs}, which must not be earlier than now. Clears a stop set by {@link #runUntil}. */
    public void setMs(long epochMs) {
        synchronized (lock) {
            long now = currentMs(realNanos.getAsLong());
            if (epochMs < now) {
                throw new IllegalArgumentException("time cannot move backwards: now=" + now + " requested=" + epochMs);
            }
            rebase(epochMs);
            stopMs = Long.MAX_VALUE;
        }
    }

    /**
     * Lets accelerated time run on from now up to {@code stopAtMs} exactly and stand still there, however late the
     * caller looks: a lockstep driver stops the world at a bar close, does its work at that one instant and lets
     * time run again. {@link Long#MAX_VALUE} removes the stop.
     */
    public void runUntil(long stopAtMs) {
        synchronized (lock) {
            long now = currentMs(realNanos.getAsLong());
            if (stopAtMs < now) {
                throw new IllegalArgumentException("time cannot move backwards: now=" + now + " stop=" + stopAtMs);
            }
            rebase(now);
            stopMs = stopAtMs;
        }
    }

    /** True when time has reached the stop set by {@link #runUntil} and stands still there. */
    public boolean stopped() {
        synchronized (lock) {
            return stopMs != Long.MAX_VALUE && currentMs(realNanos.getAsLong()) == stopMs;
        }
    }

    /** Changes the acceleration from now on (0 freezes the clock). */
    public void setSpeed(double newSpeed) {
        synchronized (lock) {
            rebase(currentMs(realNanos.getAsLong()));
            speed = checkSpeed(newSpeed);
        }
    }

    public double speed() {
        synchronized (lock) {
            return speed;
        }
    }

    private long currentMs(long nanos) {
        if (speed == 0) {
            return baseMs;
        }
        return Math.min(stopMs, baseMs + (long) ((nanos - baseNanos) * speed / 1_000_000.0));
    }

    /** Every change of time, speed or stop goes through here, so this is where sleepers are woken. */
    private void rebase(long ms) {
        baseMs = ms;
        baseNanos = realNanos.getAsLong();
        lock.notifyAll();
    }

    private static double checkSpeed(double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("clock speed must be a finite number >= 0, got " + speed);
        }
        return speed;
    }
}
