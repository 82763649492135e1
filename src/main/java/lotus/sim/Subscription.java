package lotus.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import lotus.time.Timeframe;

/**
 * One WebSocket subscription in normalised form. Its {@link #json()} is what acks and "Already subscribed" errors
 * echo, and two requests that normalise alike are the same subscription (HYPERLIQUID.md §2.2).
 *
 * @param coin     null for {@code allMids} and the user streams
 * @param interval only for {@code candle}
 * @param nSigFigs {@code l2Book} only, null when absent (the simulator serves full precision whatever it says)
 * @param user     the user streams only: the lowercase address ({@code aggregateByTime} is accepted and ignored)
 */
record Subscription(Type type, String coin, Timeframe interval, Integer nSigFigs, Integer mantissa, String user) {

    enum Type { TRADES, CANDLE, ALL_MIDS, L2_BOOK, USER_FILLS, ORDER_UPDATES }

    /** What a request's {@code subscription} object turned out to be. */
    sealed interface Parsed {
        /** A subscription the simulator serves. */
        record Valid(Subscription subscription) implements Parsed {
        }

        /** Well-formed but refused: unknown coin, interval or type we do not simulate, bad book precision. */
        record Invalid(String json) implements Parsed {
        }

        /** Not a subscription at all: the venue's deserialiser would fail on the whole request. */
        record Malformed() implements Parsed {
        }
    }

    /** Every interval the venue knows; ones outside {@link Timeframe} are refused as invalid, not malformed. */
    private static final Set<String> VENUE_INTERVALS =
            Set.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w", "1M");
    /** Venue subscription types the simulator does not serve (yet): answered "Invalid subscription". */
    private static final Set<String> OTHER_VENUE_TYPES = Set.of("userEvents", "userFundings",
            "userNonFundingLedgerUpdates", "bbo", "activeAssetCtx", "activeAssetData", "notification", "webData2",
            "userTwapSliceFills", "userTwapHistory");

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    static Subscription trades(String coin) {
        return new Subscription(Type.TRADES, coin, null, null, null, null);
    }

    static Subscription userFills(String user) {
        return new Subscription(Type.USER_FILLS, null, null, null, null, user);
    }

    static Subscription orderUpdates(String user) {
        return new Subscription(Type.ORDER_UPDATES, null, null, null, null, user);
    }

    String json() {
        return switch (type) {
            case TRADES -> "{\"type\":\"trades\",\"coin\":" + Frames.quote(coin) + "}";
            case CANDLE -> "{\"type\":\"candle\",\"coin\":" + Frames.quote(coin) + ",\"interval\":\""
                    + interval.label() + "\"}";
            case ALL_MIDS -> "{\"type\":\"allMids\"}";
            case L2_BOOK -> "{\"type\":\"l2Book\",\"coin\":" + Frames.quote(coin) + ",\"nSigFigs\":" + nSigFigs
                    + ",\"mantissa\":" + mantissa + "}";
            case USER_FILLS -> "{\"type\":\"userFills\",\"user\":\"" + user + "\"}";
            case ORDER_UPDATES -> "{\"type\":\"orderUpdates\",\"user\":\"" + user + "\"}";
        };
    }

    static Parsed parse(JsonNode node, Predicate<String> knownCoin) {
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return new Parsed.Malformed();
        }
        String type = node.get("type").asText();
        String invalid = node.toString();
        switch (type) {
            case "allMids" -> {
                JsonNode dex = node.path("dex");
                if (!dex.isMissingNode() && !dex.isNull() && !dex.isTextual()) {
                    return new Parsed.Malformed();
                }
                // Only the main dex is simulated.
                return dex.isTextual() && !dex.asText().isEmpty() ? new Parsed.Invalid(invalid)
                        : valid(Type.ALL_MIDS, null, null, null, null);
            }
            case "trades", "candle", "l2Book" -> {
                if (!node.path("coin").isTextual()) {
                    return new Parsed.Malformed();
                }
                String coin = node.get("coin").asText();
                return switch (type) {
                    case "trades" -> knownCoin.test(coin) ? valid(Type.TRADES, coin, null, null, null)
                            : new Parsed.Invalid(invalid);
                    case "candle" -> candle(node, coin, knownCoin, invalid);
                    default -> book(node, coin, knownCoin, invalid);
                };
            }
            case "userFills", "orderUpdates" -> {
                JsonNode user = node.path("user");
                JsonNode aggregate = node.path("aggregateByTime");
                if (!user.isTextual() || !ADDRESS.matcher(user.asText()).matches()
                        || !(aggregate.isMissingNode() || aggregate.isNull() || aggregate.isBoolean())) {
                    return new Parsed.Malformed();
                }
                String address = user.asText().toLowerCase(Locale.ROOT);
                return new Parsed.Valid(type.equals("userFills") ? userFills(address) : orderUpdates(address));
            }
            default -> {
                return OTHER_VENUE_TYPES.contains(type) ? new Parsed.Invalid(invalid) : new Parsed.Malformed();
            }
        }
    }

    private static Parsed candle(JsonNode node, String coin, Predicate<String> knownCoin, String invalid) {
        JsonNode interval = node.path("interval");
        if (!interval.isTextual() || !VENUE_INTERVALS.contains(interval.asText())) {
            return new Parsed.Malformed();
        }
        for (Timeframe tf : Timeframe.values()) {
            if (tf.label().equals(interval.asText()) && knownCoin.test(coin)) {
                return valid(Type.CANDLE, coin, tf, null, null);
            }
        }
        return new Parsed.Invalid(invalid);
    }

    private static Parsed book(JsonNode node, String coin, Predicate<String> knownCoin, String invalid) {
        JsonNode sig = node.path("nSigFigs");
        JsonNode mantissa = node.path("mantissa");
        if (!(sig.isMissingNode() || sig.isNull() || sig.isInt())
                || !(mantissa.isMissingNode() || mantissa.isNull() || mantissa.isInt())) {
            return new Parsed.Malformed();
        }
        Integer sigFigs = sig.isInt() ? sig.asInt() : null;
        Integer mant = mantissa.isInt() ? mantissa.asInt() : null;
        boolean sigOk = sigFigs == null || (sigFigs >= 2 && sigFigs <= 5);
        boolean mantissaOk = mant == null || (Integer.valueOf(5).equals(sigFigs) && (mant == 2 || mant == 5));
        if (!knownCoin.test(coin) || !sigOk || !mantissaOk) {
            return new Parsed.Invalid(invalid);
        }
        return valid(Type.L2_BOOK, coin, null, sigFigs, mant);
    }

    private static Parsed valid(Type type, String coin, Timeframe interval, Integer nSigFigs, Integer mantissa) {
        return new Parsed.Valid(new Subscription(type, coin, interval, nSigFigs, mantissa, null));
    }
}
