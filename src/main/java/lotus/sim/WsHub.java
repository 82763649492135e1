package lotus.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of the simulator: admits connections within the per-IP limits, speaks the request protocol of
 * HYPERLIQUID.md §2.2 (subscribe, unsubscribe, ping) and closes idle connections on the simulated clock. One lock
 * guards all connection and subscription state; sends are asynchronous, so holding it while sending is cheap.
 *
 * <p>What the venue does not document is our choice (unverified): an error frame "Cannot subscribe to more than
 * N channels" (no echo of the request, as §2.2 says), an error frame "Too many messages: limit is N per minute" with
 * the message ignored, HTTP 429 on the upgrade for too many connections or opens per minute, close code 1000 with
 * reason "Idle timeout" for idle connections, and an error answer to WebSocket {@code post} requests.
 */
final class WsHub {

    private static final Logger LOG = LoggerFactory.getLogger(WsHub.class);
    private static final long MINUTE_MS = 60_000;
    static final String TOO_MANY_SUBSCRIPTIONS = "Cannot subscribe to more than ";
    static final String TOO_MANY_MESSAGES = "Too many messages: limit is ";
    static final String IDLE_REASON = "Idle timeout";
    static final String PARSE_ERROR = "Error parsing JSON into valid websocket request: ";

    private static final class IpUsage {
        int connections;
        int subscriptions;
        final SlidingWindow opens = new SlidingWindow(MINUTE_MS);
        final SlidingWindow messages = new SlidingWindow(MINUTE_MS);
    }

    private final Object lock = new Object();
    private final SimConfig.Limits limits;
    private final boolean greeting;
    private final Clock clock;
    private final SimMarket market;
    private final SimStats stats;
    private final TradeTags tags;
    private final Broadcaster broadcaster;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, WsSession> sessions = new LinkedHashMap<>();
    private final Map<String, IpUsage> usage = new HashMap<>();
    private int malformedCursor;

    WsHub(SimConfig config, Clock clock, SimMarket market, SimStats stats, FaultState faults, TradeTags tags,
            SimExchange exchange, UserOutbox outbox) {
        this.limits = config.limits();
        this.greeting = config.greeting();
        this.clock = clock;
        this.market = market;
        this.stats = stats;
        this.tags = tags;
        this.broadcaster = new Broadcaster(config, market, faults, tags, exchange, outbox);
    }

    /** Runs before the HTTP upgrade: over the connection or opens-per-minute cap the upgrade fails with 429. */
    void beforeUpgrade(Context ctx) {
        long now = clock.nowMs();
        synchronized (lock) {
            IpUsage ip = usage(ctx.ip());
            if (ip.connections >= limits.connectionsPerIp()) {
                stats.violation(SimStats.CONNECTIONS);
                throw new HttpResponseException(429, "Too many connections");
            }
            if (!ip.opens.tryAdd(now, 1, limits.opensPerMinute())) {
                stats.violation(SimStats.OPENS_PER_MINUTE);
                throw new HttpResponseException(429, "Too many connection attempts");
            }
        }
    }

    void onConnect(WsConnectContext ctx) {
        long now = clock.nowMs();
        String ipAddress = ipOf(ctx);
        synchronized (lock) {
            IpUsage ip = usage(ipAddress);
            // Two handshakes can pass beforeUpgrade together; the cap holds here.
            if (ip.connections >= limits.connectionsPerIp()) {
                stats.violation(SimStats.CONNECTIONS);
                ctx.closeSession(1008, "Too many connections");
                return;
            }
            WsSession session = new WsSession(ctx.sessionId(), ipAddress, ctx.session, now);
            sessions.put(session.id(), session);
            ip.connections++;
            stats.connectionOpened();
            if (greeting) {
                session.send(Frames.GREETING);
            }
        }
    }

    void onMessage(WsMessageContext ctx) {
        long now = clock.nowMs();
        synchronized (lock) {
            WsSession session = sessions.get(ctx.sessionId());
            if (session == null) {
                return;
            }
            session.lastClientMs = now;
            IpUsage ip = usage(session.ip());
            if (!ip.messages.tryAdd(now, 1, limits.messagesPerMinute())) {
                stats.violation(SimStats.MESSAGES_PER_MINUTE);
                session.send(Frames.error(TOO_MANY_MESSAGES + limits.messagesPerMinute() + " per minute"));
                return;
            }
            handle(session, ip, ctx.message(), now);
        }
    }

    void onClose(WsCloseContext ctx) {
        synchronized (lock) {
            WsSession session = sessions.get(ctx.sessionId());
            if (session != null) {
                forget(session);
            }
        }
    }

    void onError(WsErrorContext ctx) {
        LOG.debug("ws session={} error: {}", ctx.sessionId(), String.valueOf(ctx.error()));
    }

