package lotus.hyperliquid.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One market as Lotus names it, queries it and signs for it (HYPERLIQUID.md §4). Store {@code name}, subscribe and
 * query with {@code apiCoin}, sign with {@code assetId}.
 *
 * @param name        perps: the meta name ({@code BTC}); spot: the pair name ({@code HYPE/USDC}), or the API coin
 *                    for a look-alike pair that lost its name to the canonical one
 * @param apiCoin     perps: the meta name; spot: the pair's own {@code name} ({@code PURR/USDC} for pair 0,
 *                    {@code @107} otherwise)
 * @param assetId     perps: position in {@code meta.universe}; spot: 10000 + the pair's {@code index} field
 * @param szDecimals  size decimals; for spot the base token's
 * @param maxLeverage perps: from meta; spot: 1
 * @param delisted    perps marked {@code isDelisted}: kept so their slot and journaled ids still resolve
 */
public record Asset(String name, String apiCoin, int assetId, MarketKind kind, int szDecimals, int maxLeverage,
        boolean delisted) {

    /** Spot asset ids start here (HYPERLIQUID.md §4). */
    public static final int SPOT_ID_OFFSET = 10_000;

    public Asset {
        if (name == null || name.isBlank() || apiCoin == null || apiCoin.isBlank()) {
            throw new IllegalArgumentException("asset name and apiCoin must not be blank: " + name + "/" + apiCoin);
        }
        if (kind == null) {
            throw new IllegalArgumentException("asset kind must not be null: " + apiCoin);
        }
        if (szDecimals < 0 || szDecimals > kind.maxDecimals()) {
            throw new IllegalArgumentException("szDecimals " + szDecimals + " out of 0.." + kind.maxDecimals()
                    + " for " + apiCoin);
        }
        if (maxLeverage < 1) {
            throw new IllegalArgumentException("maxLeverage must be at least 1 for " + apiCoin + ", got " + maxLeverage);
        }
        // Main-dex perps only: HIP-3 builder perps (ids from 110000, HYPERLIQUID.md §4) are not read yet.
        if (kind == MarketKind.PERP ? assetId < 0 || assetId >= SPOT_ID_OFFSET : assetId < SPOT_ID_OFFSET) {
            throw new IllegalArgumentException("asset id " + assetId + " is not a " + kind + " id: " + apiCoin);
        }
    }

    /** The wire price of {@code px} for this asset, rounded in the direction of {@code mode}. */
    public String wirePrice(BigDecimal px, RoundingMode mode) {
        return Wire.price(px, kind, szDecimals, mode);
    }

    /** The wire size of {@code sz} for this asset, rounded down. */
    public String wireSize(BigDecimal sz) {
        return Wire.size(sz, szDecimals);
    }
}
