package lotus.hyperliquid.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import lotus.market.Trade;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.time.SimulatedClock;
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
                    StreamConfig.hyperliquid(), WsLimits.hyperliquid(clock), listener, 1)) {
                stream.subscribe(Subscription.trades(coin));
                stream.start();
                long until = clock.nowMs() + 5 * 60_000;
                while (clock.nowMs() < until) {
                    Thread.sleep(10);
                }
                long end = clock.nowMs() - 10_000;
                Thread.sleep(200);
                TreeSet<Long> missing = new TreeSet<>();
                int expected = 0;
                for (Trade t : sim.market().trades(coin)) {
                    if (t.timeMs() > liveAt[0] && t.timeMs() < end) {
                        expected++;
                        if (!received.contains(t.tid())) {
                            missing.add(t.tid());
                        }
                    }
                }
                assertThat(expected).isGreaterThan(100);
                assertThat(missing).as("of %d trades", expected).isEmpty();
            }
        }
    }
}
