package lotus.hyperliquid.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the asset lists of {@code meta} and {@code spotMeta} (HYPERLIQUID.md §3, §4), refusing missing fields. */
final class MetaReader {

    private static final Logger log = LoggerFactory.getLogger(MetaReader.class);

    /** A spot pair before naming: {@code humanName} is base/quote token names, which need not be unique. */
    record Pair(int index, String apiCoin, String humanName, int szDecimals, boolean canonical, String baseName,
            int baseToken, int baseWeiDecimals) {
    }

    private MetaReader() {
    }

    /** Perps with id = position in {@code meta.universe}: delisted entries keep their slot, so ids never shift. */
    static List<Asset> perps(JsonNode meta) {
        JsonNode universe = array(meta, "universe", "meta");
        List<Asset> out = new ArrayList<>(universe.size());
        for (int i = 0; i < universe.size(); i++) {
            JsonNode entry = universe.get(i);
            String where = "meta.universe[" + i + "]";
            String name = text(entry, "name", where);
            out.add(new Asset(name, name, i, MarketKind.PERP, integer(entry, "szDecimals", where),
                    integer(entry, "maxLeverage", where), entry.path("isDelisted").asBoolean(false)));
        }
        return out;
    }

    /**
     * Spot pairs with their base token's szDecimals and weiDecimals. Pair and token are found by their {@code index}
     * fields, never by list position: the venue's lists are sparse (HYPE is token 150, pair 107 on mainnet).
     */
    static List<Pair> spotPairs(JsonNode spotMeta) {
        Map<Integer, JsonNode> tokens = new HashMap<>();
        JsonNode tokenList = array(spotMeta, "tokens", "spotMeta");
        for (int i = 0; i < tokenList.size(); i++) {
            JsonNode token = tokenList.get(i);
            tokens.put(integer(token, "index", "spotMeta.tokens[" + i + "]"), token);
        }
        JsonNode universe = array(spotMeta, "universe", "spotMeta");
        List<Pair> out = new ArrayList<>(universe.size());
        for (int i = 0; i < universe.size(); i++) {
            JsonNode pair = universe.get(i);
            String where = "spotMeta.universe[" + i + "]";
            int index = integer(pair, "index", where);
            String apiCoin = text(pair, "name", where);
            JsonNode pairTokens = pair.path("tokens");
            JsonNode base = tokens.get(pairTokens.path(0).asInt(-1));
            JsonNode quote = tokens.get(pairTokens.path(1).asInt(-1));
            if (base == null || quote == null) {
                // One broken pair should not take every other market down with it.
                log.warn("{} ({}): tokens {} not all in spotMeta.tokens; pair skipped", where, apiCoin, pairTokens);
                continue;
            }
            String humanName = text(base, "name", where + " base") + "/" + text(quote, "name", where + " quote");
            out.add(new Pair(index, apiCoin, humanName, integer(base, "szDecimals", where + " base token"),
                    pair.path("isCanonical").asBoolean(false), text(base, "name", where + " base"),
                    pairTokens.path(0).asInt(), integer(base, "weiDecimals", where + " base token")));
        }
        return out;
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(where + " has no '" + field + "' array");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + " has no '" + field + "' text");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(where + " has no integer '" + field + "'");
        }
        return value.intValue();
    }
}
