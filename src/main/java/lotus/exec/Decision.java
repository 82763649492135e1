package lotus.exec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One planner decision for one position (seed §7): {@code {"decision_type": "add", "size_frac": 0.5, ...}}.
 *
 * @param sizeFrac fraction of the remaining budget (buys) or of the held quantity (trims), in (0, 1]
 * @param leverage 0 for spot; for perps, the leverage the PM chose (capped at the asset's maximum)
 */
public record Decision(DecisionType type, BigDecimal sizeFrac, List<String> reasons, int leverage) {

    public Decision {
        Objects.requireNonNull(type, "type");
        if (sizeFrac.signum() <= 0 || sizeFrac.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("size_frac must be in (0, 1], got " + sizeFrac);
        }
        if (leverage < 0) {
            throw new IllegalArgumentException("leverage must not be negative, got " + leverage);
        }
        reasons = List.copyOf(reasons);
    }
}
