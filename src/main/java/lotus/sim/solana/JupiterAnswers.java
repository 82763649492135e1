package lotus.sim.solana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import lotus.solana.common.Base58;
import lotus.time.Clock;

/**
 * What the simulated Jupiter answers to a {@code /quote} query or a {@code /swap} body (SOLANA.md §3, §6), apart
 * from HTTP: quotes price through {@link SimPricing} on the shared {@link SolanaPrices}; a swap becomes a real
 * unsigned v0 transaction on the {@link SimChain}'s blockhash, remembered in the {@link SwapRegistry}. Thread-safe.
 */
final class JupiterAnswers {

    /** An HTTP answer: status, content type and body. */
    record Reply(int status, String contentType, String body) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }

        static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body);
        }
    }

    /** A mint refused until a clock time, with the code Jupiter gives. */
    private record Block(String errorCode, String error, long untilMs) {
    }

    static final String DESERIALIZE = "Failed to deserialize the JSON body into the target type";
    /** Rust's u64 parse of "100000000.0", as Jupiter answers it with HTTP 500 (§3.4). */
    static final String PARSE_INT = "Query parameter amount cannot be parsed: ParseIntError { kind: InvalidDigit }";
    /** Without {@code dynamicComputeUnitLimit} Jupiter asks for the per-transaction maximum. */
    private static final int MAX_COMPUTE_UNITS = 1_400_000;
    private static final Pattern UNSIGNED = Pattern.compile("[0-9]+");
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    private static final BigInteger MICRO = BigInteger.valueOf(1_000_000);
    private static final String[] LABELS = {"Raydium", "Raydium CLMM", "Meteora DLMM", "Orca Whirlpool", "Pump.fun"};

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final long seed;
    private final SolanaPrices prices;
    private final SimChain chain;
    private final SwapRegistry registry;
    private final JupiterSim.Settings settings;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> quoteExtras = new ConcurrentHashMap<>();
    private final AtomicLong swapsBuilt = new AtomicLong();
    private final SplittableRandom random;

    JupiterAnswers(Clock clock, long seed, SolanaPrices prices, SimChain chain, SwapRegistry registry,
            JupiterSim.Settings settings) {
        this.clock = clock;
        this.seed = seed;
        this.prices = prices;
        this.chain = chain;
        this.registry = registry;
        this.settings = settings;
        this.random = new SplittableRandom(seed);
    }

    void block(String mint, String errorCode, String error, long untilMs) {
        blocks.put(mint, new Block(errorCode, error, untilMs));
    }

    void addQuoteField(String name, JsonNode value) {
        quoteExtras.put(name, value.deepCopy());
    }

    /** {@code GET /quote} with its query parameters (first value of each). */
    Reply quote(Map<String, String> query) {
        String in = query.get("inputMint");
        String out = query.get("outputMint");
        String amountText = query.get("amount");
        for (String required : new String[] {"inputMint", "outputMint", "amount"}) {
            if (query.get(required) == null) {
                return Reply.text(400, "Failed to deserialize query string: missing field `" + required + "`");
            }
        }
        if (!UNSIGNED.matcher(amountText).matches()) {
            return Reply.text(500, PARSE_INT);
        }
        String bpsText = query.getOrDefault("slippageBps", "50");
        if (!UNSIGNED.matcher(bpsText).matches() || new BigInteger(bpsText).compareTo(BPS) > 0) {
            return Reply.text(400, "Failed to deserialize query string: slippageBps: invalid digit found in string");
        }
        int bps = Integer.parseInt(bpsText);
        BigInteger amount = new BigInteger(amountText);
        long now = clock.nowMs();
        for (String mint : new String[] {in, out}) {
            Block b = blocks.get(mint);
            if (b != null && now < b.untilMs()) {
                return error(b.error(), b.errorCode());
            }
            if (prices.decimals(mint).isEmpty()) {
                return error("The token " + mint + " is not tradable", "TOKEN_NOT_TRADABLE");
            }
        }
        Optional<SimPricing.Out> priced = SimPricing.swap(prices, in, amount, out);
        if (priced.isEmpty()) {
            return error("Could not find any route", "COULD_NOT_FIND_ANY_ROUTE");
        }
        BigInteger outAmount = priced.get().amount();
        if (outAmount.signum() == 0) {
            return error("No routes found", "NO_ROUTES_FOUND"); // dust: nothing comes out
        }
        BigInteger threshold = outAmount.multiply(BPS.subtract(BigInteger.valueOf(bps))).divide(BPS);
        return Reply.json(200, quoteJson(in, out, amount, outAmount, threshold, bps, priced.get().priceImpact()));
    }

    private String quoteJson(String in, String out, BigInteger amount, BigInteger outAmount, BigInteger threshold,
            int bps, BigDecimal impact) {
        ObjectNode q = json.createObjectNode();
        q.put("inputMint", in);
        q.put("inAmount", amount.toString());
        q.put("outputMint", out);
        q.put("outAmount", outAmount.toString());
        q.put("otherAmountThreshold", threshold.toString());
        q.put("swapMode", "ExactIn");
        q.put("slippageBps", bps);
        q.putNull("platformFee");
        q.put("priceImpactPct", impact.stripTrailingZeros().toPlainString());
        ObjectNode info = q.putArray("routePlan").addObject().putObject("swapInfo");
        info.put("ammKey", ammKey(in, out));
        info.put("label", LABELS[Math.floorMod(seed + in.hashCode() + out.hashCode(), LABELS.length)]);
        info.put("inputMint", in);
        info.put("outputMint", out);
        info.put("inAmount", amount.toString());
        info.put("outAmount", outAmount.toString());
        info.put("feeAmount", "0"); // SimPricing charges impact only: the whole cost is in outAmount
        info.put("feeMint", in);
        ((ObjectNode) q.get("routePlan").get(0)).put("percent", 100);
        q.put("contextSlot", chain.blockHeight());
        synchronized (random) {
            q.put("timeTaken", BigDecimal.valueOf(5 + random.nextInt(30), 3));
        }
        quoteExtras.forEach(q::set);
        return q.toString();
    }

    /** {@code POST /swap}: a real unsigned v0 transaction, remembered by its message. */
    Reply swap(String body, Optional<JsonNode> simulationError) {
        SwapBody b;
        try {
            b = parse(json.readTree(body));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Reply.text(422, DESERIALIZE + ": " + e.getMessage());
        }
        int cuLimit = b.dynamicLimit() ? settings.computeUnitLimit() : MAX_COMPUTE_UNITS;
        long micro = b.fee().microLamports(settings, cuLimit);
        long feeLamports = BigInteger.valueOf(cuLimit).multiply(BigInteger.valueOf(micro)).divide(MICRO)
                .longValueExact();
        String blockhash = chain.latestBlockhash();
        long lastValid = chain.lastValidBlockHeight();
        byte[] tx = SimTransactions.unsignedV0(b.owner(), b.inputMint(), b.outputMint(), blockhash, cuLimit, micro,
                swapData());
        registry.remember(SimTransactions.message(tx), new SimSwap(b.owner(), b.inputMint(), b.inAmount(),
                b.outputMint(), b.quotedOut(), b.minOut(), blockhash, lastValid, feeLamports));
        ObjectNode a = json.createObjectNode();
        a.put("swapTransaction", Base64.getEncoder().encodeToString(tx));
        a.put("lastValidBlockHeight", lastValid);
        a.put("prioritizationFeeLamports", feeLamports);
        a.put("computeUnitLimit", cuLimit);
        ObjectNode budget = a.putObject("prioritizationType").putObject("computeBudget");
        budget.put("microLamports", micro);
        budget.put("estimatedMicroLamports", b.fee().estimatedMicroLamports(settings));
        a.putNull("dynamicSlippageReport");
        a.set("simulationError", simulationError.<JsonNode>map(JsonNode::deepCopy).orElse(json.nullNode()));
        return Reply.json(200, a.toString());
    }

    /** The fields of a {@code /swap} body we build from. */
    private record SwapBody(String owner, String inputMint, String outputMint, BigInteger inAmount,
            BigInteger quotedOut, BigInteger minOut, boolean dynamicLimit, Fee fee) {
    }

    /**
     * The three shapes of {@code prioritizationFeeLamports} (§3.2). Anything else, the predecessor's {@code "auto"}
     * included (unverified upstream), fails to deserialise: 422.
     */
    private sealed interface Fee {

        long microLamports(JupiterSim.Settings s, int cuLimit);

        default long estimatedMicroLamports(JupiterSim.Settings s) {
            return s.microLamportsByLevel().getOrDefault("veryHigh", 0L);
        }

        record None() implements Fee {
            public long microLamports(JupiterSim.Settings s, int cuLimit) {
                return 0;
            }
        }

        record Lamports(long lamports) implements Fee {
            public long microLamports(JupiterSim.Settings s, int cuLimit) {
                return lamports * 1_000_000 / cuLimit;
            }
        }

        /** The level's price per CU, lowered so the whole fee stays within {@code maxLamports}. */
        record Level(String level, long maxLamports) implements Fee {
            public long microLamports(JupiterSim.Settings s, int cuLimit) {
                return Math.min(s.microLamportsByLevel().get(level), maxLamports * 1_000_000 / cuLimit);
            }
        }
    }

    private SwapBody parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        JsonNode q = root.path("quoteResponse");
        if (!q.isObject()) {
            throw new IllegalArgumentException("missing field `quoteResponse`");
        }
        String owner = key(root, "userPublicKey");
        for (String flag : new String[] {"wrapAndUnwrapSol", "dynamicComputeUnitLimit", "asLegacyTransaction"}) {
            JsonNode f = root.path(flag);
            if (!f.isMissingNode() && !f.isNull() && !f.isBoolean()) {
                throw new IllegalArgumentException(flag + ": invalid type, expected a boolean");
            }
        }
        return new SwapBody(owner, key(q, "inputMint"), key(q, "outputMint"), amount(q, "inAmount"),
                amount(q, "outAmount"), amount(q, "otherAmountThreshold"),
                root.path("dynamicComputeUnitLimit").asBoolean(false), fee(root.path("prioritizationFeeLamports")));
    }

    private Fee fee(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return new Fee.None();
        }
        if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0) {
            return new Fee.Lamports(n.longValue());
        }
        if (n.isObject() && n.size() == 1 && n.path("jitoTipLamports").isIntegralNumber()) {
            return new Fee.None(); // a tip to a Jito validator is a transfer, not a compute-unit price
        }
        JsonNode level = n.path("priorityLevelWithMaxLamports");
        if (n.isObject() && n.size() == 1 && level.isObject()
                && settings.microLamportsByLevel().containsKey(level.path("priorityLevel").asText())
                && level.path("priorityLevel").isTextual()
                && level.path("maxLamports").isIntegralNumber() && level.path("maxLamports").longValue() > 0
                && (level.path("global").isMissingNode() || level.path("global").isBoolean())) {
            return new Fee.Level(level.path("priorityLevel").asText(), level.path("maxLamports").longValue());
        }
        throw new IllegalArgumentException("prioritizationFeeLamports: data did not match any variant");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("missing field `" + field + "`");
        }
        return v.asText();
    }

    /** A base58 public key or mint: it goes into the transaction's account list. */
    private static String key(JsonNode n, String field) {
        String s = text(n, field);
        if (Base58.decode(s).length != 32) {
            throw new IllegalArgumentException(field + ": not a 32-byte public key");
        }
        return s;
    }

    private static BigInteger amount(JsonNode n, String field) {
        String s = text(n, field);
        if (!UNSIGNED.matcher(s).matches()) {
            throw new IllegalArgumentException(field + ": invalid digit found in string");
        }
        return new BigInteger(s);
    }

    private static Reply error(String error, String code) {
        return Reply.json(400, "{\"error\":\"" + error + "\",\"errorCode\":\"" + code + "\"}");
    }

    /** A pool address per mint pair: stable for a seed, so a scenario replays the same route. */
    private String ammKey(String in, String out) {
        byte[] key = new byte[32];
        new SplittableRandom(seed ^ ((long) in.hashCode() << 32 | (out.hashCode() & 0xFFFFFFFFL))).nextBytes(key);
        return Base58.encode(key);
    }

    /** The simulator's own swap instruction data: a tag and a serial, so no two built transactions are equal. */
    private byte[] swapData() {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(seed)
                .putLong(swapsBuilt.incrementAndGet()).array();
    }
}
