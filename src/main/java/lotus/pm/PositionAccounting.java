package lotus.pm;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Budget, fills and PnL of STRATEGY.md §5, exactly as written there: allocation is the fill's notional and proceeds
 * are the sell's notional, so the gross figures stay §5's. The fee each {@link ExecutionResult} reports is kept
 * beside them in {@link Position#totalFeesUsd()} (issue 16), and {@link Pnl} gives the net figure after it. A fee paid
 * in the token bought (a Hyperliquid spot buy) is outside the fill's size and notional, so it too is counted once,
 * in the fees; the allocation is then the USD worth of what was received, the fee short of the USDC spent, as a
 * perp's or a sell's USDC fee is outside its notional.
 */
public final class PositionAccounting {

    private static final MathContext MC = new MathContext(34);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PositionAccounting() {
    }

    /** max(0, wallet × pct/100 − (allocated − extracted)): what the position may still spend. */
    public static BigDecimal remainingBudgetUsd(Position p, BigDecimal walletUsd) {
        return remainingBudgetUsd(p, walletUsd, p.totalAllocationPct());
    }

    /** The same with {@code pct} for the stored pct: the learned split of {@link AllocationPolicy#budgetPct}. */
    public static BigDecimal remainingBudgetUsd(Position p, BigDecimal walletUsd, BigDecimal pct) {
        BigDecimal budget = walletUsd.multiply(pct, MC).divide(HUNDRED, MC);
        BigDecimal committed = p.totalAllocationUsd().subtract(p.totalExtractedUsd(), MC);
        return budget.subtract(committed, MC).max(BigDecimal.ZERO);
    }

    /**
     * The position after {@code result}; unchanged when nothing filled and nothing was paid. A buy adds quantity,
     * allocation and tokens bought, recomputes the average entry, turns a watchlist row active and opens a trade
     * {@code <id>-<fillTimeMs>} if none is open. A sell removes quantity (never below zero: a sell larger than the
     * quantity held leaves 0, and tokens sold still records the full fill) and adds its proceeds to the extracted
     * total; a full exit that filled all it asked for leaves quantity 0 and {@link Position#dust() dust}
     * (quantity + dust) − filled, floored at 0.
     * Every fill, buy or sell, adds its fee to the fee total, and so does a result that filled nothing but paid a fee
     * (a Solana swap that landed and failed). Version and timestamps are left to the store.
     */
    public static Position applyFill(Position p, ExecutionResult result, long fillTimeMs) {
        if (!result.filledAnything()) {
            return result.feeUsd().signum() > 0 ? p.withFees(p.totalFeesUsd().add(result.feeUsd(), MC)) : p;
        }
        BigDecimal filled = result.filledSize();
        BigDecimal notional = result.notionalUsd();
        BigDecimal fees = p.totalFeesUsd().add(result.feeUsd(), MC);
        if (result.buy()) {
            BigDecimal allocation = p.totalAllocationUsd().add(notional, MC);
            BigDecimal bought = p.totalTokensBought().add(filled, MC);
            PositionStatus status = p.status() == PositionStatus.WATCHLIST ? PositionStatus.ACTIVE : p.status();
            String tradeId = p.currentTradeId() != null ? p.currentTradeId() : p.id() + "-" + fillTimeMs;
            return p.withHoldings(status, p.quantity().add(filled, MC), allocation, p.totalExtractedUsd(), bought,
                    p.totalTokensSold(), allocation.divide(bought, MC), tradeId).withFees(fees);
        }
        // A full exit that filled all it asked for leaves no quantity: what it could not sell is below one size step
        // (a spot buy's fee, taken in the token, leaves a balance off the size grid) and stays on the venue as the
        // position's dust, which the next full exit sells with its quantity once the two reach a step. Any other sell
        // takes from the quantity first, and only what it sold beyond that from the dust.
        // The trade that leaves dust counts it as nothing (it is neither sold nor in the trade's totals); the trade
        // whose exit sells it gets its proceeds, so the sum of gross PnL over the trades is what the venue paid out.
        // Only a Hyperliquid spot balance has dust: elsewhere a full exit sells all there is. The venue's own count
        // bounds it: a book that held more than the venue (an exit cut to the free balance) keeps no phantom dust
        // that a later exit would sell out of another position's tokens.
        boolean emptied = result.type() == DecisionType.EMERGENCY_EXIT
                && result.status() == ExecutionResult.Status.FILLED;
        BigDecimal left = p.quantity().add(p.dust(), MC).subtract(filled, MC).max(BigDecimal.ZERO);
        BigDecimal quantity = emptied ? BigDecimal.ZERO : p.quantity().subtract(filled, MC).max(BigDecimal.ZERO);
        BigDecimal dust = left.subtract(quantity, MC);
        if (emptied && !Venue.of(p).buyFeeInTokenBought()) {
            dust = p.dust();
        } else if (emptied && result.venueLeft() != null) {
            dust = dust.min(result.venueLeft().max(BigDecimal.ZERO));
        }
        return p.withHoldings(p.status(), quantity, p.totalAllocationUsd(), p.totalExtractedUsd().add(notional, MC),
                p.totalTokensBought(), p.totalTokensSold().add(filled, MC), p.avgEntryPrice(), p.currentTradeId())
                .withFees(fees).withDust(dust);
    }

    /**
     * PnL at {@code latestClose}, gross as §5 defines it and net of the trade's fees; percentages are over the
     * allocated total and 0 while nothing is allocated.
     */
    public static Pnl pnl(Position p, BigDecimal latestClose) {
        BigDecimal current = p.quantity().multiply(latestClose, MC);
        BigDecimal total = current.add(p.totalExtractedUsd(), MC).subtract(p.totalAllocationUsd(), MC);
        BigDecimal unrealised = p.avgEntryPrice() == null ? BigDecimal.ZERO
                : latestClose.subtract(p.avgEntryPrice(), MC).multiply(p.quantity(), MC);
        BigDecimal realised = total.subtract(unrealised, MC);
        BigDecimal net = total.subtract(p.totalFeesUsd(), MC);
        return new Pnl(current, total, pct(total, p), unrealised, pct(unrealised, p), realised, pct(realised, p),
                p.totalFeesUsd(), net, pct(net, p));
    }

    private static BigDecimal pct(BigDecimal usd, Position p) {
        BigDecimal allocated = p.totalAllocationUsd();
        return allocated.signum() <= 0 ? BigDecimal.ZERO : usd.multiply(HUNDRED, MC).divide(allocated, MC);
    }
}
