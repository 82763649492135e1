package lotus.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.pm.Pnl;
import lotus.pm.Position;
import lotus.pm.TradeClosure;

/**
 * What one book holds and has made, from its positions as stored: the numbers the gate's buy limits compare.
 *
 * <p>Exposure of a position holding a quantity is its {@code features.pnl.current_usd_value} (quantity × the close
 * of its last tick: a price at most one bar old, and free); a position the PM has not marked yet counts at cost,
 * {@code total_allocation_usd − total_extracted_usd} floored at 0. Marked PnL is {@code features.pnl.total_pnl_usd} of
 * the positions holding a quantity (the open trade's PnL since its entry, which may predate today: stricter, never
 * laxer). Realised PnL is the {@code pnl_usd} of {@code completed_trades}, today's being those whose
 * {@code closed_at_ms} falls on or after the UTC midnight.
 *
 * @param tokenExposureUsd   exposure per token_contract, across its timeframes
 * @param openPositions      positions holding a quantity
 * @param realisedTodayUsd   PnL of the trades closed today (UTC)
 * @param realisedAllTimeUsd PnL of every closed trade
 * @param markedUsd          PnL of the open trades
 */
public record BookUsage(String bookId, BigDecimal exposureUsd, Map<String, BigDecimal> tokenExposureUsd,
        int openPositions, BigDecimal realisedTodayUsd, BigDecimal realisedAllTimeUsd, BigDecimal markedUsd) {

    private static final MathContext MC = MathContext.DECIMAL128;

    public BookUsage {
        tokenExposureUsd = Map.copyOf(tokenExposureUsd);
    }

    /** Today's realised plus marked PnL: negative is a loss. */
    public BigDecimal pnlTodayUsd() {
        return realisedTodayUsd.add(markedUsd, MC);
    }

    /** The book's equity: what it was given plus every realised and marked dollar since. */
    public BigDecimal equityUsd(BigDecimal walletUsd) {
        return walletUsd.add(realisedAllTimeUsd, MC).add(markedUsd, MC);
    }

    public BigDecimal tokenExposureUsd(String tokenContract) {
        return tokenExposureUsd.getOrDefault(tokenContract, BigDecimal.ZERO);
    }

    /** @param dayStartMs the UTC midnight that starts today */
    public static BookUsage of(String bookId, List<Position> positions, long dayStartMs) {
        BigDecimal exposure = BigDecimal.ZERO;
        Map<String, BigDecimal> byToken = new TreeMap<>();
        int open = 0;
        BigDecimal realisedToday = BigDecimal.ZERO;
        BigDecimal realisedAll = BigDecimal.ZERO;
        BigDecimal marked = BigDecimal.ZERO;
        for (Position p : positions) {
            for (TradeClosure.ClosedTrade t : p.completedTrades()) {
                // Net of fees: the daily loss stop and the book's equity count what the trades cost.
                BigDecimal pnl = t.netPnlUsd() != null ? t.netPnlUsd() : t.pnlUsd();
                if (pnl == null) {
                    continue;
                }
                realisedAll = realisedAll.add(pnl, MC);
                if (t.exitTimeMs() >= dayStartMs) {
                    realisedToday = realisedToday.add(pnl, MC);
                }
            }
            if (p.quantity().signum() <= 0) {
                continue;
            }
            open++;
            Pnl pnl = p.features().pnl();
            BigDecimal value = pnl == null ? null : pnl.currentUsdValue();
            if (value == null) {
                value = p.totalAllocationUsd().subtract(p.totalExtractedUsd(), MC).max(BigDecimal.ZERO);
            }
            exposure = exposure.add(value, MC);
            byToken.merge(p.tokenContract(), value, (a, b) -> a.add(b, MC));
            BigDecimal total = pnl == null ? null : pnl.netPnlUsd() != null ? pnl.netPnlUsd() : pnl.totalPnlUsd();
            if (total != null) {
                marked = marked.add(total, MC);
            }
        }
        return new BookUsage(bookId, exposure, byToken, open, realisedToday, realisedAll, marked);
    }
}
