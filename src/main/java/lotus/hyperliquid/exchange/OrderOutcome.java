package lotus.hyperliquid.exchange;

import java.math.BigDecimal;

/** What the exchange did with one order of a request (HYPERLIQUID.md §7), one per order in request order. */
public sealed interface OrderOutcome {

    record Resting(long oid, String cloid) implements OrderOutcome {
    }

    /** Filled, wholly or (for an IOC) in part: {@code totalSz} at the volume-weighted {@code avgPx}. */
    record Filled(BigDecimal totalSz, BigDecimal avgPx, long oid, String cloid) implements OrderOutcome {
    }

    /** Accepted but not yet matched: a trigger waiting for its price, or a fill in progress. */
    record Waiting(String status) implements OrderOutcome {
    }

    record Rejected(RejectKind kind, String text) implements OrderOutcome {
    }
}
