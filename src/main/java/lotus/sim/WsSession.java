package lotus.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: its Jetty session, its subscriptions and when the client last spoke. Subscription state is
 * guarded by {@link WsHub}'s lock; sending is asynchronous, so a slow client never blocks the pump.
 */
final class WsSession {

    private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);
    /** A client this far behind is not reading: drop it rather than buffer without end. */
    private static final int MAX_FRAMES_IN_FLIGHT = 20_000;

    /** Per-subscription push state: what the client last got, so unchanged data is not resent. */
    static final class SubState {
        final Subscription subscription;
        long candleVersion = -1;
        long candleOpenMs = Long.MIN_VALUE;
        long lastPushMs = Long.MIN_VALUE;
        long coinTrades = -1;

        SubState(Subscription subscription) {
            this.subscription = subscription;
        }
    }

    private final String id;
    private final String ip;
    private final Session session;
    private final AtomicInteger inFlight = new AtomicInteger();
    final Map<String, SubState> subscriptions = new LinkedHashMap<>();
    long lastClientMs;
    boolean closing;

    WsSession(String id, String ip, Session session, long connectedMs) {
        this.id = id;
        this.ip = ip;
        this.session = session;
        this.lastClientMs = connectedMs;
    }

    String id() {
        return id;
    }

    String ip() {
        return ip;
    }

    void send(String text) {
        if (closing || !session.isOpen()) {
            return;
        }
        if (inFlight.incrementAndGet() > MAX_FRAMES_IN_FLIGHT) {
            LOG.warn("ws session={} ip={} is {} frames behind: dropping it", id, ip, inFlight.get());
            drop();
            return;
        }
        try {
            session.getRemote().sendString(text, new WriteCallback() {
                @Override
                public void writeSuccess() {
                    inFlight.decrementAndGet();
                }

                @Override
                public void writeFailed(Throwable failure) {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet(); // the session closed under us: nothing to deliver any more
        }
    }

    /** Abrupt: the TCP connection goes away without a close frame. */
    void drop() {
        closing = true;
        session.disconnect();
    }

    /** Clean: a close frame with {@code code}. */
    void close(int code, String reason) {
        closing = true;
        session.close(code, reason);
    }
}
