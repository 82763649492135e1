package lotus.solana.dex;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One DexScreener pair (SOLANA.md §2.2), as much of it as the collector uses. Prices are the wire's decimal strings
 * read exactly; market figures are JSON numbers.
 *
 * @param priceNative price of the base token in quote units; null when absent
 * @param priceUsd    USD price of the base token; null when absent
 * @param liquidityUsd null when the pair has no liquidity object
 */
public record DexPair(String chainId, String dexId, String pairAddress, String baseMint, String baseSymbol,
        String quoteMint, String quoteSymbol, BigDecimal priceNative, BigDecimal priceUsd, BigDecimal liquidityUsd,
        BigDecimal volumeM5, BigDecimal volumeH1, BigDecimal volumeH6, BigDecimal volumeH24,
        BigDecimal priceChangeH24, BigDecimal marketCap, BigDecimal fdv, Long pairCreatedAtMs) {

    public DexPair {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(pairAddress, "pairAddress");
        Objects.requireNonNull(baseMint, "baseMint");
        Objects.requireNonNull(quoteMint, "quoteMint");
    }

    /** The mint on the other side of the pair from {@code mint}. */
    public String otherSide(String mint) {
        return baseMint.equals(mint) ? quoteMint : baseMint;
    }
}
