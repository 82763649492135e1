package lotus.sim;

import java.util.ArrayDeque;

/**
 * A budget over the last {@code windowMs} of simulated time: events older than the window stop counting. Used for
 * opens and messages per minute and REST weight per minute. Not thread-safe; callers hold their own lock.
 */
final class SlidingWindow {

    private record Entry(long timeMs, long amount) {
    }

    private final long windowMs;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long sum;

    SlidingWindow(long windowMs) {
        this.windowMs = windowMs;
    }

    /** Spends {@code amount} at {@code nowMs} if the window then stays within {@code limit}; false otherwise. */
    boolean tryAdd(long nowMs, long amount, long limit) {
        evict(nowMs);
        if (sum + amount > limit) {
            return false;
        }
        entries.addLast(new Entry(nowMs, amount));
        sum += amount;
        return true;
    }

    long used(long nowMs) {
        evict(nowMs);
        return sum;
    }

    private void evict(long nowMs) {
        while (!entries.isEmpty() && entries.peekFirst().timeMs() <= nowMs - windowMs) {
            sum -= entries.pollFirst().amount();
        }
    }
}
