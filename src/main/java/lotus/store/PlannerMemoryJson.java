package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import lotus.pm.PlannerMemory;

/** The planner's memory as {@code features.pm_v4}: snake_case keys, money as decimal strings. */
public final class PlannerMemoryJson {

    private PlannerMemoryJson() {
    }

    /** JSON with snake_case keys; money as strings so no float ever touches it. */
    public static ObjectNode toJson(PlannerMemory m) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("trade_id", m.tradeId());
        n.put("s2_breakout_seen", m.s2BreakoutSeen());
        n.put("s1_entry_used", m.s1EntryUsed());
        n.put("last_trim_bar_ms", m.lastTrimBarMs());
        n.put("last_trim_level", m.lastTrimLevel());
        n.put("trim_pool_usd", m.trimPoolUsd().toPlainString());
        n.put("dx_buys", m.dxBuys());
        n.put("dx_next_arm", m.dxNextArm());
        n.put("exit_s3_start_ms", m.exitS3StartMs());
        n.put("exit_value_usd", m.exitValueUsd().toPlainString());
        n.put("emergency_exit_done", m.emergencyExitDone());
        n.put("rebought", m.rebought());
        return n;
    }

    /** Memory from {@link #toJson}; a null, missing or empty node is {@link PlannerMemory#FRESH}, absent keys take defaults. */
    public static PlannerMemory fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isEmpty()) {
            return PlannerMemory.FRESH;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("pm_v4 memory must be a JSON object, got " + n.getNodeType());
        }
        return new PlannerMemory(
                text(n, "trade_id"),
                n.path("s2_breakout_seen").asBoolean(false),
                n.path("s1_entry_used").asBoolean(false),
                longOrNull(n, "last_trim_bar_ms"),
                doubleOrNull(n, "last_trim_level"),
                money(n, "trim_pool_usd"),
                n.path("dx_buys").asInt(0),
                doubleOrNull(n, "dx_next_arm"),
                longOrNull(n, "exit_s3_start_ms"),
                money(n, "exit_value_usd"),
                n.path("emergency_exit_done").asBoolean(false),
                n.path("rebought").asBoolean(false));
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Double doubleOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static BigDecimal money(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return BigDecimal.ZERO;
        }
        return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
    }
}
