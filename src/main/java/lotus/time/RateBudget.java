package lotus.time;

import java.util.ArrayDeque;

/**
 * A sliding one-minute budget on the injected clock. Venues limit per IP (Hyperliquid's 1200 REST weight, 2000
 * WebSocket messages and 30 connection opens; DexScreener's 300 calls; Jupiter's keyless 30), and a limit is shared by
 * everything behind the IP, so one instance per limit is shared by every client in the process. Thread-safe.
 */
public final class RateBudget {

    private static final long WINDOW_MS = 60_000;

    private final String name;
    private final int perMinute;
    private final Clock clock;
    private final ArrayDeque<long[]> spent = new ArrayDeque<>(); // {timeMs, amount}
    private long inWindow;
    private long totalSpent;

    public RateBudget(String name, int perMinute, Clock clock) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException(name + " budget must be positive, got " + perMinute);
        }
        this.name = name;
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Spends {@code amount} if the last minute leaves room for it; false (nothing spent) otherwise. */
    public synchronized boolean trySpend(int amount) {
        long now = clock.nowMs();
        expire(now);
        if (inWindow + amount > perMinute && inWindow > 0) {
            return false;
        }
        spent.addLast(new long[] {now, amount});
        inWindow += amount;
        totalSpent += amount;
        return true;
    }

    /**
     * Spends {@code amount}, waiting on the clock until the sliding minute has room for it.
     *
     * @return how many times it had to wait (0 when it fitted at once)
     */
    public int spendWhenAvailable(int amount) throws InterruptedException {
        int waits = 0;
        while (!trySpend(amount)) {
            waits++;
            clock.sleepUntil(availableAtMs(amount));
        }
        return waits;
    }

    /**
     * Spends one unit, waiting on the clock for room, but only while room comes before {@code deadlineMs}: a minute's
     * collection that cannot be afforded in its minute is skipped, never carried into the next.
     *
     * @return false (nothing spent) when the budget has no room before the deadline
     */
    public boolean spendBefore(long deadlineMs) throws InterruptedException {
        while (!trySpend(1)) {
            long at = availableAtMs(1);
            if (at >= deadlineMs) {
                return false;
            }
            clock.sleepUntil(at);
        }
        return true;
    }

    /** Clock time at which {@code amount} would fit, assuming nothing else is spent meanwhile. */
    public synchronized long availableAtMs(int amount) {
        long now = clock.nowMs();
        expire(now);
        long need = inWindow + amount - perMinute;
        if (need <= 0 || inWindow == 0) {
            return now;
        }
        for (long[] s : spent) {
            need -= s[1];
            if (need <= 0) {
                return s[0] + WINDOW_MS;
            }
        }
        return now + WINDOW_MS;
    }

    /**
     * The venue said we overspent (HTTP 429): its count is above ours (other processes behind the IP, or its window
     * opening later than ours). Treat the whole minute as spent from now, so the next request waits for a fresh one.
     */
    public synchronized void exhaust() {
        long now = clock.nowMs();
        expire(now);
        long fill = perMinute - inWindow;
        if (fill > 0) {
            spent.addLast(new long[] {now, fill});
            inWindow += fill;
        }
    }

    /** Spent within the last minute. */
    public synchronized long usedLastMinute() {
        expire(clock.nowMs());
        return inWindow;
    }

    public synchronized long totalSpent() {
        return totalSpent;
    }

    public int perMinute() {
        return perMinute;
    }

    public String name() {
        return name;
    }

    private void expire(long now) {
        while (!spent.isEmpty() && spent.peekFirst()[0] + WINDOW_MS <= now) {
            inWindow -= spent.removeFirst()[1];
        }
    }
}
