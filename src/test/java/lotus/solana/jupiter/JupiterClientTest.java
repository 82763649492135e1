package lotus.solana.jupiter;

import static lotus.solana.jupiter.JupiterWorld.T0;
import static lotus.solana.jupiter.JupiterWorld.TOKEN;
import static lotus.solana.jupiter.JupiterWorld.WALLET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Optional;
import lotus.sim.solana.JupiterSim;
import lotus.sim.solana.JupiterSim.Endpoint;
import lotus.sim.solana.SimSwap;
import lotus.sim.solana.SimTransactions;
import lotus.solana.common.Mints;
import lotus.solana.tx.TxSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JupiterClientTest {

    private final JupiterWorld world = new JupiterWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aQuoteCarriesTheExactOutputItsFlooredThresholdAndTheImpactAsAFraction() throws Exception {
        Quote q = world.client().quote(JupiterWorld.buy25());

        // $25 → 25 / (9975 + 25) = 0.0025 impact; 24.9375 / 0.0013 = 19182.692307… tokens → 19182692307 raw;
        // threshold 19182692307 × 9950 / 10000 = 19086778845.465 → floor.
        assertThat(q.inputMint()).isEqualTo(Mints.USDC);
        assertThat(q.outputMint()).isEqualTo(TOKEN);
        assertThat(q.inAmount()).isEqualTo(BigInteger.valueOf(25_000_000));
        assertThat(q.outAmount()).isEqualTo(BigInteger.valueOf(19_182_692_307L));
        assertThat(q.otherAmountThreshold()).isEqualTo(BigInteger.valueOf(19_086_778_845L));
        assertThat(q.slippageBps()).isEqualTo(50);
        assertThat(q.priceImpact()).isEqualByComparingTo("0.0025");
        assertThat(q.raw().path("priceImpactPct").asText()).isEqualTo("0.0025");
        assertThat(q.raw().path("outAmount").isTextual()).isTrue();
        assertThat(q.raw().path("routePlan").get(0).path("percent").asInt()).isEqualTo(100);
        assertThat(q.raw().path("contextSlot").asLong()).isEqualTo(JupiterWorld.HEIGHT);
    }

    @Test
    void theQuerySendsTheAmountAsAnIntegerAndRestrictsIntermediatesAndAccounts() throws Exception {
        world.client().quote(new QuoteRequest(Mints.USDC, TOKEN, new BigInteger("100000000"), 33));

        assertThat(world.sim.requests(Endpoint.QUOTE)).singleElement().extracting(JupiterSim.Request::payload)
                .isEqualTo("inputMint=" + Mints.USDC + "&outputMint=" + TOKEN + "&amount=100000000&slippageBps=33"
                        + "&swapMode=ExactIn&restrictIntermediateTokens=true&maxAccounts=64");
    }

    @Test
    void theQuoteGoesToSwapVerbatimUnknownFieldsAndDecimalDigitsIncluded() throws Exception {
        ObjectMapper exact = JupiterParser.JSON;
        world.sim.addQuoteField("mostReliableAmmsQuoteReport", exact.readTree("{\"info\":{\"x\":[1,2.50,\"7\"]}}"));
        JupiterClient client = world.client();
        Quote q = client.quote(JupiterWorld.buy25());

        client.swap(q, WALLET.address(), PriorityFee.defaults());

        String served = world.sim.requests(Endpoint.QUOTE).getFirst().answer();
        String sent = world.sim.requests(Endpoint.SWAP).getFirst().payload();
        JsonNode body = exact.readTree(sent);
        assertThat(body.get("quoteResponse")).isEqualTo(exact.readTree(served));
        assertThat(sent).startsWith("{\"quoteResponse\":" + served + ",");
        assertThat(served).contains("\"mostReliableAmmsQuoteReport\":{\"info\":{\"x\":[1,2.50,\"7\"]}}");
        assertThat(body.get("userPublicKey").asText()).isEqualTo(WALLET.address());
        body = ((ObjectNode) body).without("quoteResponse");
        assertThat(body.toString()).isEqualTo("{\"userPublicKey\":\"" + WALLET.address() + "\","
                + "\"wrapAndUnwrapSol\":true,\"dynamicComputeUnitLimit\":true,\"asLegacyTransaction\":false,"
                + "\"prioritizationFeeLamports\":{\"priorityLevelWithMaxLamports\":{\"priorityLevel\":\"high\","
                + "\"maxLamports\":1000000,\"global\":false}}}");
    }

    @Test
    void theSwapIsARealTransactionOurSignerSignsAndTheRegistryKnowsItsMessage() throws Exception {
        JupiterClient client = world.client();
        Quote q = client.quote(JupiterWorld.buy25());

        SwapResponse swap = client.swap(q, WALLET.address(), PriorityFee.defaults());

        // 388,876 CU × 25,711 µlamports / 10^6 = 9,998.4 → 9,998 lamports.
        assertThat(swap.lastValidBlockHeight()).isEqualTo(JupiterWorld.LAST_VALID);
        assertThat(swap.computeUnitLimit()).hasValue(388_876);
        assertThat(swap.prioritizationFeeLamports()).hasValue(9_998);
        assertThat(swap.simulationError()).isEmpty();
        TxSigner.Signed signed = TxSigner.sign(swap.swapTransaction(), WALLET);
        assertThat(world.registry.find(SimTransactions.message(signed.transaction()))).contains(new SimSwap(
                WALLET.address(), Mints.USDC, BigInteger.valueOf(25_000_000), TOKEN,
                BigInteger.valueOf(19_182_692_307L), BigInteger.valueOf(19_086_778_845L), JupiterWorld.BLOCKHASH,
                JupiterWorld.LAST_VALID, 9_998));
    }

    @Test
    void thePriorityFeeStaysWithinMaxLamports() throws Exception {
        JupiterClient client = world.client();
        Quote q = client.quote(JupiterWorld.buy25());

        SwapResponse swap = client.swap(q, WALLET.address(), new PriorityFee("high", 5_000));

        // µlamports lowered to 5,000 × 10^6 / 388,876 = 12,857; 388,876 × 12,857 / 10^6 = 4,999.78 → 4,999.
        assertThat(swap.prioritizationFeeLamports()).hasValue(4_999);
        SimSwap remembered = world.registry.find(SimTransactions.message(
                TxSigner.sign(swap.swapTransaction(), WALLET).transaction())).orElseThrow();
        assertThat(remembered.priorityFeeLamports()).isEqualTo(4_999);
    }

    @Test
    void theApiKeyGoesInTheHeaderWhenConfiguredAndNowhereWhenNot() throws Exception {
        world.client(Optional.of("k-123-secret"), 30, JupiterClient.Backoff.defaults()).quote(JupiterWorld.buy25());
        world.client().quote(JupiterWorld.buy25());

        assertThat(world.sim.requests()).extracting(JupiterSim.Request::apiKey)
                .containsExactly(Optional.of("k-123-secret"), Optional.empty());
        assertThat(world.sim.requests().getFirst().payload()).doesNotContain("k-123-secret");
    }

    @Test
    void theThirtyFirstCallInAMinuteWaitsForTheBudgetOnTheSimulatedClock() throws Exception {
        JupiterClient client = world.client();
        for (int i = 0; i < 31; i++) {
            client.quote(JupiterWorld.buy25());
        }

        assertThat(world.clock.sleepsMs).containsExactly(60_000L);
        assertThat(world.sim.requests()).hasSize(31);
        assertThat(world.sim.requests().subList(0, 30)).allMatch(r -> r.timeMs() == T0);
        assertThat(world.sim.requests().get(30).timeMs()).isEqualTo(T0 + 60_000);
        assertThat(client.stats().budgetWaits()).isEqualTo(1);
        assertThat(client.stats().calls()).isEqualTo(31);
        assertThat(client.stats().refused()).isEmpty();
    }
}
