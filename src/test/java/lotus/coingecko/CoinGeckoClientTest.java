package lotus.coingecko;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lotus.coingecko.DominanceResult.Failed;
import lotus.coingecko.DominanceResult.Failure;
import lotus.coingecko.DominanceResult.Sampled;
import lotus.sim.CoinGeckoSim;
import lotus.sim.CoinGeckoSim.Fault;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CoinGecko client against the simulator over 127.0.0.1, on a manual clock. */
class CoinGeckoClientTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long SEED = 20_260_101;
    private static final String KEY = "CG-s3cr3tDemoKey123";

    SimulatedClock clock;
    CoinGeckoSim sim;
    RateBudget budget;
    CoinGeckoClient client;

    private void start(Optional<String> key, Duration timeout) {
        clock = SimulatedClock.manual(T0);
        sim = CoinGeckoSim.start(clock, SEED, CoinGeckoSim.PER_MINUTE, 0);
        budget = new RateBudget("coingecko", CoinGeckoClient.DEFAULT_PER_MINUTE, clock);
        client = new CoinGeckoClient(sim.baseUrl(), key, CoinGeckoClient.DEMO_KEY_HEADER, budget, clock, timeout, 5);
    }

    private void start() {
        start(Optional.empty(), Duration.ofSeconds(5));
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

    private List<Integer> statuses() {
        return sim.requests().stream().map(CoinGeckoSim.Request::status).toList();
    }

    /** Runs a call on another thread and moves the manual clock in 100 ms steps until it returns. */
    private DominanceResult globalWhileTimeRuns() throws Exception {
        CompletableFuture<DominanceResult> call = CompletableFuture.supplyAsync(() -> {
            try {
                return client.global();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 600 && !call.isDone(); i++) {
            Thread.sleep(5);
            clock.advanceMs(100);
        }
        return call.get(5, TimeUnit.SECONDS);
    }

    @Test
    void twoHoursAtOneCallAMinuteGiveEveryMinuteExactlyTheSimulatorsValuesWithinTheBudget() throws Exception {
        start();
        List<Dominance> samples = new ArrayList<>();
        for (int minute = 0; minute < 120; minute++) {
            clock.setMs(T0 + minute * 60_000L + 7_000);
            if (client.global() instanceof Sampled s) {
                samples.add(s.dominance());
            }
        }

        assertThat(samples).as("seed %d", SEED).hasSize(120);
        assertThat(client.failures()).isZero();
        for (Dominance d : samples) {
            // Exact: the same digits and scale as the simulator's path (equals, not compareTo), not merely close.
            assertThat(d.btc()).as("seed %d", SEED).isEqualTo(sim.btcAt(d.receivedAtMs()))
                    .isBetween(BigDecimal.valueOf(50), BigDecimal.valueOf(60));
            assertThat(d.usdt()).as("seed %d", SEED).isEqualTo(sim.usdtAt(d.receivedAtMs()))
                    .isBetween(BigDecimal.valueOf(3), BigDecimal.valueOf(6));
            assertThat(d.updatedAtMs()).hasValue(Math.floorDiv(d.receivedAtMs(), 1_000) * 1_000);
        }
        assertThat(samples.stream().map(Dominance::btc).distinct().count()).isGreaterThan(100);
        assertThat(statuses()).hasSize(120).containsOnly(200);
        assertWithinBudgetInEverySlidingMinute(CoinGeckoClient.DEFAULT_PER_MINUTE);
    }

    @Test
    void aBurstPastTheBudgetIsRefusedByTheClientNotByTheVenue() throws Exception {
        start();
        List<DominanceResult> results = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            results.add(client.global());
            clock.advanceMs(100);
        }

        assertThat(results).filteredOn(r -> r instanceof Sampled).hasSize(CoinGeckoClient.DEFAULT_PER_MINUTE);
        assertThat(client.failures(Failure.NO_BUDGET)).isEqualTo(5);
        assertThat(statuses()).hasSize(CoinGeckoClient.DEFAULT_PER_MINUTE).containsOnly(200);
        assertWithinBudgetInEverySlidingMinute(CoinGeckoClient.DEFAULT_PER_MINUTE);
    }

    private void assertWithinBudgetInEverySlidingMinute(int perMinute) {
        List<CoinGeckoSim.Request> log = sim.requests();
        for (CoinGeckoSim.Request r : log) {
            long inWindow = log.stream().filter(o -> o.timeMs() > r.timeMs() - 60_000 && o.timeMs() <= r.timeMs())
                    .count();
            assertThat(inWindow).as("requests in the minute up to %d", r.timeMs()).isLessThanOrEqualTo(perMinute);
        }
    }

    @Test
    void aTooManyRequestsAnswerBacksOffOnTheClockThenSucceeds() throws Exception {
        start();
        sim.inject(Fault.TOO_MANY_REQUESTS, Fault.TOO_MANY_REQUESTS);

        DominanceResult result = globalWhileTimeRuns();

        assertThat(result).isInstanceOf(Sampled.class);
        assertThat(statuses()).containsExactly(429, 429, 200);
        List<CoinGeckoSim.Request> log = sim.requests();
        // 1 s then 2 s, each plus up to 1 s of jitter; the clock also moves while a request is in flight.
        assertThat(log.get(1).timeMs() - log.get(0).timeMs()).isBetween(1_000L, 2_600L);
        assertThat(log.get(2).timeMs() - log.get(1).timeMs()).isBetween(2_000L, 3_600L);
        assertThat(client.backoffs()).isEqualTo(2);
        assertThat(client.failures()).isZero();
        Dominance d = ((Sampled) result).dominance();
        assertThat(d.btc()).isEqualByComparingTo(sim.btcAt(log.get(2).timeMs()));
    }

    @Test
    void backoffIsBoundedAndEndsInATypedResult() throws Exception {
        start();
        sim.inject(Fault.TOO_MANY_REQUESTS, Fault.TOO_MANY_REQUESTS, Fault.TOO_MANY_REQUESTS,
                Fault.TOO_MANY_REQUESTS);

        DominanceResult result = globalWhileTimeRuns();

        assertThat(result).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.RATE_LIMITED);
            assertThat(f.reason()).isEqualTo("HTTP 429 after 3 backoffs");
        });
        assertThat(statuses()).containsExactly(429, 429, 429, 429);
        assertThat(client.failures(Failure.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void eachBadAnswerIsCountedByItsKindAndSkipped() throws Exception {
        start();
        sim.inject(Fault.SERVER_ERROR, Fault.HTML, Fault.TRUNCATED, Fault.MISSING_USDT, Fault.NEGATIVE_BTC,
                Fault.NAN_BTC);
        List<DominanceResult> results = new ArrayList<>();
        for (int minute = 0; minute < 7; minute++) {
            clock.setMs(T0 + minute * 60_000L);
            results.add(client.global());
        }

        assertThat(results).extracting(r -> r instanceof Failed f ? f.failure().name() : "SAMPLED").containsExactly(
                "SERVER_ERROR", "NOT_JSON", "NOT_JSON", "MALFORMED", "MALFORMED", "MALFORMED", "SAMPLED");
        assertThat(((Failed) results.get(0)).reason()).isEqualTo("HTTP 503");
        assertThat(((Failed) results.get(3)).reason()).endsWith("usdt missing");
        assertThat(client.failures(Failure.SERVER_ERROR)).isEqualTo(1);
        assertThat(client.failures(Failure.NOT_JSON)).isEqualTo(2);
        assertThat(client.failures(Failure.MALFORMED)).isEqualTo(3);
        assertThat(client.sampled()).isEqualTo(1);
        assertThat(client.calls()).isEqualTo(7); // none of these is retried
    }

    @Test
    void aTimeoutIsATransportFailure() throws Exception {
        start(Optional.empty(), Duration.ofMillis(200));
        sim.slowDelayMs(1_000);
        sim.inject(Fault.SLOW);

        assertThat(client.global()).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.failure()).isEqualTo(Failure.TRANSPORT));
        assertThat(client.failures(Failure.TRANSPORT)).isEqualTo(1);
    }

    @Test
    void aClosedPortIsATransportFailureNotAnException() throws Exception {
        start();
        String base = sim.baseUrl();
        sim.close();
        sim = null;
        try (CoinGeckoClient dead = new CoinGeckoClient(base, Optional.empty(), budget, clock,
                Duration.ofSeconds(2))) {
            assertThat(dead.global()).isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.failure()).isEqualTo(Failure.TRANSPORT));
        }
    }

    @Test
    void theApiKeyTravelsOnlyInItsHeaderAndNeverInAMessage() throws Exception {
        start(Optional.of(KEY), Duration.ofMillis(200));
        sim.slowDelayMs(1_000);
        sim.inject(Fault.SERVER_ERROR, Fault.HTML, Fault.TRUNCATED, Fault.NAN_BTC, Fault.SLOW);
        List<String> messages = new ArrayList<>();
        for (int minute = 0; minute < 6; minute++) {
            clock.setMs(T0 + minute * 60_000L);
            if (client.global() instanceof Failed f) {
                messages.add(f.reason());
            }
        }
        sim.inject(Fault.TOO_MANY_REQUESTS, Fault.TOO_MANY_REQUESTS, Fault.TOO_MANY_REQUESTS,
                Fault.TOO_MANY_REQUESTS);
        clock.setMs(T0 + 6 * 60_000L);
        if (globalWhileTimeRuns() instanceof Failed f) {
            messages.add(f.reason());
        }

        for (int i = 0; i < 100 && sim.requests().size() < 10; i++) {
            Thread.sleep(20); // the slow answer is logged when the simulator finishes it, after the client gave up
        }
        assertThat(messages).hasSize(6).allSatisfy(m -> assertThat(m).doesNotContain(KEY));
        assertThat(client.toString()).doesNotContain(KEY).contains("key=set");
        assertThat(sim.requests()).hasSize(10).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry(CoinGeckoClient.DEMO_KEY_HEADER, KEY);
            assertThat(r.headers().entrySet()).filteredOn(e -> e.getValue().contains(KEY)).hasSize(1);
            assertThat(r.query()).doesNotContain(KEY);
            assertThat(r.path()).isEqualTo("/coingecko/api/v3/global").doesNotContain(KEY);
        });
    }

    @Test
    void theKeyHeaderNameIsTheCallersChoiceAndNoKeyMeansNoHeader() throws Exception {
        start();
        assertThat(client.global()).isInstanceOf(Sampled.class);
        try (CoinGeckoClient pro = new CoinGeckoClient(sim.baseUrl(), Optional.of(KEY), "x-cg-pro-api-key", budget,
                clock, Duration.ofSeconds(5), 1)) {
            assertThat(pro.global()).isInstanceOf(Sampled.class);
        }

        assertThat(sim.requests().get(0).headers()).doesNotContainKeys(CoinGeckoClient.DEMO_KEY_HEADER,
                "x-cg-pro-api-key");
        assertThat(sim.requests().get(1).headers()).containsEntry("x-cg-pro-api-key", KEY)
                .doesNotContainKey(CoinGeckoClient.DEMO_KEY_HEADER);
    }
}
