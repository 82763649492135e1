package lotus.hyperliquid.info;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lotus.hyperliquid.common.HlCandle;
import lotus.hyperliquid.common.NetFailure;
import lotus.time.RateBudget;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /info} with the process-wide weight budget (HYPERLIQUID.md §3): every request waits until its weight
 * fits in the sliding minute. On HTTP 429 the budget is treated as spent for a whole minute (the venue counts more
 * than we do); on 5xx or I/O errors it backs off (1, 2.5, 4.5, 8.5, 16.5 s). Either way it tries again, five times
 * at most. A 422 is our own malformed request and is never retried. Thread-safe.
 */
public final class HlInfoClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HlInfoClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long[] BACKOFF_MS = {1_000, 2_500, 4_500, 8_500, 16_500};
    /** userFillsByTime answers at most this many fills (HYPERLIQUID.md §3). */
    private static final int FILLS_PER_ANSWER = 2000;

    private final URI infoUrl;
    private final RateBudget weight;
    private final Clock clock;
    private final HttpClient http;
    // Written by request threads, read by status lines: atomics, so a reader sees every count.
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong throttled = new java.util.concurrent.atomic.AtomicLong();

    public HlInfoClient(URI infoUrl, RateBudget weight, Clock clock) {
        this.infoUrl = infoUrl;
        this.weight = weight;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** {@code meta}: the perp universe. */
    /** The venue's assets: {@code meta} and {@code spotMeta}, fetched and parsed. */
    public lotus.hyperliquid.common.AssetCatalog assetCatalog() {
        return assetCatalog(null);
    }

    /** As {@link #assetCatalog()}, naming {@code network} in lookup failures. */
    public lotus.hyperliquid.common.AssetCatalog assetCatalog(lotus.hyperliquid.common.HlNetwork network) {
        return lotus.hyperliquid.common.AssetCatalog.parse(network, meta(), spotMeta());
    }

    public JsonNode meta() {
        return post(body("meta"), 20);
    }

    /** {@code spotMeta}: tokens and pairs. */
    public JsonNode spotMeta() {
        return post(body("spotMeta"), 20);
    }

    /** One side's levels of an order book, best first: price and size. */
    public record Level(BigDecimal px, BigDecimal sz) {
    }

    /** {@code l2Book}: bids best (highest) first, asks best (lowest) first; empty sides when the coin is unknown. */
    public record Book(String coin, long timeMs, List<Level> bids, List<Level> asks) {
    }

    public Book l2Book(String coin) {
        ObjectNode b = body("l2Book");
        b.put("coin", coin);
        JsonNode answer = post(b, 2);
        if (answer == null || answer.isNull() || !answer.path("levels").isArray()) {
            return new Book(coin, 0, List.of(), List.of());
        }
        return new Book(coin, answer.path("time").asLong(), levels(answer.path("levels").path(0)),
                levels(answer.path("levels").path(1)));
    }

    private static List<Level> levels(JsonNode side) {
        List<Level> out = new ArrayList<>();
        for (JsonNode l : side) {
            out.add(new Level(lotus.market.Decimals.parse(l.path("px").asText()),
                    lotus.market.Decimals.parse(l.path("sz").asText())));
        }
        return List.copyOf(out);
    }

    /** {@code orderStatus} by cloid ({@code 0x…}) for the master address: the raw answer. */
    public JsonNode orderStatus(String user, String cloid) {
        ObjectNode b = body("orderStatus");
        b.put("user", user);
        b.put("oid", cloid);
        return post(b, 2);
    }

    /** {@code clearinghouseState} (perp account) of the master address. */
    public JsonNode clearinghouseState(String user) {
        return userQuery("clearinghouseState", user, 2);
    }

    /** {@code spotClearinghouseState} (spot balances) of the master address. */
    public JsonNode spotClearinghouseState(String user) {
        return userQuery("spotClearinghouseState", user, 2);
    }

    /** {@code openOrders} of the master address. */
    public JsonNode openOrders(String user) {
        return userQuery("openOrders", user, 20);
    }

    /** {@code userFills}, newest first. */
    public JsonNode userFills(String user) {
        ObjectNode b = body("userFills");
        b.put("user", user);
        b.put("aggregateByTime", false);
        return post(b, 20);
    }

    /** {@code userFills} read: the newest fills (at most 2000), newest first. */
    public List<UserFill> recentFills(String user) {
        return AccountParser.fills(userFills(user));
    }

    /** {@code userRole} (weight 60): whether {@code address} is a user, an agent (and whose), a vault, … */
    public UserRole userRole(String address) {
        return AccountParser.userRole(userQuery("userRole", address, 60));
    }

    /** {@code clearinghouseState} read into the perp positions and the account value. */
    public PerpAccount perpAccount(String user) {
        return AccountParser.perpAccount(clearinghouseState(user));
    }

    /** {@code spotClearinghouseState} read into balances. */
    public SpotAccount spotAccount(String user) {
        return AccountParser.spotAccount(spotClearinghouseState(user));
    }

    /**
     * {@code userFillsByTime}: the fills with {@code startMs <= time <= endMs} ({@code endMs} null = now), oldest
     * first. An answer holds at most 2000 fills, so a full one is followed by a request from its last time; fills of
     * that millisecond come again and are dropped by {@code tid}. Only the latest 10 000 fills exist (§3).
     */
    public List<UserFill> userFillsByTime(String user, long startMs, Long endMs) {
        List<UserFill> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long start = startMs;
        while (true) {
            ObjectNode b = body("userFillsByTime");
            b.put("user", user);
            b.put("startTime", start);
            if (endMs != null) {
                b.put("endTime", endMs);
            }
            b.put("aggregateByTime", false);
            List<UserFill> page = AccountParser.fills(post(b, 20));
            for (UserFill f : page) {
                if (seen.add(f.tid())) {
                    out.add(f);
                }
            }
            if (page.size() < FILLS_PER_ANSWER) {
                return out;
            }
            long last = page.getLast().timeMs();
            if (last <= start) {
                log.warn("userFillsByTime user={}: {} fills in the millisecond {}; the rest of it is unreachable",
                        user, page.size(), start);
                start = start + 1;
            } else {
                start = last;
            }
        }
    }

    /** Account reads are keyed by the master (or vault) address, never the agent's (HYPERLIQUID.md §8, 8). */
    private JsonNode userQuery(String type, String user, int cost) {
        ObjectNode b = body(type);
        b.put("user", user);
        return post(b, cost);
    }

    /**
     * Candles of {@code coin} whose open time lies in {@code [fromMs, toMs]}, ascending. Pages from the last returned
     * time on, since an answer may be truncated (HYPERLIQUID.md §3).
     */
    public List<HlCandle> candles(String coin, Timeframe interval, long fromMs, long toMs) {
        List<HlCandle> out = new ArrayList<>();
        long start = fromMs;
        while (start <= toMs) {
            ObjectNode req = JSON.createObjectNode();
            req.put("coin", coin);
            req.put("interval", interval.label());
            req.put("startTime", start);
            req.put("endTime", toMs);
            ObjectNode b = body("candleSnapshot");
            b.set("req", req);
            // Weight is charged for the expected answer size; the budget is our estimate, the server's is the truth.
            int expected = (int) Math.min(5000, (toMs - start) / interval.durationMs() + 1);
            JsonNode answer = post(b, 20 + (expected + 59) / 60);
            if (!answer.isArray()) {
                throw new InfoException("candleSnapshot " + coin + " " + interval + ": answer is not an array");
            }
            long last = Long.MIN_VALUE;
            for (JsonNode c : answer) {
                HlCandle candle = HlCandle.parse(c);
                // The venue returns every candle overlapping the start, so the previous page's last comes again.
                if (candle.openTimeMs() >= start && candle.openTimeMs() <= toMs) {
                    out.add(candle);
                }
                last = Math.max(last, candle.openTimeMs());
            }
            if (answer.size() < 500 || last == Long.MIN_VALUE) {
                break; // a short page is the last one
            }
            start = last + interval.durationMs();
        }
        return out;
    }

    public long retries() {
        return retries.get();
    }

    public long throttledWaits() {
        return throttled.get();
    }

    public RateBudget budget() {
        return weight;
    }

    private static ObjectNode body(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        return n;
    }

    private JsonNode post(ObjectNode body, int cost) {
        String text = body.toString();
        for (int attempt = 0; ; attempt++) {
            waitForBudget(cost);
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(infoUrl).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                String why = "cannot reach " + infoUrl + ": " + NetFailure.describe(e);
                if (attempt >= BACKOFF_MS.length) {
                    throw new InfoException("info " + body.path("type").asText() + " failed: " + why + " ("
                            + (attempt + 1) + " attempts)", e);
                }
                backoff(attempt, why);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfoException("interrupted", e);
            }
            int status = response.statusCode();
            if (status == 200) {
                try {
                    return JSON.readTree(response.body());
                } catch (IOException e) {
                    throw new InfoException("info " + body.path("type").asText() + ": unreadable answer", e);
                }
            }
            if (status == 422) {
                throw new InfoException("info refused our request as malformed (422): " + text);
            }
            if (status == 429 && attempt < BACKOFF_MS.length) {
                retries.incrementAndGet();
                log.warn("HTTP 429 from {} (weight budget overspent by this IP); waiting for a fresh minute", infoUrl);
                weight.exhaust();
                continue;
            }
            if (status >= 500 && attempt < BACKOFF_MS.length) {
                backoff(attempt, "HTTP " + status + " from " + infoUrl);
                continue;
            }
            throw new InfoException("info " + body.path("type").asText() + " failed with HTTP " + status + " from "
                    + infoUrl);
        }
    }

    private void backoff(int attempt, String why) {
        retries.incrementAndGet();
        log.warn("{}; retrying in {}", why, NetFailure.seconds(BACKOFF_MS[attempt]));
        sleepUntil(clock.nowMs() + BACKOFF_MS[attempt]);
    }

    private void waitForBudget(int cost) {
        int waits;
        try {
            waits = weight.spendWhenAvailable(cost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfoException("interrupted while waiting for the weight budget");
        }
        throttled.addAndGet(waits);
    }

    /** Waits on the injected clock (which may run faster than real time). */
    private void sleepUntil(long clockMs) {
        try {
            clock.sleepUntil(clockMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfoException("interrupted while waiting");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
