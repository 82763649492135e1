package lotus.pm;

import java.math.BigDecimal;

/**
 * A position's PnL (STRATEGY.md §5), in USD and in percent of the allocated total: §5's gross figures, and the net
 * one after the trade's fees (issue 16).
 *
 * @param currentUsdValue  quantity × latest close
 * @param totalPnlUsd      current + extracted − allocated
 * @param unrealisedPnlUsd (close − avg entry) × quantity
 * @param rpnlUsd          total − unrealised
 * @param feesUsd          the fees of the trade's fills so far
 * @param netPnlUsd        total − fees
 */
public record Pnl(
        BigDecimal currentUsdValue,
        BigDecimal totalPnlUsd,
        BigDecimal totalPnlPct,
        BigDecimal unrealisedPnlUsd,
        BigDecimal unrealisedPnlPct,
        BigDecimal rpnlUsd,
        BigDecimal rpnlPct,
        BigDecimal feesUsd,
        BigDecimal netPnlUsd,
        BigDecimal netPnlPct) {
}
