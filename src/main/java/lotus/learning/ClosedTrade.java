package lotus.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What learning reads from one {@code position_closed} strand (STRATEGY.md §6): the trade's scope, its rr (already
 * clamped to [-33, 33]), its return as a fraction and when it closed.
 *
 * @param tradeId for logs only; null when the payload has none
 */
record ClosedTrade(long strandId, Scope scope, String tradeId, BigDecimal rr, BigDecimal returnFraction,
        long closedAtMs) {

    static final BigDecimal RR_LIMIT = BigDecimal.valueOf(33);

    ClosedTrade {
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
    sealed interface Parsed permits Valid, Malformed {
    }

    record Valid(ClosedTrade trade) implements Parsed {
    }

    record Malformed(long strandId, String why) implements Parsed {
    }

    /**
     * Reads a strand. Besides book_id and token_chain, learning needs the pattern (entry_event) and the timeframe:
     * every position has both, and a trade without them could be counted neither in a lesson nor in the timeframe
     * weights.
     */
    // Ambiguity: a strand without entry_event or timeframe is skipped whole, so it is not in mean_rr_book either.
    static Parsed parse(Strand strand) {
        Scope scope;
        try {
            scope = Scope.parse(strand.scope());
        } catch (IllegalArgumentException e) {
            return new Malformed(strand.id(), e.getMessage());
        }
        if (scope.entryEvent() == null) {
            return new Malformed(strand.id(), "scope.entry_event is required to learn a pattern");
        }
        if (scope.timeframe() == null) {
            return new Malformed(strand.id(), "scope.timeframe is required for the timeframe weights");
        }
        JsonNode p = strand.payload();
        if (p == null || !p.isObject()) {
            return new Malformed(strand.id(), "payload must be a JSON object");
        }
        BigDecimal rr = finiteNumber(p.get("rr"));
        if (rr == null) {
            return new Malformed(strand.id(), "payload.rr must be a finite number, got " + p.get("rr"));
        }
        if (rr.abs().compareTo(RR_LIMIT) > 0) {
            return new Malformed(strand.id(), "payload.rr " + rr + " is outside [-33, 33]");
        }
        BigDecimal ret = finiteNumber(p.get("return"));
        if (ret == null) {
            return new Malformed(strand.id(), "payload.return must be a finite number, got " + p.get("return"));
        }
        JsonNode closed = p.get("closed_at_ms");
        if (closed == null || !closed.isIntegralNumber() || !closed.canConvertToLong()) {
            return new Malformed(strand.id(), "payload.closed_at_ms must be an integer, got " + closed);
        }
        JsonNode tid = p.get("trade_id");
        String tradeId = tid != null && tid.isValueNode() && !tid.isNull() ? tid.asText() : null;
        return new Valid(new ClosedTrade(strand.id(), scope, tradeId, rr, ret, closed.longValue()));
    }

    /** The exact decimal of a JSON number (a double 1.7 reads as 1.7); null for anything else, NaN or infinity. */
    private static BigDecimal finiteNumber(JsonNode v) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            return null;
        }
        return v.decimalValue();
    }
}
