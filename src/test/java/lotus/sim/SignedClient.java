package lotus.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.List;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import lotus.time.Clock;

/**
 * A test client of {@code /exchange}: signs actions with one key for one network, nonces from the simulated clock,
 * and posts them to a simulator over HTTP. Also builds single-order actions and reads {@code /info}.
 */
final class SignedClient {

    /** The public test keys of the signing vectors (HYPERLIQUID.md §6.4): never funded anywhere real. */
    static final String MASTER_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    static final String MASTER = "0x14791697260E4c9A71f18484C9f997B308e59325";
    static final String AGENT_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    static final String AGENT = "0xE5cA49Fb3bD9A581F0D1EF9CB5D7177Da08bf901";

    private final HttpClient http;
    private final HlSimulator sim;
    private final Signer signer;
    private final NonceAllocator nonces;
    private final boolean mainnet;

    SignedClient(HttpClient http, HlSimulator sim, String key, Clock clock, boolean mainnet) {
        this.http = http;
        this.sim = sim;
        this.signer = Signer.fromPrivateKey(key);
        this.nonces = new NonceAllocator(clock);
        this.mainnet = mainnet;
    }

    long nextNonce() {
        return nonces.next();
    }

    SimTesting.Reply send(ObjectNode action) throws IOException, InterruptedException {
        return send(action, nonces.next(), null);
    }

    SimTesting.Reply send(ObjectNode action, long nonce, Long expiresAfter) throws IOException, InterruptedException {
        Signature signature = L1Signer.sign(signer, action, nonce, null, expiresAfter, mainnet);
        return post(body(action.toString(), nonce, signature, expiresAfter));
    }

    /** Signs {@code signed} but posts {@code postedAction}: what a client that hashed other bytes does. */
    SimTesting.Reply sendAltered(ObjectNode signed, String postedAction, long nonce)
            throws IOException, InterruptedException {
        Signature signature = L1Signer.sign(signer, signed, nonce, null, null, mainnet);
        return post(body(postedAction, nonce, signature, null));
    }

    /** Sends and returns the first status of an order or cancel answer. */
    JsonNode first(ObjectNode action) throws IOException, InterruptedException {
        JsonNode answer = send(action).json();
        if (!"ok".equals(answer.path("status").asText())) {
            throw new AssertionError("expected an ok answer, got " + answer);
        }
        return answer.get("response").get("data").get("statuses").get(0);
    }

    SimTesting.Reply post(String body) throws IOException, InterruptedException {
        return SimTesting.post(http, sim.restUrl() + "/exchange", body);
    }

    JsonNode info(String body) throws IOException, InterruptedException {
        SimTesting.Reply reply = SimTesting.post(http, sim.restUrl() + "/info", body);
        if (reply.status() != 200) {
            throw new AssertionError("info " + body + " answered " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    static String body(String actionJson, long nonce, Signature signature, Long expiresAfter) {
        return "{\"action\":" + actionJson + ",\"nonce\":" + nonce + ",\"signature\":{\"r\":\"" + signature.rHex()
                + "\",\"s\":\"" + signature.sHex() + "\",\"v\":" + signature.v() + "},\"vaultAddress\":null"
                + ",\"expiresAfter\":" + expiresAfter + "}";
    }

    static ObjectNode order(int asset, boolean isBuy, BigDecimal px, BigDecimal sz, ExchangeActions.Tif tif,
            String cloid) {
        return ExchangeActions.order(List.of(new ExchangeActions.Order(asset, isBuy, px, sz, false,
                new ExchangeActions.Limit(tif), cloid)));
    }

    static ExchangeActions.Order limit(int asset, boolean isBuy, String px, String sz, boolean reduceOnly,
            ExchangeActions.Tif tif, String cloid) {
        return new ExchangeActions.Order(asset, isBuy, new BigDecimal(px), new BigDecimal(sz), reduceOnly,
                new ExchangeActions.Limit(tif), cloid);
    }

    /** {@code 0x} + 32 hex from a small number, as a journal id would give. */
    static String cloid(long n) {
        return String.format("0x%032x", n);
    }
}
