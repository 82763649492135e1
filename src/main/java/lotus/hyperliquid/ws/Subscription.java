package lotus.hyperliquid.ws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One market-data subscription, tracked by {@link #key()}. Acks echo a normalised copy, so they are matched on
 * type, coin and interval, never by string equality (HYPERLIQUID.md §2.2).
 *
 * @param coin     null for {@code allMids}
 * @param interval only for {@code candle}
 */
public record Subscription(String type, String coin, String interval) {

    public Subscription {
        Objects.requireNonNull(type, "type");
    }

    public static Subscription trades(String coin) {
        return new Subscription("trades", Objects.requireNonNull(coin, "coin"), null);
    }

    public static Subscription candle(String coin, String interval) {
        return new Subscription("candle", coin, interval);
    }

    public static Subscription allMids() {
        return new Subscription("allMids", null, null);
    }

    public String key() {
        return type + ":" + (coin == null ? "" : coin) + (interval == null ? "" : ":" + interval);
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", type);
        if (coin != null) {
            n.put("coin", coin);
        }
        if (interval != null) {
            n.put("interval", interval);
        }
        return n;
    }

    @Override
    public String toString() {
        return key();
    }
}
