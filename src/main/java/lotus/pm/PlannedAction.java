package lotus.pm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import lotus.engine.EngineOutput;
import lotus.exec.DecisionType;

/**
 * A decision as it was planned, with what of the engine's output its execution needs afterwards: enough to fold a
 * fill into the planner's memory, record the trade's entry and close it, whether the fill comes back from the venue
 * at once or from the reconciler after a restart. Kept in the position's {@code features.pending_order} while its
 * order is open.
 *
 * @param barOpenMs    open time of the bar the decision was planned on
 * @param barCloseMs   its close: the tick's bar
 * @param s3StartMs    the S3 episode the engine was in (null outside S3)
 * @param nearestLevel the S/R level a trim sells into (null when none)
 * @param price        the bar's close as the engine saw it
 * @param action       the {@code last_action} record of the decision (its execution's fields are filled in later)
 */
public record PlannedAction(Plan.Rule rule, DecisionType type, String entryEvent, String entryState, long barOpenMs,
        long barCloseMs, Long s3StartMs, Double nearestLevel, double price, double atr, String cloid,
        ObjectNode action) {

    /** Where a position keeps the decision its open order executes ({@code features.pending_order}). */
    public static final String KEY = "pending_order";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static PlannedAction of(Plan plan, EngineOutput engine, long barCloseMs, String cloid, ObjectNode action) {
        return new PlannedAction(plan.rule(), plan.decision().type(), plan.entryEvent(),
                engine.state() == null ? null : engine.state().name(), engine.barOpenTimeMs(), barCloseMs,
                engine.s3StartMs(), ActionPlanner.nearestLevel(engine), engine.price(), engine.features().atr(), cloid,
                action);
    }

    /** The same plan with another {@code last_action} record. */
    PlannedAction withAction(ObjectNode newAction) {
        return new PlannedAction(rule, type, entryEvent, entryState, barOpenMs, barCloseMs, s3StartMs, nearestLevel,
                price, atr, cloid, newAction);
    }

    ObjectNode toJson() {
        ObjectNode n = JSON.objectNode()
                .put("cloid", cloid)
                .put("rule", rule.name().toLowerCase(Locale.ROOT))
                .put("decision_type", type.label())
                .put("entry_event", entryEvent)
                .put("entry_state", entryState)
                .put("bar_open_ms", barOpenMs)
                .put("bar_close_ms", barCloseMs)
                .put("price", price)
                .put("atr", atr);
        if (s3StartMs != null) {
            n.put("s3_start_ms", s3StartMs);
        }
        if (nearestLevel != null) {
            n.put("nearest_level", nearestLevel);
        }
        n.set("action", action);
        return n;
    }

    /** The pending decision in a position's features, or null when none is pending. */
    static PlannedAction fromFeatures(JsonNode features) {
        JsonNode n = features.path(KEY);
        if (!n.isObject()) {
            return null;
        }
        return new PlannedAction(Plan.Rule.valueOf(n.path("rule").asText().toUpperCase(Locale.ROOT)),
                DecisionType.valueOf(n.path("decision_type").asText().toUpperCase(Locale.ROOT)),
                n.path("entry_event").isTextual() ? n.get("entry_event").asText() : null,
                n.path("entry_state").isTextual() ? n.get("entry_state").asText() : null,
                n.path("bar_open_ms").asLong(), n.path("bar_close_ms").asLong(),
                n.has("s3_start_ms") ? n.get("s3_start_ms").asLong() : null,
                n.has("nearest_level") ? n.get("nearest_level").asDouble() : null,
                n.path("price").asDouble(), n.path("atr").asDouble(), n.path("cloid").asText(),
                n.path("action").isObject() ? (ObjectNode) n.get("action") : JSON.objectNode());
    }
}