    /** One pump step: data frames, then idle closes. */
    void step(long nowMs) {
        synchronized (lock) {
            broadcaster.step(nowMs, sessions.values());
            for (WsSession session : List.copyOf(sessions.values())) {
                if (nowMs - session.lastClientMs >= limits.idleCloseMs()) {
                    LOG.info("ws session={} idle for {} ms of simulated time: closing", session.id(),
                            nowMs - session.lastClientMs);
                    forget(session);
                    session.close(1000, IDLE_REASON);
                }
            }
        }
    }

    void dropAll() {
        synchronized (lock) {
            for (WsSession session : List.copyOf(sessions.values())) {
                forget(session);
                session.drop();
            }
        }
    }

    void closeAll() {
        synchronized (lock) {
            for (WsSession session : List.copyOf(sessions.values())) {
                forget(session);
                session.close(1000, "Closed by simulator");
            }
        }
    }

    void sendMalformed(int count) {
        long now = clock.nowMs();
        String coin = market.assets().getFirst().apiCoin();
        synchronized (lock) {
            for (int i = 0; i < count; i++) {
                String frame = Frames.malformed(malformedCursor++, coin, now, tags);
                sessions.values().forEach(session -> session.send(frame));
            }
        }
    }

    private void handle(WsSession session, IpUsage ip, String text, long now) {
        JsonNode request;
        try {
            request = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            request = null;
        }
        if (request == null || !request.isObject() || !request.path("method").isTextual()) {
            session.send(Frames.error(PARSE_ERROR + text));
            return;
        }
        String method = request.get("method").asText();
        switch (method) {
            case "ping" -> session.send(Frames.PONG);
            case "subscribe", "unsubscribe" -> {
                Subscription.Parsed parsed = Subscription.parse(request.get("subscription"),
                        coin -> market.asset(coin).isPresent());
                switch (parsed) {
                    case Subscription.Parsed.Malformed m -> session.send(Frames.error(PARSE_ERROR + text));
                    case Subscription.Parsed.Invalid invalid ->
                            session.send(Frames.error("Invalid subscription " + invalid.json()));
                    case Subscription.Parsed.Valid valid -> {
                        if (method.equals("subscribe")) {
                            subscribe(session, ip, valid.subscription(), now);
                        } else {
                            unsubscribe(session, ip, valid.subscription());
                        }
                    }
                }
            }
            case "post" -> {
                // WebSocket posts are not used in v1 (HYPERLIQUID.md §2.1): answered, never served.
                if (!request.path("id").canConvertToLong()) {
                    session.send(Frames.error(PARSE_ERROR + text));
                } else {
                    session.send("{\"channel\":\"post\",\"data\":{\"id\":" + request.get("id").asLong()
                            + ",\"response\":{\"type\":\"error\",\"payload\":\"post requests are not simulated\"}}}");
                }
            }
            default -> session.send(Frames.error(PARSE_ERROR + text));
        }
    }

    private void subscribe(WsSession session, IpUsage ip, Subscription subscription, long now) {
        String key = subscription.json();
        if (session.subscriptions.containsKey(key)) {
            session.send(Frames.error("Already subscribed: " + key));
            return;
        }
        if (ip.subscriptions >= limits.subscriptionsPerIp()) {
            stats.violation(SimStats.SUBSCRIPTIONS);
            session.send(Frames.error(TOO_MANY_SUBSCRIPTIONS + limits.subscriptionsPerIp() + " channels"));
            return;
        }
        WsSession.SubState state = new WsSession.SubState(subscription);
        session.subscriptions.put(key, state);
        ip.subscriptions++;
        stats.subscriptionsChanged(1);
        session.send(Frames.ack("subscribe", key));
        broadcaster.snapshot(session, state, now);
    }

    private void unsubscribe(WsSession session, IpUsage ip, Subscription subscription) {
        String key = subscription.json();
        if (session.subscriptions.remove(key) == null) {
            session.send(Frames.error("Already unsubscribed: " + key));
            return;
        }
        ip.subscriptions--;
        stats.subscriptionsChanged(-1);
        session.send(Frames.ack("unsubscribe", key));
    }

    /** Releases everything the session held; idempotent because the session leaves the map. */
    private void forget(WsSession session) {
        if (sessions.remove(session.id()) == null) {
            return;
        }
        IpUsage ip = usage(session.ip());
        ip.connections--;
        ip.subscriptions -= session.subscriptions.size();
        stats.connectionClosed();
        stats.subscriptionsChanged(-session.subscriptions.size());
    }

    private IpUsage usage(String ip) {
        return usage.computeIfAbsent(ip, k -> new IpUsage());
    }

    private static String ipOf(WsContext ctx) {
        SocketAddress address = ctx.session.getRemoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
