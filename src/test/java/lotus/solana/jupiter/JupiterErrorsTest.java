package lotus.solana.jupiter;

import static lotus.solana.jupiter.JupiterWorld.T0;
import static lotus.solana.jupiter.JupiterWorld.TOKEN;
import static lotus.solana.jupiter.JupiterWorld.WALLET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lotus.sim.solana.JupiterSim;
import lotus.sim.solana.JupiterSim.Endpoint;
import lotus.sim.solana.JupiterSim.Fault;
import lotus.solana.common.Mints;
import lotus.solana.jupiter.JupiterError.Kind;
import lotus.time.RateBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every failure of SOLANA.md §3.4 reaches the caller as its {@link Kind}, with {@code retryLater} right. */
class JupiterErrorsTest {

    private static final String KEY = "jup-KEY-7f3a9c";
    private final JupiterWorld world = new JupiterWorld();

    @AfterEach
    void close() {
        world.close();
    }

    private static JupiterError quoteFails(JupiterClient client, QuoteRequest request) {
        return catchThrowableOfType(JupiterError.class, () -> client.quote(request));
    }

    @Test
    void anUnknownMintIsNotTradableAndMayRouteLater() {
        JupiterError e = quoteFails(world.client(),
                new QuoteRequest(Mints.USDC, JupiterWorld.UNKNOWN, BigInteger.TEN, 50));

        assertThat(e.kind()).isEqualTo(Kind.NO_ROUTE);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("TOKEN_NOT_TRADABLE");
        assertThat(e.retryLater()).isTrue();
    }

    @Test
    void aRoutelessMintRoutesAgainOnceItsWindowHasPassed() throws Exception {
        JupiterClient client = world.client();
        world.sim.routeless(TOKEN, Duration.ofMinutes(2));

        JupiterError e = quoteFails(client, JupiterWorld.buy25());
        world.clock.clock.advanceMs(120_000);

        assertThat(e.kind()).isEqualTo(Kind.NO_ROUTE);
        assertThat(e.errorCode()).isEqualTo("COULD_NOT_FIND_ANY_ROUTE");
        assertThat(client.quote(JupiterWorld.buy25()).outAmount()).isEqualTo(BigInteger.valueOf(19_182_692_307L));
    }

    @Test
    void aFreshPoolIsNotTradableForAWhile() {
        world.sim.untradable(TOKEN, Duration.ofMinutes(5));

        JupiterError e = quoteFails(world.client(), JupiterWorld.buy25());

        assertThat(e.kind()).isEqualTo(Kind.NO_ROUTE);
        assertThat(e.errorCode()).isEqualTo("TOKEN_NOT_TRADABLE");
    }

    @Test
    void dustThatGivesNothingHasNoRoute() {
        // 1 raw unit of a $0.0013 6-decimal token is worth 0.0013 raw USDC: floored to 0.
        JupiterError e = quoteFails(world.client(), new QuoteRequest(TOKEN, Mints.USDC, BigInteger.ONE, 50));

        assertThat(e.kind()).isEqualTo(Kind.NO_ROUTE);
        assertThat(e.errorCode()).isEqualTo("NO_ROUTES_FOUND");
    }

