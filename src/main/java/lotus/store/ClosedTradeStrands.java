package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import lotus.learning.ClosedTrade;
import lotus.learning.ClosedTrades;
import lotus.learning.Scope;
import lotus.learning.StrandKind;

/** Learning's closed trades read from the {@code position_closed} strands of a strand log, JSON read here. */
public final class ClosedTradeStrands implements ClosedTrades {

    private final StrandLog log;

    public ClosedTradeStrands(StrandLog log) {
        this.log = log;
    }

    @Override
    public List<ClosedTrade.Parsed> after(long afterStrandId, int limit) {
        List<Strand> strands = log.byKind(StrandKind.POSITION_CLOSED.wire(), afterStrandId, limit);
        // Most catch-ups (one a backtest tick) find nothing: no stream for them.
        return strands.isEmpty() ? List.of() : strands.stream().map(ClosedTradeStrands::parse).toList();
    }

    /**
     * Reads a strand. Besides book_id and token_chain, learning needs the pattern (entry_event) and the timeframe:
     * every position has both, and a trade without them could be counted neither in a lesson nor in the timeframe
     * weights.
     */
    // Ambiguity: a strand without entry_event or timeframe is skipped whole, so it is not in mean_rr_book either.
    static ClosedTrade.Parsed parse(Strand strand) {
        Scope scope;
        try {
            scope = scope(strand.scope());
        } catch (IllegalArgumentException e) {
            return new ClosedTrade.Malformed(strand.id(), e.getMessage());
        }
        if (scope.entryEvent() == null) {
            return new ClosedTrade.Malformed(strand.id(), "scope.entry_event is required to learn a pattern");
        }
        if (scope.timeframe() == null) {
            return new ClosedTrade.Malformed(strand.id(), "scope.timeframe is required for the timeframe weights");
        }
        JsonNode p = strand.payload();
        if (p == null || !p.isObject()) {
            return new ClosedTrade.Malformed(strand.id(), "payload must be a JSON object");
        }
        BigDecimal rr = finiteNumber(p.get("rr"));
        if (rr == null) {
            return new ClosedTrade.Malformed(strand.id(), "payload.rr must be a finite number, got " + p.get("rr"));
        }
        if (rr.abs().compareTo(ClosedTrade.RR_LIMIT) > 0) {
            return new ClosedTrade.Malformed(strand.id(), "payload.rr " + rr + " is outside [-33, 33]");
        }
        // Learning learns from the return net of fees, as rr is (issue 16); trades closed before fees were kept
        // have only the gross one.
        String returnKey = p.has("net_return") ? "net_return" : "return";
        BigDecimal ret = finiteNumber(p.get(returnKey));
        if (ret == null) {
            return new ClosedTrade.Malformed(strand.id(), "payload." + returnKey + " must be a finite number, got "
                    + p.get(returnKey));
        }
        JsonNode closed = p.get("closed_at_ms");
        if (closed == null || !closed.isIntegralNumber() || !closed.canConvertToLong()) {
            return new ClosedTrade.Malformed(strand.id(), "payload.closed_at_ms must be an integer, got " + closed);
        }
        JsonNode tid = p.get("trade_id");
        String tradeId = tid != null && tid.isValueNode() && !tid.isNull() ? tid.asText() : null;
        return new ClosedTrade.Valid(new ClosedTrade(strand.id(), scope, tradeId, rr, ret, closed.longValue()));
    }

    /** The exact decimal of a JSON number (a double 1.7 reads as 1.7); null for anything else, NaN or infinity. */
    private static BigDecimal finiteNumber(JsonNode v) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            return null;
        }
        return v.decimalValue();
    }

    /**
     * Reads a strand's scope object: {@code book_id} and {@code token_chain} required, the other four optional
     * (absent or JSON null); every present value must be a non-blank string.
     *
     * @throws IllegalArgumentException naming the first offending key
     */
    static Scope scope(JsonNode scope) {
        if (scope == null || !scope.isObject()) {
            throw new IllegalArgumentException("scope must be a JSON object, got " + (scope == null ? "nothing"
                    : scope.getNodeType().name().toLowerCase()));
        }
        return new Scope(text(scope, "book_id"), text(scope, "token_chain"), text(scope, "timeframe"),
                text(scope, "token_ticker"), text(scope, "entry_state"), text(scope, "entry_event"));
    }

    private static String text(JsonNode scope, String key) {
        JsonNode v = scope.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("scope." + key + " must be a string, got " + v);
        }
        return v.textValue();
    }
}
