package lotus.solana.dex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * DexScreener's answers as pairs (SOLANA.md §2.1–2.2): the bare array of {@code /tokens/v1/solana/…} and the
 * {@code {"pairs": […] | null}} object of {@code /latest/dex/…}. Prices are decimal strings read exactly; a pair
 * without its addresses is left out and counted; unknown fields are ignored.
 */
public final class DexParser {

    /** The pairs of one answer, and how many pair objects could not be read. */
    public record Parsed(List<DexPair> pairs, int rejected) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DexParser() {
    }

    /**
     * @throws IllegalArgumentException when the body is not JSON, or neither an array nor an object with
     *                                  {@code pairs} (a failed chunk: its tokens miss this minute)
     */
    public static Parsed parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("DexScreener answer is not JSON: " + e.getOriginalMessage());
        }
        JsonNode array;
        if (root != null && root.isArray()) {
            array = root;
        } else if (root != null && root.isObject() && root.has("pairs")) {
            array = root.get("pairs"); // null when nothing is known of the token
        } else {
            throw new IllegalArgumentException("DexScreener answer is neither an array nor an object with pairs");
        }
        List<DexPair> pairs = new ArrayList<>();
        int rejected = 0;
        if (array != null && array.isArray()) {
            for (JsonNode p : array) {
                DexPair pair = pair(p);
                if (pair == null) {
                    rejected++;
                } else {
                    pairs.add(pair);
                }
            }
        }
        return new Parsed(List.copyOf(pairs), rejected);
    }

    private static DexPair pair(JsonNode p) {
        String chain = text(p, "chainId");
        String address = text(p, "pairAddress");
        String base = text(p.path("baseToken"), "address");
        String quote = text(p.path("quoteToken"), "address");
        if (chain == null || address == null || base == null || quote == null) {
            return null;
        }
        try {
            return new DexPair(chain, text(p, "dexId"), address, base, text(p.path("baseToken"), "symbol"), quote,
                    text(p.path("quoteToken"), "symbol"), decimal(p.get("priceNative")), decimal(p.get("priceUsd")),
                    decimal(p.path("liquidity").get("usd")), decimal(p.path("volume").get("m5")),
                    decimal(p.path("volume").get("h1")), decimal(p.path("volume").get("h6")),
                    decimal(p.path("volume").get("h24")), decimal(p.path("priceChange").get("h24")),
                    decimal(p.get("marketCap")), decimal(p.get("fdv")),
                    p.path("pairCreatedAt").isIntegralNumber() ? p.get("pairCreatedAt").asLong() : null);
        } catch (NumberFormatException e) {
            return null; // a price that is not a number: this pair cannot price anything
        }
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }

    /** A decimal string or number read exactly; null when absent, JSON null, or not finite. */
    private static BigDecimal decimal(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Double.isFinite(v.doubleValue()) ? v.decimalValue() : null;
        }
        if (v.isTextual()) {
            return new BigDecimal(v.asText());
        }
        return null;
    }
}
