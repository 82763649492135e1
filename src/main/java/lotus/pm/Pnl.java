package lotus.pm;

import java.math.BigDecimal;

/**
 * A position's PnL (STRATEGY.md §5), in USD and in percent of the allocated total.
 *
 * @param currentUsdValue  quantity × latest close
 * @param totalPnlUsd      current + extracted − allocated
 * @param unrealisedPnlUsd (close − avg entry) × quantity
 * @param rpnlUsd          total − unrealised
 */
public record Pnl(
        BigDecimal currentUsdValue,
        BigDecimal totalPnlUsd,
        BigDecimal totalPnlPct,
        BigDecimal unrealisedPnlUsd,
        BigDecimal unrealisedPnlPct,
        BigDecimal rpnlUsd,
        BigDecimal rpnlPct) {
}
