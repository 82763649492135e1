package lotus.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lotus.learning.Scope;
import lotus.pm.StrandEvent;

/** The PM's typed strands as the rows of {@code ad_strands}: kind, scope object and payload object. */
final class StrandJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StrandJson() {
    }

    static NewStrand of(StrandEvent e) {
        ObjectNode payload = switch (e) {
            case StrandEvent.EngineTransition t -> {
                ObjectNode n = F.objectNode()
                        .put("position_id", t.positionId())
                        .put("t", t.barOpenMs())
                        .put("from", t.from() == null ? null : t.from().name())
                        .put("to", t.to().name())
                        .put("price", t.price());
                yield t.reason() == null ? n : n.put("reason", t.reason());
            }
            case StrandEvent.Execution x -> PositionJson.action(x.action()).put("position_id", x.positionId());
            case StrandEvent.Closed c -> PositionJson.closedTrade(c.trade()).put("position_id", c.positionId());
        };
        return new NewStrand(e.kind().wire(), scope(e.scope(), e instanceof StrandEvent.Closed), payload);
    }

    /** @param entry whether the entry's state and event are part of it (a closed trade's scope) */
    static ObjectNode scope(Scope s, boolean entry) {
        ObjectNode n = F.objectNode()
                .put("book_id", s.bookId())
                .put("token_chain", s.tokenChain())
                .put("timeframe", s.timeframe())
                .put("token_ticker", s.tokenTicker());
        return entry ? n.put("entry_state", s.entryState()).put("entry_event", s.entryEvent()) : n;
    }
}
