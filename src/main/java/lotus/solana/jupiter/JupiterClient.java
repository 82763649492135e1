package lotus.solana.jupiter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import lotus.solana.common.Base58;
import lotus.solana.jupiter.JupiterError.Kind;
import lotus.time.Clock;
import lotus.time.RateBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jupiter swap v1 (SOLANA.md §3): {@code GET /quote} and {@code POST /swap}. Every HTTP call first waits for the
 * shared {@link RateBudget} on the injected clock (keyless Jupiter allows ~30 a minute, §3.5); a 429 is retried after
 * an exponential backoff with jitter, a bounded number of times; every other failure is thrown at once as a typed
 * {@link JupiterError}. The API key goes into the {@code x-api-key} header and nowhere else. Thread-safe.
 */
public final class JupiterClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JupiterClient.class);
    /** Only liquid intermediates, and routes small enough to leave room for our own accounts (§3.1). */
    private static final String QUOTE_FIXED = "&swapMode=ExactIn&restrictIntermediateTokens=true&maxAccounts=64";

    /**
     * How 429s are retried: attempt {@code i} (0-based) waits a uniform time in [d/2, d], d = min(max, first × 2^i)
     * ("equal jitter": clients throttled together do not retry together).
     */
    public record Backoff(int maxRetries, Duration first, Duration max) {

        public Backoff {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (maxRetries < 0 || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("backoff needs maxRetries >= 0 and 0 < first <= max, got "
                        + maxRetries + ", " + first + ", " + max);
            }
        }

        /** Four retries: 1, 2, 4 and 8 s at most, about 15 s in all, within one bar's minute. */
        public static Backoff defaults() {
            return new Backoff(4, Duration.ofSeconds(1), Duration.ofSeconds(8));
        }

        long ceilingMs(int attempt) {
            long d = first.toMillis();
            for (int i = 0; i < attempt && d < max.toMillis(); i++) {
                d *= 2;
            }
            return Math.min(max.toMillis(), d);
        }
    }

    /**
     * Calls made and refused by kind, for the status line.
     *
     * @param calls            HTTP requests sent (retries included)
     * @param rateLimitRetries 429s answered by waiting and trying again
     * @param budgetWaits      times a call waited for the shared budget before going out
     */
    public record Stats(long calls, long rateLimitRetries, long budgetWaits, Map<Kind, Long> refused) {

        public Stats {
            refused = Map.copyOf(refused);
        }
    }

    private final String baseUrl;
    private final Optional<String> apiKey;
    private final RateBudget budget;
    private final Clock clock;
    private final Duration timeout;
    private final Backoff backoff;
    private final RandomGenerator jitter;
    private final HttpClient http;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rateLimitRetries = new AtomicLong();
    private final AtomicLong budgetWaits = new AtomicLong();
    private final Map<Kind, Long> refused = new EnumMap<>(Kind.class);

    /**
     * @param baseUrl e.g. https://lite-api.jup.ag/swap/v1 or http://127.0.0.1:P/jupiter/swap/v1; apiKey → x-api-key
     */
    public JupiterClient(String baseUrl, Optional<String> apiKey, RateBudget budget, Clock clock, Duration timeout) {
        this(baseUrl, apiKey, budget, clock, timeout, Backoff.defaults(), new SplittableRandom());
    }

    /** @param jitter the source of the backoff's jitter (seeded in tests); used under this client's lock */
    public JupiterClient(String baseUrl, Optional<String> apiKey, RateBudget budget, Clock clock, Duration timeout,
            Backoff backoff, RandomGenerator jitter) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI checked = URI.create(this.baseUrl);
        if (checked.getScheme() == null || checked.getHost() == null) {
            throw new IllegalArgumentException("Jupiter base URL needs a scheme and a host: " + baseUrl);
        }
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(k -> !k.isBlank());
        this.budget = Objects.requireNonNull(budget, "budget");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** {@code GET {base}/quote}, ExactIn. */
    public Quote quote(QuoteRequest request) throws JupiterError {
        Objects.requireNonNull(request, "request");
        String query = "?inputMint=" + enc(request.inputMint()) + "&outputMint=" + enc(request.outputMint())
                // BigInteger's toString: an integer, never "100000000.0" (a decimal gets a 500, §3.4).
                + "&amount=" + request.amount() + "&slippageBps=" + request.slippageBps() + QUOTE_FIXED;
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + "/quote" + query)).GET();
        return JupiterParser.quote(send("quote", req));
    }

    /** {@code POST {base}/swap}: the quote verbatim, our wallet as fee payer, SOL wrapped, CU limit sized. */
    public SwapResponse swap(Quote quote, String userPublicKey, PriorityFee fee) throws JupiterError {
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(fee, "fee");
        if (userPublicKey == null || Base58.decode(userPublicKey).length != 32) {
            throw new IllegalArgumentException("userPublicKey must be a base58 public key of 32 bytes");
        }
        ObjectNode body = JupiterParser.JSON.createObjectNode();
        body.set("quoteResponse", quote.raw());
        body.put("userPublicKey", userPublicKey);
        body.put("wrapAndUnwrapSol", true);
        body.put("dynamicComputeUnitLimit", true);
        body.put("asLegacyTransaction", false);
        ObjectNode level = body.putObject("prioritizationFeeLamports").putObject("priorityLevelWithMaxLamports");
        level.put("priorityLevel", fee.level());
        level.put("maxLamports", fee.maxLamports());
        level.put("global", false);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + "/swap"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return JupiterParser.swap(send("swap", req));
    }

    public Stats stats() {
        synchronized (refused) {
            return new Stats(calls.get(), rateLimitRetries.get(), budgetWaits.get(), refused);
        }
    }

    /** The body of a 200 answer, after budget waits and 429 retries; anything else is thrown, and counted. */
    private String send(String call, HttpRequest.Builder builder) throws JupiterError {
        try {
            return attempt(call, builder);
        } catch (JupiterError e) {
            synchronized (refused) {
                refused.merge(e.kind(), 1L, Long::sum);
            }
            throw e;
        }
    }

    private String attempt(String call, HttpRequest.Builder builder) throws JupiterError {
        builder.timeout(timeout).header("Accept", "application/json");
        apiKey.ifPresent(k -> builder.header("x-api-key", k));
        HttpRequest request = builder.build();
        for (int retry = 0; ; retry++) {
            waitForBudget(call);
            calls.incrementAndGet();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw new JupiterError(Kind.UNREACHABLE, 0, null, call + ": no answer from " + host() + " within "
                        + timeout.toMillis() + " ms", null, e);
            } catch (IOException e) {
                throw new JupiterError(Kind.UNREACHABLE, 0, null, call + ": cannot reach " + host() + " ("
                        + e.getClass().getSimpleName() + ")", null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JupiterError(Kind.UNREACHABLE, 0, null, call + ": interrupted", null, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return redact(response.body());
            }
            if (status == 429 && retry < backoff.maxRetries()) {
                long waitMs = backoffMs(retry);
                rateLimitRetries.incrementAndGet();
                log.warn("jupiter {}: HTTP 429 from {}; retry {}/{} in {} ms", call, host(), retry + 1,
                        backoff.maxRetries(), waitMs);
                sleep(call, clock.nowMs() + waitMs);
                continue;
            }
            throw JupiterParser.refusal(call, status, redact(response.body()));
        }
    }

    private long backoffMs(int retry) {
        long ceiling = backoff.ceilingMs(retry);
        long half = ceiling / 2;
        synchronized (jitter) {
            return half + jitter.nextLong(ceiling - half + 1);
        }
    }

    private void waitForBudget(String call) throws JupiterError {
        try {
            budgetWaits.addAndGet(budget.spendWhenAvailable(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JupiterError(Kind.UNREACHABLE, 0, null, call + ": interrupted waiting for the "
                    + budget.name() + " budget", null, e);
        }
    }

    private void sleep(String call, long untilMs) throws JupiterError {
        try {
            clock.sleepUntil(untilMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JupiterError(Kind.UNREACHABLE, 0, null, call + ": interrupted during the 429 backoff", null, e);
        }
    }

    /** Defence in depth: should a server ever echo our key, it goes no further than here. */
    private String redact(String text) {
        return apiKey.isPresent() && text != null ? text.replace(apiKey.get(), "<api-key>") : text;
    }

    private String host() {
        return URI.create(baseUrl).getHost();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "JupiterClient[" + baseUrl + (apiKey.isPresent() ? ", api key set" : ", keyless") + "]";
    }

    @Override
    public void close() {
        http.close();
    }
}
