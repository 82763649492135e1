package lotus.app;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import lotus.exec.CostModel;
import lotus.market.Bar;
import lotus.pm.Venue;

/**
 * The benchmark a backtest is read against (freqtrade's "market change", Jesse's benchmark): the same budget split
 * equally across the tokens, each part bought at its token's first replayed close and held, valued at every tick at
 * each token's latest close. A part whose token has no bar closed yet is still cash. The holding pays what the
 * strategy's own paper fills pay (issue 16): each part's buy fills at the first close moved by the slippage and pays
 * the venue's fee out of the part, so costs do not make the strategy look worse than holding when only the
 * strategy paid them. It is never sold, so it pays no exit fee (nor do the strategy's open positions as marked).
 *
 * @param budgetUsd what was bought
 * @param values    the holding's value after each tick, in tick order
 */
public record BuyAndHold(BigDecimal budgetUsd, List<Point> values) {

    private static final MathContext MC = new MathContext(34);

    /** The holding's value at a tick's time. */
    public record Point(long timeMs, BigDecimal valueUsd) {

        public Point {
            Objects.requireNonNull(valueUsd, "valueUsd");
        }
    }

    public BuyAndHold {
        Objects.requireNonNull(budgetUsd, "budgetUsd");
        values = List.copyOf(values);
    }

    /**
     * @param replayed each token's replayed bars (closing at or after the first tick), ascending by open time
     * @param closes   the ticks' times, ascending
     * @param barMs    the bars' duration: a bar is known at its open time plus this
     */
    public static BuyAndHold of(BigDecimal budgetUsd, List<List<Bar>> replayed, long[] closes, long barMs) {
        return of(budgetUsd, replayed, closes, barMs, CostModel.NONE, null);
    }

    /**
     * As {@link #of(BigDecimal, List, long[], long)}, each part bought as a paper fill on {@code venue} is: its fee
     * ({@code costs.feeUsd} on the part, SOL at the assumed price) comes out of the part, the rest fills at
     * {@code costs.fillPrice} of the first close.
     */
    public static BuyAndHold of(BigDecimal budgetUsd, List<List<Bar>> replayed, long[] closes, long barMs,
            CostModel costs, Venue venue) {
        if (replayed.isEmpty()) {
            throw new IllegalArgumentException("a benchmark needs at least one token");
        }
        int n = replayed.size();
        BigDecimal part = budgetUsd.divide(BigDecimal.valueOf(n), MC);
        BigDecimal spent = costs.equals(CostModel.NONE) ? part : part.subtract(costs.feeUsd(venue, part, null), MC);
        BigDecimal[] quantity = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            List<Bar> bars = replayed.get(i);
            if (!bars.isEmpty() && bars.get(0).close().signum() <= 0) {
                throw new IllegalArgumentException("a first close of " + bars.get(0).close().toPlainString() + " for "
                        + bars.get(0).tokenContract() + " cannot be bought");
            }
            quantity[i] = bars.isEmpty() ? BigDecimal.ZERO
                    : spent.max(BigDecimal.ZERO).divide(costs.fillPrice(bars.get(0).close(), true), MC);
        }
        // Each part's value only changes when its token's latest closed bar does, and each bar is read once: the
        // bars may be views that build a Bar per read (a backtest of a million bars reads them here).
        int[] next = new int[n];
        Bar[] pending = new Bar[n];
        BigDecimal[] held = new BigDecimal[n];
        Arrays.fill(held, part);
        List<Point> values = new ArrayList<>(closes.length);
        for (long close : closes) {
            BigDecimal value = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                List<Bar> bars = replayed.get(i);
                Bar latest = null;
                while (true) {
                    if (pending[i] == null && next[i] < bars.size()) {
                        pending[i] = bars.get(next[i]);
                    }
                    if (pending[i] == null || pending[i].openTimeMs() + barMs > close) {
                        break;
                    }
                    latest = pending[i];
                    pending[i] = null;
                    next[i]++;
                }
                if (latest != null) {
                    held[i] = quantity[i].multiply(latest.close(), MC);
                }
                value = value.add(held[i], MC);
            }
            values.add(new Point(close, value));
        }
        return new BuyAndHold(budgetUsd, values);
    }

    /** The holding's gain (or loss) at point {@code i}: its value less the budget. */
    public BigDecimal pnlUsd(int i) {
        return values.get(i).valueUsd().subtract(budgetUsd, MC);
    }

    /** The gain at the last tick; zero with no tick. */
    public BigDecimal finalPnlUsd() {
        return values.isEmpty() ? BigDecimal.ZERO : pnlUsd(values.size() - 1);
    }
}
