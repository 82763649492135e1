package lotus.hyperliquid.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lotus.market.Decimals;

/**
 * An {@code /exchange} answer (HTTP 200 also for business errors), parsed: the whole request refused, or accepted
 * with one status per order or cancel.
 */
public sealed interface ExchangeResponse {

    /** {@code {"status":"err","response":"<text>"}}. */
    record Refused(RejectKind kind, String text) implements ExchangeResponse {
    }

    /** {@code {"status":"ok","response":{"type":"order","data":{"statuses":[…]}}}}. */
    record Orders(List<OrderOutcome> statuses) implements ExchangeResponse {
    }

    /** Cancel statuses: null for {@code "success"}, else the refusal. */
    record Cancels(List<OrderOutcome.Rejected> failures, int count) implements ExchangeResponse {
        public boolean allSucceeded() {
            return failures.stream().allMatch(f -> f == null);
        }
    }

    /** {@code {"status":"ok","response":{"type":"default"}}}. */
    record Ok() implements ExchangeResponse {
    }

    /**
     * @throws IllegalArgumentException when the answer has none of the documented shapes
     */
    static ExchangeResponse parse(JsonNode root) {
        String status = root.path("status").asText("");
        if (status.equals("err")) {
            String text = root.path("response").asText("");
            return new Refused(RejectKind.of(text), text);
        }
        if (!status.equals("ok")) {
            throw new IllegalArgumentException("exchange answer without status ok/err: " + abbreviate(root));
        }
        JsonNode response = root.path("response");
        String type = response.path("type").asText("");
        JsonNode statuses = response.path("data").path("statuses");
        return switch (type) {
            case "default" -> new Ok();
            case "order" -> {
                List<OrderOutcome> out = new ArrayList<>();
                statuses.forEach(s -> out.add(orderStatus(s)));
                yield new Orders(List.copyOf(out));
            }
            case "cancel", "cancelByCloid" -> {
                List<OrderOutcome.Rejected> failures = new ArrayList<>();
                statuses.forEach(s -> failures.add(s.isTextual() && s.asText().equals("success") ? null
                        : new OrderOutcome.Rejected(RejectKind.of(s.path("error").asText("")), s.path("error").asText(""))));
                yield new Cancels(java.util.Collections.unmodifiableList(failures), failures.size());
            }
            default -> throw new IllegalArgumentException("unknown exchange answer type '" + type + "': "
                    + abbreviate(root));
        };
    }

    private static OrderOutcome orderStatus(JsonNode s) {
        if (s.isTextual()) {
            return new OrderOutcome.Waiting(s.asText());
        }
        if (s.has("resting")) {
            JsonNode r = s.get("resting");
            return new OrderOutcome.Resting(r.path("oid").asLong(), r.hasNonNull("cloid") ? r.get("cloid").asText() : null);
        }
        if (s.has("filled")) {
            JsonNode f = s.get("filled");
            return new OrderOutcome.Filled(Decimals.parse(f.path("totalSz").asText()), Decimals.parse(f.path("avgPx").asText()),
                    f.path("oid").asLong(), f.hasNonNull("cloid") ? f.get("cloid").asText() : null);
        }
        String text = s.path("error").asText(s.toString());
        return new OrderOutcome.Rejected(RejectKind.of(text), text);
    }

    private static String abbreviate(JsonNode n) {
        String t = n.toString();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
