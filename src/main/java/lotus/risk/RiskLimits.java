package lotus.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What {@link RiskGate} lets through. Every limit is inclusive: a value exactly at it passes, one step over is
 * refused. Configured as {@code risk.<snake_name>} ({@code LOTUS_RISK_<NAME>}); the defaults are deliberately small
 * for a first live run.
 *
 * @param maxOrderNotionalUsd     largest buy, in USD, after {@code liveScale} when live
 * @param maxOrdersPerMinute      orders let through per venue (token_chain) in any sliding 60 s window
 * @param maxBookExposureUsd      gross value held in one book, this buy included (see {@link Exposure})
 * @param maxTokenExposureUsd     value held in one token across all its timeframes in a book, this buy included
 * @param maxOpenPositionsPerBook positions holding a quantity in a book; checked when a buy would open one more
 * @param dailyLossStopUsd        today's (UTC) realised plus marked loss of a book; over it the book turns reducing
 * @param maxDrawdownPct          fall of a book's equity from its peak, in percent; over it the book turns reducing
 * @param liveScale               multiplies every live buy's notional (dry runs are not scaled), in (0, 1]
 * @param reconcileIntervalS      how often the venue's account is read back and compared with the book
 * @param unknownOutcomesToHalt   orders with an unknown outcome in a row that halt everything
 */
public record RiskLimits(BigDecimal maxOrderNotionalUsd, int maxOrdersPerMinute, BigDecimal maxBookExposureUsd,
        BigDecimal maxTokenExposureUsd, int maxOpenPositionsPerBook, BigDecimal dailyLossStopUsd,
        BigDecimal maxDrawdownPct, BigDecimal liveScale, int reconcileIntervalS, int unknownOutcomesToHalt) {

    public RiskLimits {
        positive(maxOrderNotionalUsd, "max_order_notional_usd");
        positive(maxBookExposureUsd, "max_book_exposure_usd");
        positive(maxTokenExposureUsd, "max_token_exposure_usd");
        positive(dailyLossStopUsd, "daily_loss_stop_usd");
        positive(maxDrawdownPct, "max_drawdown_pct");
        positive(liveScale, "live_scale");
        if (maxDrawdownPct.compareTo(new BigDecimal("100")) > 0) {
            throw new IllegalArgumentException("max_drawdown_pct must be at most 100, got " + maxDrawdownPct);
        }
        if (liveScale.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("live_scale must be at most 1, got " + liveScale);
        }
        if (maxOrdersPerMinute < 1 || maxOpenPositionsPerBook < 1 || reconcileIntervalS < 1
                || unknownOutcomesToHalt < 1) {
            throw new IllegalArgumentException("max_orders_per_minute, max_open_positions_per_book,"
                    + " reconcile_interval_s and unknown_outcomes_to_halt must be at least 1");
        }
    }

    /** 100 USD per order, 10 orders a minute, 1000 USD per book, 250 per token, 10 positions, 100 USD daily loss,
     * 10 % drawdown, live orders at a tenth, reconcile every 60 s, halt after 3 unknown outcomes in a row. */
    public static RiskLimits defaults() {
        return new RiskLimits(new BigDecimal("100"), 10, new BigDecimal("1000"), new BigDecimal("250"), 10,
                new BigDecimal("100"), new BigDecimal("10"), new BigDecimal("0.1"), 60, 3);
    }

    private static void positive(BigDecimal v, String name) {
        Objects.requireNonNull(v, name);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
