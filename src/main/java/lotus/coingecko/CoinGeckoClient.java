package lotus.coingecko;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import lotus.coingecko.DominanceResult.Failed;
import lotus.coingecko.DominanceResult.Failure;
import lotus.coingecko.DominanceResult.Sampled;
import lotus.time.Clock;
import lotus.time.RateBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoinGecko's {@code GET /api/v3/global}, read by {@link GlobalParser} into BTC and USDT dominance. Every call is
 * paid from the caller's {@link RateBudget} (keyless limits are low: {@value #DEFAULT_PER_MINUTE} a minute is the
 * usual choice). A 429 is retried at most {@value #MAX_BACKOFFS} times after 1, 2 and 4 s plus up to 1 s of jitter on
 * the injected clock, and only while the minute lasts: a sample is one minute's point, so a retry never spills into
 * the next one. Anything else the venue can do (5xx, timeout, HTML, truncated or malformed JSON) is a
 * {@link Failed} result, counted and logged once; no exception of the venue's reaches the caller. The API key is sent
 * only in its header and appears in no message, log line or {@code toString}. Thread-safe.
 */
public final class CoinGeckoClient implements AutoCloseable {

    /** CoinGecko's demo-plan key header; the pro plan's is {@code x-cg-pro-api-key}. */
    public static final String DEMO_KEY_HEADER = "x-cg-demo-api-key";
    public static final int DEFAULT_PER_MINUTE = 20;
    public static final int MAX_BACKOFFS = 3;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final String PATH = "/api/v3/global";

    private static final Logger log = LoggerFactory.getLogger(CoinGeckoClient.class);
    private static final long MINUTE_MS = 60_000;

    private final URI uri;
    private final Optional<String> apiKey;
    private final String keyHeader;
    private final RateBudget budget;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final SplittableRandom jitter;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong backoffs = new AtomicLong();
    private final Map<Failure, AtomicLong> failures = new EnumMap<>(Failure.class);

    public CoinGeckoClient(String baseUrl, Optional<String> apiKey, RateBudget budget, Clock clock, Duration timeout) {
        this(baseUrl, apiKey, DEMO_KEY_HEADER, budget, clock, timeout, 1);
    }

    /**
     * @param baseUrl    {@code https://api.coingecko.com}, or a simulator's {@code http://127.0.0.1:port/coingecko}
     * @param keyHeader  the header that carries the key ({@link #DEMO_KEY_HEADER} by default)
     * @param jitterSeed seeds the backoff delays, so a run on a simulated clock repeats
     */
    public CoinGeckoClient(String baseUrl, Optional<String> apiKey, String keyHeader, RateBudget budget, Clock clock,
            Duration timeout, long jitterSeed) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.uri = URI.create(base + PATH);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("coingecko base URL must be http(s), got " + baseUrl);
        }
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            throw new IllegalArgumentException("coingecko API key is blank: leave it out to call without a key");
        }
        if (keyHeader == null || keyHeader.isBlank()) {
            throw new IllegalArgumentException("coingecko key header name must not be blank");
        }
        this.keyHeader = keyHeader;
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.jitter = new SplittableRandom(jitterSeed);
        for (Failure f : Failure.values()) {
            failures.put(f, new AtomicLong());
        }
    }

    /**
     * This minute's dominance, or why there is none.
     *
     * @throws InterruptedException only when the caller's thread is interrupted (shutdown), never for the venue
     */
    public DominanceResult global() throws InterruptedException {
        long minuteEnd = Math.floorDiv(clock.nowMs(), MINUTE_MS) * MINUTE_MS + MINUTE_MS;
        if (!budget.spendBefore(minuteEnd)) {
            return counted(new Failed(Failure.NO_BUDGET, "no coingecko budget left this minute"));
        }
        DominanceResult result = call();
        for (int backoff = 1; isRateLimited(result); backoff++) {
            if (backoff > MAX_BACKOFFS) {
                return counted(new Failed(Failure.RATE_LIMITED, "HTTP 429 after " + MAX_BACKOFFS + " backoffs"));
            }
            long retryAt = clock.nowMs() + (1_000L << (backoff - 1)) + nextJitterMs();
            if (retryAt >= minuteEnd) {
                return counted(new Failed(Failure.RATE_LIMITED, "HTTP 429; no time left this minute to back off"));
            }
            clock.sleepUntil(retryAt);
            if (!budget.trySpend(1)) {
                return counted(new Failed(Failure.RATE_LIMITED, "HTTP 429; no budget left to back off"));
            }
            backoffs.incrementAndGet();
            result = call();
        }
        return counted(result);
    }

    private static boolean isRateLimited(DominanceResult r) {
        return r instanceof Failed f && f.failure() == Failure.RATE_LIMITED;
    }

    /** Waits for the budget while the minute lasts; false when it has no room before the minute ends. */
    private DominanceResult call() throws InterruptedException {
        calls.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET();
        apiKey.ifPresent(key -> request.header(keyHeader, key));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Failed(Failure.TRANSPORT, "transport: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (RuntimeException e) {
            return new Failed(Failure.TRANSPORT, "transport: " + e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status == 429) {
            return new Failed(Failure.RATE_LIMITED, "HTTP 429");
        }
        if (status >= 500) {
            return new Failed(Failure.SERVER_ERROR, "HTTP " + status);
        }
        if (status != 200) {
            return new Failed(Failure.HTTP_STATUS, "HTTP " + status);
        }
        try {
            return GlobalParser.parse(response.body(), clock.nowMs());
        } catch (RuntimeException e) {
            return new Failed(Failure.MALFORMED, "unreadable CoinGecko answer: " + e.getClass().getSimpleName());
        }
    }

    private DominanceResult counted(DominanceResult result) {
        switch (result) {
            case Sampled s -> sampled.incrementAndGet();
            case Failed f -> {
                failures.get(f.failure()).incrementAndGet();
                log.warn("coingecko global failed kind={} backoffs={}: {}", f.failure(), backoffs.get(), f.reason());
            }
        }
        return result;
    }

    private synchronized long nextJitterMs() {
        return jitter.nextLong(1_001);
    }

    public long calls() {
        return calls.get();
    }

    public long sampled() {
        return sampled.get();
    }

    public long backoffs() {
        return backoffs.get();
    }

    public long failures(Failure kind) {
        return failures.get(kind).get();
    }

    public long failures() {
        return failures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The endpoint and whether a key is set; never the key. */
    @Override
    public String toString() {
        return "CoinGeckoClient[" + uri + " key=" + (apiKey.isPresent() ? "set" : "none") + " header=" + keyHeader
                + "]";
    }

    @Override
    public void close() {
        http.close();
    }

    /** The call budget this client spends, for the process's meters. */
    public RateBudget budget() {
        return budget;
    }

}
