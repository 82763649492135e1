package lotus.solana.dex;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One row of {@code lowcap_price_data_1m} (SOLANA.md §2.4). Only {@code priceUsd} is required; every other figure
 * the answer did not give is null, never 0 (0 liquidity would read as a rug).
 *
 * @param priceNative the price in SOL; 1 for WSOL; null when SOL's own price is missing this cycle
 * @param quoteToken  the symbol of the pair's other side
 */
public record PricePoint(String tokenContract, long timestampMs, BigDecimal priceUsd, BigDecimal priceNative,
        String quoteToken, BigDecimal liquidityUsd, BigDecimal liquidityChange1m, BigDecimal volume1m,
        BigDecimal volume5m, BigDecimal volume1h, BigDecimal volume6h, BigDecimal volume24h,
        BigDecimal priceChange24h, BigDecimal marketCap, BigDecimal fdv, String dexId, String pairAddress) {

    public static final String SOURCE = "dexscreener";

    public PricePoint {
        Objects.requireNonNull(tokenContract, "tokenContract");
        Objects.requireNonNull(priceUsd, "priceUsd");
        if (priceUsd.signum() <= 0) {
            throw new IllegalArgumentException("a point needs a positive USD price, got " + priceUsd);
        }
    }
}