    @Test
    void aPriorityShapeJupiterCannotReadIs422AndNeverRetried() throws Exception {
        JupiterClient client = world.client();
        Quote q = client.quote(JupiterWorld.buy25());

        JupiterError e = catchThrowableOfType(JupiterError.class,
                () -> client.swap(q, WALLET.address(), new PriorityFee("ludicrous", 1_000)));

        assertThat(e.kind()).isEqualTo(Kind.REQUEST_SHAPE);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.retryLater()).isFalse();
        assertThat(e.getMessage()).contains("Failed to deserialize the JSON body into the target type");
        assertThat(world.sim.requests(Endpoint.SWAP)).hasSize(1);
    }

    @Test
    void aDecimalAmountIsTheSimulators500AndClassifiesAsOurBug() throws Exception {
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newHttpClient()) {
            r = http.send(HttpRequest.newBuilder(URI.create(world.sim.baseUrl() + "/quote?inputMint=" + Mints.USDC
                    + "&outputMint=" + TOKEN + "&amount=100000000.0&slippageBps=50")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        JupiterError e = JupiterParser.refusal("quote", r.statusCode(), r.body());

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("Query parameter amount cannot be parsed: ParseIntError { kind: InvalidDigit }");
        assertThat(e.kind()).isEqualTo(Kind.BAD_AMOUNT);
        assertThat(e.retryLater()).isFalse();
    }

    @Test
    void aServerErrorMayPassAndIsNotRetriedInALoop() {
        world.sim.failNext(Endpoint.QUOTE, Fault.SERVER_ERROR, 1);

        JupiterError e = quoteFails(world.client(), JupiterWorld.buy25());

        assertThat(e.kind()).isEqualTo(Kind.SERVER);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.retryLater()).isTrue();
        assertThat(world.sim.requests()).hasSize(1);
    }

    @Test
    void anHtmlPageOrATruncatedAnswerIsMalformed() throws Exception {
        JupiterClient client = world.client();
        world.sim.failNext(Endpoint.QUOTE, Fault.HTML_BODY, 1);
        world.sim.failNext(Endpoint.QUOTE, Fault.TRUNCATED_JSON, 1);

        JupiterError html = quoteFails(client, JupiterWorld.buy25());
        JupiterError cut = quoteFails(client, JupiterWorld.buy25());
        Quote q = client.quote(JupiterWorld.buy25());
        world.sim.failNext(Endpoint.SWAP, Fault.TRUNCATED_JSON, 1);
        JupiterError cutSwap = catchThrowableOfType(JupiterError.class,
                () -> client.swap(q, WALLET.address(), PriorityFee.defaults()));

        assertThat(List.of(html, cut, cutSwap)).extracting(JupiterError::kind).containsOnly(Kind.MALFORMED);
        assertThat(html.getMessage()).isEqualTo("quote: unreadable answer: answer is not JSON (<!DOCTYPE html>"
                + "<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>)");
        assertThat(cutSwap.retryLater()).isTrue();
    }

    @Test
    void aFailedSimulationIsThrownWithTheErrorAndNotRetried() throws Exception {
        JupiterClient client = world.client();
        Quote q = client.quote(JupiterWorld.buy25());
        world.sim.failNextSimulation("SLIPPAGE_TOLERANCE_EXCEEDED", "custom program error: 0x1771");

        JupiterError e = catchThrowableOfType(JupiterError.class,
                () -> client.swap(q, WALLET.address(), PriorityFee.defaults()));

        assertThat(e.kind()).isEqualTo(Kind.SIMULATION_FAILED);
        assertThat(e.errorCode()).isEqualTo("SLIPPAGE_TOLERANCE_EXCEEDED");
        assertThat(e.simulationError().orElseThrow().path("error").asText())
                .isEqualTo("custom program error: 0x1771");
        assertThat(e.retryLater()).isFalse();
        assertThat(client.swap(q, WALLET.address(), PriorityFee.defaults()).simulationError()).isEmpty();
    }

    @Test
    void noAnswerIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        JupiterClient client = new JupiterClient("http://127.0.0.1:" + port + "/jupiter/swap/v1", Optional.empty(),
                new RateBudget("jupiter", 30, world.clock), world.clock, Duration.ofSeconds(2));

        JupiterError e = quoteFails(client, JupiterWorld.buy25());

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.retryLater()).isTrue();
    }

    @Test
    void a429IsRetriedAfterAGrowingJitteredBackoffOnTheClockThenSucceeds() throws Exception {
        JupiterClient client = world.client();
        world.sim.failNext(Endpoint.QUOTE, Fault.RATE_LIMITED, 3);

        Quote q = client.quote(JupiterWorld.buy25());

        assertThat(q.outAmount()).isEqualTo(BigInteger.valueOf(19_182_692_307L));
        List<JupiterSim.Request> seen = world.sim.requests();
        assertThat(seen).extracting(JupiterSim.Request::status).containsExactly(429, 429, 429, 200);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < seen.size(); i++) {
            gaps.add(seen.get(i).timeMs() - seen.get(i - 1).timeMs());
        }
        assertThat(gaps).isEqualTo(world.clock.sleepsMs);
        // Equal jitter: retry i waits within [d/2, d], d = 1 s × 2^i.
        assertThat(gaps.get(0)).isBetween(500L, 1_000L);
        assertThat(gaps.get(1)).isBetween(1_000L, 2_000L);
        assertThat(gaps.get(2)).isBetween(2_000L, 4_000L);
        assertThat(seen.getFirst().timeMs()).isEqualTo(T0);
        assertThat(client.stats().rateLimitRetries()).isEqualTo(3);
        assertThat(client.stats().calls()).isEqualTo(4);
    }

    @Test
    void a429ThatOutlastsTheRetriesIsRateLimited() {
        JupiterClient client = world.client(Optional.empty(), 30,
                new JupiterClient.Backoff(2, Duration.ofSeconds(1), Duration.ofSeconds(8)));
        world.sim.failNext(Endpoint.QUOTE, Fault.RATE_LIMITED, 3);

        JupiterError e = quoteFails(client, JupiterWorld.buy25());

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryLater()).isTrue();
        assertThat(world.sim.requests()).hasSize(3);
        assertThat(client.stats().refused()).containsExactlyEntriesOf(Map.of(Kind.RATE_LIMITED, 1L));
    }

    @Test
    void theKeylessSimulatorRefusesTheThirtyFirstCallInAMinute() {
        JupiterClient greedy = world.client(Optional.empty(), 1_000,
                new JupiterClient.Backoff(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        List<Kind> outcomes = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            try {
                greedy.quote(JupiterWorld.buy25());
            } catch (JupiterError e) {
                outcomes.add(e.kind());
            }
        }

        assertThat(outcomes).containsExactly(Kind.RATE_LIMITED);
        assertThat(world.sim.requests().get(30).status()).isEqualTo(429);
    }

    @Test
    void theApiKeyIsInNoMessageNoToStringAndNoStatusLine() throws Exception {
        JupiterClient client = world.client(Optional.of(KEY), 30,
                new JupiterClient.Backoff(1, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        List<JupiterError> errors = new ArrayList<>();
        for (Fault f : Fault.values()) {
            world.sim.failNext(Endpoint.QUOTE, f, f == Fault.RATE_LIMITED ? 2 : 1);
            errors.add(quoteFails(client, JupiterWorld.buy25()));
        }
        errors.add(quoteFails(client, new QuoteRequest(Mints.USDC, JupiterWorld.UNKNOWN, BigInteger.TEN, 50)));
        Quote q = client.quote(JupiterWorld.buy25());
        errors.add(catchThrowableOfType(JupiterError.class,
                () -> client.swap(q, WALLET.address(), new PriorityFee("ludicrous", 1))));

        assertThat(errors).extracting(JupiterError::kind).containsExactly(Kind.RATE_LIMITED, Kind.SERVER,
                Kind.MALFORMED, Kind.MALFORMED, Kind.NO_ROUTE, Kind.REQUEST_SHAPE);
        for (JupiterError e : errors) {
            assertThat(e.getMessage()).doesNotContain(KEY);
            assertThat(e.toString()).doesNotContain(KEY);
        }
        assertThat(client.toString()).doesNotContain(KEY).contains("api key set");
        assertThat(client.stats().toString()).doesNotContain(KEY);
        assertThat(world.sim.requests()).allMatch(r -> r.apiKey().equals(Optional.of(KEY)));
    }
}
