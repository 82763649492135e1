package lotus.sim;

import static lotus.sim.SimTesting.T0;
import static lotus.sim.SimWebSocketTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lotus.market.Trade;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

class SimFaultsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static List<Long> tids(JsonNode tradesFrame) {
        List<Long> tids = new ArrayList<>();
        tradesFrame.get("data").forEach(trade -> tids.add(trade.get("tid").asLong()));
        return tids;
    }

    @Test
    void dropAllConnectionsCutsTheSocketsWithoutACloseFrame() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(41), SimulatedClock.manual(T0), 0);
                WsTestClient a = WsTestClient.connectGreeted(http, sim.wsUrl());
                WsTestClient b = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            a.send(subscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            a.nextOn("subscriptionResponse");
            sim.faults().dropAllConnections();
            for (WsTestClient client : List.of(a, b)) {
                client.ping();
                WsTestClient.Ending ending = client.awaitEnding();
                assertThat(ending.closeCode() == null || ending.closeCode() == 1006)
                        .as("no close frame, got %s", ending).isTrue();
            }
            assertThat(sim.stats().connections()).isZero();
            assertThat(sim.stats().subscriptions()).isZero();
            WsTestClient.connectGreeted(http, sim.wsUrl()).close(); // the server itself lives on
        }
    }

    @Test
    void closeAllConnectionsSendsCloseFrame1000() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(42), SimulatedClock.manual(T0), 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            sim.faults().closeAllConnections();
            assertThat(client.awaitEnding().closeCode()).isEqualTo(1000);
            assertThat(sim.stats().connections()).isZero();
        }
    }

    @Test
    void malformedFramesCycleThroughEveryKind() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(43), SimulatedClock.manual(T0), 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            sim.faults().sendMalformedFrames(7);
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                frames.add(client.next());
            }
            assertThat(WsTestClient.parse(frames.get(0))).as("non-JSON text").isNull();
            assertThat(WsTestClient.parse(frames.get(1))).as("truncated JSON").isNull();
            assertThat(frames.get(1)).startsWith("{\"channel\":\"trades\"");
            JsonNode wrongTypes = WsTestClient.parse(frames.get(2)).get("data").get(0);
            assertThat(wrongTypes.get("px").isNumber()).isTrue();
            assertThat(wrongTypes.get("tid").isTextual()).isTrue();
            JsonNode nan = WsTestClient.parse(frames.get(3)).get("data").get(0);
            assertThat(nan.get("px").asText()).isEqualTo("NaN");
            assertThat(nan.get("tid").asLong()).isEqualTo(1);
            assertThat(WsTestClient.parse(frames.get(4)).get("channel").asText()).isEqualTo("simulatorMystery");
            JsonNode noTid = WsTestClient.parse(frames.get(5)).get("data").get(0);
            assertThat(noTid.has("tid")).isFalse();
            assertThat(noTid.get("coin").asText()).isEqualTo("BTC");
            assertThat(frames.get(6)).isEqualTo(frames.get(0)); // the cycle starts again
        }
    }

    @Test
    void duplicatedFramesArriveTwice() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(44), clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}"));
            client.nextOn("subscriptionResponse");
            sim.faults().duplicateFrames(true);
            clock.advanceMs(5_000);
            JsonNode first = client.nextOn("trades");
            assertThat(client.nextJson()).isEqualTo(first);
            assertThat(tids(first)).isEqualTo(sim.market().trades("ETH").stream().map(Trade::tid).toList());
            client.send("{\"method\":\"ping\"}");
            assertThat(client.next()).as("pongs are not data frames").isEqualTo("{\"channel\":\"pong\"}");
            assertThat(client.drain()).isEmpty();
        }
    }

    @Test
    void reorderedTradesArriveNewestFirstAndSometimesAfterNewerFrames() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(45), clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            client.nextOn("subscriptionResponse");
            sim.faults().reorderTrades(true);
            for (int step = 0; step < 30; step++) {
                clock.advanceMs(2_000);
                // Each step is pumped before the next (a held frame waits for the coin's next one), however slow the
                // machine: waiting for the pump to reach the clock, not for a fixed pause.
                long stop = clock.nowMs();
                await().atMost(Duration.ofSeconds(10)).until(() -> sim.steppedToMs() >= stop);
            }
            List<List<Long>> frames = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            Set<Long> all = new HashSet<>(sim.market().trades("BTC").stream().map(Trade::tid).toList());
            while (!seen.containsAll(all)) {
                List<Long> tids = tids(client.nextOn("trades"));
                frames.add(tids);
                seen.addAll(tids);
            }
            assertThat(frames).allSatisfy(tids -> assertThat(tids).isSortedAccordingTo((x, y) -> Long.compare(y, x)));
            boolean olderAfterNewer = false;
            for (int i = 1; i < frames.size(); i++) {
                olderAfterNewer |= frames.get(i).getFirst() < frames.get(i - 1).getLast();
            }
            assertThat(olderAfterNewer).as("some frame was held back behind a newer one").isTrue();
            assertThat(seen).hasSize(sim.market().trades("BTC").size());
        }
    }

    @Test
    void stalledDataStopsTradesWhilePongsContinue() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(46), clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            client.nextOn("subscriptionResponse");
            sim.faults().stallData(true);
            clock.advanceMs(5_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> !sim.market().trades("BTC").isEmpty());
            Thread.sleep(200);
            client.send("{\"method\":\"ping\"}");
            assertThat(client.next()).isEqualTo("{\"channel\":\"pong\"}");
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}"));
            assertThat(client.nextJson().get("channel").asText()).isEqualTo("subscriptionResponse");
            assertThat(client.drain()).isEmpty();

            long lastStalledTid = sim.market().trades("BTC").getLast().tid();
            sim.faults().stallData(false);
            clock.advanceMs(5_000);
            List<Long> resumed = tids(client.nextMatching(f -> f.path("channel").asText().equals("trades")
                    && f.get("data").get(0).get("coin").asText().equals("BTC")));
            assertThat(resumed).isNotEmpty().allMatch(tid -> tid > lastStalledTid, "stalled trades are lost");
        }
    }

    @Test
    void aDelayedCoinsTradesArriveOnlyAfterTheDelay() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(47), clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            client.nextOn("subscriptionResponse");
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}"));
            client.nextOn("subscriptionResponse");
            sim.faults().delayCoin("BTC", 10_000);
            clock.advanceMs(3_000);
            JsonNode eth = client.nextOn("trades");
            assertThat(eth.get("data").get(0).get("coin").asText()).isEqualTo("ETH");
            Thread.sleep(200);
            assertThat(client.drain()).noneMatch(frame -> frame.contains("\"coin\":\"BTC\""));
            clock.advanceMs(10_000);
            JsonNode btc = client.nextMatching(f -> f.path("channel").asText().equals("trades")
                    && f.get("data").get(0).get("coin").asText().equals("BTC"));
            List<Trade> firstThreeSeconds = sim.market().trades("BTC").stream()
                    .filter(t -> t.timeMs() <= T0 + 3_000).toList();
            assertThat(tids(btc)).isEqualTo(firstThreeSeconds.stream().map(Trade::tid).toList());
        }
    }

    @Test
    void faultsCanBeSwitchedOverHttp() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(48), SimulatedClock.manual(T0), 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            SimTesting.Reply ok = SimTesting.post(http, sim.restUrl() + "/admin/fault",
                    "{\"kind\":\"sendMalformedFrames\",\"count\":1}");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(client.next()).isEqualTo("this is not json {");
            assertThat(SimTesting.post(http, sim.restUrl() + "/admin/fault", "{\"kind\":\"explode\"}").status())
                    .isEqualTo(400);
            assertThat(SimTesting.post(http, sim.restUrl() + "/admin/fault", "{\"kind\":\"closeAllConnections\"}")
                    .status()).isEqualTo(200);
            assertThat(client.awaitEnding().closeCode()).isEqualTo(1000);
        }
    }
}
