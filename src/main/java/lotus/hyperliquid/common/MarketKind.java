package lotus.hyperliquid.common;

/** Perp or spot: they differ in asset ids, leverage and how many price decimals they allow (HYPERLIQUID.md §4, §5). */
public enum MarketKind {
    PERP(6),
    SPOT(8);

    private final int maxDecimals;

    MarketKind(int maxDecimals) {
        this.maxDecimals = maxDecimals;
    }

    /** {@code MAX_DECIMALS} of HYPERLIQUID.md §5: a price may carry at most this minus {@code szDecimals} decimals. */
    public int maxDecimals() {
        return maxDecimals;
    }
}
