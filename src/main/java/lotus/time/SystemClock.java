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
        // Looped: a sleep may end early, and the wall clock may be stepped back while we sleep.
        for (long left = epochMs - nowMs(); left > 0; left = epochMs - nowMs()) {
            Thread.sleep(left);
        }
    }
}
