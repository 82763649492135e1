package lotus.learning;

/**
 * An exponentially weighted mean of rr over closing times: each trade weighs e^{-Δt/τ}, Δt its age at the latest
 * close seen. Kept as decayed sums, so a trade is applied in O(1) and a close older than the latest one (strands of
 * different positions interleave) weighs what it would have weighed in time order.
 *
 * @param lastClosedAtMs the reference time the sums are decayed to
 */
// Ambiguity: the mean is normalised (Σ w·rr / Σ w) rather than the recursive x += α(rr - x), which would let the
// first trade of a timeframe weigh fully; normalised, it needs no wall clock either: the ratio ignores the reference.
public record Ewma(long lastClosedAtMs, double weight, double weightedRr) {

    /** τ = 14 days (STRATEGY.md §7). */
    static final double TAU_MS = 14 * 86_400_000.0;

    static final Ewma EMPTY = new Ewma(Long.MIN_VALUE, 0, 0);

    Ewma plus(double rr, long closedAtMs) {
        if (weight == 0) {
            return new Ewma(closedAtMs, 1, rr);
        }
        if (closedAtMs >= lastClosedAtMs) {
            double decay = Math.exp(-(closedAtMs - lastClosedAtMs) / TAU_MS);
            return new Ewma(closedAtMs, weight * decay + 1, weightedRr * decay + rr);
        }
        double w = Math.exp(-(lastClosedAtMs - closedAtMs) / TAU_MS);
        return new Ewma(lastClosedAtMs, weight + w, weightedRr + w * rr);
    }

    /** The same mean with its sums decayed to a later reference time, to add series of different timeframes. */
    Ewma decayedTo(long referenceMs) {
        if (weight == 0 || referenceMs == lastClosedAtMs) {
            return this;
        }
        if (referenceMs < lastClosedAtMs) {
            throw new IllegalArgumentException("cannot decay to an earlier time");
        }
        double decay = Math.exp(-(referenceMs - lastClosedAtMs) / TAU_MS);
        return new Ewma(referenceMs, weight * decay, weightedRr * decay);
    }

    double mean() {
        return weight == 0 ? 0 : weightedRr / weight;
    }
}
