package lotus.hyperliquid.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
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
public final class HlMarketStream implements Service {

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

    /** What must be live whenever connected, and what is. */
    private final SubscriptionSet subscriptions;
    private final ClockScheduler threads;
    private volatile boolean closing;

    // Connection state: written by the socket thread (volatile) and the supervisor.
    private volatile WebSocket socket;
    /**
     * Why the current connection is lost (null while it lives). Each connection writes only its own holder, so a late
     * callback from a socket already given up cannot mark the connection that replaced it as lost.
     */
    private volatile AtomicReference<String> lost = new AtomicReference<>();
    private volatile long lastFrameMs;
    private volatile long lastDataMs;
    private volatile long lastPongMs;

    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong tradesReceived = new AtomicLong();
    private final AtomicLong tradesRejected = new AtomicLong();
    private final AtomicLong errorFrames = new AtomicLong();
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
        this.subscriptions = new SubscriptionSet(name, config.ackTimeoutMs(), config.subscribesPerSecond());
        this.threads = new ClockScheduler(clock, Duration.ofSeconds(5));
    }

    @Override
    public void start() {
        threads.loop("ws-" + name, this::supervise);
    }

    /** Tracks the subscription; it is sent now if connected, and after every reconnect. */
    public void subscribe(Subscription s) {
        subscriptions.subscribe(s);
    }

    /** Stops tracking the subscription and unsubscribes it on the live connection (no reconnect). */
    public void unsubscribe(Subscription s) {
        subscriptions.unsubscribe(s);
    }

    public boolean isLive(Subscription s) {
        return subscriptions.isLive(s);
    }

    public int liveCount() {
        return subscriptions.liveCount();
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
        return subscriptions.refused();
    }

    @Override
    public void close() {
        closing = true;
        threads.close();
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        http.close();
    }

    // ---- supervisor: the only thread that connects and sends ----

    private void supervise() throws InterruptedException {
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
                    throw e;
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
        AtomicReference<String> mine = new AtomicReference<>();
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
            subscriptions.connected();
            lost = mine;
            socket = ws;
            if (everConnected) {
                reconnects.incrementAndGet();
                log.info("stream={} reconnected to {} ({} subscriptions to restore)", name, url,
                        subscriptions.wantedCount());
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
        if (dead == null && config.dataStaleMs() > 0 && subscriptions.liveCount() > 0
                && now - lastDataMs > config.dataStaleMs()) {
            dead = "data stalled for " + (now - lastDataMs) + " ms";
        }
        if (dead != null) {
            drop(dead);
            return false;
        }
        subscriptions.maintain(now, text -> send(text, now), listener::onLive);
        if (now - lastSentMs >= config.pingEveryMs()) {
            if (send("{\"method\":\"ping\"}", now)) {
                pingSentMs = now;
            }
        }
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
        subscriptions.lost();
        log.warn("stream={} connection lost: {}; reconnecting", name, reason);
        // Pongs keep lastFrameMs fresh while data stalls: the loss began at the last data frame.
        listener.onDisconnected(Math.min(lastFrameMs, lastDataMs), reason);
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
            case WsFrame.Ack a -> subscriptions.acked(a);
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
