package lotus.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lotus.market.Bar;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * {@code POST /info} (HYPERLIQUID.md §3): parses the body, answers, and charges the request's weight to the client
 * IP's sliding one-minute budget on the simulated clock, shared with {@code /exchange}. Over budget → HTTP 429 and
 * nothing is charged; a body that is not a request we know → HTTP 422 with the venue's text, free. Account reads take
 * the master's address in any case; {@code aggregateByTime} is accepted and ignored (each fill is one book level).
 */
final class InfoRoutes {

    static final String DESERIALIZE_ERROR = "Failed to deserialize the JSON body into the target type";
    private static final int HEAVY = 20;
    private static final int LIGHT = 2;
    /** userRole is the one request charged 60 (HYPERLIQUID.md §3). */
    private static final int ROLE = 60;
    /** candleSnapshot costs one more per 60 candles returned, rounded up (unverified, §3). */
    private static final int CANDLES_PER_EXTRA_WEIGHT = 60;
    /** userFills costs one more per 20 fills returned, rounded up likewise (unverified, §3). */
    private static final int FILLS_PER_EXTRA_WEIGHT = 20;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern CLOID = Pattern.compile("0x[0-9a-fA-F]{32}");

    private record Answer(String json, int weight) {
    }

    /** Thrown for a request the venue's deserialiser would reject. */
    private static final class BadRequest extends RuntimeException {
        BadRequest() {
            super(DESERIALIZE_ERROR, null, false, false);
        }
    }

    private final SimConfig config;
    private final Clock clock;
    private final SimMarket market;
    private final RestBudget budget;
    private final MetaAnswers meta;
    private final AccountAnswers accounts;
    private final ObjectMapper mapper = new ObjectMapper();

    InfoRoutes(SimConfig config, Clock clock, SimMarket market, RestBudget budget, AccountAnswers accounts) {
        this.config = config;
        this.clock = clock;
        this.market = market;
        this.budget = budget;
        this.meta = new MetaAnswers(market, mapper);
        this.accounts = accounts;
    }

    void handle(Context ctx) {
        long now = clock.nowMs();
        // Answer as of now, not as of the pump's last step (up to 20 ms of real time ago, seconds of simulated time
        // at high speed): a candle fetched just after its close must hold every trade of it.
        market.advanceTo(now);
        Answer answer;
        try {
            answer = answer(mapper.readTree(ctx.body()), now);
        } catch (JsonProcessingException | BadRequest e) {
            ctx.status(422).contentType("text/plain").result(DESERIALIZE_ERROR);
            return;
        }
        if (!budget.charge(ctx, now, answer.weight())) {
            return;
        }
        ctx.contentType("application/json").result(answer.json());
    }

    private Answer answer(JsonNode body, long now) {
        if (body == null || !body.isObject() || !body.path("type").isTextual()) {
            throw new BadRequest();
        }
        return switch (body.get("type").asText()) {
            case "meta" -> new Answer(isMainDex(body) ? meta.meta() : "null", HEAVY);
            case "spotMeta" -> new Answer(meta.spotMeta(), HEAVY);
            case "metaAndAssetCtxs" -> new Answer(isMainDex(body) ? meta.metaAndAssetCtxs(now) : "null", HEAVY);
            case "spotMetaAndAssetCtxs" -> new Answer(meta.spotMetaAndAssetCtxs(now), HEAVY);
            case "allMids" -> new Answer(Frames.mids(market.mids()), LIGHT);
            case "l2Book" -> new Answer(book(body, now), LIGHT);
            case "candleSnapshot" -> candleSnapshot(body.path("req"), now);
            case "clearinghouseState" -> new Answer(isMainDex(body) ? accounts.clearinghouseState(user(body), now)
                    : "null", LIGHT);
            case "spotClearinghouseState" -> new Answer(accounts.spotClearinghouseState(user(body), now), LIGHT);
            case "openOrders" -> new Answer(accounts.openOrders(user(body), now), HEAVY);
            case "orderStatus" -> new Answer(orderStatus(body, now), LIGHT);
            case "userFills" -> userFills(body, now);
            case "userFillsByTime" -> userFillsByTime(body, now);
            case "userRole" -> new Answer(accounts.userRole(user(body)), ROLE);
            default -> throw new BadRequest();
        };
    }

    /** The lowercase {@code user}: any case is accepted, as the venue parses an address. */
    private static String user(JsonNode body) {
        JsonNode user = body.path("user");
        if (!user.isTextual() || !ADDRESS.matcher(user.asText()).matches()) {
            throw new BadRequest();
        }
        return user.asText().toLowerCase(Locale.ROOT);
    }

