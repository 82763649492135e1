package lotus.sim;

import java.math.BigDecimal;
import lotus.hyperliquid.exchange.ExchangeActions;

/**
 * One order the simulated exchange accepted or refused after its format checks, with its current status
 * (HYPERLIQUID.md §3 order statuses). Mutable; guarded by {@link SimExchange}'s lock.
 */
final class SimOrder {

    /** The venue's statuses we produce; {@link #wire} is the text of {@code orderStatus} and {@code orderUpdates}. */
    enum Status {
        OPEN("open"), FILLED("filled"), CANCELED("canceled"), SCHEDULED_CANCEL("scheduledCancel"),
        TICK_REJECTED("tickRejected"), MIN_TRADE_NTL_REJECTED("minTradeNtlRejected"),
        PERP_MARGIN_REJECTED("perpMarginRejected"), REDUCE_ONLY_REJECTED("reduceOnlyRejected"),
        BAD_ALO_PX_REJECTED("badAloPxRejected"), IOC_CANCEL_REJECTED("iocCancelRejected"),
        INSUFFICIENT_SPOT_BALANCE_REJECTED("insufficientSpotBalanceRejected");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    final long oid;
    final String cloid;
    final String user;
    final Universe.Listing listing;
    final boolean isBuy;
    final BigDecimal limitPx;
    final BigDecimal origSz;
    final boolean reduceOnly;
    final ExchangeActions.Tif tif;
    final long timestampMs;
    /** Remaining (unfilled) size. */
    BigDecimal sz;
    Status status;
    long statusTimestampMs;

    SimOrder(long oid, String user, Universe.Listing listing, ExchangeActions.Order order,
            ExchangeActions.Tif tif, long timestampMs) {
        this.oid = oid;
        this.cloid = order.cloid();
        this.user = user;
        this.listing = listing;
        this.isBuy = order.isBuy();
        this.limitPx = order.px();
        this.origSz = order.sz();
        this.reduceOnly = order.reduceOnly();
        this.tif = tif;
        this.timestampMs = timestampMs;
        this.sz = order.sz();
        this.status = Status.OPEN;
        this.statusTimestampMs = timestampMs;
    }

    SimAsset asset() {
        return listing.asset();
    }

    boolean isPerp() {
        return listing.asset().kind() == SimAsset.Kind.PERP;
    }

    void setStatus(Status next, long timeMs) {
        status = next;
        statusTimestampMs = timeMs;
    }
}
