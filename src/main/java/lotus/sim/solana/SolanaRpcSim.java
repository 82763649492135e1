package lotus.sim.solana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import lotus.sim.Loopback;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lotus.solana.common.Base58;
import lotus.time.Clock;

/**
 * A local Solana JSON-RPC node (SOLANA.md §4.5, §6): {@code POST} at a prefix of a Javalin app the caller owns
 * ({@link #mount}) or on its own port ({@link #start}). The chain's clock is the injected {@link Clock}: one block per
 * {@code msPerBlock}, a new blockhash each block, valid for {@code blockhashValidBlocks}. Transactions land lazily
 * when a request (or a {@link SimChain} call) finds their block passed, so no thread runs. Tests steer it through this
 * class: the scenario of the next new signatures, HTTP 429, unreadable and slow answers, and the request log.
 */
public final class SolanaRpcSim implements SimChain, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HOST = "127.0.0.1";
    /** Heights start here, so they look like mainnet's and differ from slots. */
    private static final long FIRST_HEIGHT = 280_000_000;
    /** Slots run ahead of heights (skipped slots); a fixed lead keeps the two apart in tests. */
    private static final long SLOT_LEAD = 20_000_000;
    private static final int MAX_STATUSES = 256;
    /** The request log keeps the latest ones only, so a long demo run does not grow without bound. */
    private static final int LOGGED_REQUESTS = 100_000;

    /** One request as received: {@code signature} for sendTransaction and getTransaction, else null. */
    public record Request(String method, long timeMs, String signature) {
    }

    /** Answer faults, applied to the next requests in order. */
    public enum Fault {
        /** HTTP 429, nothing processed. */
        THROTTLE,
        /** An HTML error page with status 200, nothing processed (a gateway in front of the node). */
        HTML,
        /** Processed, then the answer is cut in half. */
        TRUNCATED
    }

    private final Clock clock;
    private final long seed;
    private final long genesisMs;
    private final SolanaPrices prices;
    private final SwapRegistry registry;
    private final Ledger ledger;
    private final RpcSimSettings settings;
    private final Landings landings;
    private final ArrayDeque<TxScenario> scenarios = new ArrayDeque<>();
    private final ArrayDeque<Fault> faults = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Fault>> methodFaults = new HashMap<>();
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    /** Signatures whose status this node will not tell ({@link TxScenario.LandUnseen}). */
    private final Set<String> unseen = new HashSet<>();
    /** Signatures whose transaction this node will not show ({@link TxScenario.LandWithErrUnreadable}). */
    private final Set<String> unreadable = new HashSet<>();
    private volatile Duration slowAnswers = Duration.ZERO;
    private Javalin ownApp;

    public SolanaRpcSim(Clock clock, long seed, SolanaPrices prices, SwapRegistry registry, Ledger ledger,
            RpcSimSettings settings) {
        this.clock = clock;
        this.seed = seed;
        this.genesisMs = clock.nowMs();
        this.prices = prices;
        this.registry = registry;
        this.ledger = ledger;
        this.settings = settings;
        this.landings = new Landings(prices, ledger, settings, this::blockTimeMs, Ledger.hashAddress("pool:" + seed));
    }

    /** Answers {@code POST prefix} on the caller's app (e.g. {@code /rpc} beside the Jupiter and DexScreener sims). */
    public void mount(JavalinDefaultRoutingApi<?> routes, String prefix) {
        routes.post(prefix, this::handle);
    }

    /** Serves on 127.0.0.1:{@code port} (0 = any free port) at {@code /rpc}; returns the URL to hand to a client. */
    public synchronized String start(int port) {
        if (ownApp != null) {
            throw new IllegalStateException("already started");
        }
        ownApp = Loopback.start(port, router -> mount(router, "/rpc"));
        return "http://" + HOST + ":" + ownApp.port() + "/rpc";
    }

    @Override
    public synchronized void close() {
        if (ownApp != null) {
            ownApp.stop();
            ownApp = null;
        }
    }

    // ---- SimChain: the chain clock ----

    @Override
    public long blockHeight() {
        return FIRST_HEIGHT + (clock.nowMs() - genesisMs) / settings.msPerBlock();
    }

    @Override
    public String latestBlockhash() {
        return blockhashAt(blockHeight());
    }

    @Override
    public long lastValidBlockHeight() {
        return blockHeight() + settings.blockhashValidBlocks();
    }

    // ---- control API for tests ----

    /** The next new signatures follow these scenarios in order; after them, {@link TxScenario.LandNextBlock}. */
    public synchronized void scenarios(TxScenario... next) {
        scenarios.addAll(List.of(next));
    }

    /** Statuses of {@link TxScenario.LandUnseen} signatures are answered again from now on. */
    public synchronized void answerStatuses() {
        unseen.clear();
    }

    /** Faults for the next requests of one method only, after any queued by {@link #faults}. */
    public synchronized void faultsOn(String method, Fault... next) {
        methodFaults.computeIfAbsent(method, m -> new ArrayDeque<>()).addAll(List.of(next));
    }

    /** The next requests meet these faults in order. */
    public synchronized void faults(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Every answer waits this long in real time before it is written (a client's HTTP timeout fires first). */
    public void slowAnswers(Duration delay) {
        slowAnswers = delay;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Lands what is due now; tests call it to read the ledger as the chain stands. */
    public void settle() {
        landings.advance(blockHeight());
    }

    public Ledger ledger() {
        return ledger;
    }

    /** The height of a recent blockhash this chain issued; empty when unknown or too old to matter. */
    public Optional<Long> blockhashHeight(String blockhash) {
        long now = blockHeight();
        for (long h = now; h >= Math.max(FIRST_HEIGHT, now - 2L * settings.blockhashValidBlocks()); h--) {
            if (blockhashAt(h).equals(blockhash)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    static long slotOf(long height) {
        return height + SLOT_LEAD;
    }

    static ObjectNode tokenAmount(BigInteger raw, int decimals) {
        BigDecimal ui = new BigDecimal(raw, decimals);
        ObjectNode n = NODES.objectNode();
        n.put("amount", raw.toString());
        n.put("decimals", decimals);
        n.put("uiAmount", ui);
        n.put("uiAmountString", ui.stripTrailingZeros().toPlainString());
        return n;
    }

    // ---- the JSON-RPC endpoint ----

    void handle(Context ctx) throws InterruptedException {
        JsonNode request;
        try {
            request = JSON.readTree(ctx.body());
        } catch (Exception e) {
            answer(ctx, error(NODES.nullNode(), -32700, "Parse error", null), null);
            return;
        }
        JsonNode id = request.path("id").isMissingNode() ? NODES.nullNode() : request.path("id");
        String method = request.path("method").asText("");
        JsonNode params = request.path("params");
        Fault fault;
        synchronized (this) {
            if (requests.size() == LOGGED_REQUESTS) {
                requests.removeFirst();
            }
            requests.addLast(new Request(method, clock.nowMs(), signatureOf(method, params)));
            fault = faults.poll();
            if (fault == null && methodFaults.containsKey(method)) {
                fault = methodFaults.get(method).poll();
            }
        }
        if (fault == Fault.THROTTLE) {
            ctx.status(429).contentType("application/json").result("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":429,"
                    + "\"message\":\"Too many requests for a specific RPC call\"},\"id\":" + id + "}");
            return;
        }
        if (fault == Fault.HTML) {
            ctx.status(200).contentType("text/html").result("<html><body><h1>502 Bad Gateway</h1></body></html>");
            return;
        }
        settle();
        ObjectNode answer;
        try {
            answer = dispatch(id, method, params);
        } catch (BadParams e) {
            answer = error(id, -32602, "Invalid params: " + e.getMessage(), null);
        }
        answer(ctx, answer, fault);
    }

    private void answer(Context ctx, ObjectNode answer, Fault fault) throws InterruptedException {
        Duration slow = slowAnswers;
        if (!slow.isZero()) {
            Thread.sleep(slow.toMillis()); // real time on purpose: the client's socket timeout is what is tested
        }
        String body = answer.toString();
        ctx.status(200).contentType("application/json")
                .result(fault == Fault.TRUNCATED ? body.substring(0, body.length() / 2) : body);
    }

    private ObjectNode dispatch(JsonNode id, String method, JsonNode params) throws BadParams {
        return switch (method) {
            case "sendTransaction" -> sendTransaction(id, params);
            case "getSignatureStatuses" -> signatureStatuses(id, params);
            case "getBlockHeight" -> result(id, NODES.numberNode(blockHeight()));
            case "getLatestBlockhash" -> {
                ObjectNode value = NODES.objectNode();
                long h = blockHeight();
                value.put("blockhash", blockhashAt(h));
                value.put("lastValidBlockHeight", h + settings.blockhashValidBlocks());
                yield result(id, withContext(value));
            }
            case "getTransaction" -> transaction(id, params);
            case "getBalance" -> result(id, withContext(NODES.numberNode(ledger.lamports(text(params, 0)))));
            case "getTokenAccountsByOwner" -> tokenAccounts(id, params);
            case "getAccountInfo" -> accountInfo(id, params);
            default -> error(id, -32601, "Method not found", null);
        };
    }

    private ObjectNode sendTransaction(JsonNode id, JsonNode params) throws BadParams {
        JsonNode config = params.path(1);
        boolean skipPreflight = config.path("skipPreflight").asBoolean(false);
        WireTx tx;
        try {
            tx = WireTx.read(decode(text(params, 0), config.path("encoding").asText("base58")));
        } catch (IllegalArgumentException e) {
            return error(id, -32602, "failed to deserialize solana_sdk::transaction::versioned::VersionedTransaction: "
                    + e.getMessage(), null);
        }
        if (!tx.signedByPayer()) {
            return error(id, -32003, "Transaction signature verification failure", null);
        }
        String signature = tx.signatureBase58();
        if (landings.known(signature)) {
            // The same bytes again: accepted, landing at most once. A landed one fails a fresh preflight.
            if (!skipPreflight && landings.hasLanded(signature)) {
                return preflightFailure(id, NODES.textNode("AlreadyProcessed"), List.of(),
                        "This transaction has already been processed");
            }
            return result(id, NODES.textNode(signature));
        }
        SimSwap swap = registry.find(tx.message()).orElse(null);
        Optional<Long> issued = blockhashHeight(tx.blockhash());
        long lastValid = issued.map(h -> h + settings.blockhashValidBlocks()).orElse(-1L);
        if (!skipPreflight) {
            if (lastValid < blockHeight()) {
                return preflightFailure(id, NODES.textNode("BlockhashNotFound"), List.of(), "Blockhash not found");
            }
            Landings.Evaluation ev = landings.evaluate(tx.payer(), swap);
            if (ev.err() != null) {
                return preflightFailure(id, ev.err(), ev.logs(), "Error processing Instruction 2: custom program "
                        + "error: 0x" + Integer.toHexString(ev.err().path("InstructionError").path(1)
                                .path("Custom").asInt()));
            }
        }
        TxScenario scenario;
        synchronized (this) {
            scenario = scenarios.isEmpty() ? new TxScenario.LandNextBlock() : scenarios.poll();
            if (scenario instanceof TxScenario.LandUnseen) {
                unseen.add(signature);
            }
            if (scenario instanceof TxScenario.LandWithErrUnreadable) {
                unreadable.add(signature);
            }
        }
        landings.accept(tx, swap, scenario, blockHeight(), lastValid);
        return result(id, NODES.textNode(signature));
    }

    private ObjectNode signatureStatuses(JsonNode id, JsonNode params) throws BadParams {
        JsonNode sigs = params.path(0);
        if (!sigs.isArray()) {
            throw new BadParams("expected an array of signatures");
        }
        if (sigs.size() > MAX_STATUSES) {
            return error(id, -32602, "Too many inputs provided; max " + MAX_STATUSES, null);
        }
        synchronized (this) {
            for (JsonNode s : sigs) {
                if (unseen.contains(s.asText())) {
                    return error(id, -32005, "Node is behind by 150 slots", null);
                }
            }
        }
        boolean history = params.path(1).path("searchTransactionHistory").asBoolean(false);
        long height = blockHeight();
        ArrayNode value = NODES.arrayNode();
        for (JsonNode s : sigs) {
            ObjectNode status = landings.status(s.asText(), height, history);
            value.add(status == null ? NODES.nullNode() : status);
        }
        return result(id, withContext(value));
    }

    private ObjectNode transaction(JsonNode id, JsonNode params) throws BadParams {
        String signature = text(params, 0);
        synchronized (this) {
            if (unreadable.contains(signature)) {
                return result(id, NODES.nullNode());
            }
        }
        Optional<ObjectNode> tx = landings.transaction(signature, blockHeight());
        if (tx.isPresent() && !params.path(1).has("maxSupportedTransactionVersion")) {
            return error(id, -32015, "Transaction version (0) is not supported by the requesting client. Please try "
                    + "the request again with the following configuration parameter: "
                    + "\"maxSupportedTransactionVersion\": 0", null);
        }
        return result(id, tx.<JsonNode>map(t -> t).orElse(NODES.nullNode()));
    }

    private ObjectNode tokenAccounts(JsonNode id, JsonNode params) throws BadParams {
        String owner = text(params, 0);
        JsonNode filter = params.path(1);
        if (!filter.has("mint") && !filter.has("programId")) {
            throw new BadParams("expected a mint or programId filter");
        }
        ArrayNode value = NODES.arrayNode();
        for (String mint : ledger.mintsOf(owner)) {
            String program = landings.programOf(mint);
            if (!mint.equals(filter.path("mint").asText(mint)) || !program.equals(filter.path("programId")
                    .asText(program))) {
                continue;
            }
            BigInteger raw = ledger.tokenAccount(owner, mint).orElse(BigInteger.ZERO);
            ObjectNode entry = value.addObject();
            entry.put("pubkey", Ledger.tokenAccountAddress(owner, mint));
            ObjectNode account = entry.putObject("account");
            ObjectNode data = account.putObject("data");
            ObjectNode parsed = data.putObject("parsed");
            ObjectNode info = parsed.putObject("info");
            info.put("isNative", false);
            info.put("mint", mint);
            info.put("owner", owner);
            info.put("state", "initialized");
            info.set("tokenAmount", tokenAmount(raw, prices.decimals(mint).orElse(0)));
            parsed.put("type", "account");
            data.put("program", program.equals(Landings.TOKEN_PROGRAM) ? "spl-token" : "spl-token-2022");
            data.put("space", 165);
            account.put("executable", false);
            account.put("lamports", settings.tokenAccountRent());
            account.put("owner", program);
            account.put("space", 165);
        }
        return result(id, withContext(value));
    }

    /** A mint's account: SPL Token's 82-byte layout, decimals at byte 44, initialized at 45. */
    private ObjectNode accountInfo(JsonNode id, JsonNode params) throws BadParams {
        String address = text(params, 0);
        Optional<Integer> decimals = prices.decimals(address);
        if (decimals.isEmpty()) {
            return result(id, withContext(NODES.nullNode()));
        }
        byte[] data = new byte[82];
        data[44] = (byte) (int) decimals.get();
        data[45] = 1;
        ObjectNode value = NODES.objectNode();
        ArrayNode encoded = value.putArray("data");
        encoded.add(Base64.getEncoder().encodeToString(data));
        encoded.add("base64");
        value.put("executable", false);
        value.put("lamports", 1_461_600);
        value.put("owner", landings.programOf(address));
        value.put("space", 82);
        return result(id, withContext(value));
    }

    // ---- helpers ----

    private static final class BadParams extends Exception {
        private static final long serialVersionUID = 1L;

        BadParams(String message) {
            super(message);
        }
    }

    private static String text(JsonNode params, int index) throws BadParams {
        JsonNode n = params.path(index);
        if (!n.isTextual()) {
            throw new BadParams("expected a string at position " + index);
        }
        return n.asText();
    }

    private static byte[] decode(String encoded, String encoding) {
        return switch (encoding) {
            case "base64" -> Base64.getDecoder().decode(encoded);
            case "base58" -> Base58.decode(encoded);
            default -> throw new IllegalArgumentException("unsupported encoding " + encoding);
        };
    }

    private static String signatureOf(String method, JsonNode params) {
        if (method.equals("getTransaction")) {
            return params.path(0).isTextual() ? params.path(0).asText() : null;
        }
        if (!method.equals("sendTransaction")) {
            return null;
        }
        try {
            return WireTx.read(decode(params.path(0).asText(), params.path(1).path("encoding").asText("base58")))
                    .signatureBase58();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ObjectNode withContext(JsonNode value) {
        ObjectNode n = NODES.objectNode();
        n.putObject("context").put("apiVersion", "2.2.0").put("slot", slotOf(blockHeight()));
        n.set("value", value);
        return n;
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode n = NODES.objectNode();
        n.put("jsonrpc", "2.0");
        n.set("result", result);
        n.set("id", id);
        return n;
    }

    private static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode n = NODES.objectNode();
        n.put("jsonrpc", "2.0");
        ObjectNode e = n.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.set("data", data);
        }
        n.set("id", id);
        return n;
    }

    private static ObjectNode preflightFailure(JsonNode id, JsonNode err, List<String> logs, String why) {
        ObjectNode data = NODES.objectNode();
        data.set("err", err);
        ArrayNode l = data.putArray("logs");
        logs.forEach(l::add);
        data.put("unitsConsumed", 0);
        data.putNull("accounts");
        return error(id, -32002, "Transaction simulation failed: " + why, data);
    }

    private long blockTimeMs(long height) {
        return genesisMs + (height - FIRST_HEIGHT) * settings.msPerBlock();
    }

    private String blockhashAt(long height) {
        return Ledger.hashAddress("blockhash:" + seed + ":" + height);
    }
}
