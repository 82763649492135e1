package lotus.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /exchange} (HYPERLIQUID.md §6, §7, §9): reads the envelope, charges {@code 1 + floor(n/40)} to the IP's
 * REST budget shared with {@code /info}, rebuilds the action canonically, recovers the signer for the configured
 * network and hands the action to {@link SimExchange}. A body that is not an envelope → HTTP 422 with the venue's
 * text, free; an action we cannot read or do not simulate → {@code {"status":"err"}}.
 *
 * <p>Unknown-outcome fault: while {@link SimFaults#dropExchangeResponses} has requests left, a request is processed
 * as usual and then its connection is aborted without an answer; {@link SimFaults#holdExchangeAnswers} does the
 * same for order actions only, and {@link SimFaults#fail5xxAfterFill} answers an executed order action with a 5xx.
 */
final class ExchangeRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeRoutes.class);
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    /** r and s as hex; the Python SDK drops leading zeros, so any length up to 32 bytes (§6.3). */
    private static final Pattern WORD = Pattern.compile("0x[0-9a-fA-F]{1,64}");

    /** The request around the action; {@code vaultAddress} and {@code expiresAfter} may be null. */
    record Envelope(JsonNode action, long nonce, Signature signature, String vaultAddress, Long expiresAfter) {
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest() {
            super(InfoRoutes.DESERIALIZE_ERROR, null, false, false);
        }
    }

    private final Clock clock;
    private final SimExchange exchange;
    private final RestBudget budget;
    private final FaultState faults;
    private final SimStats stats;
    private final boolean mainnet;
    private final ObjectMapper mapper = new ObjectMapper();

    ExchangeRoutes(SimConfig config, Clock clock, SimExchange exchange, RestBudget budget, FaultState faults,
            SimStats stats) {
        this.clock = clock;
        this.exchange = exchange;
        this.budget = budget;
        this.faults = faults;
        this.stats = stats;
        this.mainnet = config.signingMainnet();
    }

    void handle(Context ctx) {
        long now = clock.nowMs();
        Envelope envelope;
        try {
            envelope = envelope(mapper.readTree(ctx.body()));
        } catch (JsonProcessingException | BadRequest e) {
            ctx.status(422).contentType("text/plain").result(InfoRoutes.DESERIALIZE_ERROR);
            return;
        }
        if (!budget.charge(ctx, now, ActionParser.weight(envelope.action()))) {
            return;
        }
        String answer = answer(envelope, now);
        boolean order = "order".equals(envelope.action().path("type").asText());
        if (faults.dropExchangeResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                || (order && faults.holdExchangeAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0)) {
            stats.droppedExchangeResponse();
            LOG.info("exchange answer dropped (unknown-outcome fault) nonce={} answer={}", envelope.nonce(), answer);
            org.eclipse.jetty.server.Request.getBaseRequest(ctx.req()).getHttpChannel()
                    .abort(new IOException("answer dropped by the simulator"));
            return;
        }
        if (order && faults.fail5xxAfterFill.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            stats.droppedExchangeResponse();
            LOG.info("exchange answer replaced by HTTP {} (fault) nonce={} answer={}", faults.failStatus,
                    envelope.nonce(), answer);
            ctx.status(faults.failStatus).contentType("application/json").result("null");
            return;
        }
        ctx.contentType("application/json").result(answer);
    }

    private String answer(Envelope envelope, long now) {
        SimAction action;
        try {
            action = ActionParser.parse(envelope.action());
        } catch (ActionParser.Refused refused) {
            return ExchangeReplies.err(refused.getMessage());
        }
        String signer;
        try {
            signer = recoverSigner(action, envelope, mainnet);
        } catch (RuntimeException e) {
            // r or s outside the curve's range: no key signs that; the venue's text for it is unverified.
            return ExchangeReplies.err("Invalid signature: " + e.getMessage());
        }
        return exchange.submit(signer, envelope.nonce(), envelope.expiresAfter(), envelope.vaultAddress(), action,
                now);
    }

    /** The lowercase address whose key signed the canonical action with this envelope for the given network. */
    static String recoverSigner(SimAction action, Envelope envelope, boolean mainnet) {
        byte[] connectionId = L1Signer.connectionId(action.canonical(), envelope.nonce(), envelope.vaultAddress(),
                envelope.expiresAfter());
        return Signer.recover(L1Signer.digest(connectionId, mainnet), envelope.signature()).toLowerCase(Locale.ROOT);
    }

    static Envelope envelope(JsonNode body) {
        if (body == null || !body.isObject() || !body.path("action").isObject()
                || !body.path("nonce").isIntegralNumber() || !body.path("nonce").canConvertToLong()) {
            throw new BadRequest();
        }
        JsonNode sig = body.path("signature");
        if (!WORD.matcher(sig.path("r").asText("")).matches() || !WORD.matcher(sig.path("s").asText("")).matches()
                || !sig.path("v").isInt() || (sig.get("v").asInt() != 27 && sig.get("v").asInt() != 28)) {
            throw new BadRequest();
        }
        Signature signature = new Signature(new BigInteger(sig.get("r").asText().substring(2), 16),
                new BigInteger(sig.get("s").asText().substring(2), 16), sig.get("v").asInt());
        JsonNode vault = body.path("vaultAddress");
        JsonNode expires = body.path("expiresAfter");
        boolean noVault = vault.isMissingNode() || vault.isNull();
        boolean noExpiry = expires.isMissingNode() || expires.isNull();
        if (!noVault && !(vault.isTextual() && ADDRESS.matcher(vault.asText()).matches())) {
            throw new BadRequest();
        }
        if (!noExpiry && !(expires.isIntegralNumber() && expires.canConvertToLong())) {
            throw new BadRequest();
        }
        return new Envelope(body.get("action"), body.get("nonce").asLong(), signature,
                noVault ? null : vault.asText().toLowerCase(Locale.ROOT), noExpiry ? null : expires.asLong());
    }
}
