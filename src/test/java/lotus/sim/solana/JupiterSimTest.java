package lotus.sim.solana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import lotus.solana.common.Base58;
import lotus.solana.common.Mints;
import lotus.solana.tx.SolanaKeypair;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated Jupiter's protocol answers to requests our client never sends. */
class JupiterSimTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final String TOKEN = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";
    private static final String WALLET = SolanaKeypair.fromSeed(new byte[32]).address();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SolanaPrices PRICES = new FixedPrices(TOKEN, "0.5", 9, "1000");

    private static final SimChain CHAIN = new SimChain() {
        @Override
        public long blockHeight() {
            return 500;
        }

        @Override
        public String latestBlockhash() {
            return Base58.encode(new byte[32]);
        }

        @Override
        public long lastValidBlockHeight() {
            return 650;
        }
    };

    private final SimulatedClock clock = SimulatedClock.manual(T0);
    private final SwapRegistry registry = new SwapRegistry();
    private final JupiterSim sim = new JupiterSim(clock, 1, PRICES, CHAIN, registry, JupiterSim.Settings.defaults())
            .start(0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sim.close();
        http.close();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode quote() throws Exception {
        return JSON.readTree(get(sim.baseUrl() + "/quote?inputMint=" + Mints.USDC + "&outputMint=" + TOKEN
                + "&amount=10000000&slippageBps=100").body());
    }

    private String swapBody(String priority) throws Exception {
        return "{\"quoteResponse\":" + quote() + ",\"userPublicKey\":\"" + WALLET + "\",\"dynamicComputeUnitLimit\":"
                + "false,\"prioritizationFeeLamports\":" + priority + "}";
    }

    @Test
    void aQuoteWithoutItsAmountIsABadQueryAndSlippageDefaultsTo50() throws Exception {
        HttpResponse<String> missing = get(sim.baseUrl() + "/quote?inputMint=" + Mints.USDC + "&outputMint=" + TOKEN);
        JsonNode q = JSON.readTree(get(sim.baseUrl() + "/quote?inputMint=" + Mints.USDC + "&outputMint=" + TOKEN
                + "&amount=10000000").body());

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("Failed to deserialize query string: missing field `amount`");
        // $10 over a $1000 pool: impact 10 / 1010; out = 10 × (1000/1010) / 0.5 tokens, 9 decimals, floored.
        BigInteger out = new BigDecimal("10").multiply(new BigDecimal("1000"))
                .divide(new BigDecimal("1010"), MathContext.DECIMAL128)
                .divide(new BigDecimal("0.5"), MathContext.DECIMAL128).movePointRight(9)
                .setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        assertThat(q.path("slippageBps").asInt()).isEqualTo(50);
        assertThat(q.path("outAmount").asText()).isEqualTo(out.toString());
        assertThat(q.path("otherAmountThreshold").asText())
                .isEqualTo(out.multiply(BigInteger.valueOf(9950)).divide(BigInteger.valueOf(10_000)).toString());
    }

    @Test
    void undeserializableSwapBodiesAre422() throws Exception {
        String noQuote = "{\"userPublicKey\":\"" + WALLET + "\"}";
        String noUser = "{\"quoteResponse\":" + quote() + "}";
        String auto = swapBody("\"auto\"");
        String wrongFlag = swapBody("1000").replace("\"dynamicComputeUnitLimit\":false",
                "\"dynamicComputeUnitLimit\":\"yes\"");

        String badMint = swapBody("1000").replace("\"inputMint\":\"" + Mints.USDC, "\"inputMint\":\"0OIl");
        for (String body : new String[] {noQuote, noUser, auto, wrongFlag, badMint, "{not json", ""}) {
            HttpResponse<String> r = post(sim.baseUrl() + "/swap", body);
            assertThat(r.statusCode()).as(body).isEqualTo(422);
            assertThat(r.body()).as(body).startsWith("Failed to deserialize the JSON body into the target type");
        }
    }

    @Test
    void withoutDynamicLimitsTheSwapAsksForTheMaximumAndAPlainLamportFeeSetsItsPrice() throws Exception {
        JsonNode a = JSON.readTree(post(sim.baseUrl() + "/swap", swapBody("14000")).body());

        // 14,000 lamports over 1,400,000 CU = 10,000 µlamports per CU.
        assertThat(a.path("computeUnitLimit").asLong()).isEqualTo(1_400_000);
        assertThat(a.path("prioritizationFeeLamports").asLong()).isEqualTo(14_000);
        assertThat(a.path("prioritizationType").path("computeBudget").path("microLamports").asLong())
                .isEqualTo(10_000);
        assertThat(a.path("lastValidBlockHeight").asLong()).isEqualTo(650);
        assertThat(a.path("simulationError").isNull()).isTrue();
        byte[] tx = Base64.getDecoder().decode(a.path("swapTransaction").asText());
        assertThat(registry.find(SimTransactions.message(tx)).orElseThrow().priorityFeeLamports()).isEqualTo(14_000);
    }

    @Test
    void theRoutesMountUnderAnyPrefixOfAnAppTheCallerOwns() throws Exception {
        JupiterSim mounted = new JupiterSim(clock, 1, PRICES, CHAIN, registry, JupiterSim.Settings.defaults());
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.router.mount(r -> mounted.mount(r, "/venue/jup"));
        }).start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = get("http://127.0.0.1:" + app.port() + "/venue/jup/quote?inputMint="
                    + Mints.USDC + "&outputMint=" + TOKEN + "&amount=5");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(mounted.requests()).hasSize(1);
            assertThat(sim.requests()).isEmpty();
        } finally {
            app.stop();
        }
    }
}
