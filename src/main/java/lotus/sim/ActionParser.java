package lotus.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.market.Decimals;

/**
 * Reads the {@code action} of an {@code /exchange} request into a {@link SimAction}, rebuilding it with
 * {@link ExchangeActions}. The rebuild is what gets hashed: a client that signed other bytes ({@code "100.0"} for
 * {@code "100"}, swapped keys, an uppercase cloid) recovers a stranger, as on the real exchange (§8.1). Anything we do
 * not simulate or cannot read is {@link Refused} with a text for {@code {"status":"err"}}.
 */
final class ActionParser {

    /** The whole action was refused before any signature check; {@code getMessage()} is the answer's text. */
    static final class Refused extends RuntimeException {
        Refused(String text) {
            super(text, null, false, false);
        }
    }

    private static final Pattern CLOID = Pattern.compile("0x[0-9a-fA-F]{32}");
    private static final Set<String> ORDER_KEYS = Set.of("a", "b", "p", "s", "r", "t", "c");

    private ActionParser() {
    }

    /** {@code 1 + floor(n/40)} for n orders or cancels (HYPERLIQUID.md §3), read before anything is validated. */
    static int weight(JsonNode action) {
        JsonNode list = action.has("orders") ? action.get("orders") : action.path("cancels");
        return 1 + (list.isArray() ? list.size() / 40 : 0);
    }

    static SimAction parse(JsonNode action) {
        if (!action.isObject() || !action.path("type").isTextual()) {
            throw new Refused("Action must be an object with a \"type\"");
        }
        String type = action.get("type").asText();
        return switch (type) {
            case "order" -> orders(action);
            case "cancel" -> cancels(action);
            case "cancelByCloid" -> cancelsByCloid(action);
            case "updateLeverage" -> updateLeverage(action);
            case "scheduleCancel" -> scheduleCancel(action);
            default -> throw new Refused("Unsupported action type: " + type);
        };
    }

    private static SimAction orders(JsonNode action) {
        onlyKeys(action, Set.of("type", "orders", "grouping"));
        if (!"na".equals(action.path("grouping").asText(null))) {
            throw new Refused("Unsupported grouping: " + action.path("grouping") + " (only \"na\" is simulated)");
        }
        List<ExchangeActions.Order> orders = new ArrayList<>();
        for (JsonNode o : array(action, "orders")) {
            if (!o.isObject()) {
                throw new Refused("Every order must be an object");
            }
            onlyKeys(o, ORDER_KEYS);
            JsonNode c = o.path("c");
            String cloid = c.isMissingNode() || c.isNull() ? null : cloid(c);
            try {
                orders.add(new ExchangeActions.Order(integer(o, "a"), bool(o, "b"), decimal(o, "p"), decimal(o, "s"),
                        bool(o, "r"), orderType(o.path("t")), cloid));
            } catch (IllegalArgumentException e) {
                throw new Refused("Invalid order: " + e.getMessage());
            }
        }
        return new SimAction.PlaceOrders(orders, ExchangeActions.order(orders));
    }

    private static ExchangeActions.OrderType orderType(JsonNode t) {
        if (t.isObject() && t.size() == 1 && t.path("limit").isObject()) {
            String tif = t.get("limit").path("tif").asText("");
            return switch (tif) {
                case "Gtc" -> new ExchangeActions.Limit(ExchangeActions.Tif.GTC);
                case "Ioc" -> new ExchangeActions.Limit(ExchangeActions.Tif.IOC);
                case "Alo" -> new ExchangeActions.Limit(ExchangeActions.Tif.ALO);
                default -> throw new Refused("Unsupported tif: " + t.get("limit").path("tif"));
            };
        }
        if (t.isObject() && t.size() == 1 && t.path("trigger").isObject()) {
            JsonNode trigger = t.get("trigger");
            return new ExchangeActions.Trigger(bool(trigger, "isMarket"), decimal(trigger, "triggerPx"),
                    trigger.path("tpsl").asText(""));
        }
        throw new Refused("Order type \"t\" must be {\"limit\":{…}} or {\"trigger\":{…}}");
    }

