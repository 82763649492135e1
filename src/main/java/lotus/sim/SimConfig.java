package lotus.sim;

import java.util.List;

/**
 * Everything that shapes a simulated exchange. Unverified venue behaviours are fields here, never constants buried
 * in the simulator (HYPERLIQUID.md §9).
 *
 * @param seed                     every random choice (universe prices, price paths, trades) derives from it
 * @param majors                   perps always listed (BTC, ETH, ...); busier than the others
 * @param extraPerps               further perps taken from a catalogue of realistic names
 * @param spotPairs                spot pairs in total, PURR/USDC (pair index 0) included
 * @param tradesPerSecond          trades per simulated second over all coins together
 * @param historyMinutes           synthetic 1-minute history before the start (no trades stored for it)
 * @param maxCandles               candles retained per (coin, interval): Hyperliquid serves only the 5000 most recent
 * @param candlesPerAnswer         at most this many candles in one candleSnapshot answer (unverified on the venue)
 * @param keepTrades               keep every emitted trade for {@link SimMarket#trades(String)} (memory!)
 * @param tradeSnapshotOnSubscribe first trades frame after subscribing carries recent trades (unverified, §2.5)
 * @param greeting                 send the text frame "Websocket connection established." on connect
 * @param pumpIntervalMs           real-time period of the pump that advances the market and pushes frames
 */
public record SimConfig(long seed, List<String> majors, int extraPerps, int spotPairs, double tradesPerSecond,
        long historyMinutes, int maxCandles, int candlesPerAnswer, boolean keepTrades, boolean tradeSnapshotOnSubscribe,
        boolean greeting, long pumpIntervalMs, Limits limits) {

    /**
     * Per-IP limits (HYPERLIQUID.md §2.7, §3). All test clients share 127.0.0.1, so they share these numbers.
     *
     * @param idleCloseMs a connection whose client sent nothing for this long (simulated clock) is closed
     */
    public record Limits(int connectionsPerIp, int opensPerMinute, int subscriptionsPerIp, int messagesPerMinute,
            int restWeightPerMinute, long idleCloseMs) {

        public Limits {
            if (connectionsPerIp < 1 || opensPerMinute < 1 || subscriptionsPerIp < 1 || messagesPerMinute < 1
                    || restWeightPerMinute < 1 || idleCloseMs < 1) {
                throw new IllegalArgumentException("every limit must be positive: " + this);
            }
        }

        /** The venue's numbers; connections and opens per minute are the stricter third-party figures (unverified). */
        public static Limits hyperliquid() {
            return new Limits(10, 30, 1000, 2000, 1200, 60_000);
        }

        public Limits withConnectionsPerIp(int value) {
            return new Limits(value, opensPerMinute, subscriptionsPerIp, messagesPerMinute, restWeightPerMinute,
                    idleCloseMs);
        }

        public Limits withOpensPerMinute(int value) {
            return new Limits(connectionsPerIp, value, subscriptionsPerIp, messagesPerMinute, restWeightPerMinute,
                    idleCloseMs);
        }

        public Limits withSubscriptionsPerIp(int value) {
            return new Limits(connectionsPerIp, opensPerMinute, value, messagesPerMinute, restWeightPerMinute,
                    idleCloseMs);
        }

        public Limits withMessagesPerMinute(int value) {
            return new Limits(connectionsPerIp, opensPerMinute, subscriptionsPerIp, value, restWeightPerMinute,
                    idleCloseMs);
        }

        public Limits withRestWeightPerMinute(int value) {
            return new Limits(connectionsPerIp, opensPerMinute, subscriptionsPerIp, messagesPerMinute, value,
                    idleCloseMs);
        }

        public Limits withIdleCloseMs(long value) {
            return new Limits(connectionsPerIp, opensPerMinute, subscriptionsPerIp, messagesPerMinute,
                    restWeightPerMinute, value);
        }
    }

    public SimConfig {
        majors = List.copyOf(majors);
        if (majors.isEmpty() || majors.stream().anyMatch(m -> m == null || m.isBlank())
                || majors.stream().distinct().count() != majors.size()) {
            throw new IllegalArgumentException("majors must be distinct non-blank names: " + majors);
        }
        if (extraPerps < 0 || spotPairs < 0) {
            throw new IllegalArgumentException("extraPerps and spotPairs must not be negative");
        }
        if (!(tradesPerSecond >= 0) || Double.isInfinite(tradesPerSecond)) {
            throw new IllegalArgumentException("tradesPerSecond must be a finite number >= 0, got " + tradesPerSecond);
        }
        if (historyMinutes < 0 || maxCandles < 1 || candlesPerAnswer < 1 || pumpIntervalMs < 1) {
            throw new IllegalArgumentException("historyMinutes >= 0, maxCandles, candlesPerAnswer and pumpIntervalMs"
                    + " >= 1 required");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must not be null");
        }
    }

    public static SimConfig defaults(long seed) {
        return new SimConfig(seed, List.of("BTC", "ETH", "BNB", "SOL", "HYPE"), 30, 10, 50, 3 * 24 * 60, 5000, 5000,
                true, true, true, 20, Limits.hyperliquid());
    }

    public SimConfig withTradesPerSecond(double value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, value, historyMinutes, maxCandles, candlesPerAnswer,
                keepTrades, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withHistoryMinutes(long value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, value, maxCandles, candlesPerAnswer,
                keepTrades, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withExtraPerps(int value) {
        return new SimConfig(seed, majors, value, spotPairs, tradesPerSecond, historyMinutes, maxCandles,
                candlesPerAnswer, keepTrades, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withSpotPairs(int value) {
        return new SimConfig(seed, majors, extraPerps, value, tradesPerSecond, historyMinutes, maxCandles,
                candlesPerAnswer, keepTrades, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withKeepTrades(boolean value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, historyMinutes, maxCandles,
                candlesPerAnswer, value, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withLimits(Limits value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, historyMinutes, maxCandles,
                candlesPerAnswer, keepTrades, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, value);
    }

    public SimConfig withMaxCandles(int value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, historyMinutes, value,
                candlesPerAnswer, keepTrades, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withCandlesPerAnswer(int value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, historyMinutes, maxCandles, value,
                keepTrades, tradeSnapshotOnSubscribe, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withGreeting(boolean value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, historyMinutes, maxCandles,
                candlesPerAnswer, keepTrades, tradeSnapshotOnSubscribe, value, pumpIntervalMs, limits);
    }

    public SimConfig withTradeSnapshotOnSubscribe(boolean value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, historyMinutes, maxCandles,
                candlesPerAnswer, keepTrades, value, greeting, pumpIntervalMs, limits);
    }

    public SimConfig withPumpIntervalMs(long value) {
        return new SimConfig(seed, majors, extraPerps, spotPairs, tradesPerSecond, historyMinutes, maxCandles,
                candlesPerAnswer, keepTrades, tradeSnapshotOnSubscribe, greeting, value, limits);
    }
}
