package lotus.sim.solana;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The simulated Solana tokens' prices, one path per mint, read at the clock's current time: the same source feeds the
 * DexScreener side (collected bars) and the Jupiter and RPC side (quotes and fills), so the two agree (SOLANA.md §6).
 */
public interface SolanaPrices {

    /** USD per whole token now; empty for a mint the simulator does not know. USDC and USDT are 1. */
    Optional<BigDecimal> usd(String mint);

    /** The mint's decimals (USDC 6, WSOL 9); empty for an unknown mint. */
    Optional<Integer> decimals(String mint);

    /** USD depth of the token's main pool: a quote's price impact grows with size over it. */
    BigDecimal poolDepthUsd(String mint);
}
