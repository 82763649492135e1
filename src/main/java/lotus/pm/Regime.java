package lotus.pm;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import lotus.engine.EngineOutput;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * The latest engine output of each regime driver on each horizon (STRATEGY.md §3). A driver or horizon that is
 * absent simply contributes nothing to A/E.
 *
 * <p>The bucket driver depends on the token: {@code buckets} holds each market-cap bucket's outputs and
 * {@code members} the day's bucket of each token by chain, and {@link #forToken} puts the token's bucket in the
 * {@link RegimeDriver#BUCKET} slot. A token without a bucket (no market cap known, as on Hyperliquid) has no bucket
 * driver: absent, it contributes 0, as §3 says of drivers without data.
 *
 * @param outputs the drivers shared by every token; {@code BUCKET} only once {@link #forToken} (or a test) set it
 * @param members by token chain, then token contract
 */
public record Regime(Map<RegimeDriver, Map<Timeframe, EngineOutput>> outputs,
        Map<MarketCapBucket, Map<Timeframe, EngineOutput>> buckets,
        Map<String, Map<String, MarketCapBucket>> members) {

    /** macro, meso, micro. */
    public static final List<Timeframe> HORIZONS = List.of(Timeframe.D1, Timeframe.H1, Timeframe.M1);

    public static final Regime EMPTY = new Regime(Map.of(), Map.of(), Map.of());

    public Regime {
        EnumMap<RegimeDriver, Map<Timeframe, EngineOutput>> copy = new EnumMap<>(RegimeDriver.class);
        outputs.forEach((driver, byHorizon) -> copy.put(Objects.requireNonNull(driver, "driver"),
                horizons(byHorizon)));
        outputs = Collections.unmodifiableMap(copy);
        EnumMap<MarketCapBucket, Map<Timeframe, EngineOutput>> byBucket = new EnumMap<>(MarketCapBucket.class);
        buckets.forEach((bucket, byHorizon) -> byBucket.put(Objects.requireNonNull(bucket, "bucket"),
                horizons(byHorizon)));
        buckets = Collections.unmodifiableMap(byBucket);
        Map<String, Map<String, MarketCapBucket>> byChain = new HashMap<>();
        members.forEach((chain, tokens) -> byChain.put(chain, Map.copyOf(tokens)));
        members = Collections.unmodifiableMap(byChain);
    }

    private static Map<Timeframe, EngineOutput> horizons(Map<Timeframe, EngineOutput> byHorizon) {
        EnumMap<Timeframe, EngineOutput> horizons = new EnumMap<>(Timeframe.class);
        byHorizon.forEach((horizon, output) -> {
            if (!HORIZONS.contains(horizon)) {
                throw new IllegalArgumentException("regime horizon must be 1d, 1h or 1m, got " + horizon);
            }
            horizons.put(horizon, Objects.requireNonNull(output, "output"));
        });
        return Collections.unmodifiableMap(horizons);
    }

    /** This regime with {@code driver}'s output on {@code horizon} replaced. */
    public Regime with(RegimeDriver driver, Timeframe horizon, EngineOutput output) {
        return new Regime(put(outputs, driver, horizon, output), buckets, members);
    }

    /** This regime with {@code bucket}'s output on {@code horizon} replaced. */
    public Regime withBucket(MarketCapBucket bucket, Timeframe horizon, EngineOutput output) {
        return new Regime(outputs, put(buckets, bucket, horizon, output), members);
    }

    /** This regime with the buckets of {@code tokenChain}'s tokens for the day replaced. */
    public Regime withMembers(String tokenChain, Map<String, MarketCapBucket> tokens) {
        Map<String, Map<String, MarketCapBucket>> copy = new HashMap<>(members);
        copy.put(tokenChain, tokens);
        return new Regime(outputs, buckets, copy);
    }

    private static <K extends Enum<K>> Map<K, Map<Timeframe, EngineOutput>> put(Map<K, Map<Timeframe, EngineOutput>> m,
            K key, Timeframe horizon, EngineOutput output) {
        Map<K, Map<Timeframe, EngineOutput>> copy = new HashMap<>(m);
        EnumMap<Timeframe, EngineOutput> horizons = new EnumMap<>(Timeframe.class);
        horizons.putAll(m.getOrDefault(key, Map.of()));
        horizons.put(horizon, output);
        copy.put(key, horizons);
        return copy;
    }

    /** The output, or null when the driver has none on that horizon. */
    public EngineOutput output(RegimeDriver driver, Timeframe horizon) {
        return outputs.getOrDefault(driver, Map.of()).get(horizon);
    }

    /** The token's bucket today, if the bucket collector counted it in one. */
    public Optional<MarketCapBucket> bucketOf(String tokenChain, String tokenContract) {
        return Optional.ofNullable(members.getOrDefault(tokenChain, Map.of()).get(tokenContract));
    }

    /** The shared drivers with {@code bucket}'s outputs as the bucket driver (none for an empty bucket). */
    public Regime forBucket(Optional<MarketCapBucket> bucket) {
        Map<RegimeDriver, Map<Timeframe, EngineOutput>> copy = new HashMap<>(outputs);
        copy.remove(RegimeDriver.BUCKET);
        bucket.map(buckets::get).ifPresent(b -> copy.put(RegimeDriver.BUCKET, b));
        return new Regime(copy, buckets, members);
    }

    /** The regime as {@code tokenChain}/{@code tokenContract} sees it: the shared drivers and its bucket's. */
    public Regime forToken(String tokenChain, String tokenContract) {
        return forBucket(bucketOf(tokenChain, tokenContract));
    }
}
