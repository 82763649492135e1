package lotus.sim;

/**
 * One market of the simulated exchange, as a client sees it in {@code meta} and {@code spotMeta}.
 *
 * @param apiCoin    the coin string used in /info and WebSocket requests: the perp name ({@code BTC}), or for spot
 *                   {@code PURR/USDC} (pair index 0) and {@code @<index>} for every other pair (HYPERLIQUID.md §4)
 * @param name       perps: same as {@code apiCoin}; spot: the human pair name ({@code HYPE/USDC})
 * @param szDecimals size decimals; for spot the base token's
 * @param maxLeverage perps: 3..50; spot: 1 (no leverage)
 * @param index      perps: position in {@code meta.universe}; spot: the pair index ({@code spotMeta.universe[k].index})
 */
public record SimAsset(String apiCoin, String name, Kind kind, int szDecimals, int maxLeverage, int index) {

    public enum Kind { PERP, SPOT }

    public SimAsset {
        if (apiCoin == null || apiCoin.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("asset apiCoin and name must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("asset kind must not be null: " + apiCoin);
        }
        if (szDecimals < 0 || szDecimals > maxPriceDecimals(kind)) {
            throw new IllegalArgumentException("szDecimals " + szDecimals + " out of range for " + apiCoin);
        }
        if (maxLeverage < 1 || index < 0) {
            throw new IllegalArgumentException("bad maxLeverage or index for " + apiCoin);
        }
    }

    /** {@code MAX_DECIMALS} of HYPERLIQUID.md §5: 6 for perps, 8 for spot. */
    static int maxPriceDecimals(Kind kind) {
        return kind == Kind.PERP ? 6 : 8;
    }

    /** Decimals a price of this asset may have at most: {@code MAX_DECIMALS - szDecimals}. */
    int priceDecimals() {
        return maxPriceDecimals(kind) - szDecimals;
    }

    /** The id signed into orders: the perp index, or 10000 + pair index for spot (HYPERLIQUID.md §4). */
    public int assetId() {
        return kind == Kind.PERP ? index : 10_000 + index;
    }
}
