package lotus.alert;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as HTTP POSTs to one target, shaped by its {@link Delivery} (a JSON webhook, a Telegram chat).
 * {@link #send} only offers to a bounded queue: a full queue drops the alert and counts it, so a slow or dead receiver
 * never holds up a tick. One thread posts, retrying a failed post with exponential backoff on the injected clock,
 * then gives it up and counts it.
 *
 * <p>The URL carries a secret (a webhook's path, a bot's token): only its host is ever logged or shown.
 */
public final class HttpAlerts implements AlertSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpAlerts.class);

    /**
     * @param capacity       alerts waiting at most; more are dropped
     * @param maxAttempts    posts of one alert before it is given up
     * @param firstBackoffMs wait after the first failure, doubled after each next one (capped at a minute)
     */
    public record Settings(int capacity, int maxAttempts, long firstBackoffMs) {
        public Settings {
            if (capacity < 1 || maxAttempts < 1 || firstBackoffMs < 0) {
                throw new IllegalArgumentException("capacity and maxAttempts must be positive, backoff not negative");
            }
        }

        /** 256 waiting; 6 posts over about 31 s (1, 2, 4, 8, 16 s apart). */
        public static Settings defaults() {
            return new Settings(256, 6, 1_000);
        }
    }

    private static final long MAX_BACKOFF_MS = 60_000;

    private final Delivery delivery;
    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    private final BlockingQueue<Alert> queue;
    private final Thread sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private volatile boolean running = true;

    private HttpAlerts(Delivery delivery, Settings settings, Clock clock) {
        this.delivery = delivery;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.sender = new Thread(this::run, "alerts-" + delivery.name());
        this.sender.setDaemon(true);
    }

    /** Starts the sender thread. */
    public static HttpAlerts start(Delivery delivery, Settings settings, Clock clock) {
        HttpAlerts w = new HttpAlerts(delivery, settings, clock);
        w.sender.start();
        log.info("alerts go to the {} at host {}", delivery.name(), delivery.host());
        return w;
    }

    /** {@link #start(Delivery, Settings, Clock)} to {@link Delivery#webhook the webhook} at {@code url}. */
    public static HttpAlerts start(String url, Settings settings, Clock clock) {
        return start(Delivery.webhook(url), settings, clock);
    }

    @Override
    public void send(Alert alert) {
        if (!running || !queue.offer(alert)) {
            long n = dropped.incrementAndGet();
            // The first drop and every hundredth: a dead receiver under a storm of alerts must not flood the log.
            if (n == 1 || n % 100 == 0) {
                log.warn("alert dropped (queue of {} full): kind={} book={}; {} dropped so far", settings.capacity(),
                        alert.kind().wire(), alert.book(), n);
            }
        }
    }

    /** The receiver's host: the one part of the URL that may be shown. */
    public String host() {
        return delivery.host();
    }

    /** {@code webhook} or {@code telegram}. */
    public String target() {
        return delivery.name();
    }

    public long delivered() {
        return delivered.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Alerts given up after {@code maxAttempts} posts. */
    public long failed() {
        return failed.get();
    }

    /** Every post made, first tries and retries. */
    public long attempts() {
        return attempts.get();
    }

    public int queued() {
        return queue.size();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Alert a;
            try {
                a = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // running was cleared: what is queued still gets one post each
            }
            if (a != null) {
                deliver(a);
            }
        }
    }

    private void deliver(Alert a) {
        long backoff = settings.firstBackoffMs();
        for (int attempt = 1; ; attempt++) {
            attempts.incrementAndGet();
            String why = post(a);
            if (why == null) {
                delivered.incrementAndGet();
                return;
            }
            if (attempt >= settings.maxAttempts() || !running) {
                failed.incrementAndGet();
                log.warn("alert kind={} book={} not delivered to the {} at {} after {} attempt(s): {}",
                        a.kind().wire(), a.book(), delivery.name(), delivery.host(), attempt, why);
                return;
            }
            try {
                clock.sleepUntil(clock.nowMs() + backoff);
            } catch (InterruptedException e) {
                // Closing: the next round sees running cleared and gives this alert up.
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    /** One POST; null when the receiver took it (2xx), else why not, without the URL. */
    private String post(Alert a) {
        HttpRequest req = delivery.request(a);
        try {
            int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            // The class only: some exceptions quote the request's URI, and its path holds the secret.
            return e.getClass().getSimpleName();
        }
    }

    /** Stops taking alerts, gives what is queued one post each (about 2 s at most), then stops the thread. */
    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
