package lotus.pm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One planner decision for one position (seed §7): {@code {"decision_type": "add", "size_frac": 0.5, ...}}.
 *
 * @param sizeFrac    fraction of the remaining budget (buys) or of the held quantity (trims), in (0, 1]
 * @param leverage    0 for spot; for perps, the leverage the PM chose (capped at the asset's maximum)
 * @param notionalUsd for buys, the dollars to spend (the PM knows the budget, the executor does not); null for sells
 */
public record Decision(DecisionType type, BigDecimal sizeFrac, List<String> reasons, int leverage,
        BigDecimal notionalUsd) {

    public Decision {
        Objects.requireNonNull(type, "type");
        if (type.isBuy() != (notionalUsd != null)) {
            throw new IllegalArgumentException(type.label() + (type.isBuy() ? " needs" : " must not carry")
                    + " a notional in USD");
        }
        if (notionalUsd != null && notionalUsd.signum() <= 0) {
            throw new IllegalArgumentException("a buy's notional must be positive, got " + notionalUsd);
        }
        if (sizeFrac.signum() <= 0 || sizeFrac.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("size_frac must be in (0, 1], got " + sizeFrac);
        }
        if (leverage < 0) {
            throw new IllegalArgumentException("leverage must not be negative, got " + leverage);
        }
        reasons = List.copyOf(reasons);
    }

    /** An entry or add spending {@code notionalUsd}, which is {@code sizeFrac} of the remaining budget. */
    public static Decision buy(DecisionType type, BigDecimal sizeFrac, BigDecimal notionalUsd, List<String> reasons,
            int leverage) {
        return new Decision(type, sizeFrac, reasons, leverage, notionalUsd);
    }

    /** A trim or emergency exit selling {@code sizeFrac} of the quantity held. */
    public static Decision sell(DecisionType type, BigDecimal sizeFrac, List<String> reasons) {
        return new Decision(type, sizeFrac, reasons, 0, null);
    }
}
