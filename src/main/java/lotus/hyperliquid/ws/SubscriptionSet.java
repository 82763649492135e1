package lotus.hyperliquid.ws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one connection, by key: what is wanted (kept across reconnects), what is live (acknowledged),
 * what awaits its ack, what must be unsubscribed. {@link #maintain} turns that into requests, paced to the venue's
 * subscribes per second; an unacknowledged subscribe is sent once more and then given up, so one refused coin cannot
 * take the connection down.
 *
 * <p>Threads: callers subscribe and read from anywhere; acks arrive on the socket thread; {@link #maintain},
 * {@link #connected} and {@link #lost} run on the stream's supervisor only.
 */
final class SubscriptionSet {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionSet.class);

    /** Sends one request on the live connection; false when it could not (then it is tried on a later step). */
    @FunctionalInterface
    interface Sender {
        boolean send(String text);
    }

    /** Told on the supervisor when a subscription's ack arrived. */
    @FunctionalInterface
    interface LiveListener {
        void onLive(Subscription s, long atMs);
    }

    private final String stream;
    private final long ackTimeoutMs;
    private final int subscribesPerSecond;
    private final Map<String, Subscription> wanted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Subscription> toUnsubscribe = new ConcurrentLinkedQueue<>();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<WsFrame.Ack> acks = new ConcurrentLinkedQueue<>();
    /** key → [sentAtMs, attempts] for subscribes awaiting their ack. */
    private final Map<String, long[]> inFlight = new LinkedHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private long lastSubscribeSecond = Long.MIN_VALUE;
    private int subscribesThisSecond;

    SubscriptionSet(String stream, long ackTimeoutMs, int subscribesPerSecond) {
        this.stream = stream;
        this.ackTimeoutMs = ackTimeoutMs;
        this.subscribesPerSecond = subscribesPerSecond;
    }

    void subscribe(Subscription s) {
        if (wanted.putIfAbsent(s.key(), s) == null) {
            toUnsubscribe.remove(s);
        }
    }

    void unsubscribe(Subscription s) {
        if (wanted.remove(s.key()) != null) {
            toUnsubscribe.add(s);
        }
    }

    /** An ack frame from the socket thread; taken in on the next {@link #maintain}. */
    void acked(WsFrame.Ack ack) {
        acks.add(ack);
    }

    boolean isLive(Subscription s) {
        return live.contains(s.key());
    }

    int liveCount() {
        return live.size();
    }

    int wantedCount() {
        return wanted.size();
    }

    /** Subscriptions given up after going unacknowledged twice. */
    long refused() {
        return refused.get();
    }

    /** A new connection: nothing is live or in flight on it, and nothing is left to unsubscribe. */
    void connected() {
        inFlight.clear();
        live.clear();
        acks.clear();
        toUnsubscribe.clear();
    }

    /** The connection is gone: what was live must be subscribed again on the next one. */
    void lost() {
        live.clear();
        inFlight.clear();
    }

    /** One step on a live connection: takes in acks, unsubscribes, resends or gives up late acks, subscribes. */
    void maintain(long now, Sender sender, LiveListener listener) {
        for (WsFrame.Ack ack; (ack = acks.poll()) != null; ) {
            String key = ack.subscription().key();
            if ("subscribe".equals(ack.method()) && inFlight.remove(key) != null && wanted.containsKey(key)) {
                live.add(key);
                listener.onLive(wanted.get(key), now);
            }
        }
        for (Subscription s; (s = toUnsubscribe.peek()) != null; ) {
            if (!sender.send(request("unsubscribe", s))) {
                break;
            }
            toUnsubscribe.poll();
            live.remove(s.key());
            inFlight.remove(s.key());
        }
        List<String> expired = new ArrayList<>();
        inFlight.forEach((key, sent) -> {
            if (now - sent[0] > ackTimeoutMs) {
                expired.add(key);
            }
        });
        for (String key : expired) {
            long[] sent = inFlight.get(key);
            Subscription s = wanted.get(key);
            if (s == null) {
                inFlight.remove(key);
            } else if (sent[1] >= 2) {
                inFlight.remove(key);
                wanted.remove(key);
                refused.incrementAndGet();
                log.error("stream={} subscription {} not acknowledged after a retry; given up", stream, key);
            } else if (paceAllows(now) && sender.send(request("subscribe", s))) {
                sent[0] = now;
                sent[1]++;
            }
        }
        for (Subscription s : wanted.values()) {
            if (live.contains(s.key()) || inFlight.containsKey(s.key())) {
                continue;
            }
            if (!paceAllows(now) || !sender.send(request("subscribe", s))) {
                break;
            }
            inFlight.put(s.key(), new long[] {now, 1});
        }
    }

    private boolean paceAllows(long now) {
        long second = now / 1000;
        if (second != lastSubscribeSecond) {
            lastSubscribeSecond = second;
            subscribesThisSecond = 0;
        }
        if (subscribesThisSecond >= subscribesPerSecond) {
            return false;
        }
        subscribesThisSecond++;
        return true;
    }

    static String request(String method, Subscription s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("method", method);
        n.set("subscription", s.toJson());
        return n.toString();
    }
}
