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
import lotus.time.Clock;

/**
 * Paper fills: every decision fills completely, with no fee, at the close of the position's last bar that closed
 * before the clock's current bar (from its own venue table), so a backtest on a simulated clock never fills at a
 * price from its future. It stands in for the Jupiter executor on {@code solana/social} until the Solana venue is
 * built, and serves every venue in backtests. It never sends anything.
 */
public final class PaperExecutor implements Executor {

    private static final MathContext MC = new MathContext(34);
    // Token amounts to 12 places: finer than any SPL token's 9 decimals, so rounding never moves a fill.
    private static final int SIZE_SCALE = 12;

    private final PriceHistory reader;
    private final Clock clock;

    public PaperExecutor(PriceHistory reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
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
        BigDecimal price = latest.get(0).close();
        if (price.signum() <= 0) {
            return ExecutionResult.skipped(decision.type(), buy, true, "latest close is not positive: " + price);
        }
        BigDecimal size = buy
                ? decision.notionalUsd().divide(price, MC).setScale(SIZE_SCALE, RoundingMode.DOWN)
                : (decision.type() == DecisionType.EMERGENCY_EXIT ? position.quantity()
                        : position.quantity().multiply(decision.sizeFrac(), MC).setScale(SIZE_SCALE,
                                RoundingMode.DOWN));
        if (size.signum() <= 0) {
            return ExecutionResult.skipped(decision.type(), buy, true, buy ? "notional too small to buy a unit"
                    : "nothing to sell (quantity " + position.quantity().toPlainString() + ")");
        }
        BigDecimal notional = size.multiply(price, MC);
        return new ExecutionResult(ExecutionResult.Status.FILLED, decision.type(), buy, size, price, notional,
                BigDecimal.ZERO, null, true, null, null);
    }
}
