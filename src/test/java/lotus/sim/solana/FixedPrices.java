package lotus.sim.solana;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lotus.solana.common.Mints;

/**
 * Prices a test sets by hand: USDC at $1 (6 decimals), WSOL at $150 (9) and one token with its own price, decimals
 * and pool depth (the only shallow pool, so its size sets every swap's impact).
 */
public final class FixedPrices implements SolanaPrices {

    private final String token;
    private final BigDecimal depthUsd;
    private final Map<String, BigDecimal> usd = new ConcurrentHashMap<>();
    private final Map<String, Integer> decimals;

    public FixedPrices(String token, String usdPrice, int tokenDecimals, String depthUsd) {
        this.token = token;
        this.depthUsd = new BigDecimal(depthUsd);
        usd.putAll(Map.of(Mints.USDC, BigDecimal.ONE, Mints.WSOL, new BigDecimal("150"), token,
                new BigDecimal(usdPrice)));
        decimals = Map.of(Mints.USDC, 6, Mints.WSOL, 9, token, tokenDecimals);
    }

    /** Moves a price from now on. */
    public void set(String mint, String price) {
        usd.put(mint, new BigDecimal(price));
    }

    @Override
    public Optional<BigDecimal> usd(String mint) {
        return Optional.ofNullable(usd.get(mint));
    }

    @Override
    public Optional<Integer> decimals(String mint) {
        return Optional.ofNullable(decimals.get(mint));
    }

    @Override
    public BigDecimal poolDepthUsd(String mint) {
        return mint.equals(token) ? depthUsd : BigDecimal.ZERO;
    }
}
