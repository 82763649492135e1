package lotus.learning;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What learning reads from one {@code position_closed} strand (STRATEGY.md §6): the trade's scope, its rr (already
 * clamped to [-33, 33]), its return as a fraction and when it closed.
 *
 * @param tradeId for logs only; null when the payload has none
 */
public record ClosedTrade(long strandId, Scope scope, String tradeId, BigDecimal rr, BigDecimal returnFraction,
        long closedAtMs) {

    public static final BigDecimal RR_LIMIT = BigDecimal.valueOf(33);

    public ClosedTrade {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(rr, "rr");
        Objects.requireNonNull(returnFraction, "returnFraction");
    }

    /** A win is a trade that made money: rr has the sign of the return (§6), so 0 < rr <= 0.5 "breakeven" counts. */
    // Ambiguity: win = rr > 0, not outcome in {small_win, big_win}: it needs no label and cannot disagree with rr.
    boolean win() {
        return rr.signum() > 0;
    }

    /** A strand read into a trade, or the reason it cannot teach anything. */
    public sealed interface Parsed permits Valid, Malformed {
    }

    public record Valid(ClosedTrade trade) implements Parsed {
    }

    public record Malformed(long strandId, String why) implements Parsed {
    }
}
