package lotus.sim.solana;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated token's USD price, minute by minute: a seeded walk whose step at minute {@code m} is a pure function of
 * (seed, mint, m), so the path does not depend on who asked when. It is anchored at the minute the token was listed
 * (and again at each {@link #set}); before the first anchor the same steps run backwards, which gives the token a past
 * (the demo's stand-in for the history DexScreener never serves). With regimes, hours-long stretches of steady rise,
 * chop, crash and recovery shape the walk, as the Hyperliquid simulator's paths do, so a trend engine meets every
 * state. Not thread-safe: {@link SolanaMarket} guards it.
 */
final class TokenPath {

    /** Prices keep 12 significant digits: enough for a 1e-10 token, exact as decimal strings. */
    static final MathContext DIGITS = new MathContext(12);
    /** A regime lasts this many minutes; each token's windows are shifted by its own seeded offset. */
    private static final int REGIME_MINUTES = 180;

    /** Drift per hour and how much the volatility is scaled, as in the Hyperliquid simulator's price paths. */
    private enum Regime {
        UPTREND(0.005, 0.8), CHOP(0.0, 1.0), CRASH(-0.025, 2.0), RECOVERY(0.010, 1.2);

        final double driftPerMinute;
        final double volMultiplier;

        Regime(double driftPerHour, double volMultiplier) {
            this.driftPerMinute = driftPerHour / 60;
            this.volMultiplier = volMultiplier;
        }
    }

    private final long seed;
    private final String mint;
    private final double volatility;
    private final boolean regimes;
    private final long regimeOffset;
    /** Minute → price set there: the listing, then every {@link #set}. */
    private final TreeMap<Long, BigDecimal> anchors = new TreeMap<>();
    /** {@code before.get(i)} is the price at the first anchor's minute − 1 − i. */
    private final List<BigDecimal> before = new ArrayList<>();
    private long walkedMinute;
    private BigDecimal walkedPrice;

    /**
     * @param volatility the largest step, as a fraction, of a minute (scaled by the regime when there are regimes)
     */
    TokenPath(long seed, String mint, BigDecimal startUsd, long minute, double volatility, boolean regimes) {
        this.seed = seed;
        this.mint = mint;
        this.volatility = volatility;
        this.regimes = regimes;
        this.regimeOffset = new SplittableRandom(seed ^ mint.hashCode()).nextLong(REGIME_MINUTES);
        set(minute, startUsd);
    }

    /** The path goes on from {@code usd} at {@code minute}; what it said for later minutes is forgotten. */
    void set(long minute, BigDecimal usd) {
        anchors.tailMap(minute, true).clear();
        anchors.put(minute, usd);
        walkedMinute = minute;
        walkedPrice = usd;
    }

    /** The price at {@code minute} (minutes since the epoch). */
    BigDecimal at(long minute) {
        Map.Entry<Long, BigDecimal> anchor = anchors.floorEntry(minute);
        if (anchor == null) {
            return backwards(minute);
        }
        // Walk on from the last answer when it lies in this anchor's stretch, else from the anchor.
        boolean fromWalk = walkedMinute >= anchor.getKey() && walkedMinute <= minute;
        long m = fromWalk ? walkedMinute : anchor.getKey();
        BigDecimal price = fromWalk ? walkedPrice : anchor.getValue();
        while (m < minute) {
            m++;
            price = price.multiply(BigDecimal.valueOf(factor(m)), DIGITS);
        }
        walkedMinute = minute;
        walkedPrice = price;
        return price;
    }

    private BigDecimal backwards(long minute) {
        long first = anchors.firstKey();
        int index = Math.toIntExact(first - 1 - minute);
        while (before.size() <= index) {
            long m = first - before.size();
            BigDecimal later = before.isEmpty() ? anchors.firstEntry().getValue() : before.getLast();
            before.add(later.divide(BigDecimal.valueOf(factor(m)), DIGITS));
        }
        return before.get(index);
    }

    /** price(m) = price(m − 1) × factor(m). */
    private double factor(long minute) {
        double u = new SplittableRandom(seed ^ mint.hashCode() * 31L ^ minute * 0x9E3779B97F4A7C15L)
                .nextDouble(-1, 1);
        if (!regimes) {
            return 1 + u * volatility;
        }
        Regime r = regime(minute);
        return 1 + r.driftPerMinute + u * volatility * r.volMultiplier;
    }

    private Regime regime(long minute) {
        long window = Math.floorDiv(minute + regimeOffset, REGIME_MINUTES);
        double roll = new SplittableRandom(seed * 0x2545F4914F6CDD1DL ^ mint.hashCode() ^ window).nextDouble();
        return roll < 0.35 ? Regime.UPTREND : roll < 0.7 ? Regime.CHOP : roll < 0.8 ? Regime.CRASH : Regime.RECOVERY;
    }
}
