package lotus.sim;

/**
 * Fault injection steered by the test (HYPERLIQUID.md §9). Also reachable as {@code POST /admin/fault} with a JSON
 * body {@code {"kind":"<method name>", ...}} (see {@link AdminRoutes}). Switches apply to every connection.
 */
public final class SimFaults {

    private final WsHub hub;
    private final FaultState state;

    SimFaults(WsHub hub, FaultState state) {
        this.hub = hub;
        this.state = state;
    }

    /** Abrupt: every connection's TCP socket goes away without a close frame. */
    public void dropAllConnections() {
        hub.dropAll();
    }

    /** Clean: every connection gets a close frame with code 1000. */
    public void closeAllConnections() {
        hub.closeAll();
    }

    /**
     * Sends {@code count} malformed frames to every connection, cycling through: non-JSON text, truncated JSON,
     * wrong types, a trade with {@code "px":"NaN"}, an unknown channel, a trade without {@code tid}.
     */
    public void sendMalformedFrames(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        hub.sendMalformed(count);
    }

    /** Every data frame (trades, candle, allMids, l2Book) is sent twice. */
    public void duplicateFrames(boolean on) {
        state.duplicateFrames = on;
    }

    /**
     * Trades inside each frame arrive newest first, and about one frame in three is held back until the coin's next
     * frame has gone out (at most 100 pumps), so older tids arrive after newer ones.
     */
    public void reorderTrades(boolean on) {
        state.reorderTrades = on;
    }

    /** No data frames to anyone while on (trades printed meanwhile are lost to clients); pongs and acks continue. */
    public void stallData(boolean on) {
        state.stallData = on;
    }

    /** Holds the coin's trade frames {@code delayMs} of simulated time before sending; 0 ends the delay. */
    public void delayCoin(String apiCoin, long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMs);
        }
        if (delayMs == 0) {
            state.coinDelayMs.remove(apiCoin);
        } else {
            state.coinDelayMs.put(apiCoin, delayMs);
        }
    }

    /**
     * Unknown outcome: the next {@code count} {@code /exchange} requests are processed as usual (orders placed,
     * cancels done, nonces used) and then their connections are cut without an answer, so the client must reconcile
     * (by cloid) instead of sending again. 0 ends it; requests still pending are then answered.
     */
    public void dropExchangeResponses(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        state.dropExchangeResponses.set(count);
    }

    /**
     * Unknown outcome for orders only: the next {@code count} {@code /exchange} order actions are executed as usual
     * (filled, resting or rejected) and then their connections are cut without an answer; cancels and other actions
     * are answered. The client sees an I/O error, as after a timeout, and must look the order up by cloid. 0 ends it.
     */
    public void holdExchangeAnswers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        state.holdExchangeAnswers.set(count);
    }

    /** As {@link #fail5xxAfterFill(int, int)} with HTTP 500 and the venue's body {@code null} (HYPERLIQUID.md §3). */
    public void fail5xxAfterFill(int count) {
        fail5xxAfterFill(count, 500);
    }

    /**
     * The next {@code count} {@code /exchange} order actions are executed as usual and then answered with HTTP
     * {@code status} (500..599) and body {@code null} instead of their result. 0 ends it.
     */
    public void fail5xxAfterFill(int count, int status) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 500..599: " + status);
        }
        state.failStatus = status;
        state.fail5xxAfterFill.set(count);
    }
}
