package lotus.pm;

/**
 * Leverage as part of sizing (seed §9, STRATEGY.md §4): 0 means spot, or "leave the venue's leverage alone". With a
 * cap {@code c = min(configuredMax, assetMax)} ≥ 1, leverage rises linearly with A from 1 at A = 0 to c at A = 1:
 * {@code 1 + ⌊A × (c − 1)⌋}; monotone in A and never above either maximum.
 *
 * @param configuredMax the book's maximum; 0 (the default) keeps every order at leverage 0
 */
public record LeveragePolicy(int configuredMax) {

    public static final LeveragePolicy SPOT = new LeveragePolicy(0);

    public LeveragePolicy {
        if (configuredMax < 0) {
            throw new IllegalArgumentException("configured max leverage must not be negative: " + configuredMax);
        }
    }

    /** Leverage for a buy at appetite {@code a}, on an asset allowing at most {@code assetMax} (0 for spot assets). */
    public int leverage(double a, int assetMax) {
        int cap = Math.min(configuredMax, Math.max(0, assetMax));
        if (cap <= 0) {
            return 0;
        }
        double clamped = Math.max(0, Math.min(1, a));
        // The epsilon puts products that should be whole on their step: 0.57 × 100 is 56.999… in binary.
        return Math.min(cap, 1 + (int) Math.floor(clamped * (cap - 1) + 1e-9));
    }
}
