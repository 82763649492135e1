package lotus.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import lotus.time.Clock;
import lotus.time.RateBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local CoinGecko {@code GET /api/v3/global} (issue 14): BTC dominance walking around 50–60 and USDT around 3–6, one
 * seeded step per minute of the injected clock, written as exact decimal JSON numbers in the real answer's shape.
 * A per-IP budget ({@value #PER_MINUTE} a minute by default, → 429), faults injected per request, and a request log
 * with the headers as received (so a test can see where a key went). Mount the routes on an app the caller owns with
 * {@link #mount}, or run it alone with {@link #start}.
 */
public final class CoinGeckoSim implements AutoCloseable {

    /** What the next requests answer instead of the real thing, one fault per request, in order. */
    public enum Fault {
        /** HTTP 429 whatever the budget. */
        TOO_MANY_REQUESTS,
        /** HTTP 503 with a short text body. */
        SERVER_ERROR,
        /** HTTP 200 with an HTML page (a CDN's error page). */
        HTML,
        /** HTTP 200 with the real answer cut in half. */
        TRUNCATED,
        /** HTTP 200, {@code market_cap_percentage} without {@code usdt}. */
        MISSING_USDT,
        /** HTTP 200, a negative {@code btc}. */
        NEGATIVE_BTC,
        /** HTTP 200, {@code btc} as the string {@code "NaN"}. */
        NAN_BTC,
        /** The real answer after {@link CoinGeckoSim#slowDelayMs} of real time (a client's timeout). */
        SLOW
    }

    /**
     * One request as the simulator saw it.
     *
     * @param headers every header received, names in lower case
     */
    public record Request(long timeMs, String path, String query, Map<String, String> headers, int status) {
    }

    public static final int PER_MINUTE = 30;
    public static final String PATH = "/api/v3/global";

    private static final Logger log = LoggerFactory.getLogger(CoinGeckoSim.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String HOST = "127.0.0.1";
    private static final int LOG_CAPACITY = 100_000;

    private final Clock clock;
    private final int perMinute;
    private final DominancePath btc;
    private final DominancePath usdt;
    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();
    private final ArrayDeque<Fault> faults = new ArrayDeque<>();
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private volatile long slowDelayMs = 2_000;
    private Javalin ownApp;

    /** Paths start at the clock's current minute. */
    public CoinGeckoSim(Clock clock, long seed, int perMinute) {
        this(clock, seed, perMinute, clock.nowMs());
    }

    /**
     * Paths start at {@code pathStartMs}: before the clock, for a simulator whose market has a past (the dominance of
     * those minutes then moves too, as a stand-in history read through {@link #btcAt} and {@link #usdtAt} shows).
     */
    public CoinGeckoSim(Clock clock, long seed, int perMinute, long pathStartMs) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("coingecko sim budget must be positive, got " + perMinute);
        }
        this.clock = clock;
        this.perMinute = perMinute;
        long now = pathStartMs;
        this.btc = new DominancePath(seed, now, BigDecimal.valueOf(50), BigDecimal.valueOf(60),
                new BigDecimal("0.05"));
        this.usdt = new DominancePath(seed * 31 + 17, now, BigDecimal.valueOf(3), BigDecimal.valueOf(6),
                new BigDecimal("0.01"));
    }

    public CoinGeckoSim(Clock clock, long seed) {
        this(clock, seed, PER_MINUTE);
    }

    /** Adds the route under {@code prefix} (e.g. {@code /coingecko}, or {@code ""}) to a caller's app. */
    public void mount(JavalinDefaultRoutingApi<?> routes, String prefix) {
        routes.get(prefix + PATH, this::answer);
    }

    /** A CoinGecko alone on 127.0.0.1:{@code port} (0 picks a free one), routes under {@code /coingecko}. */
    public static CoinGeckoSim start(Clock clock, long seed, int perMinute, int port) {
        CoinGeckoSim sim = new CoinGeckoSim(clock, seed, perMinute);
        sim.ownApp = Loopback.start(port, router -> sim.mount(router, "/coingecko"));
        log.info("coingecko simulator on {}", sim.baseUrl());
        return sim;
    }

    /** The base URL to configure as the CoinGecko URL (only after {@link #start}). */
    public String baseUrl() {
        return "http://" + HOST + ":" + ownApp.port() + "/coingecko";
    }

    /** BTC dominance the answer at {@code timeMs} carries. */
    public BigDecimal btcAt(long timeMs) {
        return btc.at(timeMs);
    }

    /** USDT dominance the answer at {@code timeMs} carries. */
    public BigDecimal usdtAt(long timeMs) {
        return usdt.at(timeMs);
    }

    /** The next requests answer these faults, one each, in order. */
    public void inject(Fault... next) {
        synchronized (faults) {
            faults.addAll(List.of(next));
        }
    }

    public void slowDelayMs(long ms) {
        this.slowDelayMs = ms;
    }

    /** Every request so far (the latest {@value #LOG_CAPACITY}), oldest first. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        if (ownApp != null) {
            ownApp.stop();
        }
    }

    private void answer(Context ctx) throws Exception {
        long now = clock.nowMs();
        Fault fault;
        synchronized (faults) {
            fault = faults.poll();
        }
        int status;
        if (fault == Fault.TOO_MANY_REQUESTS || !budgets.computeIfAbsent(ctx.ip(),
                ip -> new RateBudget("coingecko " + ip, perMinute, clock)).trySpend(1)) {
            status = reply(ctx, 429, "application/json", "{\"status\":{\"error_code\":429,"
                    + "\"error_message\":\"You've exceeded the Rate Limit.\"}}");
        } else if (fault == Fault.SERVER_ERROR) {
            status = reply(ctx, 503, "text/plain", "Service Unavailable");
        } else if (fault == Fault.HTML) {
            status = reply(ctx, 200, "text/html", "<html><body>Just a moment...</body></html>");
        } else {
            String body = JSON.writeValueAsString(global(now, fault));
            if (fault == Fault.TRUNCATED) {
                body = body.substring(0, body.length() / 2);
            } else if (fault == Fault.SLOW) {
                Thread.sleep(slowDelayMs); // a real delay: the client's HTTP timeout is real time
            }
            status = reply(ctx, 200, "application/json", body);
        }
        Map<String, String> headers = new TreeMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Request r = new Request(now, ctx.path(), ctx.queryString() == null ? "" : ctx.queryString(),
                Map.copyOf(headers), status);
        synchronized (requests) {
            if (requests.size() == LOG_CAPACITY) {
                requests.removeFirst();
            }
            requests.addLast(r);
        }
    }

    private static int reply(Context ctx, int status, String type, String body) {
        ctx.status(status).contentType(type).result(body);
        return status;
    }

    /** The real answer's shape: the fields Lotus reads among the ones CoinGecko sends. */
    private ObjectNode global(long now, Fault fault) {
        ObjectNode data = NODES.objectNode().put("active_cryptocurrencies", 17_000).put("markets", 1_300);
        data.set("total_market_cap", NODES.objectNode().put("usd", new BigDecimal("3400000000000")));
        ObjectNode shares = data.putObject("market_cap_percentage");
        BigDecimal b = btc.at(now);
        switch (fault) {
            case NEGATIVE_BTC -> shares.put("btc", b.negate());
            case NAN_BTC -> shares.put("btc", "NaN");
            case null, default -> shares.put("btc", b);
        }
        shares.put("eth", new BigDecimal("11.5"));
        if (fault != Fault.MISSING_USDT) {
            shares.put("usdt", usdt.at(now));
        }
        data.put("market_cap_change_percentage_24h_usd", new BigDecimal("-0.42"));
        data.put("updated_at", Math.floorDiv(now, 1_000));
        ObjectNode root = NODES.objectNode();
        root.set("data", data);
        return root;
    }
}
