package lotus.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.JavalinDefaultRouting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import lotus.store.ScopeState;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP server: the JSON API under {@code /api}, read from the database at every request, and halt and
 * resume through the same {@link lotus.risk.RiskControls} as {@code lotus halt} and {@code lotus resume}. Who may call
 * what is {@link Access}'s rule.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** At most this many bars of a position, and orders of the journal, in one answer. */
    static final int MAX_ROWS = 5_000;

    /** Equity points a book when {@code points} is not given: about one per pixel of the overview's chart. */
    static final int EQUITY_POINTS = 500;

    /**
     * @param host  {@code server.host}; anything but loopback needs a token
     * @param port  {@code server.port}; 0 picks a free one
     * @param token {@code server.token}; empty: one is generated at start and printed once
     */
    public record Settings(String host, int port, Optional<String> token) {
        public Settings {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("server.host must not be empty");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("server.port must be from 0 to 65535, got " + port);
            }
            token = token.filter(t -> !t.isBlank());
        }

        /** 127.0.0.1 on {@code port}, with a generated token. */
        public static Settings loopback(int port) {
            return new Settings("127.0.0.1", port, Optional.empty());
        }
    }

    private final Javalin app;
    private final Settings settings;
    private final Optional<String> generatedToken;
    private final Metrics metrics;

    private ApiServer(Javalin app, Settings settings, Optional<String> generatedToken, Metrics metrics) {
        this.metrics = metrics;
        this.app = app;
        this.settings = settings;
        this.generatedToken = generatedToken;
    }

    /**
     * Starts the server, or refuses with one line when {@code settings} would serve beyond this machine without a
     * configured token (a generated one is printed on the terminal, where a remote operator never sees it).
     *
     * @throws IllegalStateException the refusal
     */
    public static ApiServer start(Settings settings, ApiSources sources) {
        return start(settings, sources, Metrics.start(sources.db(), sources.clock(), sources.walletUsd()));
    }

    /**
     * {@link #start(Settings, ApiSources)} serving {@code metrics} at {@code /metrics}; the server closes them when it
     * closes (or refuses to start).
     */
    public static ApiServer start(Settings settings, ApiSources sources, Metrics metrics) {
        try {
            return startServing(settings, sources, metrics);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    private static ApiServer startServing(Settings settings, ApiSources sources, Metrics metrics) {
        if (settings.token().isEmpty() && !isLoopback(settings.host())) {
            throw new IllegalStateException("server.host " + settings.host() + " is not loopback: set server.token "
                    + "(LOTUS_SERVER_TOKEN or LOTUS_SERVER_TOKEN_FILE) before serving beyond this machine");
        }
        Optional<String> generated = settings.token().isPresent() ? Optional.empty() : Optional.of(newToken());
        Access access = new Access(settings.token().or(() -> generated).orElseThrow(), settings.host());
        Views views = new Views(sources, sources.clock().nowMs());
        RegimeView regime = new RegimeView(sources.db(), sources.clock());
        Pages pages = new Pages();
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            // The page's scripts and styles, and uPlot from its WebJar (/webjars/uplot/<version>/dist/...).
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.router.mount(r -> {
                r.get("/", ctx -> Pages.send(ctx, pages.overview));
                r.get("/positions/{id}", ctx -> Pages.send(ctx, pages.position));
                r.get("/trades", ctx -> Pages.send(ctx, pages.trades));
                routes(r, access, views, regime, metrics);
            });
        }).start(settings.host(), settings.port());
        return new ApiServer(app, settings, generated, metrics);
    }

    private static void routes(JavalinDefaultRouting r, Access access, Views views, RegimeView regime,
            Metrics metrics) {
        r.before("/api/*", access::check);
        // A read like the API's: open to this machine, the token from anywhere else.
        r.before("/metrics", access::check);
        r.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape()));
        r.get("/api/status", ctx -> json(ctx, views.status()));
        r.get("/api/positions", ctx -> json(ctx, views.positions(query(ctx, "book"), query(ctx, "chain"))));
        r.get("/api/positions/{id}", ctx -> {
            long id = parseLong(ctx.pathParam("id"), "position id");
            int bars = query(ctx, "bars").map(b -> rows(b, "bars")).orElse(0);
            Optional<ObjectNode> found = views.position(id, bars);
            if (found.isEmpty()) {
                ctx.status(404);
            }
            json(ctx, found.orElseGet(() -> Json.error("no position " + id)));
        });
        r.get("/api/trades", ctx -> json(ctx, views.trades(query(ctx, "book"), query(ctx, "chain"))));
        r.get("/api/lessons", ctx -> json(ctx, views.lessons()));
        r.get("/api/orders", ctx -> json(ctx, views.orders(query(ctx, "limit").map(l -> rows(l, "limit"))
                .orElse(100))));
        r.get("/api/decisions", ctx -> json(ctx, views.strands().recentDecisions(query(ctx, "limit")
                .map(l -> rows(l, "limit")).orElse(50))));
        r.get("/api/risk", ctx -> json(ctx, views.risk()));
        r.get("/api/equity", ctx -> json(ctx, views.equity(query(ctx, "book"),
                query(ctx, "from").map(t -> instant(t, "from")), query(ctx, "to").map(t -> instant(t, "to")),
                query(ctx, "points").map(n -> points(n)).orElse(EQUITY_POINTS))));
        r.get("/api/regime", ctx -> json(ctx, regime.regime(query(ctx, "timeframe").map(Timeframe::parse)
                .orElse(Timeframe.H1))));
        r.get("/api/ingest", ctx -> json(ctx, views.ingest()));
        r.post("/api/halt", ctx -> change(ctx, views, true));
        r.post("/api/resume", ctx -> change(ctx, views, false));
        r.exception(Access.Refused.class, (e, ctx) -> {
            ctx.status(e.status);
            json(ctx, Json.error(e.getMessage()));
        });
        r.exception(IllegalArgumentException.class, (e, ctx) -> {
            ctx.status(400);
            json(ctx, Json.error(e.getMessage()));
        });
        r.exception(JsonProcessingException.class, (e, ctx) -> {
            ctx.status(400);
            json(ctx, Json.error("the body is not JSON: {\"book\": \"perps\", \"reason\": \"...\"}"));
        });
        r.exception(Exception.class, (e, ctx) -> {
            log.warn("api {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500);
            json(ctx, Json.error(e.getClass().getSimpleName() + ": " + e.getMessage()));
        });
    }

    /**
     * Halt or resume, recorded in {@code trading_states} like {@code lotus halt}, with the caller (the token holder
     * at its address) as {@code changed_by} and the body's reason, and logged once.
     */
    private static void change(Context ctx, Views views, boolean halt) throws JsonProcessingException {
        JsonNode body = Json.MAPPER.readTree(ctx.body().isBlank() ? "{}" : ctx.body());
        String book = body.hasNonNull("book") && !body.get("book").asText().isBlank() ? body.get("book").asText()
                : null;
        String reason = body.path("reason").asText("");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required: {\"book\": \"perps\", \"reason\": \"...\"}");
        }
        String by = "api@" + ctx.ip();
        ScopeState s = halt ? views.controls().halt(book, reason, by) : views.controls().resume(book, reason, by);
        log.info("api {} scope={} by={} reason={}", halt ? "halt" : "resume", s.scope(), by, s.reason());
        json(ctx, Views.scope(s).put("effective", views.controls().effective(s.scope()).dbValue()));
    }

    /** Jackson's {@code toString} of a tree is its JSON text. */
    private static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(node.toString());
    }

    private static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
    }

    private static int rows(String text, String name) {
        long n = parseLong(text, name);
        if (n < 0 || n > MAX_ROWS) {
            throw new IllegalArgumentException(name + " must be from 0 to " + MAX_ROWS + ", got " + text);
        }
        return (int) n;
    }

    private static int points(String text) {
        int n = rows(text, "points");
        if (n < 2) {
            throw new IllegalArgumentException("points must be at least 2 (the first and the last), got " + text);
        }
        return n;
    }

    /** Epoch milliseconds or an ISO-8601 instant ({@code 2026-01-05T00:00:00Z}), as the API writes times. */
    private static long instant(String text, String name) {
        String t = text.strip();
        if (t.chars().allMatch(Character::isDigit)) {
            return parseLong(t, name);
        }
        try {
            return java.time.Instant.parse(t).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be epoch milliseconds or an ISO-8601 instant such as"
                    + " 2026-01-05T00:00:00Z, got '" + text + "'");
        }
    }

    private static long parseLong(String text, String name) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + text + "'");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** 24 random bytes, URL-safe base64: 32 characters, not the 64 hex digits that logs mask as a private key. */
    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:8787/} */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** The token generated at start, to print once; empty when {@code server.token} is configured. */
    public Optional<String> generatedToken() {
        return generatedToken;
    }

    /** Where the process binds its own meters (see {@link Metrics}). */
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            metrics.close();
        }
    }
}
