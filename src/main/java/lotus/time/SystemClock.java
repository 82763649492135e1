package lotus.time;

/** The machine's clock; waiting on it is a plain timed sleep. */
final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nowMs() {
        return System.currentTimeMillis();
    }

    @Override
    public void sleepUntil(long epochMs) throws InterruptedException {
        // In slices of at most a second: Thread.sleep runs on the monotonic clock, which stands still while the host
        // is suspended and ignores a step of the wall clock, so one long sleep could wake hours after its time.
        for (long left = epochMs - nowMs(); left > 0; left = epochMs - nowMs()) {
            Thread.sleep(Math.min(left, 1_000));
        }
    }
}
