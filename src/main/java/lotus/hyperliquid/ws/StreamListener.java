package lotus.hyperliquid.ws;

import java.util.List;
import lotus.market.Trade;

/**
 * What a {@link HlMarketStream} reports. Called on the socket's thread: implementations hand work to their own
 * queue and return at once.
 */
public interface StreamListener {

    void onTrades(String coin, List<Trade> trades);

    /** The venue acknowledged the subscription at {@code atMs}: from then on its data is complete. */
    void onLive(Subscription subscription, long atMs);

    /**
     * The connection is gone. Every subscription on it lost data from about {@code lastFrameMs} (the last frame
     * received) until it is live again.
     */
    void onDisconnected(long lastFrameMs, String reason);
}
