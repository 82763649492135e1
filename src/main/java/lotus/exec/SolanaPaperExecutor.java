package lotus.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import lotus.market.Bar;
import lotus.store.Position;
import lotus.store.PriceDataReader;

/**
 * Solana spot swaps as paper fills: every decision fills completely at the latest stored close of the position's
 * token ({@code lowcap_price_data_ohlc}), with no fee. It stands in for the Jupiter executor until the Solana venue is
 * built, so the {@code solana/social} book runs the same PM path as the Hyperliquid books. It never sends anything.
 */
public final class SolanaPaperExecutor implements Executor {

    private static final MathContext MC = new MathContext(34);
    // Token amounts to 12 places: finer than any SPL token's 9 decimals, so rounding never moves a fill.
    private static final int SIZE_SCALE = 12;

    private final PriceDataReader reader;

    public SolanaPaperExecutor(PriceDataReader reader) {
        this.reader = reader;
    }

    @Override
    public ExecutionResult execute(Decision decision, Position position) {
        boolean buy = decision.type().isBuy();
        List<Bar> latest = reader.bars(position.tokenContract(), position.tokenChain(), position.timeframe(), 1);
        if (latest.isEmpty()) {
            return ExecutionResult.skipped(decision.type(), buy, true, "no stored bars for "
                    + position.tokenContract() + " on " + position.tokenChain() + " " + position.timeframe().label()
                    + " to price a paper fill");
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
