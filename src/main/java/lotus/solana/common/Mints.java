package lotus.solana.common;

/** The mints and programs Lotus names on Solana (SOLANA.md §1). Base58 and case-sensitive: compared exactly. */
public final class Mints {

    /** Wrapped SOL, 9 decimals: prices every other token's native price and the wallet. */
    public static final String WSOL = "So11111111111111111111111111111111111111112";
    /** USD Coin, 6 decimals. */
    public static final String USDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";
    /** USDC's decimals: a buy's notional in raw units is {@code floor(usd × 10^6)}. */
    public static final int USDC_DECIMALS = 6;
    /** Tether USD, 6 decimals. */
    public static final String USDT = "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB";

    private Mints() {
    }

    /** A dollar stablecoin, matched by mint (a symbol can be spoofed). */
    public static boolean isUsdStable(String mint) {
        return USDC.equals(mint) || USDT.equals(mint);
    }
}
