package lotus.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The API's value conventions in one place: money and prices as decimal strings (a double would round them), and
 * every time twice, as ISO-8601 for people and epoch milliseconds for programs.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    /** {@code "12.5"}; null stays null (a price not known yet). */
    static String money(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    /** {@code name: "2026-01-05T00:00:00Z", name_ms: 1767571200000}. */
    static ObjectNode time(ObjectNode node, String name, long epochMs) {
        return node.put(name, Instant.ofEpochMilli(epochMs).toString()).put(name + "_ms", epochMs);
    }

    /** {@link #time}, or both fields null when there is no such time. */
    static ObjectNode time(ObjectNode node, String name, Long epochMs) {
        if (epochMs == null) {
            return node.putNull(name).putNull(name + "_ms");
        }
        return time(node, name, epochMs.longValue());
    }

    static ObjectNode error(String message) {
        return F.objectNode().put("error", message);
    }
}
