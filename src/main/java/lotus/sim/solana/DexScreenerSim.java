package lotus.sim.solana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import lotus.sim.Loopback;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lotus.time.Clock;
import lotus.time.RateBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local DexScreener (SOLANA.md §2.1, §6) over a {@link SolanaMarket}: {@code /tokens/v1/solana/{≤30}} (bare array),
 * {@code /token-pairs/v1/solana/{mint}} and the legacy {@code /latest/dex/tokens/{…}} ({@code "pairs": null} when
 * nothing is known, pairs of another chain mixed in). Per-IP budget of 300 calls a minute on the injected clock
 * (→ 429), more than 30 addresses → 400, faults injected per request, and a request log. Mount the routes on an app
 * the caller owns with {@link #mount}, or run it alone with {@link #start}.
 */
public final class DexScreenerSim implements AutoCloseable {

    /** What the next requests answer instead of the real thing, one fault per request, in order. */
    public enum Fault {
        /** HTTP 429 whatever the budget. */
        TOO_MANY_REQUESTS,
        /** HTTP 400, as for a malformed request. */
        BAD_REQUEST,
        /** HTTP 503 with a short text body. */
        SERVER_ERROR,
        /** HTTP 200 with an HTML page (a CDN's error page). */
        HTML,
        /** HTTP 200 with the real answer cut in half. */
        TRUNCATED,
        /** The real answer after {@link DexScreenerSim#slowDelayMs} of real time (a client's timeout). */
        SLOW
    }

    /** One request as the simulator saw it. */
    public record Request(long timeMs, String path, int status) {
    }

    public static final int MAX_ADDRESSES = 30;
    public static final int PER_MINUTE = 300;

    private static final Logger log = LoggerFactory.getLogger(DexScreenerSim.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final MathContext MC = new MathContext(12);
    private static final String HOST = "127.0.0.1";

    private final SolanaMarket market;
    private final Clock clock;
    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();
    private final ArrayDeque<Fault> faults = new ArrayDeque<>();
    private final RequestLog<Request> requests = new RequestLog<>(100_000);
    private volatile long slowDelayMs = 2_000;
    private Javalin ownApp;

    public DexScreenerSim(SolanaMarket market, Clock clock) {
        this.market = market;
        this.clock = clock;
    }

    /** Adds the routes under {@code prefix} (e.g. {@code /dexscreener}, or {@code ""}) to a caller's app. */
    public void mount(JavalinDefaultRoutingApi<?> routes, String prefix) {
        routes.get(prefix + "/tokens/v1/solana/{mints}", ctx -> answer(ctx, ctx.pathParam("mints"), false));
        routes.get(prefix + "/latest/dex/tokens/{mints}", ctx -> answer(ctx, ctx.pathParam("mints"), true));
        routes.get(prefix + "/token-pairs/v1/solana/{mint}", ctx -> answer(ctx, ctx.pathParam("mint"), false));
    }

    /** A DexScreener alone on 127.0.0.1:{@code port} (0 picks a free one), routes under {@code /dexscreener}. */
    public static DexScreenerSim start(SolanaMarket market, Clock clock, int port) {
        DexScreenerSim sim = new DexScreenerSim(market, clock);
        sim.ownApp = Loopback.start(port, router -> sim.mount(router, "/dexscreener"));
        log.info("dexscreener simulator on {}", sim.baseUrl());
        return sim;
    }

    /** The base URL to configure as {@code solana.dexscreener_url} (only after {@link #start}). */
    public String baseUrl() {
        return "http://" + HOST + ":" + ownApp.port() + "/dexscreener";
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

    /** Every request so far, oldest first. */
    public List<Request> requests() {
        return requests.all();
    }

    @Override
    public void close() {
        if (ownApp != null) {
            ownApp.stop();
        }
    }

    private void answer(Context ctx, String list, boolean legacy) throws Exception {
        long now = clock.nowMs();
        List<String> mints = List.of(list.split(","));
        Fault fault;
        synchronized (faults) {
            fault = faults.poll();
        }
        int status;
        if (fault == Fault.TOO_MANY_REQUESTS || !budgets.computeIfAbsent(ctx.ip(),
                ip -> new RateBudget("dexscreener " + ip, PER_MINUTE, clock)).trySpend(1)) {
            status = reply(ctx, 429, "text/plain", "Too Many Requests");
        } else if (mints.size() > MAX_ADDRESSES || fault == Fault.BAD_REQUEST) {
            status = reply(ctx, 400, "application/json", "{\"error\":\"too many addresses\"}");
        } else if (fault == Fault.SERVER_ERROR) {
            status = reply(ctx, 503, "text/plain", "Service Unavailable");
        } else if (fault == Fault.HTML) {
            status = reply(ctx, 200, "text/html", "<html><body>Just a moment...</body></html>");
        } else {
            String body = JSON.writeValueAsString(legacy ? legacy(mints) : pairs(mints));
            if (fault == Fault.TRUNCATED) {
                body = body.substring(0, body.length() / 2);
            } else if (fault == Fault.SLOW) {
                Thread.sleep(slowDelayMs); // a real delay: the client's HTTP timeout is real time
            }
            status = reply(ctx, 200, "application/json", body);
        }
        requests.add(new Request(now, ctx.path(), status));
    }

    private static int reply(Context ctx, int status, String type, String body) {
        ctx.status(status).contentType(type).result(body);
        return status;
    }

    private ArrayNode pairs(List<String> mints) {
        Map<String, SimPool> found = new LinkedHashMap<>();
        for (String mint : mints) {
            market.pools(mint).forEach(p -> found.putIfAbsent(p.pairAddress(), p));
        }
        ArrayNode out = NODES.arrayNode();
        found.values().forEach(p -> out.add(pair(p)));
        return out;
    }

    /** The legacy answer: {@code "pairs": null} when nothing is known, else the pairs plus one on another chain. */
    private ObjectNode legacy(List<String> mints) {
        ObjectNode root = NODES.objectNode().put("schemaVersion", "1.0.0");
        ArrayNode pairs = pairs(mints);
        if (pairs.isEmpty()) {
            root.putNull("pairs");
        } else {
            ObjectNode other = pairs.get(0).deepCopy();
            other.put("chainId", "ethereum").put("pairAddress", "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
            pairs.add(other);
            root.set("pairs", pairs);
        }
        return root;
    }

    private ObjectNode pair(SimPool p) {
        BigDecimal baseUsd = market.usd(p.baseMint()).orElseThrow();
        BigDecimal quoteUsd = market.usd(p.quoteMint()).orElseThrow();
        ObjectNode n = NODES.objectNode().put("chainId", "solana").put("dexId", p.dexId())
                .put("url", "https://dexscreener.com/solana/" + p.pairAddress()).put("pairAddress", p.pairAddress());
        if (p.labels() == null) {
            n.putNull("labels");
        } else {
            p.labels().forEach(n.putArray("labels")::add);
        }
        n.set("baseToken", token(p.baseMint()));
        n.set("quoteToken", token(p.quoteMint()));
        n.put("priceNative", baseUsd.divide(quoteUsd, MC).stripTrailingZeros().toPlainString());
        if (p.priceUsdKnown()) {
            n.put("priceUsd", baseUsd.stripTrailingZeros().toPlainString());
        } else {
            n.putNull("priceUsd");
        }
        BigDecimal depth = p.liquidityUsd() == null ? market.poolDepthUsd(p.baseMint()) : p.liquidityUsd();
        // Traded volume a fixed share of depth: consistent with the pool, deterministic for tests.
        BigDecimal m5 = depth.movePointLeft(3);
        n.set("volume", NODES.objectNode().put("m5", m5).put("h1", m5.multiply(BigDecimal.valueOf(12)))
                .put("h6", m5.multiply(BigDecimal.valueOf(72))).put("h24", m5.multiply(BigDecimal.valueOf(288))));
        n.set("priceChange", NODES.objectNode().put("m5", 0.1).put("h1", -0.5).put("h6", 2.5).put("h24", -3.2));
        if (p.liquidityUsd() != null) {
            BigDecimal half = p.liquidityUsd().divide(BigDecimal.TWO, MC);
            n.set("liquidity", NODES.objectNode().put("usd", p.liquidityUsd())
                    .put("base", half.divide(baseUsd, MC)).put("quote", half.divide(quoteUsd, MC)));
        }
        if (p.capsKnown()) {
            long now = clock.nowMs();
            n.put("fdv", market.fdvUsdAt(p.baseMint(), now)).put("marketCap", market.marketCapUsdAt(p.baseMint(), now));
        } else {
            n.putNull("fdv");
            n.putNull("marketCap");
        }
        if (p.pairCreatedAtMs() == null) {
            n.putNull("pairCreatedAt");
        } else {
            n.put("pairCreatedAt", p.pairCreatedAtMs());
        }
        return n;
    }

    private ObjectNode token(String mint) {
        String symbol = market.symbol(mint).orElse("?");
        return NODES.objectNode().put("address", mint).put("name", symbol).put("symbol", symbol);
    }
}
