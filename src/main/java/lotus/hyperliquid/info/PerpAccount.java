package lotus.hyperliquid.info;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of {@code clearinghouseState} Lotus checks (HYPERLIQUID.md §3).
 *
 * @param sziByCoin signed position size per API coin (negative = short); coins without a position are absent
 */
public record PerpAccount(BigDecimal accountValue, BigDecimal withdrawable, Map<String, BigDecimal> sziByCoin,
        long timeMs) {

    public PerpAccount {
        Objects.requireNonNull(accountValue, "accountValue");
        Objects.requireNonNull(withdrawable, "withdrawable");
        sziByCoin = Map.copyOf(sziByCoin);
    }

    /** The signed size held in {@code coin}, zero when there is no position. */
    public BigDecimal szi(String coin) {
        return sziByCoin.getOrDefault(coin, BigDecimal.ZERO);
    }
}
