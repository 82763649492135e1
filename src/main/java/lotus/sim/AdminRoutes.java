package lotus.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * {@code GET /admin/cloids}: {@code {"0x<cloid>":<orders that reached the exchange>,…}}
 * ({@link SimExchange#cloidSubmissions()}). {@code GET /admin/stats}: {@code {"maxRestWeightPerMinute":n,
 * "maxRestWeightPerMinuteByIp":{"127.0.0.1":n},"restWeightUsed":n,"http429":n,"exchangeActions":n,
 * "droppedExchangeResponses":n}} ({@link SimStats}).
 *
 * <p>{@code POST /admin/fault}: the fault switches of {@link SimFaults} over HTTP, for a demo or a client in another
 * process. Body {@code {"kind":"<SimFaults method>", ...}}: {@code count} for sendMalformedFrames,
 * dropExchangeResponses, holdExchangeAnswers and fail5xxAfterFill (which also takes an optional {@code status},
 * default 500), {@code on} for the switches, {@code coin} and {@code delayMs} for delayCoin. Answers
 * {@code {"status":"ok"}} or HTTP 400.
 */
final class AdminRoutes {

    private final SimFaults faults;
    private final SimExchange exchange;
    private final SimStats stats;
    private final ObjectMapper mapper = new ObjectMapper();

    AdminRoutes(SimFaults faults, SimExchange exchange, SimStats stats) {
        this.faults = faults;
        this.exchange = exchange;
        this.stats = stats;
    }

    void cloids(Context ctx) throws JsonProcessingException {
        ctx.contentType("application/json").result(mapper.writeValueAsString(exchange.cloidSubmissions()));
    }

    void stats(Context ctx) throws JsonProcessingException {
        var out = mapper.createObjectNode();
        out.put("maxRestWeightPerMinute", stats.maxRestWeightPerMinute());
        out.set("maxRestWeightPerMinuteByIp", mapper.valueToTree(stats.maxRestWeightPerMinuteByIp()));
        out.put("restWeightUsed", stats.restWeightUsed());
        out.put("http429", stats.http429());
        out.put("exchangeActions", stats.exchangeActions());
        out.put("droppedExchangeResponses", stats.droppedExchangeResponses());
        ctx.contentType("application/json").result(mapper.writeValueAsString(out));
    }

    void handle(Context ctx) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.path("kind").isTextual()) {
            refuse(ctx, "body must be a JSON object with a \"kind\"");
            return;
        }
        boolean on = body.path("on").asBoolean(false);
        switch (body.get("kind").asText()) {
            case "dropAllConnections" -> faults.dropAllConnections();
            case "closeAllConnections" -> faults.closeAllConnections();
            case "sendMalformedFrames" -> faults.sendMalformedFrames(Math.max(0, body.path("count").asInt(1)));
            case "dropExchangeResponses" -> faults.dropExchangeResponses(Math.max(0, body.path("count").asInt(1)));
            case "holdExchangeAnswers" -> faults.holdExchangeAnswers(Math.max(0, body.path("count").asInt(1)));
            case "fail5xxAfterFill" -> {
                int status = body.path("status").asInt(500);
                if (status < 500 || status > 599) {
                    refuse(ctx, "fail5xxAfterFill needs \"status\" 500..599");
                    return;
                }
                faults.fail5xxAfterFill(Math.max(0, body.path("count").asInt(1)), status);
            }
            case "duplicateFrames" -> faults.duplicateFrames(on);
            case "reorderTrades" -> faults.reorderTrades(on);
            case "stallData" -> faults.stallData(on);
            case "delayCoin" -> {
                if (!body.path("coin").isTextual() || !body.path("delayMs").canConvertToLong()
                        || body.get("delayMs").asLong() < 0) {
                    refuse(ctx, "delayCoin needs \"coin\" and \"delayMs\" >= 0");
                    return;
                }
                faults.delayCoin(body.get("coin").asText(), body.get("delayMs").asLong());
            }
            default -> {
                refuse(ctx, "unknown fault kind " + body.get("kind"));
                return;
            }
        }
        ctx.contentType("application/json").result("{\"status\":\"ok\"}");
    }

    private static void refuse(Context ctx, String why) {
        ctx.status(400).contentType("application/json")
                .result("{\"status\":\"err\",\"response\":" + Frames.quote(why) + "}");
    }
}
