package lotus.solana.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import lotus.time.Clock;
import lotus.time.RateBudget;

/**
 * Solana JSON-RPC over {@code POST} (SOLANA.md §4.5): one request per call, each spending one unit of the RPC's
 * {@link RateBudget} first (waiting on the clock when the minute is full). Nothing here retries: whether a failed call
 * may be repeated is the caller's decision, and for {@code sendTransaction} a missing answer is an unknown outcome,
 * not a failure (§4.6). HTTP 429 marks the budget spent for a minute. The URL usually carries an API key, so only its
 * host appears in messages and {@link #toString()}. Thread-safe.
 */
public final class RpcClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** getSignatureStatuses accepts at most this many signatures per call. */
    private static final int STATUSES_PER_CALL = 256;

    private final URI url;
    private final String host;
    private final RateBudget budget;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, Integer> decimals = new ConcurrentHashMap<>();

    /** @param url the RPC endpoint (may carry a key: only its host is ever printed) */
    public RpcClient(String url, RateBudget budget, Clock clock, Duration timeout) {
        Objects.requireNonNull(url, "url");
        URI parsed;
        try {
            parsed = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Solana RPC URL is not a URI"); // no echo: it may hold the key
        }
        if (parsed.getHost() == null || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
            throw new IllegalArgumentException("the Solana RPC URL needs http(s) and a host");
        }
        this.url = parsed;
        this.host = parsed.getHost();
        this.budget = Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(clock, "clock"); // the budget waits on it; answers carry no time we trust
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** encoding base64, preflightCommitment confirmed, maxRetries 0; returns the signature ("received", not landed) */
    public String sendTransaction(String base64, boolean skipPreflight) throws RpcError {
        ObjectNode config = JSON.createObjectNode();
        // base58 is the default encoding: without this the base64 bytes would be read as base58 (§7, 19).
        config.put("encoding", "base64");
        config.put("skipPreflight", skipPreflight);
        config.put("preflightCommitment", "confirmed");
        // We re-send ourselves until expiry (§4.6); the node's own retries would only blur what was sent when.
        config.put("maxRetries", 0);
        return RpcParser.signature(call("sendTransaction", params().add(base64).add(config)));
    }

    /** ≤256 per call (split above); empty Optional = null status */
    public List<Optional<SignatureStatus>> signatureStatuses(List<String> signatures,
            boolean searchTransactionHistory) throws RpcError {
        List<Optional<SignatureStatus>> out = new ArrayList<>(signatures.size());
        for (int from = 0; from < signatures.size(); from += STATUSES_PER_CALL) {
            List<String> chunk = signatures.subList(from, Math.min(signatures.size(), from + STATUSES_PER_CALL));
            ArrayNode sigs = JSON.createArrayNode();
            chunk.forEach(sigs::add);
            ObjectNode config = JSON.createObjectNode();
            config.put("searchTransactionHistory", searchTransactionHistory);
            out.addAll(RpcParser.statuses(call("getSignatureStatuses", params().add(sigs).add(config)),
                    chunk.size()));
        }
        return out;
    }

    /** commitment confirmed */
    public long blockHeight() throws RpcError {
        return RpcParser.longOf(call("getBlockHeight", params().add(confirmed())), "getBlockHeight", "result");
    }

    public LatestBlockhash latestBlockhash() throws RpcError {
        return RpcParser.latestBlockhash(call("getLatestBlockhash", params().add(confirmed())));
    }

    /** encoding json, commitment confirmed, maxSupportedTransactionVersion 0; empty until indexed */
    public Optional<TxMeta> transaction(String signature) throws RpcError {
        ObjectNode config = confirmed();
        config.put("encoding", "json");
        // Without it a v0 transaction is refused with -32015 (§7, 25).
        config.put("maxSupportedTransactionVersion", 0);
        return RpcParser.transaction(call("getTransaction", params().add(signature).add(config)));
    }

    /** lamports */
    public BigInteger balance(String owner) throws RpcError {
        return RpcParser.balance(call("getBalance", params().add(owner).add(confirmed())));
    }

    /** raw, Σ over accounts */
    public BigInteger tokenBalance(String owner, String mint) throws RpcError {
        ObjectNode filter = JSON.createObjectNode();
        filter.put("mint", mint); // the mint filter covers both token programs
        ObjectNode config = confirmed();
        config.put("encoding", "jsonParsed");
        return RpcParser.tokenAccountsTotal(call("getTokenAccountsByOwner",
                params().add(owner).add(filter).add(config)));
    }

    /** getAccountInfo byte 44, cached per mint */
    public int mintDecimals(String mint) throws RpcError {
        Integer known = decimals.get(mint);
        if (known != null) {
            return known;
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("encoding", "base64");
        int d = RpcParser.mintDecimals(call("getAccountInfo", params().add(mint).add(config)), mint);
        decimals.put(mint, d); // a mint's decimals never change
        return d;
    }

    /** host only */
    public String host() {
        return host;
    }

    @Override
    public String toString() {
        return "RpcClient[" + host + "]";
    }

    private JsonNode call(String method, ArrayNode params) throws RpcError {
        try {
            budget.spendWhenAvailable(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcError.transport(method + " at " + host + ": interrupted while waiting for the rate budget");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.put("id", ids.incrementAndGet());
        body.put("method", method);
        body.set("params", params);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The exception's own text is left out: java.net.http may quote the URI, and with it the key.
            throw RpcError.transport(method + " at " + host + ": no answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RpcError.transport(method + " at " + host + ": interrupted while waiting for the answer");
        }
        int status = response.statusCode();
        if (status == 429) {
            budget.exhaust(); // the vendor counts more than we do: wait for a fresh minute
        }
        if (status != 200) {
            throw RpcError.http(status, method + " at " + host + ": HTTP " + status);
        }
        return RpcParser.result(method, host, response.body());
    }

    private static ArrayNode params() {
        return JSON.createArrayNode();
    }

    private static ObjectNode confirmed() {
        ObjectNode config = JSON.createObjectNode();
        config.put("commitment", "confirmed");
        return config;
    }
}
