package lotus.sim;

import java.math.BigDecimal;
import java.util.List;
import lotus.market.Decimals;

/** The answers of {@code /exchange} (HYPERLIQUID.md §7), HTTP 200 for business errors too. */
final class ExchangeReplies {

    static final String DEFAULT_OK = "{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}";
    static final String SUCCESS = "\"success\"";
    /** The text is unverified on the venue (§7). */
    static final String CANCEL_FAILED = error("Order was never placed, already canceled, or filled.");

    private ExchangeReplies() {
    }

    /** The whole request refused: {@code {"status":"err","response":"<text>"}}. */
    static String err(String text) {
        return "{\"status\":\"err\",\"response\":" + Frames.quote(text) + "}";
    }

    /** One status per order or cancel, in request order; {@code type} is {@code order} or {@code cancel}. */
    static String statuses(String type, List<String> statuses) {
        return "{\"status\":\"ok\",\"response\":{\"type\":\"" + type + "\",\"data\":{\"statuses\":["
                + String.join(",", statuses) + "]}}}";
    }

    static String error(String text) {
        return "{\"error\":" + Frames.quote(text) + "}";
    }

    static String resting(long oid, String cloid) {
        return "{\"resting\":{\"oid\":" + oid + cloid(cloid) + "}}";
    }

    static String filled(BigDecimal totalSz, BigDecimal avgPx, long oid, String cloid) {
        return "{\"filled\":{\"totalSz\":\"" + Decimals.plain(totalSz) + "\",\"avgPx\":\"" + Decimals.plain(avgPx)
                + "\",\"oid\":" + oid + cloid(cloid) + "}}";
    }

    private static String cloid(String cloid) {
        return cloid == null ? "" : ",\"cloid\":\"" + cloid + "\"";
    }
}
