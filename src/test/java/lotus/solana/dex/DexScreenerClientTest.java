package lotus.solana.dex;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lotus.sim.solana.DexScreenerSim;
import lotus.sim.solana.DexScreenerSim.Fault;
import lotus.sim.solana.SimPool;
import lotus.sim.solana.SolanaMarket;
import lotus.solana.common.Mints;
import lotus.solana.common.TestMints;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DexScreener client against the simulator over a real socket (SOLANA.md §2.1, §2.5). */
class DexScreenerClientTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, second 0 of a minute

    SimulatedClock clock;
    SolanaMarket market;
    DexScreenerSim sim;
    DexScreenerClient client;

    /** A clock 20× real time: the 1–3 s retry jitter takes 50–150 ms, a minute 3 s. */
    private void start(long startMs, Duration timeout) {
        clock = SimulatedClock.accelerated(startMs, 20);
        market = new SolanaMarket(clock, 7);
        sim = DexScreenerSim.start(market, clock, 0);
        client = new DexScreenerClient(sim.baseUrl(), new RateBudget("dexscreener", 250, clock), clock, timeout, 3);
    }

    private void start() {
        start(T0 + 1_000, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private String listed(int i) {
        String mint = TestMints.of("listed" + i);
        market.addToken(mint, "T" + i, 6, new BigDecimal("0.0001"), new BigDecimal("20000"), 0.01);
        market.addPool(SimPool.of("Pool" + i, mint, Mints.WSOL, "20000"));
        return mint;
    }

    private List<Integer> statuses() {
        return sim.requests().stream().map(DexScreenerSim.Request::status).toList();
    }

    @Test
    void sixtyFiveMintsGoInThreeCallsOfAtMostThirtyAndUnlistedOnesCountAsNotIndexed() throws Exception {
        start();
        List<String> mints = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            mints.add(listed(i));
        }
        for (int i = 0; i < 5; i++) {
            mints.add(TestMints.of("unlisted" + i));
        }

        List<DexScreenerClient.Chunk> chunks = client.tokens(mints);

        assertThat(chunks).extracting(c -> c.mints().size()).containsExactly(30, 30, 5);
        assertThat(sim.requests()).extracting(r -> r.path().substring(r.path().lastIndexOf('/') + 1).split(",").length)
                .containsExactlyInAnyOrder(30, 30, 5);
        assertThat(chunks).allSatisfy(c -> assertThat(c).isInstanceOf(DexScreenerClient.Answered.class));
        DexScreenerClient.Answered first = (DexScreenerClient.Answered) chunks.getFirst();
        assertThat(first.pairs()).extracting(DexPair::pairAddress).contains("Pool0", "Pool29");
        assertThat(((DexScreenerClient.Answered) chunks.get(2)).notIndexed()).hasSize(5);
        assertThat(client.calls()).isEqualTo(3);
        assertThat(client.notIndexed()).isEqualTo(5);
        assertThat(client.failedChunks()).isZero();
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedOnceAfterTheJitter() throws Exception {
        start();
        String mint = listed(1);
        sim.inject(Fault.TOO_MANY_REQUESTS);

        List<DexScreenerClient.Chunk> chunks = client.tokens(List.of(mint));

        assertThat(chunks.getFirst()).isInstanceOf(DexScreenerClient.Answered.class);
        assertThat(statuses()).containsExactly(429, 200);
        long gap = sim.requests().get(1).timeMs() - sim.requests().get(0).timeMs();
        assertThat(gap).isBetween(1_000L, 4_000L);
        assertThat(client.retries()).isEqualTo(1);
        assertThat(client.failedChunks()).isZero();
    }

    @Test
    void aTokenThatIsNoMintFailsAloneAndTheOthersAreStillAsked() throws Exception {
        start();

        List<DexScreenerClient.Chunk> chunks = client.tokens(List.of(listed(1), "not a mint", listed(2)));

        assertThat(chunks).hasSize(2);
        assertThat(chunks).filteredOn(c -> c instanceof DexScreenerClient.Failed).singleElement()
                .satisfies(c -> assertThat(c.mints()).containsExactly("not a mint"));
        assertThat(chunks).filteredOn(c -> c instanceof DexScreenerClient.Answered).singleElement()
                .satisfies(c -> assertThat(c.mints()).containsExactly(listed(1), listed(2)));
        assertThat(statuses()).containsExactly(200);
    }

    @Test
    void twoServerErrorsFailTheChunkAfterOneRetry() throws Exception {
        start();
        sim.inject(Fault.SERVER_ERROR, Fault.SERVER_ERROR);

        DexScreenerClient.Chunk chunk = client.tokens(List.of(listed(1))).getFirst();

        assertThat(chunk).isInstanceOfSatisfying(DexScreenerClient.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("HTTP 503"));
        assertThat(statuses()).containsExactly(503, 503);
        assertThat(client.failedChunks()).isEqualTo(1);
    }

    @Test
    void truncatedJsonAndAnHtmlPageAreRetried() throws Exception {
        start();
        String a = listed(1);
        sim.inject(Fault.TRUNCATED);
        assertThat(client.tokens(List.of(a)).getFirst()).isInstanceOf(DexScreenerClient.Answered.class);
        sim.inject(Fault.HTML, Fault.TRUNCATED);
        assertThat(client.tokens(List.of(a)).getFirst()).isInstanceOfSatisfying(DexScreenerClient.Failed.class,
                f -> assertThat(f.reason()).startsWith("DexScreener answer is not JSON"));
        assertThat(client.calls()).isEqualTo(4);
        assertThat(client.failedChunks()).isEqualTo(1);
    }

    @Test
    void aBadRequestIsNeverRetried() throws Exception {
        start();
        sim.inject(Fault.BAD_REQUEST);

        assertThat(client.tokens(List.of(listed(1))).getFirst()).isInstanceOfSatisfying(
                DexScreenerClient.Failed.class, f -> assertThat(f.reason()).isEqualTo("HTTP 400"));
        assertThat(statuses()).containsExactly(400);
        assertThat(client.retries()).isZero();
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        start(T0 + 1_000, Duration.ofMillis(200));
        sim.slowDelayMs(1_000);
        sim.inject(Fault.SLOW);

        assertThat(client.tokens(List.of(listed(1))).getFirst()).isInstanceOf(DexScreenerClient.Answered.class);
        assertThat(client.calls()).isEqualTo(2);
        assertThat(client.retries()).isEqualTo(1);
    }

    @Test
    void noRetryIsCarriedIntoTheNextMinute() throws Exception {
        start(T0 + 58_900, Duration.ofSeconds(10)); // 1–3 s of jitter would end past second 60
        sim.inject(Fault.SERVER_ERROR);

        assertThat(client.tokens(List.of(listed(1))).getFirst()).isInstanceOfSatisfying(
                DexScreenerClient.Failed.class, f -> assertThat(f.reason()).contains("no time left this minute"));
        assertThat(statuses()).containsExactly(503);
    }

    @Test
    void theLegacyEndpointAnswersNullPairsForUnknownTokensAndOtherChainsAreIgnored() throws Exception {
        start();
        String known = listed(1);
        DexScreenerClient.Chunk unknown = client.legacyTokens(List.of(TestMints.of("nobody")));
        assertThat(unknown).isInstanceOfSatisfying(DexScreenerClient.Answered.class,
                a -> assertThat(a.notIndexed()).hasSize(1));

        DexScreenerClient.Answered answer = (DexScreenerClient.Answered) client.legacyTokens(List.of(known));
        assertThat(answer.pairs()).extracting(DexPair::chainId).containsExactly("solana", "ethereum");
        assertThat(answer.notIndexed()).isEmpty();
        assertThat(PairPicker.pick(known, answer.pairs())).map(DexPair::pairAddress).hasValue("Pool1");
    }

    @Test
    void theSimulatorRefusesMoreThanThirtyAddressesAndMoreThanItsPerMinuteBudget() throws Exception {
        clock = SimulatedClock.manual(T0);
        market = new SolanaMarket(clock, 7);
        sim = DexScreenerSim.start(market, clock, 0);
        try (HttpClient http = HttpClient.newHttpClient()) {
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 31; i++) {
                many.add("M" + i);
            }
            assertThat(get(http, "/tokens/v1/solana/" + String.join(",", many))).isEqualTo(400);
            for (int i = 1; i < DexScreenerSim.PER_MINUTE; i++) {
                assertThat(get(http, "/tokens/v1/solana/" + Mints.WSOL)).isEqualTo(200);
            }
            assertThat(get(http, "/tokens/v1/solana/" + Mints.WSOL)).isEqualTo(429);
            clock.advanceMs(60_000);
            assertThat(get(http, "/tokens/v1/solana/" + Mints.WSOL)).isEqualTo(200);
        }
    }

    private int get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
