package lotus.pm;

import java.math.BigDecimal;
import lotus.time.Timeframe;

/** How much of a book's wallet a position may use when none is given: what {@code positions add} and backtests use. */
public final class AllocationPolicy {

    private static final BigDecimal PER_TOKEN_PCT = new BigDecimal("15");

    private AllocationPolicy() {
    }

    /**
     * STRATEGY.md §5: 15 % of the wallet per token, split 15m 20 %, 1h 40 %, 4h 40 %. Ambiguity: §5 names only those
     * three timeframes; 1m and 5m take the 15m share and 1d the 4h share.
     */
    public static BigDecimal defaultPct(Timeframe tf) {
        BigDecimal share = switch (tf) {
            case M1, M5, M15 -> new BigDecimal("0.20");
            case H1, H4, D1 -> new BigDecimal("0.40");
        };
        return PER_TOKEN_PCT.multiply(share).stripTrailingZeros();
    }
}
