package lotus.solana.jupiter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import lotus.solana.jupiter.JupiterError.Kind;

/** Jupiter's answers, read and classified (SOLANA.md §3.4); no I/O, so every shape is testable without a socket. */
final class JupiterParser {

    /**
     * Floats as BigDecimal with their digits kept: the quote goes back to {@code /swap} verbatim, and a double in
     * between could change a value the server signed off on.
     */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** 400 codes meaning "untradable now": a later tick may route (new pools need minutes). */
    private static final Set<String> NO_ROUTE_CODES = Set.of("COULD_NOT_FIND_ANY_ROUTE", "NO_ROUTES_FOUND",
            "TOKEN_NOT_TRADABLE", "ROUTE_PLAN_DOES_NOT_CONSUME_ALL_THE_AMOUNT",
            "CANNOT_COMPUTE_OTHER_AMOUNT_THRESHOLD");
    private static final int EXCERPT = 200;

    private JupiterParser() {
    }

    static Quote quote(String body) throws JupiterError {
        JsonNode root = json("quote", body);
        try {
            return new Quote(root);
        } catch (IllegalArgumentException e) {
            throw malformed("quote", e.getMessage());
        }
    }

    static SwapResponse swap(String body) throws JupiterError {
        JsonNode root = json("swap", body);
        if (!root.isObject()) {
            throw malformed("swap", "answer is not a JSON object");
        }
        JsonNode sim = root.path("simulationError");
        if (!sim.isMissingNode() && !sim.isNull()) {
            String code = sim.path("errorCode").isTextual() ? sim.path("errorCode").asText() : null;
            throw new JupiterError(Kind.SIMULATION_FAILED, 200, code, "swap: Jupiter's simulation failed ("
                    + excerpt(sim.toString()) + "); not signing", sim.deepCopy(), null);
        }
        JsonNode tx = root.path("swapTransaction");
        if (!tx.isTextual() || tx.asText().isEmpty()) {
            throw malformed("swap", "swapTransaction is missing or not a string");
        }
        JsonNode lvbh = root.path("lastValidBlockHeight");
        if (!lvbh.isIntegralNumber() || !lvbh.canConvertToLong()) {
            throw malformed("swap", "lastValidBlockHeight is missing or not an integer");
        }
        return new SwapResponse(tx.asText(), lvbh.longValue(), optionalLong(root, "prioritizationFeeLamports"),
                optionalLong(root, "computeUnitLimit"), Optional.empty());
    }

    /** A non-200 answer as the error it means; 429 here is the final one, after the backoff. */
    static JupiterError refusal(String call, int status, String body) {
        String text = body == null ? "" : body;
        if (status == 429) {
            return new JupiterError(Kind.RATE_LIMITED, status, null, call + ": HTTP 429, over Jupiter's rate limit");
        }
        if (status == 422) {
            return new JupiterError(Kind.REQUEST_SHAPE, status, null, call + ": HTTP 422, our request's shape is"
                    + " wrong (" + excerpt(text) + "); never retried");
        }
        if (status == 500 && text.contains("ParseIntError")) {
            return new JupiterError(Kind.BAD_AMOUNT, status, null, call + ": HTTP 500, an amount is not an integer ("
                    + excerpt(text) + ")");
        }
        if (status >= 500) {
            return new JupiterError(Kind.SERVER, status, null, call + ": HTTP " + status + " (" + excerpt(text) + ")");
        }
        String code = errorCode(text);
        if (status == 400 && code != null && NO_ROUTE_CODES.contains(code)) {
            return new JupiterError(Kind.NO_ROUTE, status, code, call + ": no route now (" + code + ")");
        }
        return new JupiterError(Kind.REQUEST_SHAPE, status, code, call + ": HTTP " + status + " ("
                + excerpt(text) + ")");
    }

    private static String errorCode(String body) {
        try {
            JsonNode n = JSON.readTree(body).path("errorCode");
            return n.isTextual() ? n.asText() : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode json(String call, String body) throws JupiterError {
        if (body == null || body.isBlank()) {
            throw malformed(call, "empty answer");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed(call, "answer is not JSON (" + excerpt(body) + ")");
        }
    }

    private static OptionalLong optionalLong(JsonNode root, String field) throws JupiterError {
        JsonNode n = root.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return OptionalLong.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw malformed("swap", field + " is not an integer");
        }
        return OptionalLong.of(n.longValue());
    }

    private static JupiterError malformed(String call, String why) {
        return new JupiterError(Kind.MALFORMED, 200, null, call + ": unreadable answer: " + why);
    }

    /** The start of a body on one line: enough to recognise an HTML page or a cut answer. */
    static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }
}
