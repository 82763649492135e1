package lotus.solana.dex;

import java.math.BigDecimal;
import java.math.MathContext;
import lotus.solana.common.Mints;

/**
 * A token's 1m point from the pair that prices it (SOLANA.md §2.3–2.4). Pure. The native price is always in SOL:
 * the pair's own quote price when its other side is WSOL, else the USD price over SOL's USD price of the same cycle
 * (the predecessor stored whatever the quote was, which mixed units when the chosen pair changed).
 */
public final class PointBuilder {

    /** A point, or why there is none this cycle. */
    public sealed interface Outcome permits Built, NoPoint {
    }

    public record Built(PricePoint point) implements Outcome {
    }

    /** @param reason {@code no_native_price} or {@code no_usd_price}, the names the collector counts them by */
    public record NoPoint(String reason) implements Outcome {
    }

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);

    private PointBuilder() {
    }

    /**
     * @param solUsd            SOL's USD price this cycle; null when its point is missing
     * @param previousLiquidity the token's liquidity at its previous point; null when unknown
     */
    public static Outcome build(String mint, DexPair pair, BigDecimal solUsd, BigDecimal previousLiquidity,
            long timestampMs) {
        PairPicker.Priced priced = PairPicker.price(mint, pair).orElse(null);
        if (priced == null) {
            return new NoPoint("no_native_price");
        }
        String other = pair.otherSide(mint);
        boolean onSol = Mints.WSOL.equals(other);
        BigDecimal usd = priced.usd();
        if (usd == null && onSol && solUsd != null) {
            usd = priced.inQuote().multiply(solUsd, MC);
        }
        if (usd == null || usd.signum() <= 0) {
            return new NoPoint("no_usd_price");
        }
        BigDecimal nativeSol;
        if (Mints.WSOL.equals(mint)) {
            nativeSol = BigDecimal.ONE;
        } else if (onSol) {
            nativeSol = priced.inQuote();
        } else {
            nativeSol = solUsd == null || solUsd.signum() <= 0 ? null : usd.divide(solUsd, MC);
        }
        BigDecimal liquidity = pair.liquidityUsd();
        BigDecimal change = liquidity == null || previousLiquidity == null ? null
                : liquidity.subtract(previousLiquidity, MC);
        return new Built(new PricePoint(mint, timestampMs, usd, nativeSol,
                priced.tokenIsBase() ? pair.quoteSymbol() : pair.baseSymbol(), liquidity, change,
                pair.volumeM5() == null ? null : pair.volumeM5().divide(FIVE, MC), pair.volumeM5(), pair.volumeH1(),
                pair.volumeH6(), pair.volumeH24(), pair.priceChangeH24(), pair.marketCap(), pair.fdv(),
                pair.dexId(), pair.pairAddress()));
    }
}
