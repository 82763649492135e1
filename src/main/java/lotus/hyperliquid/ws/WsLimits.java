package lotus.hyperliquid.ws;

import java.util.concurrent.atomic.AtomicInteger;
import lotus.time.RateBudget;
import lotus.time.Clock;

/**
 * Hyperliquid's per-IP WebSocket limits as our own, stricter rules (HYPERLIQUID.md §2.7): at most 10 open
 * connections and 30 opens a minute, even during a reconnect storm, and 2000 client messages a minute. One instance
 * per process, shared by every stream.
 */
public final class WsLimits {

    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final RateBudget opens;
    private final RateBudget messages;

    public WsLimits(int maxConnections, int opensPerMinute, int messagesPerMinute, Clock clock) {
        this.maxConnections = maxConnections;
        this.opens = new RateBudget("ws-opens", opensPerMinute, clock);
        this.messages = new RateBudget("ws-messages", messagesPerMinute, clock);
    }

    public static WsLimits hyperliquid(Clock clock) {
        return new WsLimits(10, 30, 2000, clock);
    }

    /** Takes a connection slot and an open from this minute's budget; false when either is exhausted. */
    boolean tryOpen() {
        while (true) {
            int n = open.get();
            if (n >= maxConnections) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                if (opens.trySpend(1)) {
                    return true;
                }
                open.decrementAndGet();
                return false;
            }
        }
    }

    void closed() {
        open.decrementAndGet();
    }

    boolean trySend() {
        return messages.trySpend(1);
    }

    public int openConnections() {
        return open.get();
    }

    public long messagesLastMinute() {
        return messages.usedLastMinute();
    }
}
