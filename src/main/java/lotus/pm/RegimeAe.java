package lotus.pm;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * One tick's A/E (STRATEGY.md §3): the shared drivers' for a token in no market-cap bucket, and for each bucket with
 * data the shared drivers' plus that bucket's, which its members get. Computed once per tick, at most five times.
 *
 * @param shared   BTC, ALT, BTC.d and USDT.d: what a Hyperliquid token gets, and the tick's headline
 * @param byBucket per bucket whose driver has an output on some horizon
 * @param regime   the drivers' outputs and the day's members behind them
 */
public record RegimeAe(Ae shared, Map<MarketCapBucket, Ae> byBucket, Regime regime) {

    public RegimeAe {
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(regime, "regime");
        byBucket = Map.copyOf(byBucket);
    }

    /** A/E of every token on {@code executionTimeframe} under {@code regime}. */
    public static RegimeAe compute(Regime regime, Timeframe executionTimeframe) {
        Map<MarketCapBucket, Ae> byBucket = new EnumMap<>(MarketCapBucket.class);
        for (MarketCapBucket b : regime.buckets().keySet()) {
            byBucket.put(b, AeCalculator.compute(regime.forBucket(Optional.of(b)), executionTimeframe));
        }
        return new RegimeAe(AeCalculator.compute(regime.forBucket(Optional.empty()), executionTimeframe), byBucket,
                regime);
    }

    /** Neutral A/E for every token, when the regime could not be read. */
    public static RegimeAe neutral() {
        return new RegimeAe(Ae.of(AeCalculator.BASE, AeCalculator.BASE), Map.of(), Regime.EMPTY);
    }

    /** The token's bucket today, if it has one. */
    public Optional<MarketCapBucket> bucketOf(Position p) {
        return regime.bucketOf(p.tokenChain(), p.tokenContract());
    }

    /** The position's A/E: its bucket's when it has one with data, else the shared one. */
    public Ae of(Position p) {
        return bucketOf(p).map(byBucket::get).orElse(shared);
    }
}
