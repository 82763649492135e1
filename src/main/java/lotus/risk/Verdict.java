package lotus.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The gate's answer to one order.
 *
 * @param kind        the refusing limit ({@code trading_state}, {@code max_order_notional_usd}, ...); null on a pass
 * @param reason      the refusal with its numbers, e.g. {@code max_order_notional_usd: 120.00 > 100}; null on a pass
 * @param notionalUsd on a passing buy, the dollars to send (scaled by {@code live_scale} when live); null otherwise
 */
public record Verdict(boolean passed, String kind, String reason, BigDecimal notionalUsd) {

    public Verdict {
        if (passed != (reason == null) || passed != (kind == null)) {
            throw new IllegalArgumentException("a refusal needs a kind and a reason, a pass has neither");
        }
    }

    static Verdict pass(BigDecimal notionalUsd) {
        return new Verdict(true, null, null, notionalUsd);
    }

    static Verdict refuse(String kind, String reason) {
        return new Verdict(false, Objects.requireNonNull(kind), Objects.requireNonNull(reason), null);
    }
}
