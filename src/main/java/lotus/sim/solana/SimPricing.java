package lotus.sim.solana;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import lotus.solana.common.Mints;

/**
 * The one swap formula of the simulated Solana venue: Jupiter's quote and the chain's execution at landing both use
 * it, so a fill differs from its quote only because the price path moved in between (SOLANA.md §6).
 *
 * <p>Output = input's USD value at the current prices, less the price impact, in the output's raw units, rounded down.
 * The impact fraction is {@code notional / (depth + notional)} over the traded token's pool depth (never the
 * stablecoin's), so it grows with size and is 0 for nothing.
 */
public final class SimPricing {

    private static final MathContext MC = MathContext.DECIMAL128;

    /** What a swap of {@code inAmount} raw units would give now, with the impact it suffers. */
    public record Out(BigInteger amount, BigDecimal priceImpact) {
    }

    private SimPricing() {
    }

    /** Empty when either mint has no price or no decimals (no route). */
    public static Optional<Out> swap(SolanaPrices prices, String inputMint, BigInteger inAmount, String outputMint) {
        Optional<BigDecimal> inUsd = prices.usd(inputMint);
        Optional<BigDecimal> outUsd = prices.usd(outputMint);
        Optional<Integer> inDec = prices.decimals(inputMint);
        Optional<Integer> outDec = prices.decimals(outputMint);
        if (inUsd.isEmpty() || outUsd.isEmpty() || inDec.isEmpty() || outDec.isEmpty() || outUsd.get().signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal notional = new BigDecimal(inAmount).movePointLeft(inDec.get()).multiply(inUsd.get(), MC);
        // The traded token's pool sets the impact; a stablecoin side has no say in it (its own depth is that of every
        // pool it is in). Between two tokens, the shallower one; a depth of 0 is one the simulation does not limit.
        Optional<BigDecimal> depth = java.util.stream.Stream.of(inputMint, outputMint)
                .filter(m -> !Mints.isUsdStable(m)).map(prices::poolDepthUsd).filter(d -> d.signum() > 0)
                .min(BigDecimal::compareTo);
        BigDecimal impact = notional.signum() == 0 || depth.isEmpty() ? BigDecimal.ZERO
                : notional.divide(depth.get().add(notional), MC);
        BigDecimal out = notional.multiply(BigDecimal.ONE.subtract(impact), MC).divide(outUsd.get(), MC)
                .movePointRight(outDec.get()).setScale(0, RoundingMode.DOWN);
        return Optional.of(new Out(out.toBigIntegerExact(), impact));
    }
}
