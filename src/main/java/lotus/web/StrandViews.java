package lotus.web;

import static lotus.web.Json.F;
import static lotus.web.Json.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lotus.learning.StrandKind;
import lotus.store.Strand;
import lotus.store.Strands;

/**
 * What the PM's strands say for the page: the newest decisions with their outcome and reason, and one position's
 * engine-state timeline and decisions (the markers on its chart).
 */
final class StrandViews {

    /**
     * How far back a position's history is looked for among all positions' strands: {@code ad_strands} has no
     * position column, so a position's older strands past this many of a kind are not shown.
     */
    static final int POSITION_SCAN = 5_000;

    private final Strands strands;

    StrandViews(Strands strands) {
        this.strands = strands;
    }

    /** The newest {@code limit} decisions of every position, newest first: the payload as stored, with its scope. */
    ArrayNode recentDecisions(int limit) {
        ArrayNode out = F.arrayNode();
        for (Strand s : strands.newest(StrandKind.PM_EXECUTION.wire(), limit)) {
            out.add(row(s).setAll((ObjectNode) s.scope()));
        }
        return out;
    }

    /** One position's engine transitions, oldest first: {@code t} (bar open), {@code from}, {@code to}, price. */
    ArrayNode timeline(long positionId) {
        return of(StrandKind.ENGINE_TRANSITION, positionId);
    }

    /** One position's decisions, oldest first: {@code t} (bar open), type, status, fill price, reason. */
    ArrayNode decisions(long positionId) {
        return of(StrandKind.PM_EXECUTION, positionId);
    }

    private ArrayNode of(StrandKind kind, long positionId) {
        List<Strand> newest = strands.newest(kind.wire(), POSITION_SCAN);
        ArrayNode out = F.arrayNode();
        for (Strand s : newest.reversed()) {
            if (s.payload().path("position_id").asLong(-1) == positionId) {
                out.add(row(s));
            }
        }
        return out;
    }

    private static ObjectNode row(Strand s) {
        ObjectNode n = F.objectNode().put("strand_id", s.id());
        JsonNode payload = s.payload();
        if (payload.isObject()) {
            n.setAll((ObjectNode) payload);
        }
        return time(n, "recorded_at", s.createdAtMs());
    }
}
