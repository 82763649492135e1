package lotus.hyperliquid.exchange;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import lotus.market.Decimals;

/**
 * The {@code /exchange} actions Lotus sends, as typed values that render to JSON with the keys in the order the
 * exchange hashes them (HYPERLIQUID.md §7). The order is part of the signature: {@code a b p s r t c} for an order,
 * {@code isMarket triggerPx tpsl} for a trigger.
 */
public final class ExchangeActions {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern CLOID = Pattern.compile("0x[0-9a-f]{32}");

    private ExchangeActions() {
    }

    public enum Tif {
        GTC("Gtc"), IOC("Ioc"), ALO("Alo");

        final String wire;

        Tif(String wire) {
            this.wire = wire;
        }
    }

    /** How an order rests: a limit with a time in force, or a trigger (take-profit / stop-loss). */
    public sealed interface OrderType {
    }

    public record Limit(Tif tif) implements OrderType {
        public Limit {
            Objects.requireNonNull(tif, "tif");
        }
    }

    /** @param tpsl {@code tp} or {@code sl} */
    public record Trigger(boolean isMarket, BigDecimal triggerPx, String tpsl) implements OrderType {
        public Trigger {
            if (!"tp".equals(tpsl) && !"sl".equals(tpsl)) {
                throw new IllegalArgumentException("tpsl must be tp or sl, got " + tpsl);
            }
            if (triggerPx.signum() <= 0) {
                throw new IllegalArgumentException("trigger price must be positive");
            }
        }
    }

    /**
     * One order. Price and size must already follow the venue's rules (see {@code Wire}); they are sent as canonical
     * decimal strings, never a double's text.
     *
     * @param cloid {@code 0x} + 32 lowercase hex digits, or null
     */
    public record Order(int asset, boolean isBuy, BigDecimal px, BigDecimal sz, boolean reduceOnly, OrderType type,
            String cloid) {
        public Order {
            if (asset < 0) {
                throw new IllegalArgumentException("asset id must not be negative: " + asset);
            }
            if (px.signum() <= 0 || sz.signum() <= 0) {
                throw new IllegalArgumentException("price and size must be positive: p=" + px + " s=" + sz);
            }
            Objects.requireNonNull(type, "type");
            if (cloid != null && !CLOID.matcher(cloid).matches()) {
                throw new IllegalArgumentException("cloid must be 0x + 32 lowercase hex digits: " + cloid);
            }
        }
    }

    /** {@code {"type":"order","orders":[…],"grouping":"na"}}. */
    public static ObjectNode order(List<Order> orders) {
        ObjectNode action = F.objectNode();
        action.put("type", "order");
        ArrayNode list = action.putArray("orders");
        for (Order o : orders) {
            ObjectNode n = list.addObject();
            n.put("a", o.asset());
            n.put("b", o.isBuy());
            n.put("p", Decimals.plain(o.px()));
            n.put("s", Decimals.plain(o.sz()));
            n.put("r", o.reduceOnly());
            ObjectNode t = n.putObject("t");
            switch (o.type()) {
                case Limit l -> t.putObject("limit").put("tif", l.tif().wire);
                case Trigger g -> {
                    ObjectNode trig = t.putObject("trigger");
                    trig.put("isMarket", g.isMarket());
                    trig.put("triggerPx", Decimals.plain(g.triggerPx()));
                    trig.put("tpsl", g.tpsl());
                }
            }
            if (o.cloid() != null) {
                n.put("c", o.cloid());
            }
        }
        action.put("grouping", "na");
        return action;
    }

    /** {@code {"type":"cancel","cancels":[{"a":…,"o":…}]}}. */
    public static ObjectNode cancel(int asset, long oid) {
        ObjectNode action = F.objectNode();
        action.put("type", "cancel");
        ObjectNode c = action.putArray("cancels").addObject();
        c.put("a", asset);
        c.put("o", oid);
        return action;
    }

    /** {@code {"type":"cancelByCloid","cancels":[{"asset":…,"cloid":…}]}} (long key names here). */
    public static ObjectNode cancelByCloid(int asset, String cloid) {
        if (!CLOID.matcher(cloid).matches()) {
            throw new IllegalArgumentException("cloid must be 0x + 32 lowercase hex digits: " + cloid);
        }
        ObjectNode action = F.objectNode();
        action.put("type", "cancelByCloid");
        ObjectNode c = action.putArray("cancels").addObject();
        c.put("asset", asset);
        c.put("cloid", cloid);
        return action;
    }

    /** {@code {"type":"updateLeverage","asset":…,"isCross":…,"leverage":…}}, leverage 1 … the asset's maximum. */
    public static ObjectNode updateLeverage(int asset, boolean isCross, int leverage) {
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage must be at least 1, got " + leverage);
        }
        ObjectNode action = F.objectNode();
        action.put("type", "updateLeverage");
        action.put("asset", asset);
        action.put("isCross", isCross);
        action.put("leverage", leverage);
        return action;
    }

    /** Dead man's switch: cancel all open orders at {@code timeMs}; null clears it. */
    public static ObjectNode scheduleCancel(Long timeMs) {
        ObjectNode action = F.objectNode();
        action.put("type", "scheduleCancel");
        if (timeMs != null) {
            action.put("time", timeMs);
        }
        return action;
    }
}
