package lotus.pm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import lotus.learning.Scope;
import lotus.market.Bar;

/**
 * Closes a trade whose quantity reached zero (STRATEGY.md §6): R/R on the bars of the position's own venue table
 * over the holding period (fix: the older system read the Solana table for every venue) and on the return net of
 * fees (issue 16: a trade that only earns its fees is no win), the outcome and hold-time classes, the summary
 * appended to {@code completed_trades}, and the row reset to {@code watchlist} with zeroed quantities and fees.
 * Pure: the caller reads the bars and writes the result with the {@code position_closed} strand in one transaction.
 */
public final class TradeClosure {

    static final double RR_CLAMP = 33;
    static final long DAY_MS = 86_400_000L;
    private static final MathContext MC = new MathContext(34);

    /** What is known of the trade's start: recorded by the PM when the first buy filled. */
    public record Entry(long timeMs, String state, String event) {
    }

    /**
     * @param returnFrac    gross return, (exit − entry) / entry, as STRATEGY.md §6 defines it; kept for reports
     * @param netReturnFrac the return after fees: gross − fees / allocated
     * @param rr            net return / max drawdown, clamped to [-33, 33]; with no drawdown 33 if the net return
     *                      is > 0, else 0. Net, so a trade that only earns its fees teaches a loss, not a win
     * @param exitPrice     the volume-weighted price of every sell of the trade (extracted / tokens sold)
     * @param pnlUsd        gross PnL, extracted − allocated
     * @param feesUsd       the fees of every fill of the trade; 0 in trades recorded before fees were kept
     * @param netPnlUsd     pnl − fees
     */
    public record ClosedTrade(String tradeId, Entry entry, long exitTimeMs, BigDecimal entryPrice, BigDecimal exitPrice,
            double returnFrac, double netReturnFrac, double maxDrawdown, double maxGain, double rr, String outcome,
            String holdClass, BigDecimal allocatedUsd, BigDecimal extractedUsd, BigDecimal pnlUsd, BigDecimal feesUsd,
            BigDecimal netPnlUsd, String closedBy, int bars) {

        public ClosedTrade {
            Objects.requireNonNull(tradeId, "tradeId");
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(feesUsd, "feesUsd");
        }
    }

    private TradeClosure() {
    }

    /** True when {@code after} (a position after a sell fill) holds nothing of an open trade any more. */
    public static boolean closes(Position before, Position after) {
        return before.currentTradeId() != null && before.quantity().signum() > 0 && after.quantity().signum() == 0;
    }

    /**
     * @param p         the position after the fill that emptied it
     * @param held      the position's bars from the entry bar to the exit bar, from its own venue table
     * @param exitTimeMs close time of the bar the exit was decided on
     * @param closedBy  the decision that closed it ({@code emergency_exit}, {@code trim})
     */
    public static ClosedTrade summarise(Position p, Entry entry, List<Bar> held, long exitTimeMs, String closedBy) {
        BigDecimal entryPrice = p.avgEntryPrice();
        if (entryPrice == null || entryPrice.signum() <= 0 || p.totalTokensSold().signum() <= 0) {
            throw new IllegalArgumentException("cannot close " + p.label() + ": no entry price or nothing sold");
        }
        BigDecimal exitPrice = p.totalExtractedUsd().divide(p.totalTokensSold(), MC);
        double entryPx = entryPrice.doubleValue();
        double min = entryPx;
        double max = entryPx;
        for (Bar b : held) {
            min = Math.min(min, b.low().doubleValue());
            max = Math.max(max, b.high().doubleValue());
        }
        double ret = (exitPrice.doubleValue() - entryPx) / entryPx;
        double netRet = p.totalAllocationUsd().signum() <= 0 ? ret
                : ret - p.totalFeesUsd().divide(p.totalAllocationUsd(), MC).doubleValue();
        double drawdown = (entryPx - min) / entryPx;
        double gain = (max - entryPx) / entryPx;
        double rr = rr(netRet, drawdown);
        BigDecimal pnl = p.totalExtractedUsd().subtract(p.totalAllocationUsd(), MC);
        return new ClosedTrade(p.currentTradeId(), entry, exitTimeMs, entryPrice, exitPrice, ret, netRet, drawdown,
                gain, rr, outcome(rr), holdClass(exitTimeMs - entry.timeMs()), p.totalAllocationUsd(),
                p.totalExtractedUsd(), pnl, p.totalFeesUsd(), pnl.subtract(p.totalFeesUsd(), MC), closedBy,
                held.size());
    }

    static double rr(double ret, double drawdown) {
        if (drawdown <= 0) {
            return ret > 0 ? RR_CLAMP : 0;
        }
        return Math.max(-RR_CLAMP, Math.min(RR_CLAMP, ret / drawdown));
    }

    static String outcome(double rr) {
        if (rr > 2) {
            return "big_win";
        }
        if (rr < -1) {
            return "big_loss";
        }
        if (rr > 0.5) {
            return "small_win";
        }
        return rr < 0 ? "small_loss" : "breakeven";
    }

    static String holdClass(long holdMs) {
        if (holdMs < 7 * DAY_MS) {
            return "short";
        }
        return holdMs <= 30 * DAY_MS ? "medium" : "long";
    }

    /** The row after closure: the summary appended, quantities zeroed, back on the watchlist for the next trade. */
    public static Position reset(Position p, ClosedTrade trade) {
        List<ClosedTrade> completed = new java.util.ArrayList<>(p.completedTrades());
        completed.add(trade);
        // The trade's PnL lives in completed_trades now; a flat row has none.
        PositionFeatures features = p.features().withCurrentTrade(null).withPnl(null);
        return p.withHoldings(PositionStatus.WATCHLIST, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, null).withFees(BigDecimal.ZERO)
                .withRecords(p.state(), features, completed);
    }

    /** The learning scope of a closed trade (STRATEGY.md §7): venue and book first, so they never mix. */
    public static Scope scope(Position p, Entry entry) {
        Scope s = Recorder.scope(p);
        return new Scope(s.bookId(), s.tokenChain(), s.timeframe(), s.tokenTicker(), entry.state(), entry.event());
    }
}
