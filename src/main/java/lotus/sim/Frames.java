package lotus.sim;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import lotus.market.Bar;
import lotus.market.Decimals;
import lotus.market.Trade;

/**
 * The exact text of every frame and object the simulator serves (HYPERLIQUID.md §2.3, §3), written by hand so the
 * key order matches the venue's examples and no double ever reaches the wire.
 */
final class Frames {

    static final String GREETING = "Websocket connection established.";
    static final String PONG = "{\"channel\":\"pong\"}";
    /** How many kinds {@link #malformed} cycles through. */
    static final int MALFORMED_KINDS = 6;

    private Frames() {
    }

    static String trades(List<Trade> trades, TradeTags tags) {
        StringBuilder out = new StringBuilder(64 + 260 * trades.size()).append("{\"channel\":\"trades\",\"data\":[");
        for (int i = 0; i < trades.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            trade(out, trades.get(i), tags);
        }
        return out.append("]}").toString();
    }

    static void trade(StringBuilder out, Trade trade, TradeTags tags) {
        out.append("{\"coin\":").append(quote(trade.coin()))
                .append(",\"side\":\"").append(trade.side().code())
                .append("\",\"px\":\"").append(Decimals.plain(trade.px()))
                .append("\",\"sz\":\"").append(Decimals.plain(trade.sz()))
                .append("\",\"time\":").append(trade.timeMs())
                .append(",\"hash\":\"").append(tags.hash(trade.tid()))
                .append("\",\"tid\":").append(trade.tid())
                .append(",\"users\":[\"").append(tags.buyer(trade.tid())).append("\",\"")
                .append(tags.seller(trade.tid())).append("\"]}");
    }

    static String candleFrame(Bar bar) {
        StringBuilder out = new StringBuilder(200).append("{\"channel\":\"candle\",\"data\":");
        candle(out, bar);
        return out.append('}').toString();
    }

    /** {@code {t,T,s,i,o,c,h,l,v,n}}; {@code T} is the next open time minus 1 ms. */
    static void candle(StringBuilder out, Bar bar) {
        out.append("{\"t\":").append(bar.openTimeMs())
                .append(",\"T\":").append(bar.closeTimeMs() - 1)
                .append(",\"s\":").append(quote(bar.tokenContract()))
                .append(",\"i\":\"").append(bar.timeframe().label())
                .append("\",\"o\":\"").append(Decimals.plain(bar.open()))
                .append("\",\"c\":\"").append(Decimals.plain(bar.close()))
                .append("\",\"h\":\"").append(Decimals.plain(bar.high()))
                .append("\",\"l\":\"").append(Decimals.plain(bar.low()))
                .append("\",\"v\":\"").append(Decimals.plain(bar.volume()))
                .append("\",\"n\":").append(bar.tradeCount()).append('}');
    }

    static String candles(List<Bar> bars) {
        StringBuilder out = new StringBuilder(16 + 170 * bars.size()).append('[');
        for (int i = 0; i < bars.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            candle(out, bars.get(i));
        }
        return out.append(']').toString();
    }

    static String allMidsFrame(Map<String, BigDecimal> mids) {
        return "{\"channel\":\"allMids\",\"data\":{\"mids\":" + mids(mids) + "}}";
    }

    /** The flat {@code {coin: px}} object: REST answers it bare, the WebSocket wraps it in {@code mids}. */
    static String mids(Map<String, BigDecimal> mids) {
        StringBuilder out = new StringBuilder(32 * mids.size()).append('{');
        boolean first = true;
        for (Map.Entry<String, BigDecimal> mid : mids.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(quote(mid.getKey())).append(":\"").append(Decimals.plain(mid.getValue())).append('"');
        }
        return out.append('}').toString();
    }

    static String bookFrame(SimCoin.Book book) {
        return "{\"channel\":\"l2Book\",\"data\":" + book(book) + "}";
    }

    /** {@code levels[0]} bids best first, {@code levels[1]} asks best first. */
    static String book(SimCoin.Book book) {
        StringBuilder out = new StringBuilder(4096).append("{\"coin\":").append(quote(book.coin()))
                .append(",\"time\":").append(book.timeMs()).append(",\"levels\":[");
        levels(out, book.bids());
        out.append(',');
        levels(out, book.asks());
        return out.append("]}").toString();
    }

    private static void levels(StringBuilder out, List<SimCoin.BookLevel> levels) {
        out.append('[');
        for (int i = 0; i < levels.size(); i++) {
            SimCoin.BookLevel level = levels.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"px\":\"").append(Decimals.plain(level.px())).append("\",\"sz\":\"")
                    .append(Decimals.plain(level.sz())).append("\",\"n\":").append(level.n()).append('}');
        }
        out.append(']');
    }

    static String ack(String method, String subscriptionJson) {
        return "{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"" + method + "\",\"subscription\":"
                + subscriptionJson + "}}";
    }

    static String error(String text) {
        return "{\"channel\":\"error\",\"data\":" + quote(text) + "}";
    }

    static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    /**
     * Frame {@code kind % MALFORMED_KINDS} of the malformed set. Trades in them carry tid 1, far below every real
     * tid, so a client cannot mistake them for a real trade it already has.
     */
    static String malformed(int kind, String coin, long nowMs, TradeTags tags) {
        String c = quote(coin);
        String rest = ",\"time\":" + nowMs + ",\"hash\":\"" + tags.hash(1) + "\"";
        String users = ",\"users\":[\"" + tags.buyer(1) + "\",\"" + tags.seller(1) + "\"]";
        return switch (Math.floorMod(kind, MALFORMED_KINDS)) {
            case 0 -> "this is not json {";
            case 1 -> "{\"channel\":\"trades\",\"data\":[{\"coin\":" + c + ",\"side\":\"B\",\"px\":\"97";
            case 2 -> "{\"channel\":\"trades\",\"data\":[{\"coin\":" + c + ",\"side\":\"B\",\"px\":97000.5,"
                    + "\"sz\":true,\"time\":\"yesterday\",\"hash\":42,\"tid\":\"abc\",\"users\":\"nobody\"}]}";
            case 3 -> "{\"channel\":\"trades\",\"data\":[{\"coin\":" + c + ",\"side\":\"B\",\"px\":\"NaN\","
                    + "\"sz\":\"1\"" + rest + ",\"tid\":1" + users + "}]}";
            case 4 -> "{\"channel\":\"simulatorMystery\",\"data\":{\"hello\":\"world\"}}";
            default -> "{\"channel\":\"trades\",\"data\":[{\"coin\":" + c + ",\"side\":\"A\",\"px\":\"1\","
                    + "\"sz\":\"1\"" + rest + users + "}]}";
        };
    }
}
