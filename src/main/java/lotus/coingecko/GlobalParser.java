package lotus.coingecko;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.OptionalLong;
import lotus.coingecko.DominanceResult.Failed;
import lotus.coingecko.DominanceResult.Failure;
import lotus.coingecko.DominanceResult.Sampled;

/**
 * CoinGecko's {@code /api/v3/global} answer read into a {@link Dominance}; no I/O, so every shape is tested without a
 * socket. Percentages are read as BigDecimal straight from the JSON token: a double in between would change digits
 * the driver's bars are built from.
 */
final class GlobalParser {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private GlobalParser() {
    }

    static DominanceResult parse(String body, long receivedAtMs) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Failed(Failure.NOT_JSON, "CoinGecko answer is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Failed(Failure.NOT_JSON, "CoinGecko answer is not a JSON object");
        }
        JsonNode shares = root.path("data").path("market_cap_percentage");
        String btcWhy = why(shares.get("btc"));
        String usdtWhy = why(shares.get("usdt"));
        if (btcWhy != null || usdtWhy != null) {
            return new Failed(Failure.MALFORMED, "CoinGecko answer has no usable market_cap_percentage: btc "
                    + (btcWhy == null ? "ok" : btcWhy) + ", usdt " + (usdtWhy == null ? "ok" : usdtWhy));
        }
        JsonNode updated = root.path("data").get("updated_at");
        OptionalLong updatedAtMs = updated != null && updated.canConvertToLong() && updated.asLong() > 0
                ? OptionalLong.of(updated.asLong() * 1_000) : OptionalLong.empty();
        return new Sampled(new Dominance(shares.get("btc").decimalValue(), shares.get("usdt").decimalValue(),
                receivedAtMs, updatedAtMs));
    }

    /** Why a percentage cannot be used, or null when it can. */
    private static String why(JsonNode n) {
        if (n == null || n.isNull()) {
            return "missing";
        }
        if (!n.isNumber()) {
            return "not a number (" + excerpt(n.toString()) + ")";
        }
        BigDecimal v = n.decimalValue();
        if (v.signum() < 0 || v.compareTo(HUNDRED) > 0) {
            return "out of [0, 100] (" + excerpt(v.toPlainString()) + ")";
        }
        return null;
    }

    private static String excerpt(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
