package lotus.hyperliquid.ws;

/**
 * Timings of a market stream, in clock milliseconds (HYPERLIQUID.md §2.4, §2.6).
 *
 * @param pingEveryMs    application ping after this long without sending anything (server closes at 60 s idle)
 * @param pongTimeoutMs  no pong within this long: the connection is dead
 * @param silenceMs      no frame at all for this long: dead
 * @param dataStaleMs    no data frame for this long while subscribed: the stream stalled behind healthy pongs (0: off).
 *                       Set it to what the quietest feed can go without a trade: a minute for the majors, longer for
 *                       a universe of low-cap tokens
 * @param ackTimeoutMs   an unacknowledged (un)subscribe is sent again once after this long
 * @param subscribesPerSecond pacing of (re)subscriptions (a full resubscribe of 1000 is half a minute's budget)
 */
public record StreamConfig(long pingEveryMs, long pongTimeoutMs, long silenceMs, long dataStaleMs, long ackTimeoutMs,
        long backoffMinMs, long backoffMaxMs, int subscribesPerSecond) {

    public static StreamConfig hyperliquid() {
        return new StreamConfig(30_000, 10_000, 60_000, 60_000, 10_000, 500, 30_000, 15);
    }

    /**
     * The same rules for a clock running {@code speed} times faster than real time (demo, tests): the timeouts that
     * guard against a dead peer stretch by speed/10, so a 100 ms pause of a busy machine does not look like a dead
     * connection. The ping interval stays, since the simulator's idle close runs on the same clock.
     */
    public StreamConfig forClockSpeed(double speed) {
        double f = Math.max(1, speed / 10);
        return new StreamConfig(pingEveryMs, (long) (pongTimeoutMs * f), (long) (silenceMs * f),
                (long) (dataStaleMs * f), (long) (ackTimeoutMs * f), backoffMinMs, backoffMaxMs, subscribesPerSecond);
    }

    public StreamConfig withDataStaleMs(long ms) {
        return new StreamConfig(pingEveryMs, pongTimeoutMs, silenceMs, ms, ackTimeoutMs, backoffMinMs, backoffMaxMs,
                subscribesPerSecond);
    }
}
