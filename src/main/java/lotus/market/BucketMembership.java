package lotus.market;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import lotus.time.Timeframe;

/**
 * Which tokens are in which market-cap bucket, re-evaluated once a day at 00:00 UTC so that a bucket's composite
 * does not jump inside a day (issue 14).
 *
 * <p>Rules:
 * <ul>
 *   <li>A UTC day's membership comes from each token's latest usable cap observed strictly before the day's 00:00
 *       (a cap stamped exactly 00:00:00.000 is the new day's first observation) and is fixed for the whole day.</li>
 *   <li>A token with no usable cap before the day starts joins at its first usable cap of the day, in that cap's
 *       bucket, and keeps it for the rest of the day. Why not wait for the next 00:00: new lowcaps would sit out up
 *       to 24 h, and since the index is built from returns, a member joining cannot move its level.</li>
 *   <li>A token without a known cap is in no bucket. A null, zero or negative cap is not a cap: ignored and counted
 *       (the token keeps its last usable cap).</li>
 *   <li>Time only moves forward: any observation or query rolls the day over when its time is in a later day;
 *       an observation of an earlier day is ignored and counted, a query of an earlier day is a programmer
 *       error.</li>
 * </ul>
 *
 * <p>Pure and not thread-safe: the caller supplies every time; one instance belongs to one collector thread.
 */
public final class BucketMembership {

    /** What happened to the observations so far. */
    public record Counts(long accepted, long unusableCaps, long pastDay) {
    }

    private final Map<String, BigDecimal> latestCap = new HashMap<>();
    private final Map<String, Long> latestCapTimeMs = new HashMap<>();
    private Map<String, MarketCapBucket> today = new HashMap<>();
    private long dayStartMs = Long.MIN_VALUE;
    private long accepted;
    private long unusableCaps;
    private long pastDay;

    /** Records a token's market cap (USD) seen at {@code timeMs}; false when it was ignored (and counted). */
    public boolean observe(String tokenContract, long timeMs, BigDecimal capUsd) {
        if (tokenContract == null || tokenContract.isBlank()) {
            throw new IllegalArgumentException("token contract must not be blank");
        }
        if (Timeframe.D1.floor(timeMs) < dayStartMs) {
            pastDay++;
            return false;
        }
        rollTo(timeMs);
        Optional<MarketCapBucket> bucket = MarketCapBucket.of(capUsd);
        if (bucket.isEmpty()) {
            unusableCaps++;
            return false;
        }
        accepted++;
        Long seenMs = latestCapTimeMs.get(tokenContract);
        if (seenMs == null || seenMs <= timeMs) {
            latestCap.put(tokenContract, capUsd);
            latestCapTimeMs.put(tokenContract, timeMs);
        }
        today.putIfAbsent(tokenContract, bucket.get());
        return true;
    }

    /** The token's bucket for the UTC day of {@code timeMs}; empty when it has no known cap. */
    public Optional<MarketCapBucket> bucketOf(String tokenContract, long timeMs) {
        rollToQueried(timeMs);
        return Optional.ofNullable(today.get(tokenContract));
    }

    /** The bucket's members for the UTC day of {@code timeMs}, in token order. */
    public NavigableSet<String> members(MarketCapBucket bucket, long timeMs) {
        rollToQueried(timeMs);
        NavigableSet<String> out = new TreeSet<>();
        today.forEach((token, b) -> {
            if (b == bucket) {
                out.add(token);
            }
        });
        return Collections.unmodifiableNavigableSet(out);
    }

    /** Every token with a bucket for the UTC day of {@code timeMs}, in token order. */
    public Map<String, MarketCapBucket> membership(long timeMs) {
        rollToQueried(timeMs);
        return Collections.unmodifiableMap(new TreeMap<>(today));
    }

    public Counts counts() {
        return new Counts(accepted, unusableCaps, pastDay);
    }

    private void rollToQueried(long timeMs) {
        if (Timeframe.D1.floor(timeMs) < dayStartMs) {
            throw new IllegalArgumentException("membership of a past day is not kept: asked " + timeMs
                    + ", current day starts " + dayStartMs);
        }
        rollTo(timeMs);
    }

    private void rollTo(long timeMs) {
        long day = Timeframe.D1.floor(timeMs);
        if (day <= dayStartMs) {
            return;
        }
        // Every cap held so far was observed before this day started: they decide the new day.
        Map<String, MarketCapBucket> next = new HashMap<>();
        latestCap.forEach((token, cap) -> next.put(token, MarketCapBucket.of(cap).orElseThrow()));
        today = next;
        dayStartMs = day;
    }
}