    private static SimAction cancels(JsonNode action) {
        onlyKeys(action, Set.of("type", "cancels"));
        List<SimAction.OrderRef> refs = new ArrayList<>();
        ObjectNode canonical = null;
        for (JsonNode c : array(action, "cancels")) {
            onlyKeys(c, Set.of("a", "o"));
            SimAction.OrderRef ref = new SimAction.OrderRef(integer(c, "a"), longValue(c, "o"));
            refs.add(ref);
            canonical = merge(canonical, ExchangeActions.cancel(ref.asset(), ref.oid()));
        }
        return new SimAction.Cancel(refs, canonical);
    }

    private static SimAction cancelsByCloid(JsonNode action) {
        onlyKeys(action, Set.of("type", "cancels"));
        List<SimAction.CloidRef> refs = new ArrayList<>();
        ObjectNode canonical = null;
        for (JsonNode c : array(action, "cancels")) {
            onlyKeys(c, Set.of("asset", "cloid"));
            SimAction.CloidRef ref = new SimAction.CloidRef(integer(c, "asset"), cloid(c.path("cloid")));
            refs.add(ref);
            canonical = merge(canonical, ExchangeActions.cancelByCloid(ref.asset(), ref.cloid()));
        }
        return new SimAction.CancelByCloid(refs, canonical);
    }

    /** ExchangeActions builds one cancel per action; a batch is their cancels in request order. */
    private static ObjectNode merge(ObjectNode into, ObjectNode single) {
        if (into == null) {
            return single;
        }
        ((ArrayNode) into.get("cancels")).addAll((ArrayNode) single.get("cancels"));
        return into;
    }

    private static SimAction updateLeverage(JsonNode action) {
        onlyKeys(action, Set.of("type", "asset", "isCross", "leverage"));
        int asset = integer(action, "asset");
        boolean isCross = bool(action, "isCross");
        int leverage = integer(action, "leverage");
        if (leverage < 1) {
            throw new Refused("Invalid leverage value: " + leverage);
        }
        return new SimAction.UpdateLeverage(asset, isCross, leverage,
                ExchangeActions.updateLeverage(asset, isCross, leverage));
    }

    private static SimAction scheduleCancel(JsonNode action) {
        onlyKeys(action, Set.of("type", "time"));
        JsonNode time = action.path("time");
        Long timeMs = time.isMissingNode() || time.isNull() ? null : longValue(action, "time");
        return new SimAction.ScheduleCancel(timeMs, ExchangeActions.scheduleCancel(timeMs));
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed) {
        if (!node.isObject()) {
            throw new Refused("Expected an object, got " + node);
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new Refused("Unsupported field \"" + key + "\"");
            }
        });
    }

    private static JsonNode array(JsonNode node, String key) {
        JsonNode list = node.path(key);
        if (!list.isArray() || list.isEmpty()) {
            throw new Refused("\"" + key + "\" must be a non-empty array");
        }
        return list;
    }

    private static int integer(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new Refused("\"" + key + "\" must be an integer");
        }
        return value.intValue();
    }

    private static long longValue(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Refused("\"" + key + "\" must be an integer");
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isBoolean()) {
            throw new Refused("\"" + key + "\" must be a boolean");
        }
        return value.booleanValue();
    }

    /** A decimal string; {@code "100.0"} reads as 100 and is hashed as {@code "100"}. */
    private static BigDecimal decimal(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isTextual()) {
            throw new Refused("\"" + key + "\" must be a decimal string");
        }
        try {
            return Decimals.parse(value.asText());
        } catch (NumberFormatException e) {
            throw new Refused("\"" + key + "\" is " + e.getMessage());
        }
    }

    /** Lowercased: the venue hashes the canonical form, so a client that signed uppercase hex recovers a stranger. */
    private static String cloid(JsonNode value) {
        if (!value.isTextual() || !CLOID.matcher(value.asText()).matches()) {
            throw new Refused("Invalid cloid: " + value);
        }
        return value.asText().toLowerCase(Locale.ROOT);
    }
}
