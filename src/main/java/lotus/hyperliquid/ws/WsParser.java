package lotus.hyperliquid.ws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lotus.hyperliquid.common.HlCandle;
import lotus.market.Decimals;
import lotus.market.Side;
import lotus.market.Trade;

/**
 * Parses Hyperliquid WebSocket frames (HYPERLIQUID.md §2.3). Trades frames, by far the most frequent, are read with
 * Jackson's streaming parser straight into {@link Trade}s with exact decimals; everything else goes through a tree.
 * Thread-safe (no mutable state).
 */
public final class WsParser {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** The plain-text frame a server may send first (HYPERLIQUID.md §2.1): expected, so not malformed. */
    static final String GREETING = "Websocket connection established.";

    public WsFrame parse(String text) {
        if (GREETING.equals(text)) {
            return new WsFrame.Other("greeting");
        }
        if (text.isEmpty() || text.charAt(0) != '{') {
            return new WsFrame.Malformed(text, "not a JSON object");
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            if (p.nextToken() == JsonToken.FIELD_NAME && "channel".equals(p.currentName())) {
                p.nextToken();
                String channel = p.getText();
                if ("trades".equals(channel)) {
                    return parseTrades(p, text);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new WsFrame.Malformed(text, "unreadable JSON: " + firstLine(e.getMessage()));
        }
        return parseTree(text);
    }

    private WsFrame parseTrades(JsonParser p, String raw) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !"data".equals(p.currentName())) {
            return parseTree(raw);
        }
        if (p.nextToken() != JsonToken.START_ARRAY) {
            return new WsFrame.Malformed(raw, "trades data is not an array");
        }
        List<Trade> trades = new ArrayList<>();
        int rejected = 0;
        String problem = null;
        String frameCoin = null;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String coin = null;
            String side = null;
            String px = null;
            String sz = null;
            long time = Long.MIN_VALUE;
            long tid = Long.MIN_VALUE;
            String typeProblem = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    // A nested value where a scalar belongs is a type error; skip it whole to keep our place.
                    if (!"users".equals(field) && ("coin".equals(field) || "side".equals(field) || "px".equals(field)
                            || "sz".equals(field) || "time".equals(field) || "tid".equals(field))) {
                        typeProblem = field + " is not a scalar";
                    }
                    p.skipChildren();
                    continue;
                }
                switch (field) {
                    case "coin" -> coin = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "side" -> side = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "px" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            px = p.getText();
                        } else {
                            typeProblem = "px is not a string";
                        }
                    }
                    case "sz" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            sz = p.getText();
                        } else {
                            typeProblem = "sz is not a string";
                        }
                    }
                    case "time" -> {
                        if (v == JsonToken.VALUE_NUMBER_INT) {
                            time = p.getLongValue();
                        } else {
                            typeProblem = "time is not an integer";
                        }
                    }
                    case "tid" -> {
                        if (v == JsonToken.VALUE_NUMBER_INT) {
                            tid = p.getLongValue();
                        } else {
                            typeProblem = "tid is not an integer";
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            String why = typeProblem != null ? typeProblem
                    : coin == null ? "missing coin"
                    : px == null ? "missing px"
                    : sz == null ? "missing sz"
                    : time == Long.MIN_VALUE ? "missing time"
                    : tid == Long.MIN_VALUE ? "missing tid"
                    : side == null ? "missing side" : null;
            Trade trade = null;
            if (why == null) {
                try {
                    BigDecimal price = Decimals.parse(px);
                    BigDecimal size = Decimals.parse(sz);
                    if (price.signum() <= 0 || size.signum() <= 0) {
                        why = "non-positive px or sz";
                    } else {
                        trade = new Trade(coin, tid, time, price, size, Side.parse(side));
                    }
                } catch (IllegalArgumentException e) {
                    why = e.getMessage();
                }
            }
            if (trade != null) {
                trades.add(trade);
                frameCoin = frameCoin == null ? coin : frameCoin;
            } else {
                rejected++;
                problem = problem == null ? why : problem;
            }
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            return new WsFrame.Malformed(raw, "trades data holds something other than trade objects");
        }
        return new WsFrame.Trades(frameCoin, trades, rejected, problem);
    }

    private WsFrame parseTree(String raw) {
        JsonNode root;
        try {
            root = MAPPER.readTree(raw);
        } catch (IOException e) {
            return new WsFrame.Malformed(raw, "unreadable JSON: " + firstLine(e.getMessage()));
        }
        JsonNode channel = root.get("channel");
        if (channel == null || !channel.isTextual()) {
            return new WsFrame.Malformed(raw, "no channel");
        }
        JsonNode data = root.get("data");
        return switch (channel.asText()) {
            case "pong" -> new WsFrame.Pong();
            case "error" -> new WsFrame.Error(data == null ? "" : data.isTextual() ? data.asText() : data.toString());
            case "subscriptionResponse" -> parseAck(raw, data);
            case "candle" -> parseCandleFrame(raw, data);
            case "trades" -> {
                // Field order other than channel-then-data: rare, so re-serialise into the fast path's shape.
                if (data == null || !data.isArray()) {
                    yield new WsFrame.Malformed(raw, "trades data is not an array");
                }
                yield parse("{\"channel\":\"trades\",\"data\":" + data + "}");
            }
            default -> new WsFrame.Other(channel.asText());
        };
    }

    private static WsFrame parseAck(String raw, JsonNode data) {
        if (data == null || !data.path("method").isTextual() || !data.path("subscription").isObject()) {
            return new WsFrame.Malformed(raw, "subscriptionResponse without method or subscription");
        }
        JsonNode s = data.get("subscription");
        return new WsFrame.Ack(data.get("method").asText(), new Subscription(s.path("type").asText(),
                s.hasNonNull("coin") ? s.get("coin").asText() : null,
                s.hasNonNull("interval") ? s.get("interval").asText() : null));
    }

    private static WsFrame parseCandleFrame(String raw, JsonNode data) {
        try {
            return new WsFrame.Candle(HlCandle.parse(data));
        } catch (IllegalArgumentException e) {
            return new WsFrame.Malformed(raw, e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
