package lotus.sim.solana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import lotus.sim.Loopback;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import lotus.sim.solana.JupiterAnswers.Reply;
import lotus.time.Clock;
import lotus.time.RateBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Jupiter swap v1 (SOLANA.md §3, §6): {@code GET /quote} and {@code POST /swap} under a prefix of a Javalin
 * app the caller owns ({@link #mount}), or on its own port for tests ({@link #start}). Quotes and the swaps built from
 * them price on the shared {@link SolanaPrices}; each swap is a real unsigned v0 transaction whose message the
 * {@link SwapRegistry} maps to the swap, for the simulated chain to execute. Requests are charged to a sliding
 * one-minute budget on the injected clock (keyless 30 → HTTP 429). Tests steer it through the Java control methods
 * here, never through the protocol paths.
 */
public final class JupiterSim implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JupiterSim.class);
    private static final String HOST = "127.0.0.1";
    /** Where {@link #start} mounts the routes, as the demo does (SOLANA.md §1). */
    public static final String PREFIX = "/jupiter/swap/v1";

    public enum Endpoint { QUOTE, SWAP }

    /** Injectable failures of the next requests to an endpoint. */
    public enum Fault {
        /** HTTP 429 as if over the budget. */
        RATE_LIMITED,
        /** HTTP 503 with a plain-text body. */
        SERVER_ERROR,
        /** HTTP 200 with an HTML page (a proxy's or CDN's). */
        HTML_BODY,
        /** HTTP 200 with the real answer cut in half. */
        TRUNCATED_JSON
    }

    /**
     * One request as it arrived, and what it was answered.
     *
     * @param apiKey  the {@code x-api-key} header, if sent
     * @param payload the query string of a quote, the body of a swap
     * @param status  the HTTP status answered
     * @param answer  the body answered
     */
    public record Request(Endpoint endpoint, long timeMs, Optional<String> apiKey, String payload, int status,
            String answer) {
    }

    /**
     * @param keylessPerMinute     requests a minute without {@code x-api-key} before 429 (30, §3.5; unverified)
     * @param keyedPerMinute       the same with a key (the tier is the key owner's plan)
     * @param computeUnitLimit     what {@code dynamicComputeUnitLimit} sizes a swap to
     * @param microLamportsByLevel CU price per priority level ({@code medium}, {@code high}, {@code veryHigh})
     */
    public record Settings(int keylessPerMinute, int keyedPerMinute, int computeUnitLimit,
            Map<String, Long> microLamportsByLevel) {

        public Settings {
            microLamportsByLevel = Map.copyOf(microLamportsByLevel);
            if (keylessPerMinute <= 0 || keyedPerMinute <= 0 || computeUnitLimit <= 0) {
                throw new IllegalArgumentException("budgets and the compute-unit limit must be positive");
            }
        }

        /** Keyless 30/min, keyed 600/min, 388,876 CU, CU prices around the §3.2 example's 25,711 µlamports. */
        public static Settings defaults() {
            return new Settings(30, 600, 388_876, Map.of("medium", 10_000L, "high", 25_711L, "veryHigh", 100_000L));
        }

        public Settings withKeylessPerMinute(int perMinute) {
            return new Settings(perMinute, keyedPerMinute, computeUnitLimit, microLamportsByLevel);
        }
    }

    private final Clock clock;
    private final JupiterAnswers answers;
    private final RateBudget keyless;
    private final RateBudget keyed;
    /** Bodies included, so fewer kept than the other simulators keep. */
    private final RequestLog<Request> requests = new RequestLog<>(10_000);
    private final Map<Endpoint, ArrayDeque<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final AtomicReference<JsonNode> nextSimulationError = new AtomicReference<>();
    private volatile Javalin app;

    public JupiterSim(Clock clock, long seed, SolanaPrices prices, SimChain chain, SwapRegistry registry,
            Settings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.answers = new JupiterAnswers(clock, seed, Objects.requireNonNull(prices, "prices"),
                Objects.requireNonNull(chain, "chain"), Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(settings, "settings"));
        this.keyless = new RateBudget("jupiter-sim keyless", settings.keylessPerMinute(), clock);
        this.keyed = new RateBudget("jupiter-sim keyed", settings.keyedPerMinute(), clock);
        for (Endpoint e : Endpoint.values()) {
            faults.put(e, new ArrayDeque<>());
        }
    }

    /** Adds the routes under {@code prefix} (e.g. {@link #PREFIX}) to an app the caller builds and starts. */
    public void mount(JavalinDefaultRouting router, String prefix) {
        router.get(prefix + "/quote", this::quote);
        router.post(prefix + "/swap", this::swap);
    }

    /** For tests: its own app on 127.0.0.1:{@code port} (0 = any free port), routes under {@link #PREFIX}. */
    public JupiterSim start(int port) {
        if (app != null) {
            throw new IllegalStateException("the Jupiter simulator is already started");
        }
        app = Loopback.start(port, router -> mount(router, PREFIX));
        LOG.info("jupiter simulator on {}", baseUrl());
        return this;
    }

    /** The started simulator's base URL, {@code http://127.0.0.1:P/jupiter/swap/v1}. */
    public String baseUrl() {
        if (app == null) {
            throw new IllegalStateException("the Jupiter simulator is not started on its own port");
        }
        return "http://" + HOST + ":" + app.port() + PREFIX;
    }

    // ---- control API (tests) ----

    /** The next {@code count} requests to {@code endpoint} fail with {@code fault} (queued after earlier ones). */
    public void failNext(Endpoint endpoint, Fault fault, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        synchronized (faults) {
            for (int i = 0; i < count; i++) {
                faults.get(endpoint).addLast(fault);
            }
        }
    }

    /** Quotes touching {@code mint} answer 400 {@code TOKEN_NOT_TRADABLE} for {@code d} (a fresh pool, §7.13). */
    public void untradable(String mint, Duration d) {
        answers.block(mint, "TOKEN_NOT_TRADABLE", "The token " + mint + " is not tradable",
                clock.nowMs() + d.toMillis());
    }

    /** Quotes touching {@code mint} answer 400 {@code COULD_NOT_FIND_ANY_ROUTE} for {@code d}. */
    public void routeless(String mint, Duration d) {
        answers.block(mint, "COULD_NOT_FIND_ANY_ROUTE", "Could not find any route", clock.nowMs() + d.toMillis());
    }

    /** The next {@code /swap} answers with this {@code simulationError} (its transaction is still built). */
    public void failNextSimulation(String errorCode, String error) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("errorCode", errorCode);
        e.put("error", error);
        nextSimulationError.set(e);
    }

    /** Every quote from now on carries this field too: Jupiter adds fields, and clients must pass them on. */
    public void addQuoteField(String name, JsonNode value) {
        answers.addQuoteField(name, value);
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return requests.all();
    }

    public List<Request> requests(Endpoint endpoint) {
        return requests.all().stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    // ---- routes ----

    private void quote(Context ctx) {
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.getFirst()));
        serve(ctx, Endpoint.QUOTE, Objects.requireNonNullElse(ctx.queryString(), ""), () -> answers.quote(query));
    }

    private void swap(Context ctx) {
        String body = ctx.body();
        serve(ctx, Endpoint.SWAP, body,
                () -> answers.swap(body, Optional.ofNullable(nextSimulationError.getAndSet(null))));
    }

    private void serve(Context ctx, Endpoint endpoint, String payload, Supplier<Reply> work) {
        long now = clock.nowMs();
        Optional<String> key = Optional.ofNullable(ctx.header("x-api-key")).filter(k -> !k.isBlank());
        Fault fault;
        synchronized (faults) {
            fault = faults.get(endpoint).pollFirst();
        }
        Reply reply;
        if (fault == Fault.RATE_LIMITED || !(key.isPresent() ? keyed : keyless).trySpend(1)) {
            reply = Reply.json(429, "{\"code\":429,\"message\":\"Rate limit exceeded\"}");
        } else if (fault == Fault.SERVER_ERROR) {
            reply = Reply.text(503, "Service Unavailable");
        } else if (fault == Fault.HTML_BODY) {
            reply = new Reply(200, "text/html", "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
                    + "<body>Checking your browser</body></html>");
        } else {
            reply = work.get();
            if (fault == Fault.TRUNCATED_JSON) {
                reply = new Reply(200, reply.contentType(), reply.body().substring(0, reply.body().length() / 2));
            }
        }
        requests.add(new Request(endpoint, now, key, payload, reply.status(), reply.body()));
        ctx.status(reply.status()).contentType(reply.contentType()).result(reply.body());
    }

    @Override
    public void close() {
        Javalin running = app;
        if (running != null) {
            running.stop();
        }
    }
}
