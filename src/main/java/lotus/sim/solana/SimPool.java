package lotus.sim.solana;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One simulated DEX pool as DexScreener lists it (SOLANA.md §6): its prices come from the two mints' paths. The
 * flags blank what the real API sometimes leaves out, so a collector meets every shape.
 *
 * @param liquidityUsd   USD depth; null leaves the whole {@code liquidity} object out
 * @param priceUsdKnown  false answers {@code "priceUsd": null}
 * @param capsKnown      false answers {@code "fdv": null, "marketCap": null}
 * @param pairCreatedAtMs null answers {@code "pairCreatedAt": null}
 * @param labels         null answers {@code "labels": null}
 */
public record SimPool(String pairAddress, String dexId, String baseMint, String quoteMint, BigDecimal liquidityUsd,
        boolean priceUsdKnown, boolean capsKnown, Long pairCreatedAtMs, List<String> labels) {

    public SimPool {
        Objects.requireNonNull(pairAddress, "pairAddress");
        Objects.requireNonNull(dexId, "dexId");
        Objects.requireNonNull(baseMint, "baseMint");
        Objects.requireNonNull(quoteMint, "quoteMint");
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** A plain pool with every field present. */
    public static SimPool of(String pairAddress, String baseMint, String quoteMint, String liquidityUsd) {
        return new SimPool(pairAddress, "raydium", baseMint, quoteMint, new BigDecimal(liquidityUsd), true, true,
                1_717_171_717_000L, List.of("CLMM"));
    }

    public boolean has(String mint) {
        return baseMint.equals(mint) || quoteMint.equals(mint);
    }
}
