package lotus.solana.dex;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lotus.solana.common.Mints;

/**
 * Which pool prices a token, and its price from that pool (SOLANA.md §2.3). Pure: the same answer and the same
 * tracked mint always give the same pair and price.
 */
public final class PairPicker {

    /** A token's price this cycle, from {@code pair}. {@code inQuote} is in units of the pair's other side. */
    public record Priced(DexPair pair, boolean tokenIsBase, BigDecimal inQuote, BigDecimal usd) {
    }

    /** Highest liquidity first (missing counts as 0); ties by pair address, so the choice is deterministic. */
    private static final Comparator<DexPair> BEST = Comparator
            .comparing((DexPair p) -> p.liquidityUsd() == null ? BigDecimal.ZERO : p.liquidityUsd()).reversed()
            .thenComparing(DexPair::pairAddress);

    private PairPicker() {
    }

    /**
     * The pair that prices {@code mint}: for WSOL the deepest pair against USDC or USDT (by mint); for any other
     * token the deepest pair against WSOL, else the deepest of all its pairs. Empty when no pair on Solana has it.
     */
    public static Optional<DexPair> pick(String mint, List<DexPair> answer) {
        List<DexPair> candidates = answer.stream().filter(p -> p.chainId().equals("solana")
                && (p.baseMint().equals(mint) || p.quoteMint().equals(mint))).toList();
        if (Mints.WSOL.equals(mint)) {
            return candidates.stream().filter(p -> Mints.isUsdStable(p.otherSide(mint))).min(BEST);
        }
        Optional<DexPair> onSol = candidates.stream().filter(p -> Mints.WSOL.equals(p.otherSide(mint))).min(BEST);
        return onSol.isPresent() ? onSol : candidates.stream().min(BEST);
    }

    /**
     * The token's price from its pair, whichever side it is on. On the quote side both are inverted through the
     * pair's native price (the predecessor's {@code 1/priceUsd} was base tokens per USD, not a price). Empty without
     * a positive native price. {@code usd} is null when the pair has no USD price; the caller may derive it from
     * SOL's.
     */
    public static Optional<Priced> price(String mint, DexPair pair) {
        BigDecimal nat = pair.priceNative();
        if (nat == null || nat.signum() <= 0) {
            return Optional.empty();
        }
        if (pair.baseMint().equals(mint)) {
            return Optional.of(new Priced(pair, true, nat, pair.priceUsd()));
        }
        BigDecimal usd = pair.priceUsd() == null ? null : pair.priceUsd().divide(nat, MathContext.DECIMAL128);
        return Optional.of(new Priced(pair, false, BigDecimal.ONE.divide(nat, MathContext.DECIMAL128), usd));
    }
}
