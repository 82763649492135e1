package lotus.solana.dex;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import lotus.solana.common.Base58;
import lotus.time.Clock;
import lotus.time.RateBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DexScreener's pair endpoints (SOLANA.md §2.1, §2.5): {@code /tokens/v1/solana/{≤30 mints}} and the legacy
 * {@code /latest/dex/tokens/{…}}, both read by {@link DexParser}. Every call is paid from the shared
 * {@link RateBudget}; at most {@value #MAX_IN_FLIGHT} calls are in flight. A chunk that failed in a way a retry can
 * cure (429, 5xx, timeout, a body that is not whole JSON) is retried once after 1–3 s of jitter on the injected clock,
 * only if the budget and the minute allow: retries never spill into the next minute's cycle. Another 4xx is our
 * request's fault and is never retried. Thread-safe.
 */
public final class DexScreenerClient implements AutoCloseable {

    public static final int MAX_ADDRESSES = 30;
    public static final int MAX_IN_FLIGHT = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** One chunk's outcome. */
    public sealed interface Chunk permits Answered, Failed {
        List<String> mints();
    }

    /**
     * @param notIndexed  requested mints no Solana pair of the answer has on either side
     * @param arrivedAtMs the clock when the answer arrived: the points' timestamp
     */
    public record Answered(List<String> mints, List<DexPair> pairs, List<String> notIndexed, long arrivedAtMs)
            implements Chunk {
    }

    /** Its tokens miss this minute; coverage accounting handles the gap. */
    public record Failed(List<String> mints, String reason) implements Chunk {
    }

    private static final Logger log = LoggerFactory.getLogger(DexScreenerClient.class);
    private static final long MINUTE_MS = 60_000;

    private final String baseUrl;
    private final RateBudget budget;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService workers;
    private final SplittableRandom jitter;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failedChunks = new AtomicLong();
    private final AtomicLong notIndexed = new AtomicLong();
    private final AtomicLong rejectedPairs = new AtomicLong();

    /**
     * @param baseUrl    {@code https://api.dexscreener.com}, or a simulator's {@code http://127.0.0.1:port/dexscreener}
     * @param jitterSeed seeds the retry delays, so a run on a simulated clock repeats
     */
    public DexScreenerClient(String baseUrl, RateBudget budget, Clock clock, Duration timeout, long jitterSeed) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.budget = budget;
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.workers = Executors.newFixedThreadPool(MAX_IN_FLIGHT, r -> {
            Thread t = new Thread(r, "dexscreener-call");
            t.setDaemon(true);
            return t;
        });
        this.jitter = new SplittableRandom(jitterSeed);
    }

    /** Pairs of {@code mints}, in chunks of at most 30 in the given order, one outcome per chunk in that order. */
    public List<Chunk> tokens(List<String> mints) throws InterruptedException {
        long minuteEnd = Math.floorDiv(clock.nowMs(), MINUTE_MS) * MINUTE_MS + MINUTE_MS;
        List<Future<Chunk>> pending = new ArrayList<>();
        List<String> valid = mints.stream().filter(DexScreenerClient::isMint).toList();
        for (int i = 0; i < valid.size(); i += MAX_ADDRESSES) {
            List<String> chunk = List.copyOf(valid.subList(i, Math.min(valid.size(), i + MAX_ADDRESSES)));
            pending.add(workers.submit(() -> {
                try {
                    return fetch(chunk, "/tokens/v1/solana/", minuteEnd);
                } catch (RuntimeException e) {
                    // One chunk's surprise must not cost the other chunks their points.
                    return failed(chunk, "unexpected: " + e);
                }
            }));
        }
        List<Chunk> out = new ArrayList<>();
        List<String> invalid = mints.stream().filter(m -> !isMint(m)).toList();
        if (!invalid.isEmpty()) {
            // A row's token_contract that is no mint would break the URL of every chunk it joined.
            out.add(failed(invalid, "not a mint (base58 of 32 bytes): " + String.join(",", invalid)));
        }
        for (Future<Chunk> f : pending) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("dexscreener chunk failed unexpectedly", e.getCause());
            }
        }
        return out;
    }

    /** The legacy endpoint for at most 30 mints: pairs of every chain, {@code "pairs": null} for unknown tokens. */
    public Chunk legacyTokens(List<String> mints) throws InterruptedException {
        if (mints.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_ADDRESSES + " addresses per call, got " + mints.size());
        }
        return fetch(List.copyOf(mints), "/latest/dex/tokens/",
                Math.floorDiv(clock.nowMs(), MINUTE_MS) * MINUTE_MS + MINUTE_MS);
    }

    private Chunk fetch(List<String> mints, String path, long minuteEnd) throws InterruptedException {
        URI uri = URI.create(baseUrl + path + String.join(",", mints));
        if (!budget.spendBefore(minuteEnd)) {
            return failed(mints, "no budget left this minute");
        }
        Attempt first = call(uri, mints);
        if (first.chunk() instanceof Answered || !first.retryable()) {
            return counted(first.chunk());
        }
        long retryAt = clock.nowMs() + 1_000 + nextJitterMs();
        if (retryAt >= minuteEnd) {
            return failed(mints, ((Failed) first.chunk()).reason() + "; no time left this minute to retry");
        }
        clock.sleepUntil(retryAt);
        if (!budget.trySpend(1)) {
            return failed(mints, ((Failed) first.chunk()).reason() + "; no budget left to retry");
        }
        retries.incrementAndGet();
        return counted(call(uri, mints).chunk());
    }

    /** Waits for the budget while the minute lasts; false when it has no room before the minute ends. */
    private record Attempt(Chunk chunk, boolean retryable) {
    }

    private Attempt call(URI uri, List<String> mints) throws InterruptedException {
        calls.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Attempt(new Failed(mints, "transport: " + e), true); // timeouts included
        }
        int status = response.statusCode();
        if (status != 200) {
            return new Attempt(new Failed(mints, "HTTP " + status), status == 429 || status >= 500);
        }
        DexParser.Parsed parsed;
        try {
            parsed = DexParser.parse(response.body());
        } catch (IllegalArgumentException e) {
            return new Attempt(new Failed(mints, e.getMessage()), true); // HTML page, truncated JSON
        }
        rejectedPairs.addAndGet(parsed.rejected());
        List<String> missing = mints.stream().filter(m -> parsed.pairs().stream()
                .noneMatch(p -> p.chainId().equals("solana") && (p.baseMint().equals(m) || p.quoteMint().equals(m))))
                .toList();
        return new Attempt(new Answered(mints, parsed.pairs(), missing, clock.nowMs()), false);
    }

    private Chunk counted(Chunk chunk) {
        switch (chunk) {
            case Answered a -> notIndexed.addAndGet(a.notIndexed().size());
            case Failed f -> {
                failedChunks.incrementAndGet();
                log.warn("dexscreener chunk failed tokens={} first={}: {}", f.mints().size(), f.mints().getFirst(),
                        f.reason());
            }
        }
        return chunk;
    }

    static boolean isMint(String mint) {
        try {
            return mint != null && Base58.decode(mint).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Chunk failed(List<String> mints, String reason) {
        return counted(new Failed(mints, reason));
    }

    private synchronized long nextJitterMs() {
        return jitter.nextLong(2_001);
    }

    public long calls() {
        return calls.get();
    }

    public long retries() {
        return retries.get();
    }

    public long failedChunks() {
        return failedChunks.get();
    }

    public long notIndexed() {
        return notIndexed.get();
    }

    public long rejectedPairs() {
        return rejectedPairs.get();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        http.close();
    }
}
