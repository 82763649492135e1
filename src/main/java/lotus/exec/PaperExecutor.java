package lotus.exec;

import lotus.pm.Executor;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import lotus.market.Bar;
import lotus.pm.Position;
import lotus.pm.PriceHistory;
import lotus.pm.Venue;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * Paper fills: every decision fills completely at the close of the position's last bar that closed before the
 * clock's current bar (from its own venue table), so a backtest on a simulated clock never fills at a price from its
 * future, moved by the {@link CostModel}'s slippage and charged its fee for the position's venue and book. It is the
 * Solana executor's fallback when Jupiter cannot be reached, and serves every venue in backtests. It never sends
 * anything.
 */
public final class PaperExecutor implements Executor {

    private static final MathContext MC = new MathContext(34);
    // Token amounts to 12 places: finer than any SPL token's 9 decimals, so rounding never moves a fill.
    private static final int SIZE_SCALE = 12;

    private final PriceHistory reader;
    private final Clock clock;
    private final CostModel costs;

    /** Fills without fees or slippage: the gross figures alone. */
    public PaperExecutor(PriceHistory reader, Clock clock) {
        this(reader, clock, CostModel.NONE);
    }

    public PaperExecutor(PriceHistory reader, Clock clock, CostModel costs) {
        this.reader = reader;
        this.clock = clock;
        this.costs = costs;
    }

    @Override
    public ExecutionResult execute(Decision decision, Position position, OrderTicket ticket) {
        boolean buy = decision.type().isBuy();
        List<Bar> latest = reader.barsBefore(position.tokenContract(), position.tokenChain(), position.timeframe(), 1,
                position.timeframe().floor(clock.nowMs()));
        if (latest.isEmpty()) {
            return ExecutionResult.skipped(decision.type(), buy, true, "no stored bars for "
                    + position.tokenContract() + " on " + position.tokenChain() + " " + position.timeframe().label()
                    + " closed before " + java.time.Instant.ofEpochMilli(clock.nowMs()) + " to price a paper fill");
        }
        BigDecimal close = latest.get(0).close();
        if (close.signum() <= 0) {
            return ExecutionResult.skipped(decision.type(), buy, true, "latest close is not positive: " + close);
        }
        BigDecimal price = costs.fillPrice(close, buy);
        BigDecimal size = buy
                ? decision.notionalUsd().divide(price, MC).setScale(SIZE_SCALE, RoundingMode.DOWN)
                : (decision.type() == DecisionType.EMERGENCY_EXIT ? position.quantity()
                        : position.quantity().multiply(decision.sizeFrac(), MC).setScale(SIZE_SCALE,
                                RoundingMode.DOWN));
        if (size.signum() <= 0) {
            return ExecutionResult.skipped(decision.type(), buy, true, buy ? "notional too small to buy a unit"
                    : "nothing to sell (quantity " + position.quantity().toPlainString() + ")");
        }
        Venue venue = Venue.of(position);
        BigDecimal feeTokens = buy ? costs.buyFeeInTokens(venue, size) : BigDecimal.ZERO;
        if (feeTokens.signum() > 0) {
            // As the live executor reports it: the tokens credited, their notional, and the fee tokens at the price.
            BigDecimal received = size.subtract(feeTokens);
            return new ExecutionResult(ExecutionResult.Status.FILLED, decision.type(), true, received, price,
                    received.multiply(price, MC), feeTokens.multiply(price, MC), null, true, null, null);
        }
        BigDecimal notional = size.multiply(price, MC);
        BigDecimal fee = costs.feeUsd(venue, notional, venue.tokenChain().equals(Venue.SOLANA) ? solUsd() : null);
        return new ExecutionResult(ExecutionResult.Status.FILLED, decision.type(), buy, size, price, notional, fee,
                null, true, null, null);
    }

    /** SOL's last 1h close before the clock's hour, for a swap's network fee; null when none is stored. */
    private BigDecimal solUsd() {
        List<Bar> sol = reader.majorBarsBefore("SOL", Timeframe.H1, 1, Timeframe.H1.floor(clock.nowMs()));
        return sol.isEmpty() ? null : sol.get(0).close();
    }
}
