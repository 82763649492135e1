package lotus.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

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
 * @param signingMainnet           which phantom-agent {@code source} {@code /exchange} verifies: {@code a} (mainnet)
 *                                 when true, {@code b} (testnet) when false; the other network recovers a stranger
 * @param trading                  fees and order rules of {@code /exchange}
 * @param solanaTokens             seeded tokens of the Solana venue served beside it (DexScreener, Jupiter, RPC)
 */
public record SimConfig(long seed, List<String> majors, int extraPerps, int spotPairs, double tradesPerSecond,
        long historyMinutes, int maxCandles, int candlesPerAnswer, boolean keepTrades, boolean tradeSnapshotOnSubscribe,
        boolean greeting, long pumpIntervalMs, Limits limits, boolean signingMainnet, Trading trading,
        int solanaTokens) {

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

        public Limits withConnectionsPerIp(int value) { return copy(b -> b.connectionsPerIp = value); }

        public Limits withOpensPerMinute(int value) { return copy(b -> b.opensPerMinute = value); }

        public Limits withSubscriptionsPerIp(int value) { return copy(b -> b.subscriptionsPerIp = value); }

        public Limits withMessagesPerMinute(int value) { return copy(b -> b.messagesPerMinute = value); }

        public Limits withRestWeightPerMinute(int value) { return copy(b -> b.restWeightPerMinute = value); }

        public Limits withIdleCloseMs(long value) { return copy(b -> b.idleCloseMs = value); }

        /** This with one change: the one place that lists every field, so a new field is copied by every with. */
        private Limits copy(Consumer<LimitsBuilder> change) {
            LimitsBuilder b = new LimitsBuilder(this);
            change.accept(b);
            return new Limits(b.connectionsPerIp, b.opensPerMinute, b.subscriptionsPerIp, b.messagesPerMinute,
                    b.restWeightPerMinute, b.idleCloseMs);
        }

        private static final class LimitsBuilder {
            int connectionsPerIp;
            int opensPerMinute;
            int subscriptionsPerIp;
            int messagesPerMinute;
            int restWeightPerMinute;
            long idleCloseMs;

            LimitsBuilder(Limits from) {
                connectionsPerIp = from.connectionsPerIp();
                opensPerMinute = from.opensPerMinute();
                subscriptionsPerIp = from.subscriptionsPerIp();
                messagesPerMinute = from.messagesPerMinute();
                restWeightPerMinute = from.restWeightPerMinute();
                idleCloseMs = from.idleCloseMs();
            }
        }
    }

    /**
     * What {@code /exchange} charges and enforces. Fee rates are fractions of the fill ({@code 0.00045} = 0.045 %),
     * charged on every fill we take (resting orders are never filled, so no maker fee exists): in USDC on the notional
     * for perps and spot sells, in the token bought on the size for spot buys, as on the venue.
     *
     * @param perpTakerFeeRate venue base tier for perps
     * @param spotTakerFeeRate venue base tier for spot
     * @param minNotionalUsd   {@code sz × limit px} below this is refused; perps say "$10", spot "10 USDC"
     * @param defaultLeverage  cross leverage of a coin before any updateLeverage, capped by the coin's maximum
     * @param nonceMaxAgeMs    a nonce must be newer than now minus this (2 days; the lower bound is unverified, §6.3)
     */
    public record Trading(BigDecimal perpTakerFeeRate, BigDecimal spotTakerFeeRate, BigDecimal minNotionalUsd,
            int defaultLeverage, long nonceMaxAgeMs) {

        public Trading {
            if (perpTakerFeeRate == null || spotTakerFeeRate == null || minNotionalUsd == null
                    || perpTakerFeeRate.signum() < 0 || spotTakerFeeRate.signum() < 0 || minNotionalUsd.signum() < 0) {
                throw new IllegalArgumentException("fee rates and minimum notional must be >= 0");
            }
            if (defaultLeverage < 1 || nonceMaxAgeMs < 1) {
                throw new IllegalArgumentException("defaultLeverage and nonceMaxAgeMs must be positive");
            }
        }

        public static Trading hyperliquid() {
            return new Trading(new BigDecimal("0.00045"), new BigDecimal("0.0007"), BigDecimal.TEN, 20,
                    2 * 24 * 3_600_000L);
        }

        public Trading withPerpTakerFeeRate(BigDecimal value) {
            return new Trading(value, spotTakerFeeRate, minNotionalUsd, defaultLeverage, nonceMaxAgeMs);
        }

        public Trading withSpotTakerFeeRate(BigDecimal value) {
            return new Trading(perpTakerFeeRate, value, minNotionalUsd, defaultLeverage, nonceMaxAgeMs);
        }

        public Trading withMinNotionalUsd(BigDecimal value) {
            return new Trading(perpTakerFeeRate, spotTakerFeeRate, value, defaultLeverage, nonceMaxAgeMs);
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
        if (limits == null || trading == null) {
            throw new IllegalArgumentException("limits and trading must not be null");
        }
        if (solanaTokens < 0) {
            throw new IllegalArgumentException("solanaTokens must not be negative");
        }
    }

    public static SimConfig defaults(long seed) {
        return new SimConfig(seed, List.of("BTC", "ETH", "BNB", "SOL", "HYPE"), 30, 10, 50, 3 * 24 * 60, 5000, 5000,
                true, true, true, 20, Limits.hyperliquid(), false, Trading.hyperliquid(), 6);
    }

    public SimConfig withTradesPerSecond(double value) { return copy(b -> b.tradesPerSecond = value); }

    public SimConfig withHistoryMinutes(long value) { return copy(b -> b.historyMinutes = value); }

    public SimConfig withExtraPerps(int value) { return copy(b -> b.extraPerps = value); }

    public SimConfig withSpotPairs(int value) { return copy(b -> b.spotPairs = value); }

    public SimConfig withKeepTrades(boolean value) { return copy(b -> b.keepTrades = value); }

    public SimConfig withLimits(Limits value) { return copy(b -> b.limits = value); }

    public SimConfig withMaxCandles(int value) { return copy(b -> b.maxCandles = value); }

    public SimConfig withCandlesPerAnswer(int value) { return copy(b -> b.candlesPerAnswer = value); }

    public SimConfig withGreeting(boolean value) { return copy(b -> b.greeting = value); }

    public SimConfig withTradeSnapshotOnSubscribe(boolean value) {
        return copy(b -> b.tradeSnapshotOnSubscribe = value);
    }

    public SimConfig withPumpIntervalMs(long value) { return copy(b -> b.pumpIntervalMs = value); }

    public SimConfig withSigningMainnet(boolean value) { return copy(b -> b.signingMainnet = value); }

    public SimConfig withTrading(Trading value) { return copy(b -> b.trading = value); }

    public SimConfig withSolanaTokens(int value) { return copy(b -> b.solanaTokens = value); }

    /** This with one change: the one place that lists every field, so a new field is copied by every with. */
    private SimConfig copy(Consumer<Builder> change) {
        Builder b = new Builder();
        b.seed = seed;
        b.majors = majors;
        b.extraPerps = extraPerps;
        b.spotPairs = spotPairs;
        b.tradesPerSecond = tradesPerSecond;
        b.historyMinutes = historyMinutes;
        b.maxCandles = maxCandles;
        b.candlesPerAnswer = candlesPerAnswer;
        b.keepTrades = keepTrades;
        b.tradeSnapshotOnSubscribe = tradeSnapshotOnSubscribe;
        b.greeting = greeting;
        b.pumpIntervalMs = pumpIntervalMs;
        b.limits = limits;
        b.signingMainnet = signingMainnet;
        b.trading = trading;
        b.solanaTokens = solanaTokens;
        change.accept(b);
        return new SimConfig(b.seed, b.majors, b.extraPerps, b.spotPairs, b.tradesPerSecond, b.historyMinutes,
                b.maxCandles, b.candlesPerAnswer, b.keepTrades, b.tradeSnapshotOnSubscribe, b.greeting,
                b.pumpIntervalMs, b.limits, b.signingMainnet, b.trading, b.solanaTokens);
    }

    private static final class Builder {
        long seed;
        List<String> majors;
        int extraPerps;
        int spotPairs;
        double tradesPerSecond;
        long historyMinutes;
        int maxCandles;
        int candlesPerAnswer;
        boolean keepTrades;
        boolean tradeSnapshotOnSubscribe;
        boolean greeting;
        long pumpIntervalMs;
        Limits limits;
        boolean signingMainnet;
        Trading trading;
        int solanaTokens;
    }
}
