package lotus.hyperliquid.info;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One fill of {@code userFills} or {@code userFillsByTime} (HYPERLIQUID.md §2.3, §3). Key fills on {@code tid}, not
 * {@code hash} (§8, 16).
 *
 * @param coin  the API coin ({@code ETH}, {@code PURR/USDC}, {@code @107})
 * @param side  {@code B} buy or {@code A} sell
 * @param cloid null when the order had none
 */
public record UserFill(String coin, BigDecimal px, BigDecimal sz, String side, long timeMs, long oid, long tid,
        String cloid, BigDecimal fee, String feeToken) {

    public UserFill {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(px, "px");
        Objects.requireNonNull(sz, "sz");
        Objects.requireNonNull(fee, "fee");
        if (!"B".equals(side) && !"A".equals(side)) {
            throw new IllegalArgumentException("fill side must be B or A: " + side);
        }
    }

    public boolean isBuy() {
        return "B".equals(side);
    }

    /** {@code sz} with the sign of the side: positive for buys. */
    public BigDecimal signedSz() {
        return isBuy() ? sz : sz.negate();
    }
}
