package lotus.sim;

import java.math.BigDecimal;

/**
 * One fill of one of our orders, with the fields of HYPERLIQUID.md §2.3. Simulated fills are always taker fills
 * ({@code crossed} true). The fee is in USDC ({@code feeToken} USDC) for perps and spot sells; a spot buy's is in base
 * units, {@code feeToken} the base token's name, as on the venue.
 *
 * @param side          {@code B} buy or {@code A} sell
 * @param startPosition perps: the signed position before the fill; spot: the base balance before it
 * @param dir           {@code Open Long}, {@code Close Short}, {@code Long > Short}, …; spot: {@code Buy}, {@code Sell}
 * @param cloid         null when the order had none
 */
public record SimFill(String coin, BigDecimal px, BigDecimal sz, String side, long timeMs,
        BigDecimal startPosition, String dir, BigDecimal closedPnl, String hash, long oid, boolean crossed,
        BigDecimal fee, long tid, String feeToken, String cloid) {
}