    /** {@code oid} is a number (the oid) or a {@code 0x} + 32 hex string (the cloid). */
    private String orderStatus(JsonNode body, long now) {
        String user = user(body);
        JsonNode oid = body.path("oid");
        if (oid.isIntegralNumber() && oid.canConvertToLong()) {
            return accounts.orderStatus(user, oid.asLong(), now);
        }
        if (oid.isTextual() && CLOID.matcher(oid.asText()).matches()) {
            return accounts.orderStatus(user, oid.asText().toLowerCase(Locale.ROOT), now);
        }
        throw new BadRequest();
    }

    private Answer userFills(JsonNode body, long now) {
        JsonNode aggregate = body.path("aggregateByTime");
        if (!(aggregate.isMissingNode() || aggregate.isNull() || aggregate.isBoolean())) {
            throw new BadRequest();
        }
        List<SimFill> fills = accounts.userFills(user(body), now);
        StringBuilder out = new StringBuilder(64 + 400 * fills.size());
        UserFrames.fills(out, fills);
        int extra = (fills.size() + FILLS_PER_EXTRA_WEIGHT - 1) / FILLS_PER_EXTRA_WEIGHT;
        return new Answer(out.toString(), HEAVY + extra);
    }

    /** {@code startTime} required, {@code endTime} optional (now), {@code aggregateByTime} accepted and ignored. */
    private Answer userFillsByTime(JsonNode body, long now) {
        JsonNode aggregate = body.path("aggregateByTime");
        JsonNode start = body.path("startTime");
        JsonNode end = body.path("endTime");
        if (!(aggregate.isMissingNode() || aggregate.isNull() || aggregate.isBoolean())
                || !start.isIntegralNumber() || !start.canConvertToLong()
                || !(end.isMissingNode() || end.isNull() || (end.isIntegralNumber() && end.canConvertToLong()))) {
            throw new BadRequest();
        }
        List<SimFill> fills = accounts.userFillsByTime(user(body), start.asLong(),
                end.canConvertToLong() ? end.asLong() : now, now);
        StringBuilder out = new StringBuilder(64 + 400 * fills.size());
        UserFrames.fills(out, fills);
        int extra = (fills.size() + FILLS_PER_EXTRA_WEIGHT - 1) / FILLS_PER_EXTRA_WEIGHT;
        return new Answer(out.toString(), HEAVY + extra);
    }

    private static boolean isMainDex(JsonNode body) {
        JsonNode dex = body.path("dex");
        if (!dex.isMissingNode() && !dex.isNull() && !dex.isTextual()) {
            throw new BadRequest();
        }
        return !dex.isTextual() || dex.asText().isEmpty();
    }

    private String book(JsonNode body, long now) {
        if (!body.path("coin").isTextual()) {
            throw new BadRequest();
        }
        String coin = body.get("coin").asText();
        return market.asset(coin).isPresent() ? Frames.book(market.book(coin, now)) : "null";
    }

    /**
     * Every retained candle overlapping {@code [startTime, endTime]} ({@code endTime} defaults to now), oldest first,
     * at most {@code candlesPerAnswer}. Only 1m 5m 15m 1h 4h 1d are simulated; other intervals are refused.
     */
    private Answer candleSnapshot(JsonNode req, long now) {
        if (!req.isObject() || !req.path("coin").isTextual() || !req.path("interval").isTextual()
                || !req.path("startTime").canConvertToLong()) {
            throw new BadRequest();
        }
        JsonNode end = req.path("endTime");
        if (!end.isMissingNode() && !end.isNull() && !end.canConvertToLong()) {
            throw new BadRequest();
        }
        Timeframe tf = timeframe(req.get("interval").asText());
        String coin = req.get("coin").asText();
        long startMs = req.get("startTime").asLong();
        long endMs = end.canConvertToLong() ? end.asLong() : now;
        List<Bar> bars = market.asset(coin).isEmpty() || startMs > endMs ? List.of()
                : market.candles(coin, tf, tf.floor(startMs), endMs == Long.MAX_VALUE ? endMs : endMs + 1,
                        config.candlesPerAnswer());
        int extra = (bars.size() + CANDLES_PER_EXTRA_WEIGHT - 1) / CANDLES_PER_EXTRA_WEIGHT;
        return new Answer(Frames.candles(bars), HEAVY + extra);
    }

    private static Timeframe timeframe(String label) {
        for (Timeframe tf : Timeframe.values()) {
            if (tf.label().equals(label)) {
                return tf;
            }
        }
        throw new BadRequest();
    }
}
