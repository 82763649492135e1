package lotus.hyperliquid.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import lotus.market.Trade;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The stream against the simulator over a real socket: every trade after the ack arrives, once per frame. */
class MarketStreamTest {

    @Test
    void everyTradeAfterTheAckArrives() throws Exception {
        SimulatedClock clock = SimulatedClock.accelerated(1_767_571_200_000L, 120);
        Set<Long> received = ConcurrentHashMap.newKeySet();
        long[] liveAt = {Long.MAX_VALUE};
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(5).withHistoryMinutes(60), clock, 0)) {
            String coin = sim.market().assets().get(8).apiCoin();
            StreamListener listener = new StreamListener() {
                @Override
                public void onTrades(String c, List<Trade> trades) {
                    trades.forEach(t -> received.add(t.tid()));
                }

                @Override
                public void onLive(Subscription s, long atMs) {
                    liveAt[0] = atMs;
                }

                @Override
                public void onDisconnected(long lastFrameMs, String reason) {
                }
            };
            try (HlMarketStream stream = new HlMarketStream("t", java.net.URI.create(sim.wsUrl()), clock,
                    StreamConfig.hyperliquid().forClockSpeed(120), WsLimits.hyperliquid(clock), listener, 1)) {
                stream.subscribe(Subscription.trades(coin));
                stream.start();
                long until = clock.nowMs() + 5 * 60_000;
                while (clock.nowMs() < until) {
                    Thread.sleep(10);
                }
                long end = clock.nowMs() - 10_000;
                // Frames still on their way arrive in their own time on a loaded machine: wait for them (up to 10 s),
                // rather than a fixed pause that a slow run can outlast; a lost trade still fails at the deadline.
                TreeSet<Long> missing = new TreeSet<>();
                int expected = 0;
                long deadline = System.nanoTime() + 10_000_000_000L;
                do {
                    missing.clear();
                    expected = 0;
                    for (Trade t : sim.market().trades(coin)) {
                        if (t.timeMs() > liveAt[0] && t.timeMs() < end) {
                            expected++;
                            if (!received.contains(t.tid())) {
                                missing.add(t.tid());
                            }
                        }
                    }
                    if (!missing.isEmpty()) {
                        Thread.sleep(20);
                    }
                } while (!missing.isEmpty() && System.nanoTime() < deadline);
                assertThat(expected).isGreaterThan(100);
                assertThat(missing).as("of %d trades", expected).isEmpty();
            }
        }
    }

    @Test
    void aStalledFeedBehindHealthyPongsIsDroppedAndResubscribed() throws Exception {
        SimulatedClock clock = SimulatedClock.accelerated(1_767_571_200_000L, 120);
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Long> gapStarts = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] lastTradeMs = {0};
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(6).withHistoryMinutes(60), clock, 0)) {
            StreamListener listener = new StreamListener() {
                @Override
                public void onTrades(String c, List<Trade> trades) {
                    lastTradeMs[0] = clock.nowMs();
                }

                @Override
                public void onLive(Subscription s, long atMs) {
                }

                @Override
                public void onDisconnected(long lastFrameMs, String reason) {
                    reasons.add(reason);
                    gapStarts.add(lastFrameMs);
                }
            };
            try (HlMarketStream stream = new HlMarketStream("t", java.net.URI.create(sim.wsUrl()), clock,
                    StreamConfig.hyperliquid().forClockSpeed(120).withDataStaleMs(60_000), WsLimits.hyperliquid(clock),
                    listener, 1)) {
                stream.subscribe(Subscription.trades("BTC"));
                stream.start();
                long until = clock.nowMs() + 10 * 60_000;
                while (!stream.isLive(Subscription.trades("BTC")) && clock.nowMs() < until) {
                    Thread.sleep(10);
                }
                assertThat(stream.isLive(Subscription.trades("BTC"))).isTrue();
                long reconnectsBefore = stream.reconnects();
                reasons.clear();
                gapStarts.clear();
                sim.faults().stallData(true);
                long stalledAt = clock.nowMs();
                while (stream.reconnects() == reconnectsBefore && clock.nowMs() < stalledAt + 10 * 60_000) {
                    Thread.sleep(10);
                }
                sim.faults().stallData(false);
                assertThat(reasons).first().asString().startsWith("data stalled for");
                // The gap is reported from the last data frame, not from the last pong.
                assertThat(gapStarts.get(0)).isLessThanOrEqualTo(stalledAt + 5_000);
                long resumed = clock.nowMs();
                while (lastTradeMs[0] <= resumed && clock.nowMs() < resumed + 5 * 60_000) {
                    Thread.sleep(10);
                }
                assertThat(lastTradeMs[0]).isGreaterThan(resumed);
            }
        }
    }

    /**
     * The JDK may report an aborted socket's close or error after its replacement is up. That late callback belongs
     * to the old connection and must not drop the new one. The first connection is dropped by replaying a server
     * close on its listener; once the stream has reconnected, the old listener reports an error.
     */
    @RepeatedTest(3)
    void aLateCallbackFromAnAbortedSocketLeavesTheNewConnectionAlone() throws Exception {
        SimulatedClock clock = SimulatedClock.accelerated(1_767_571_200_000L, 120);
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<java.net.http.WebSocket.Listener> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(5).withHistoryMinutes(60), clock, 0)) {
            StreamListener listener = new StreamListener() {
                @Override
                public void onTrades(String c, List<Trade> trades) {
                }

                @Override
                public void onLive(Subscription s, long atMs) {
                }

                @Override
                public void onDisconnected(long lastFrameMs, String reason) {
                    reasons.add(reason);
                }
            };
            try (HlMarketStream stream = new HlMarketStream("t", java.net.URI.create(sim.wsUrl()), clock,
                    StreamConfig.hyperliquid().forClockSpeed(120), WsLimits.hyperliquid(clock), listener, 1)) {
                stream.onConnected = sockets::add;
                stream.subscribe(Subscription.trades("BTC"));
                stream.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> stream.connected() && sockets.size() == 1);
                sockets.get(0).onClose(null, 1001, "going away");
                await().atMost(Duration.ofSeconds(5)).until(() -> stream.connected() && sockets.size() == 2);
                sockets.get(0).onError(null, new java.io.IOException("late error of the aborted socket"));
                Thread.sleep(300);
                assertThat(reasons).containsExactly("closed by server (1001 going away)");
                assertThat(stream.reconnects()).isEqualTo(1);
                assertThat(stream.connected()).isTrue();
            }
        }
    }
}
