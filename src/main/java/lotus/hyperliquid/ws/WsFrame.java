package lotus.hyperliquid.ws;

import java.util.List;
import lotus.hyperliquid.common.HlCandle;
import lotus.market.Trade;

/** A frame from the Hyperliquid WebSocket, parsed. Malformed input is a value, never an exception. */
public sealed interface WsFrame {

    /**
     * A {@code trades} frame. Trades that could not be read are left out and counted in {@code rejected}, so one bad
     * trade does not cost the good ones beside it.
     */
    record Trades(String coin, List<Trade> trades, int rejected, String firstProblem) implements WsFrame {
    }

    record Candle(HlCandle candle) implements WsFrame {
    }

    /** {@code subscriptionResponse}: method is {@code subscribe} or {@code unsubscribe}. */
    record Ack(String method, Subscription subscription) implements WsFrame {
    }

    record Pong() implements WsFrame {
    }

    record Error(String message) implements WsFrame {
    }

    /** A well-formed frame on a channel we do not consume ({@code allMids}, {@code l2Book}, ...). */
    record Other(String channel) implements WsFrame {
    }

    /** Not JSON (the greeting text), truncated, wrong types: counted and logged, then dropped. */
    record Malformed(String raw, String why) implements WsFrame {
    }
}
