package lotus.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Which scope dimensions beyond (book_id, token_chain) a lesson is narrowed by; null means "any". The empty subset is
 * the pattern's lesson over the whole book, the full one the pattern on one timeframe, ticker and entry state.
 */
public record Subset(String timeframe, String tokenTicker, String entryState) {

    /** Every trade of the book. */
    public static final Subset WHOLE_BOOK = new Subset(null, null, null);

    static final int TIMEFRAME = 4;
    static final int TOKEN_TICKER = 2;
    static final int ENTRY_STATE = 1;
    static final int DIMENSIONS = 3;

    /**
     * The 2^3 subset masks from most to least specific. Equally specific subsets rank timeframe > token_ticker >
     * entry_state: bar length changes what a pattern means for every token, while the entry state is mostly implied
     * by the pattern itself (S2.dip_buy is bought in S2).
     */
    static final int[] BY_SPECIFICITY = {
        TIMEFRAME | TOKEN_TICKER | ENTRY_STATE,
        TIMEFRAME | TOKEN_TICKER, TIMEFRAME | ENTRY_STATE, TOKEN_TICKER | ENTRY_STATE,
        TIMEFRAME, TOKEN_TICKER, ENTRY_STATE,
        0};

    private static final ObjectMapper JSON = new ObjectMapper();

    public Subset {
        for (String v : new String[] {timeframe, tokenTicker, entryState}) {
            if (v != null && v.isBlank()) {
                throw new IllegalArgumentException("a subset dimension is a value or null (any), never blank");
            }
        }
    }

    /** The subset of {@code scope} keeping the dimensions in {@code mask}; null if the scope lacks one of them. */
    static Subset of(Scope scope, int mask) {
        String tf = (mask & TIMEFRAME) != 0 ? scope.timeframe() : null;
        String ticker = (mask & TOKEN_TICKER) != 0 ? scope.tokenTicker() : null;
        String state = (mask & ENTRY_STATE) != 0 ? scope.entryState() : null;
        Subset s = new Subset(tf, ticker, state);
        return s.mask() == mask ? s : null;
    }

    /** How many dimensions the subset fixes, 0 to 3. */
    public int size() {
        return Integer.bitCount(mask());
    }

    int mask() {
        return (timeframe != null ? TIMEFRAME : 0) | (tokenTicker != null ? TOKEN_TICKER : 0)
                | (entryState != null ? ENTRY_STATE : 0);
    }

    /** The stored key: a JSON object of the fixed dimensions in a fixed order, {@code {}} for the whole book. */
    public String key() {
        ObjectNode o = JSON.createObjectNode();
        if (timeframe != null) {
            o.put("timeframe", timeframe);
        }
        if (tokenTicker != null) {
            o.put("token_ticker", tokenTicker);
        }
        if (entryState != null) {
            o.put("entry_state", entryState);
        }
        return o.toString();
    }

    public static Subset fromKey(String key) {
        JsonNode o;
        try {
            o = JSON.readTree(key);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("subset key is not JSON: " + key, e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("subset key is not a JSON object: " + key);
        }
        String tf = null;
        String ticker = null;
        String state = null;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("subset key " + key + ": " + e.getKey() + " is not a string");
            }
            String v = e.getValue().textValue();
            switch (e.getKey()) {
                case "timeframe" -> tf = v;
                case "token_ticker" -> ticker = v;
                case "entry_state" -> state = v;
                default -> throw new IllegalArgumentException(
                        "subset key " + key + ": unknown dimension " + e.getKey());
            }
        }
        return new Subset(tf, ticker, state);
    }

    /** For printing: {@code timeframe=1h token_ticker=ETH}, or {@code book} for the whole book. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        if (timeframe != null) {
            sb.append("timeframe=").append(timeframe);
        }
        if (tokenTicker != null) {
            sb.append(sb.isEmpty() ? "" : " ").append("token_ticker=").append(tokenTicker);
        }
        if (entryState != null) {
            sb.append(sb.isEmpty() ? "" : " ").append("entry_state=").append(entryState);
        }
        return sb.isEmpty() ? "book" : sb.toString();
    }
}
