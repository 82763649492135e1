package lotus.market;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import lotus.time.Timeframe;

/**
 * A market-cap bucket's 1m index: an equal-weighted index of its members' returns, each member normalised to the
 * index's previous close, so a token priced at 1e-6 weighs the same as one priced at 2 (issue 14). The ALT composite
 * averages raw prices instead, which would let the priciest member drive a bucket.
 *
 * <p>For minute t, with P = the index's previous close (100 before the first bar) and, over the members m that have
 * a bar at t and at t−1 with a positive close at t−1:
 * <ul>
 *   <li>open = P;</li>
 *   <li>close = P × mean(close_m(t) / close_m(t−1));</li>
 *   <li>high = max(open, P × mean(high_m(t) / close_m(t−1))), low = min(open, P × mean(low_m(t) / close_m(t−1))).
 *       The mean of the members' relative highs is the index's high if they had all peaked together: it is never
 *       below the close (each member's high is not below its close), so only the open needs the max, for a minute
 *       in which every member gapped down from its previous close (and the min, for gaps up);</li>
 *   <li>volume 0 and trade count 0: summed base volumes of tokens of different prices mean nothing.</li>
 * </ul>
 * Fewer than {@link #MIN_MEMBERS} such members: no bar that minute, counted, not an error; the next bar opens at the
 * last close the index had. A member missing a bar at t or t−1 is left out of that minute and counted.
 *
 * <p>Rounding: each quotient, the sum, the mean and the product are rounded to {@link MathContext#DECIMAL128} (34
 * significant digits, half-even), in that order, summing members in token order, so the same inputs give the same
 * digits whatever order the caller's maps iterate in.
 *
 * <p>Pure and not thread-safe: the caller feeds minutes in increasing order.
 */
public final class BucketIndex {

    /** The chain written into index bars. */
    public static final String CHAIN = "regime";

    public static final int MIN_MEMBERS = 3;

    /** The index's level before its first bar. */
    public static final BigDecimal BASE = BigDecimal.valueOf(100);

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final long MINUTE_MS = Timeframe.M1.durationMs();

    /**
     * @param bars          index bars made
     * @param thinMinutes   minutes with fewer than {@link #MIN_MEMBERS} usable members, so no bar
     * @param membersLeftOut member-minutes left out for a missing bar at t or t−1
     */
    public record Counts(long bars, long thinMinutes, long membersLeftOut) {
    }

    private final String driver;
    private BigDecimal lastClose;
    private Map<String, Bar> previousMinute = Map.of();
    private long lastMinuteMs = Long.MIN_VALUE;
    private long barsMade;
    private long thinMinutes;
    private long membersLeftOut;

    /** A new index starting at {@link #BASE}. */
    public BucketIndex(MarketCapBucket bucket) {
        this(bucket, BASE);
    }

    /** An index resuming from its last stored close (its first minute has no t−1 bars, so it makes no bar). */
    public BucketIndex(MarketCapBucket bucket, BigDecimal lastClose) {
        this.driver = bucket.driver();
        this.lastClose = Objects.requireNonNull(lastClose, "lastClose");
        if (lastClose.signum() <= 0) {
            throw new IllegalArgumentException("index close must be positive: " + lastClose);
        }
    }

    /**
     * Minute {@code openTimeMs}: the bucket's members that day and the 1m bars of that minute. {@code bars} may hold
     * tokens that are not members; they are kept as t−1 for the next minute, so a token that joins at 00:00 counts
     * from its first minute in the bucket.
     */
    public Optional<Bar> onMinute(long openTimeMs, Collection<String> members, Map<String, Bar> bars) {
        if (Timeframe.M1.floor(openTimeMs) != openTimeMs || openTimeMs <= lastMinuteMs) {
            throw new IllegalArgumentException(driver + " minute " + openTimeMs + " is not a minute after "
                    + lastMinuteMs);
        }
        for (Bar bar : bars.values()) {
            if (bar.timeframe() != Timeframe.M1 || bar.openTimeMs() != openTimeMs) {
                throw new IllegalArgumentException(driver + " minute " + openTimeMs + " given a bar of "
                        + bar.tokenContract() + " " + bar.timeframe() + " @" + bar.openTimeMs());
            }
        }
        BigDecimal sumClose = BigDecimal.ZERO;
        BigDecimal sumHigh = BigDecimal.ZERO;
        BigDecimal sumLow = BigDecimal.ZERO;
        int used = 0;
        for (String member : new TreeSet<>(members)) {
            Bar now = bars.get(member);
            Bar before = previousMinute.get(member);
            if (now == null || before == null || before.openTimeMs() != openTimeMs - MINUTE_MS
                    || before.close().signum() <= 0) {
                membersLeftOut++;
                continue;
            }
            BigDecimal base = before.close();
            sumClose = sumClose.add(now.close().divide(base, MC), MC);
            sumHigh = sumHigh.add(now.high().divide(base, MC), MC);
            sumLow = sumLow.add(now.low().divide(base, MC), MC);
            used++;
        }
        previousMinute = Map.copyOf(bars);
        lastMinuteMs = openTimeMs;
        if (used < MIN_MEMBERS) {
            thinMinutes++;
            return Optional.empty();
        }
        BigDecimal n = BigDecimal.valueOf(used);
        BigDecimal open = lastClose;
        BigDecimal close = open.multiply(sumClose.divide(n, MC), MC);
        BigDecimal high = open.max(open.multiply(sumHigh.divide(n, MC), MC));
        BigDecimal low = open.min(open.multiply(sumLow.divide(n, MC), MC));
        lastClose = close;
        barsMade++;
        return Optional.of(new Bar(driver, CHAIN, Timeframe.M1, openTimeMs, open, high, low, close, BigDecimal.ZERO,
                0));
    }

    /** The close the next bar opens at: {@link #BASE} until the first bar. */
    public BigDecimal lastClose() {
        return lastClose;
    }

    public Counts counts() {
        return new Counts(barsMade, thinMinutes, membersLeftOut);
    }
}
