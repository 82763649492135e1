package lotus.sim;

import java.util.List;
import lotus.market.Decimals;

/**
 * The text of fills and orders as the venue shows them (HYPERLIQUID.md §2.3, §3), written by hand for the key order
 * of the venue's examples: the {@code userFills} and {@code orderUpdates} frames and the objects {@code /info} answers
 * for {@code userFills}, {@code openOrders} and {@code orderStatus}.
 */
final class UserFrames {

    private UserFrames() {
    }

    /** {@code {"user","isSnapshot"?,"fills":[…]}} in a {@code userFills} frame. */
    static String userFillsFrame(String user, List<SimFill> fills, boolean snapshot) {
        StringBuilder out = new StringBuilder(64 + 400 * fills.size())
                .append("{\"channel\":\"userFills\",\"data\":{\"user\":\"").append(user).append('"');
        if (snapshot) {
            out.append(",\"isSnapshot\":true");
        }
        out.append(",\"fills\":");
        fills(out, fills);
        return out.append("}}").toString();
    }

    /** {@code data} is an array of {@code {"order":{…},"status","statusTimestamp"}}, one per entry. */
    static String orderUpdatesFrame(List<String> updates) {
        return "{\"channel\":\"orderUpdates\",\"data\":[" + String.join(",", updates) + "]}";
    }

    static String orderUpdate(SimOrder order) {
        StringBuilder out = new StringBuilder(256).append("{\"order\":{\"coin\":")
                .append(Frames.quote(order.asset().apiCoin()))
                .append(",\"side\":\"").append(side(order))
                .append("\",\"limitPx\":\"").append(Decimals.plain(order.limitPx))
                .append("\",\"sz\":\"").append(Decimals.plain(order.sz))
                .append("\",\"oid\":").append(order.oid)
                .append(",\"timestamp\":").append(order.timestampMs)
                .append(",\"origSz\":\"").append(Decimals.plain(order.origSz)).append('"');
        if (order.cloid != null) {
            out.append(",\"cloid\":\"").append(order.cloid).append('"');
        }
        return out.append("},\"status\":\"").append(order.status.wire)
                .append("\",\"statusTimestamp\":").append(order.statusTimestampMs).append('}').toString();
    }

    static void fills(StringBuilder out, List<SimFill> fills) {
        out.append('[');
        for (int i = 0; i < fills.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            fill(out, fills.get(i));
        }
        out.append(']');
    }

    static void fill(StringBuilder out, SimFill f) {
        out.append("{\"coin\":").append(Frames.quote(f.coin()))
                .append(",\"px\":\"").append(Decimals.plain(f.px()))
                .append("\",\"sz\":\"").append(Decimals.plain(f.sz()))
                .append("\",\"side\":\"").append(f.side())
                .append("\",\"time\":").append(f.timeMs())
                .append(",\"startPosition\":\"").append(Decimals.plain(f.startPosition()))
                .append("\",\"dir\":\"").append(f.dir())
                .append("\",\"closedPnl\":\"").append(Decimals.plain(f.closedPnl()))
                .append("\",\"hash\":\"").append(f.hash())
                .append("\",\"oid\":").append(f.oid())
                .append(",\"crossed\":").append(f.crossed())
                .append(",\"fee\":\"").append(Decimals.plain(f.fee()))
                .append("\",\"tid\":").append(f.tid())
                .append(",\"feeToken\":\"").append(f.feeToken()).append('"');
        if (f.cloid() != null) {
            out.append(",\"cloid\":\"").append(f.cloid()).append('"');
        }
        out.append('}');
    }

    /** One entry of {@code openOrders}. */
    static void openOrder(StringBuilder out, SimOrder order) {
        out.append("{\"coin\":").append(Frames.quote(order.asset().apiCoin()))
                .append(",\"limitPx\":\"").append(Decimals.plain(order.limitPx))
                .append("\",\"oid\":").append(order.oid)
                .append(",\"side\":\"").append(side(order))
                .append("\",\"sz\":\"").append(Decimals.plain(order.sz))
                .append("\",\"timestamp\":").append(order.timestampMs)
                .append(",\"origSz\":\"").append(Decimals.plain(order.origSz)).append('"');
        if (order.cloid != null) {
            out.append(",\"cloid\":\"").append(order.cloid).append('"');
        }
        if (order.reduceOnly) {
            out.append(",\"reduceOnly\":true");
        }
        out.append('}');
    }

    /** The {@code orderStatus} answer for a known order, with the venue's detailed order object. */
    static String orderStatus(SimOrder order) {
        return "{\"status\":\"order\",\"order\":{\"order\":{\"coin\":" + Frames.quote(order.asset().apiCoin())
                + ",\"side\":\"" + side(order)
                + "\",\"limitPx\":\"" + Decimals.plain(order.limitPx)
                + "\",\"sz\":\"" + Decimals.plain(order.sz)
                + "\",\"oid\":" + order.oid
                + ",\"timestamp\":" + order.timestampMs
                + ",\"triggerCondition\":\"N/A\",\"isTrigger\":false,\"triggerPx\":\"0.0\",\"children\":[]"
                + ",\"isPositionTpsl\":false,\"reduceOnly\":" + order.reduceOnly
                + ",\"orderType\":\"Limit\",\"origSz\":\"" + Decimals.plain(order.origSz)
                + "\",\"tif\":" + (order.tif == null ? "null" : "\"" + tif(order) + "\"")
                + ",\"cloid\":" + (order.cloid == null ? "null" : "\"" + order.cloid + "\"")
                + "},\"status\":\"" + order.status.wire + "\",\"statusTimestamp\":" + order.statusTimestampMs + "}}";
    }

    private static String side(SimOrder order) {
        return order.isBuy ? "B" : "A";
    }

    private static String tif(SimOrder order) {
        return switch (order.tif) {
            case GTC -> "Gtc";
            case IOC -> "Ioc";
            case ALO -> "Alo";
        };
    }
}
