package lotus.hyperliquid.ws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to Hyperliquid's market data, kept alive: subscriptions tracked by key and restored after
 * every reconnect, application pings, dead-connection and stalled-data detection, reconnect with jittered exponential
 * backoff within the per-IP limits ({@link WsLimits}). Frames are parsed on the socket thread and handed to the
 * {@link StreamListener}; malformed ones are counted and logged (at most once a minute), never fatal.
 *
 * <p>Built on the JDK's {@code java.net.http.WebSocket}: no extra dependency, and it sustained the ingest benchmark
 * (see README) with the parser, not the socket, as the bottleneck. A supervisor thread owns every send, so the JDK's
 * one-send-at-a-time rule holds without locks.
 */
public final class HlMarketStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HlMarketStream.class);
    private static final long LOOP_SLEEP_MS = 5;

    private final String name;
    private final URI url;
    private final Clock clock;
    private final StreamConfig config;
    private final WsLimits limits;
    private final StreamListener listener;
    private final WsParser parser = new WsParser();
    private final HttpClient http;
    private final SplittableRandom jitter;

    /** Desired subscriptions by key: what must be live whenever connected. */
    private final Map<String, Subscription> wanted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Subscription> toUnsubscribe = new ConcurrentLinkedQueue<>();
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<WsFrame.Ack> acks = new ConcurrentLinkedQueue<>();
    private final Thread supervisor;
    private volatile boolean closing;

    // Connection state: written by the socket thread (volatile) and the supervisor.
    private volatile WebSocket socket;
    /**
     * Why the current connection is lost (null while it lives). Each connection writes only its own holder, so a late
     * callback from a socket already given up cannot mark the connection that replaced it as lost.
     */
    private volatile java.util.concurrent.atomic.AtomicReference<String> lost =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile long lastFrameMs;
    private volatile long lastDataMs;
    private volatile long lastPongMs;

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong tradesReceived = new AtomicLong();
    private final AtomicLong tradesRejected = new AtomicLong();
    private final AtomicLong errorFrames = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private long lastMalformedLogMs = Long.MIN_VALUE;
    /** Test seam: told of each connection's socket listener, so a test can replay a late callback of an old socket. */
    volatile java.util.function.Consumer<WebSocket.Listener> onConnected = l -> {
    };

    public HlMarketStream(String name, URI url, Clock clock, StreamConfig config, WsLimits limits,
            StreamListener listener, long seed) {
        this.name = name;
        this.url = url;
        this.clock = clock;
        this.config = config;
        this.limits = limits;
        this.listener = listener;
        this.jitter = new SplittableRandom(seed);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.supervisor = new Thread(this::supervise, "ws-" + name);
        this.supervisor.setDaemon(true);
    }

    public void start() {
        supervisor.start();
    }

    /** Tracks the subscription; it is sent now if connected, and after every reconnect. */
    public void subscribe(Subscription s) {
        if (wanted.putIfAbsent(s.key(), s) == null) {
            toUnsubscribe.remove(s);
        }
    }

    /** Stops tracking the subscription and unsubscribes it on the live connection (no reconnect). */
    public void unsubscribe(Subscription s) {
        if (wanted.remove(s.key()) != null) {
            toUnsubscribe.add(s);
        }
    }

    public boolean isLive(Subscription s) {
        return live.contains(s.key());
    }

    public int liveCount() {
        return live.size();
    }

    public boolean connected() {
        return socket != null;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long malformedFrames() {
        return malformed.get();
    }

    public long tradesReceived() {
        return tradesReceived.get();
    }

    public long tradesRejected() {
        return tradesRejected.get();
    }

    public long errorFrames() {
        return errorFrames.get();
    }

    /** Subscriptions given up after going unacknowledged twice. */
    public long refusedSubscriptions() {
        return refused.get();
    }

    @Override
    public void close() {
        closing = true;
        supervisor.interrupt();
        try {
            supervisor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        http.close();
    }

    // ---- supervisor: the only thread that connects and sends ----

    private void supervise() {
        int failures = 0;
        long nextAttemptMs = clock.nowMs();
        while (!closing) {
            try {
                if (socket == null) {
                    if (clock.nowMs() >= nextAttemptMs) {
                        if (!connect()) {
                            failures++;
                            nextAttemptMs = clock.nowMs() + backoffMs(failures);
                        }
                    }
                } else if (!maintain()) {
                    // A connection that died young counts as another failure: a server that accepts and closes at
                    // once must not make us reconnect twice a second and burn the IP's 30 opens a minute.
                    failures = clock.nowMs() - connectedAtMs >= config.silenceMs() ? 1 : failures + 1;
                    nextAttemptMs = clock.nowMs() + backoffMs(failures);
                }
                Thread.sleep(LOOP_SLEEP_MS);
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("stream={} supervisor error: {}", name, e.toString());
            }
        }
    }

    /** 0.5 s doubling to 30 s, ±20 % jitter (HYPERLIQUID.md §2.6). */
    private long backoffMs(int failures) {
        double base = Math.min(config.backoffMaxMs(), config.backoffMinMs() * Math.pow(2, Math.max(0, failures - 1)));
        return (long) (base * (0.8 + 0.4 * jitter.nextDouble()));
    }

    private boolean connect() {
        if (!limits.tryOpen()) {
            return false;
        }
        java.util.concurrent.atomic.AtomicReference<String> mine = new java.util.concurrent.atomic.AtomicReference<>();
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener wsListener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    onFrame(text);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                mine.set("closed by server (" + status + (reason.isEmpty() ? "" : " " + reason) + ")");
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                mine.set("socket error: " + error);
            }
        };
        try {
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(url, wsListener).get(15, TimeUnit.SECONDS);
            onConnected.accept(wsListener);
            long now = clock.nowMs();
            connectedAtMs = now;
            lastFrameMs = now;
            lastDataMs = now;
            lastPongMs = now;
            lastSentMs = now;
            pingSentMs = Long.MIN_VALUE;
            inFlight.clear();
            live.clear();
            acks.clear();
            toUnsubscribe.clear();
            lost = mine;
            socket = ws;
            if (everConnected) {
                reconnects.incrementAndGet();
                log.info("stream={} reconnected to {} ({} subscriptions to restore)", name, url, wanted.size());
            } else {
                log.info("stream={} connected to {}", name, url);
            }
            everConnected = true;
            return true;
        } catch (Exception e) {
            limits.closed();
            log.warn("stream={} cannot connect to {}: {}", name, url, rootMessage(e));
            return false;
        } catch (Throwable t) {
            limits.closed();
            throw t;
        }
    }

    private boolean everConnected;
    private long connectedAtMs;
    private long lastSentMs;
    private long pingSentMs = Long.MIN_VALUE;
    private long lastSubscribeSecond = Long.MIN_VALUE;
    private int subscribesThisSecond;
    /** key → [sentAtMs, attempts] for subscribes awaiting their ack. */
    private final Map<String, long[]> inFlight = new LinkedHashMap<>();

    /** One supervision step on a live connection; false when it was declared dead and dropped. */
    private boolean maintain() {
        long now = clock.nowMs();
        String dead = lost.get();
        if (dead == null && pingSentMs != Long.MIN_VALUE && lastPongMs < pingSentMs
                && now - pingSentMs > config.pongTimeoutMs()) {
            dead = "no pong within " + config.pongTimeoutMs() + " ms";
        }
        if (dead == null && now - lastFrameMs > config.silenceMs()) {
            dead = "no frame for " + (now - lastFrameMs) + " ms";
        }
        if (dead == null && config.dataStaleMs() > 0 && !live.isEmpty() && now - lastDataMs > config.dataStaleMs()) {
            dead = "data stalled for " + (now - lastDataMs) + " ms";
        }
        if (dead != null) {
            drop(dead);
            return false;
        }
        for (WsFrame.Ack ack; (ack = acks.poll()) != null; ) {
            String key = ack.subscription().key();
            if ("subscribe".equals(ack.method()) && inFlight.remove(key) != null && wanted.containsKey(key)) {
                live.add(key);
                listener.onLive(wanted.get(key), now);
            }
        }
        for (Subscription s; (s = toUnsubscribe.peek()) != null; ) {
            if (!send(request("unsubscribe", s), now)) {
                break;
            }
            toUnsubscribe.poll();
            live.remove(s.key());
            inFlight.remove(s.key());
        }
        List<String> expired = new ArrayList<>();
        inFlight.forEach((key, sent) -> {
            if (now - sent[0] > config.ackTimeoutMs()) {
                expired.add(key);
            }
        });
        for (String key : expired) {
            long[] sent = inFlight.get(key);
            Subscription s = wanted.get(key);
            if (s == null) {
                inFlight.remove(key);
            } else if (sent[1] >= 2) {
                // One refused subscription must not take the connection (and every other coin) down with it.
                inFlight.remove(key);
                wanted.remove(key);
                refused.incrementAndGet();
                log.error("stream={} subscription {} not acknowledged after a retry; given up", name, key);
            } else if (paceAllows(now) && send(request("subscribe", s), now)) {
                sent[0] = now;
                sent[1]++;
            }
        }
        for (Subscription s : wanted.values()) {
            if (live.contains(s.key()) || inFlight.containsKey(s.key())) {
                continue;
            }
            if (!paceAllows(now) || !send(request("subscribe", s), now)) {
                break;
            }
            inFlight.put(s.key(), new long[] {now, 1});
        }
        if (now - lastSentMs >= config.pingEveryMs()) {
            if (send("{\"method\":\"ping\"}", now)) {
                pingSentMs = now;
            }
        }
        return true;
    }

    private boolean paceAllows(long now) {
        long second = now / 1000;
        if (second != lastSubscribeSecond) {
            lastSubscribeSecond = second;
            subscribesThisSecond = 0;
        }
        if (subscribesThisSecond >= config.subscribesPerSecond()) {
            return false;
        }
        subscribesThisSecond++;
        return true;
    }

    private boolean send(String text, long now) {
        WebSocket ws = socket;
        if (ws == null || !limits.trySend()) {
            return false;
        }
        try {
            ws.sendText(text, true).get(10, TimeUnit.SECONDS);
            lastSentMs = now;
            return true;
        } catch (Exception e) {
            lost.set("send failed: " + rootMessage(e));
            return false;
        }
    }

    private void drop(String reason) {
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
            ws.abort();
            limits.closed();
        }
        live.clear();
        inFlight.clear();
        log.warn("stream={} connection lost: {}; reconnecting", name, reason);
        // Pongs keep lastFrameMs fresh while data stalls: the loss began at the last data frame.
        listener.onDisconnected(Math.min(lastFrameMs, lastDataMs), reason);
    }

    private static String request(String method, Subscription s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("method", method);
        n.set("subscription", s.toJson());
        return n.toString();
    }

    // ---- socket thread ----

    private void onFrame(String text) {
        long now = clock.nowMs();
        lastFrameMs = now;
        WsFrame frame = parser.parse(text);
        switch (frame) {
            case WsFrame.Trades t -> {
                lastDataMs = now;
                tradesReceived.addAndGet(t.trades().size());
                if (t.rejected() > 0) {
                    tradesRejected.addAndGet(t.rejected());
                    noteMalformed(now, "trade rejected: " + t.firstProblem(), text);
                }
                if (!t.trades().isEmpty()) {
                    listener.onTrades(t.coin(), t.trades());
                }
            }
            case WsFrame.Ack a -> acks.add(a);
            case WsFrame.Pong p -> lastPongMs = now;
            case WsFrame.Error e -> {
                errorFrames.incrementAndGet();
                log.warn("stream={} error frame: {}", name, e.message());
            }
            case WsFrame.Candle c -> lastDataMs = now;
            case WsFrame.Other o -> lastDataMs = now;
            case WsFrame.Malformed m -> {
                malformed.incrementAndGet();
                noteMalformed(now, m.why(), m.raw());
            }
        }
    }

    private void noteMalformed(long now, String why, String raw) {
        synchronized (this) {
            if (lastMalformedLogMs != Long.MIN_VALUE && now - lastMalformedLogMs < 60_000) {
                return;
            }
            lastMalformedLogMs = now;
        }
        String sample = raw.length() > 120 ? raw.substring(0, 120) + "…" : raw;
        log.warn("stream={} malformed input ({} frames, {} trades so far): {}: {}", name, malformed.get(),
                tradesRejected.get(), why, sample);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
