package lotus.hyperliquid.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.net.URI;
import java.util.List;
import lotus.hyperliquid.common.HlCandle;
import lotus.hyperliquid.common.NetFailure;
import lotus.time.RateBudget;
import lotus.market.Bar;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The REST client against the simulator: paging, spot names, the weight budget and backoff on 429. */
class InfoClientTest {

    private static final long START = 1_767_571_200_000L;

    @Test
    void candlesArePagedUntilTheRangeIsCoveredAndEqualTheVenuesCandles() {
        SimulatedClock clock = SimulatedClock.manual(START);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(3).withHistoryMinutes(2_000)
                .withCandlesPerAnswer(500), clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 1200, clock), clock)) {
            List<HlCandle> candles = info.candles("ETH", Timeframe.M1, START - 1_800 * 60_000L, START - 60_000);
            List<Bar> truth = sim.market().candles("ETH", Timeframe.M1, START - 1_800 * 60_000L, START);
            assertThat(candles).hasSize(1_800).hasSameSizeAs(truth);
            for (int i = 0; i < truth.size(); i++) {
                Bar t = truth.get(i);
                HlCandle c = candles.get(i);
                assertThat(c.openTimeMs()).isEqualTo(t.openTimeMs());
                assertThat(c.close()).isEqualByComparingTo(t.close());
                assertThat(c.volume()).isEqualByComparingTo(t.volume());
            }
            // Four pages: 500 + 500 + 500 + 300.
            assertThat(sim.stats().restWeightUsed()).isEqualTo(4 * 20 + 9 + 9 + 9 + 5);
        }
    }

    @Test
    void anUnreachableEndpointIsNamedWithItsCauseOnEveryRetryLine() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/info");
        Logger logger = (Logger) LoggerFactory.getLogger(HlInfoClient.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        SimulatedClock clock = SimulatedClock.accelerated(START, 1_000);
        try (HlInfoClient info = new HlInfoClient(url, new RateBudget("w", 1200, clock), clock)) {
            assertThatThrownBy(info::meta).isInstanceOf(InfoException.class)
                    .hasMessage("info meta failed: cannot reach " + url + ": connection refused (6 attempts)");
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "cannot reach " + url + ": connection refused; retrying in 1 s",
                    "cannot reach " + url + ": connection refused; retrying in 2.5 s",
                    "cannot reach " + url + ": connection refused; retrying in 4.5 s",
                    "cannot reach " + url + ": connection refused; retrying in 8.5 s",
                    "cannot reach " + url + ": connection refused; retrying in 16.5 s");
            assertThat(info.retries()).isEqualTo(5);
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(NetFailure.describe(new java.net.ConnectException())).isEqualTo("connection refused");
        assertThat(NetFailure.describe(new java.io.IOException(new java.net.ConnectException(null) {
            {
                initCause(new java.nio.channels.UnresolvedAddressException());
            }
        }))).isEqualTo("unknown host");
        assertThat(NetFailure.describe(new java.net.http.HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("connection timed out");
    }

    @Test
    void overspendingMeets429AndBacksOffUntilTheVenuesMinuteHasRoom() {
        SimulatedClock clock = SimulatedClock.accelerated(START, 60);
        SimConfig config = SimConfig.defaults(3).withHistoryMinutes(10)
                .withLimits(SimConfig.Limits.hyperliquid().withRestWeightPerMinute(100));
        // Our budget believes in 1200 a minute; the venue allows 100: only its 429s can stop us.
        try (HlSimulator sim = HlSimulator.start(config, clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 1200, clock), clock)) {
            // Time stands still while the burst goes out, so it lands in one venue minute however slow the machine is;
            // once the venue has said 429, time runs on and the client must wait for a minute with room.
            clock.setSpeed(0);
            java.util.concurrent.CompletableFuture<Void> burst = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 8; i++) {
                    assertThat(info.meta().path("universe").size()).isGreaterThanOrEqualTo(35);
                }
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> sim.stats().http429() > 0);
            clock.setSpeed(60);
            burst.join();
            assertThat(sim.stats().http429()).isPositive();
            assertThat(info.retries()).isEqualTo(sim.stats().http429());
        }
    }

    @Test
    void theBudgetMakesRequestsWaitInsteadOfOverspending() {
        SimulatedClock clock = SimulatedClock.accelerated(START, 120);
        SimConfig config = SimConfig.defaults(3).withHistoryMinutes(10)
                .withLimits(SimConfig.Limits.hyperliquid().withRestWeightPerMinute(100));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 90, clock), clock)) {
            long t0 = clock.nowMs();
            for (int i = 0; i < 9; i++) {
                info.meta(); // 20 each: 180 weight needs a second minute
            }
            assertThat(clock.nowMs() - t0).isGreaterThanOrEqualTo(60_000);
            assertThat(info.throttledWaits()).isPositive();
            assertThat(sim.stats().http429()).isZero();
        }
    }

    @Test
    void rateBudgetSlidesOverTheMinute() {
        SimulatedClock clock = SimulatedClock.manual(START);
        RateBudget b = new RateBudget("t", 100, clock);
        assertThat(b.trySpend(60)).isTrue();
        clock.advanceMs(30_000);
        assertThat(b.trySpend(40)).isTrue();
        assertThat(b.trySpend(1)).isFalse();
        assertThat(b.availableAtMs(1)).isEqualTo(START + 60_000);
        assertThat(b.availableAtMs(60)).isEqualTo(START + 60_000);
        assertThat(b.availableAtMs(70)).isEqualTo(START + 90_000);
        clock.advanceMs(30_000);
        assertThat(b.usedLastMinute()).isEqualTo(40);
        assertThat(b.trySpend(60)).isTrue();
        assertThat(b.totalSpent()).isEqualTo(160);
        // A single request larger than the whole budget still goes, alone, rather than waiting forever.
        clock.advanceMs(60_000);
        assertThat(b.trySpend(500)).isTrue();
        // After a 429 the whole next minute is off limits.
        clock.advanceMs(60_000);
        b.exhaust();
        assertThat(b.trySpend(1)).isFalse();
        assertThat(b.availableAtMs(1)).isEqualTo(clock.nowMs() + 60_000);
    }

    /**
     * A status line reads the retry counter from another thread while requests write it. The reader spins 300 ms
     * before any retry, long enough to be compiled (a plain field read may then be hoisted out of the loop and never
     * re-read); then a request retries against a closed port, and the reader must see the count within a second.
     */
    @Test
    void aReaderOnAnotherThreadSeesEveryRetry() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SimulatedClock clock = SimulatedClock.accelerated(START, 1_000);
        try (HlInfoClient info = new HlInfoClient(URI.create("http://127.0.0.1:" + port + "/info"),
                new RateBudget("w", 1200, clock), clock)) {
            long giveUpAt = System.nanoTime() + 1_200_000_000L;
            boolean[] seen = {false};
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                // Nothing in this loop orders memory: only the counter itself can make the retry visible.
                long retries;
                do {
                    retries = info.retries();
                } while (retries == 0 && System.nanoTime() < giveUpAt);
                seen[0] = retries > 0;
            });
            Thread.sleep(300);
            assertThatThrownBy(info::meta).isInstanceOf(InfoException.class);
            reader.join(3_000);
            assertThat(seen[0]).as("the reader saw the retries within a second").isTrue();
        }
    }
}
