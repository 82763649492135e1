package lotus.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/**
 * {@code POST /admin/fault}: the fault switches of {@link SimFaults} over HTTP, for a demo or a client in another
 * process. Body {@code {"kind":"<SimFaults method>", ...}}: {@code count} for sendMalformedFrames and
 * dropExchangeResponses, {@code on} for the switches, {@code coin} and {@code delayMs} for delayCoin. Answers
 * {@code {"status":"ok"}} or HTTP 400.
 */
final class AdminRoutes {

    private final SimFaults faults;
    private final ObjectMapper mapper = new ObjectMapper();

    AdminRoutes(SimFaults faults) {
        this.faults = faults;
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
