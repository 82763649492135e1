package lotus.pm;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * The regime drivers of STRATEGY.md §3: BTC and the ALT composite (SOL, ETH, BNB, HYPE), from
 * {@code majors_price_data_ohlc}; BTC.d, USDT.d and the four market-cap bucket indices from
 * {@code regime_price_data_ohlc}; each run through the same engine on 1d, 1h and 1m. A driver without bars, or with
 * fewer than the engine needs (dormant), contributes 0. Every bucket is tracked, and the day's bucket of each Solana
 * token is read with them, so a tick gives each token its own bucket's driver ({@link Regime#forToken}). Trackers stay
 * in memory and advance by the bars closed since the last update, so one update per tick costs a few queries.
 */
public final class RegimeFeed {

    /** Bars a cold driver replays to reach a state with history behind it (the engine needs 333 to leave dormant). */
    static final int WARM_BARS = 2000;

    private static final String BTC = "BTC";
    /** Dominance drivers' names in {@code regime_price_data_ohlc}: CoinGecko's percentages, treated as prices. */
    static final String BTC_D = "btc.d";
    static final String USDT_D = "usdt.d";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RegimeFeed.class);

    private final PriceHistory reader;
    private final Map<RegimeDriver, Map<Timeframe, EngineTracker>> trackers = new EnumMap<>(RegimeDriver.class);
    private final Map<MarketCapBucket, Map<Timeframe, EngineTracker>> bucketTrackers =
            new EnumMap<>(MarketCapBucket.class);
    private final Map<Timeframe, List<String>> altMembers = new EnumMap<>(Timeframe.class);
    /** Bars the trackers advanced by, over all updates. */
    private long advanced;
    private Regime last;
    private Map<String, MarketCapBucket> lastMembers;
    /** {@link #advanced} when {@link #last} was built: an update that threw after advancing some drivers differs. */
    private long lastAdvanced = -1;

    public RegimeFeed(PriceHistory reader) {
        this.reader = reader;
    }

    /**
     * Brings every driver up to the bars closed by {@code nowMs} and returns their latest outputs. The regime store's
     * drivers (dominance, buckets) are read one bar behind: their collectors write the bar that closes at a tick's
     * bar close seconds after it (at :05 and :10), after the tick has run, and a backtest, which holds every bar,
     * must see what the live tick saw.
     */
    public synchronized Regime update(long nowMs) {
        Regime regime = Regime.EMPTY;
        for (Timeframe horizon : Regime.HORIZONS) {
            long before = horizon.floor(nowMs);
            long storedBefore = horizon.floor(nowMs - 1);
            regime = advance(regime, RegimeDriver.BTC, horizon, since -> read(BTC, horizon, since, before));
            regime = advance(regime, RegimeDriver.ALT, horizon, since -> altBars(horizon, since, before));
            regime = advance(regime, RegimeDriver.BTC_D, horizon,
                    since -> readRegime(BTC_D, horizon, since, storedBefore));
            regime = advance(regime, RegimeDriver.USDT_D, horizon,
                    since -> readRegime(USDT_D, horizon, since, storedBefore));
            for (MarketCapBucket bucket : MarketCapBucket.values()) {
                EngineTracker tracker = tracker(bucketTrackers, bucket, horizon);
                advance(tracker, since -> readRegime(bucket.driver(), horizon, since, storedBefore));
                if (tracker.last() != null) {
                    regime = regime.withBucket(bucket, horizon, tracker.last());
                }
            }
        }
        // A token's bucket is the one the newest 1m index bar read counted it in: that bar's day, and the tokens the
        // collector had counted by then (a newcomer joins mid-day).
        long readBefore = Timeframe.M1.floor(nowMs - 1);
        long day = Timeframe.D1.floor(readBefore - Timeframe.M1.durationMs());
        Map<String, MarketCapBucket> members;
        try {
            members = reader.bucketMembers(Venue.SOLANA, day, readBefore);
        } catch (RuntimeException e) {
            // Only the bucket driver needs them: without them every token gets the shared drivers' A/E this tick.
            log.warn("bucket members of {} could not be read; every token gets the shared A/E this tick: {}", day,
                    e.toString());
            members = Map.of();
        }
        if (last != null && advanced == lastAdvanced && members.equals(lastMembers)) {
            // No driver had a new bar and the buckets are the same: the same regime, not a copy of it, so a tick
            // can keep the A/E it computed from it (most 1m ticks of a backtest without 1m drivers).
            return last;
        }
        lastMembers = members;
        last = regime.withMembers(Venue.SOLANA, members);
        lastAdvanced = advanced;
        return last;
    }

    /**
     * ALT composite bars. Its members are fixed when it first has bars (the coins with data then, at least three), so
     * a later read in which one coin has no new bar yet cannot turn the composite into a mean of other coins (a jump
     * of a third in price); a time some member lacks is left out.
     */
    private List<Bar> altBars(Timeframe horizon, long since, long before) {
        List<String> members = altMembers.get(horizon);
        List<String> coins = members != null ? members : OhlcComposite.ALT_COINS;
        Map<String, List<Bar>> byCoin = new HashMap<>();
        for (String coin : coins) {
            List<Bar> bars = read(coin, horizon, since, before);
            if (members != null || !bars.isEmpty()) {
                byCoin.put(coin, bars);
            }
        }
        if (members == null) {
            if (byCoin.size() < OhlcComposite.MIN_ALT_COINS) {
                return List.of();
            }
            altMembers.put(horizon, List.copyOf(byCoin.keySet()));
        }
        List<List<Bar>> components = new java.util.ArrayList<>();
        for (String coin : OhlcComposite.ALT_COINS) {
            if (byCoin.containsKey(coin)) {
                components.add(byCoin.get(coin));
            }
        }
        return OhlcComposite.composite(OhlcComposite.ALT, Venue.HYPERLIQUID, components);
    }

    private interface BarSource {
        /** Bars opening after {@code sinceMs} (or the latest {@link #WARM_BARS} when −1), oldest first. */
        List<Bar> after(long sinceMs);
    }

    private Regime advance(Regime regime, RegimeDriver driver, Timeframe horizon, BarSource source) {
        EngineTracker tracker = tracker(trackers, driver, horizon);
        advance(tracker, source);
        return tracker.last() == null ? regime : regime.with(driver, horizon, tracker.last());
    }

    private static <K extends Enum<K>> EngineTracker tracker(Map<K, Map<Timeframe, EngineTracker>> all, K key,
            Timeframe horizon) {
        return all.computeIfAbsent(key, k -> new EnumMap<>(Timeframe.class))
                .computeIfAbsent(horizon, h -> new EngineTracker());
    }

    private void advance(EngineTracker tracker, BarSource source) {
        for (Bar b : source.after(tracker.lastBarOpenTimeMs())) {
            tracker.advance(b);
            advanced++;
        }
    }

    private List<Bar> readRegime(String driver, Timeframe horizon, long sinceMs, long beforeMs) {
        return sinceMs < 0 ? reader.regimeBarsBefore(driver, horizon, WARM_BARS, beforeMs)
                : reader.regimeBars(driver, horizon, sinceMs + 1, beforeMs);
    }

    private List<Bar> read(String coin, Timeframe horizon, long sinceMs, long beforeMs) {
        return sinceMs < 0 ? reader.majorBarsBefore(coin, horizon, WARM_BARS, beforeMs)
                : reader.majorBars(coin, horizon, sinceMs + 1, beforeMs);
    }
}
