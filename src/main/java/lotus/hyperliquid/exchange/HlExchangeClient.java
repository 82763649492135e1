package lotus.hyperliquid.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import lotus.hyperliquid.common.NetFailure;
import lotus.time.RateBudget;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and sends {@code /exchange} actions (HYPERLIQUID.md §6, §7). Signing and sending are separate steps, so a
 * dry run can build the exact request it would send, and the order journal can record it before it leaves. A send
 * that may or may not have been applied throws {@link UnknownOutcomeException}; nothing here ever resends an order.
 */
public final class HlExchangeClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HlExchangeClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signed action and the exact body that would be posted. */
    public record SignedAction(ObjectNode action, long nonce, Signature signature, String vaultAddress,
            ObjectNode body) {
    }

    private final URI exchangeUrl;
    private final Signer signer;
    private final boolean mainnet;
    private final NonceAllocator nonces;
    private final RateBudget weight;
    private final String vaultAddress;
    private final HttpClient http;

    /**
     * @param mainnet      the network to sign for: explicit, never guessed from the URL
     * @param vaultAddress a sub-account or vault to trade for, or null
     */
    public HlExchangeClient(URI restUrl, Signer signer, boolean mainnet, NonceAllocator nonces, RateBudget weight,
            String vaultAddress) {
        this.exchangeUrl = restUrl.resolve("/exchange");
        this.signer = signer;
        this.mainnet = mainnet;
        this.nonces = nonces;
        this.weight = weight;
        this.vaultAddress = vaultAddress == null ? null : vaultAddress.toLowerCase(java.util.Locale.ROOT);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String signerAddress() {
        return signer.address();
    }

    public SignedAction sign(ObjectNode action) {
        return sign(action, 0);
    }

    /**
     * Signs with {@code expiresAfter} = the nonce + {@code expiresInMs} when that is positive: the venue refuses the
     * action if it arrives later, so an order that was never seen after that time can never be seen.
     */
    public SignedAction sign(ObjectNode action, long expiresInMs) {
        long nonce = nonces.next();
        Long expiresAfter = expiresInMs > 0 ? nonce + expiresInMs : null;
        Signature sig = L1Signer.sign(signer, action, nonce, vaultAddress, expiresAfter, mainnet);
        ObjectNode body = JSON.createObjectNode();
        body.set("action", action);
        body.put("nonce", nonce);
        ObjectNode s = body.putObject("signature");
        s.put("r", sig.rHex());
        s.put("s", sig.sHex());
        s.put("v", sig.v());
        if (vaultAddress != null) {
            body.put("vaultAddress", vaultAddress);
        } else {
            body.putNull("vaultAddress");
        }
        if (expiresAfter != null) {
            body.put("expiresAfter", expiresAfter);
        }
        return new SignedAction(action, nonce, sig, vaultAddress, body);
    }

    /** Posts a signed action once. */
    public ExchangeResponse send(SignedAction signed) throws UnknownOutcomeException {
        int n = signed.action().has("orders") ? signed.action().get("orders").size()
                : signed.action().has("cancels") ? signed.action().get("cancels").size() : 1;
        waitForBudget(1 + n / 40);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(exchangeUrl).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(signed.body().toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnknownOutcomeException("exchange " + signed.action().path("type").asText() + " nonce "
                    + signed.nonce() + ": no answer from " + exchangeUrl + " (" + NetFailure.describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownOutcomeException("interrupted while sending nonce " + signed.nonce(), e);
        }
        int status = response.statusCode();
        if (status == 429) {
            weight.exhaust();
            return new ExchangeResponse.Refused(RejectKind.ADDRESS_BUDGET, "HTTP 429: weight budget overspent");
        }
        if (status >= 500) {
            throw new UnknownOutcomeException("exchange " + exchangeUrl + " answered HTTP " + status + " for nonce "
                    + signed.nonce(), null);
        }
        if (status != 200) {
            return new ExchangeResponse.Refused(RejectKind.OTHER, "HTTP " + status + ": " + response.body());
        }
        try {
            JsonNode root = JSON.readTree(response.body());
            ExchangeResponse parsed = ExchangeResponse.parse(root);
            if (parsed instanceof ExchangeResponse.Refused r && r.kind().isOurFault()) {
                log.error("exchange refused nonce {} because of our own fault ({}): {}", signed.nonce(), r.kind(), r.text());
            }
            return parsed;
        } catch (IOException | IllegalArgumentException e) {
            throw new UnknownOutcomeException("unreadable exchange answer for nonce " + signed.nonce(), e);
        }
    }

    public ExchangeResponse order(List<ExchangeActions.Order> orders) throws UnknownOutcomeException {
        return send(sign(ExchangeActions.order(orders)));
    }

    public ExchangeResponse cancel(int asset, long oid) throws UnknownOutcomeException {
        return send(sign(ExchangeActions.cancel(asset, oid)));
    }

    public ExchangeResponse cancelByCloid(int asset, String cloid) throws UnknownOutcomeException {
        return send(sign(ExchangeActions.cancelByCloid(asset, cloid)));
    }

    public ExchangeResponse updateLeverage(int asset, boolean isCross, int leverage) throws UnknownOutcomeException {
        return send(sign(ExchangeActions.updateLeverage(asset, isCross, leverage)));
    }

    public ExchangeResponse scheduleCancel(Long timeMs) throws UnknownOutcomeException {
        return send(sign(ExchangeActions.scheduleCancel(timeMs)));
    }

    private void waitForBudget(int cost) {
        try {
            weight.spendWhenAvailable(cost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
