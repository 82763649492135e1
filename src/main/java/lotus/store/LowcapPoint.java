package lotus.store;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One row of {@code lowcap_price_data_1m}: a token's price as DexScreener gave it at {@code timestampMs} (SOLANA.md
 * §2.4). Only {@code priceUsd} is required; every figure the answer did not give is null and stored as NULL.
 *
 * @param priceNative the price in SOL; null when SOL's own price was missing that cycle
 */
public record LowcapPoint(String tokenContract, String chain, long timestampMs, BigDecimal priceUsd,
        BigDecimal priceNative, String quoteToken, BigDecimal liquidityUsd, BigDecimal liquidityChange1m,
        BigDecimal volume1m, BigDecimal volume5m, BigDecimal volume1h, BigDecimal volume6h, BigDecimal volume24h,
        BigDecimal priceChange24h, BigDecimal marketCap, BigDecimal fdv, String dexId, String pairAddress,
        String source) {

    public LowcapPoint {
        Objects.requireNonNull(tokenContract, "tokenContract");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(source, "source");
        if (priceUsd == null || priceUsd.signum() <= 0) {
            throw new IllegalArgumentException("a point needs a positive USD price, got " + priceUsd);
        }
    }
}
