package lotus.sim;

import static lotus.sim.SimTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import lotus.market.Bar;
import lotus.market.Decimals;
import lotus.market.Trade;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

class SimWebSocketTest {

    private final HttpClient http = HttpClient.newHttpClient();

    static String subscribe(String subscription) {
        return "{\"method\":\"subscribe\",\"subscription\":" + subscription + "}";
    }

    static String unsubscribe(String subscription) {
        return "{\"method\":\"unsubscribe\",\"subscription\":" + subscription + "}";
    }

    /** Reads trades frames until every tid of {@code want} arrived; returns the frames' trades in arrival order. */
    private static List<JsonNode> tradesUntil(WsTestClient client, List<Trade> want) throws InterruptedException {
        List<JsonNode> got = new ArrayList<>();
        Set<Long> missing = new HashSet<>(want.stream().map(Trade::tid).toList());
        while (!missing.isEmpty()) {
            JsonNode frame = client.nextOn("trades");
            frame.get("data").forEach(trade -> {
                got.add(trade);
                missing.remove(trade.get("tid").asLong());
            });
        }
        return got;
    }

    @Test
    void subscribeAckTradesPingAndUnsubscribe() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(31), clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            assertThat(client.next()).isEqualTo("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":"
                    + "\"subscribe\",\"subscription\":{\"type\":\"trades\",\"coin\":\"BTC\"}}}");

            clock.advanceMs(10_000);
            JsonNode frame = client.nextOn("trades");
            List<Trade> btc = sim.market().trades("BTC");
            assertThat(btc).hasSizeGreaterThan(5);
            JsonNode data = frame.get("data");
            assertThat(data.size()).as("one frame with every new trade of the coin").isEqualTo(btc.size());
            for (int i = 0; i < btc.size(); i++) {
                Trade want = btc.get(i);
                JsonNode got = data.get(i);
                assertThat(got.get("coin").asText()).isEqualTo("BTC");
                assertThat(got.get("side").asText()).isEqualTo(want.side().code());
                assertThat(got.get("px").asText()).isEqualTo(Decimals.plain(want.px()));
                assertThat(got.get("sz").asText()).isEqualTo(Decimals.plain(want.sz()));
                assertThat(got.get("time").asLong()).isEqualTo(want.timeMs());
                assertThat(got.get("tid").isIntegralNumber()).isTrue();
                assertThat(got.get("tid").asLong()).isEqualTo(want.tid());
                assertThat(got.get("hash").asText()).matches("0x[0-9a-f]{64}");
                assertThat(got.get("users").size()).isEqualTo(2);
                assertThat(got.get("users").get(0).asText()).matches("0x[0-9a-f]{40}")
                        .isNotEqualTo(got.get("users").get(1).asText());
            }

            client.send("{\"method\":\"ping\"}");
            assertThat(client.nextOn("pong").toString()).isEqualTo("{\"channel\":\"pong\"}");

            client.send(unsubscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            JsonNode ack = client.nextOn("subscriptionResponse");
            assertThat(ack.get("data").get("method").asText()).isEqualTo("unsubscribe");
            assertThat(ack.get("data").get("subscription").get("coin").asText()).isEqualTo("BTC");
            assertThat(sim.stats().subscriptions()).isZero();
            long printed = sim.market().tradeCount();
            clock.advanceMs(10_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.market().tradeCount() > printed);
            Thread.sleep(200);
            assertThat(client.drain()).noneMatch(text -> text.contains("\"channel\":\"trades\""));
        }
    }

    @Test
    void aNewSubscriberFirstGetsTheLastTenTradesThenOnlyNewOnes() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(32), clock, 0);
                WsTestClient early = WsTestClient.connectGreeted(http, sim.wsUrl());
                WsTestClient late = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            early.send(subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}"));
            early.nextOn("subscriptionResponse");
            clock.advanceMs(20_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> !sim.market().trades("ETH").isEmpty());
            tradesUntil(early, sim.market().trades("ETH")); // the pump has sent them: the snapshot ring is full

            late.send(subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}"));
            late.nextOn("subscriptionResponse");
            JsonNode snapshot = late.nextOn("trades").get("data");
            List<Trade> eth = sim.market().trades("ETH");
            assertThat(eth).hasSizeGreaterThan(10);
            List<Long> lastTen = eth.subList(eth.size() - 10, eth.size()).stream().map(Trade::tid).toList();
            List<Long> got = new ArrayList<>();
            snapshot.forEach(t -> got.add(t.get("tid").asLong()));
            assertThat(got).isEqualTo(lastTen);

            clock.advanceMs(5_000);
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.market().trades("ETH").size() > eth.size());
            List<Trade> after = sim.market().trades("ETH");
            List<JsonNode> fresh = tradesUntil(late, after.subList(eth.size(), after.size()));
            List<Long> newTids = after.subList(eth.size(), after.size()).stream().map(Trade::tid).toList();
            assertThat(fresh).extracting(t -> t.get("tid").asLong()).containsExactlyElementsOf(newTids);
        }
    }

    @Test
    void candleFramesFollowTheOpenCandleAndEndEqualToTheMarket() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0 + 30_000);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(33), clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"candle\",\"coin\":\"SOL\",\"interval\":\"1m\"}"));
            assertThat(client.nextOn("subscriptionResponse").get("data").get("subscription").toString())
                    .isEqualTo("{\"type\":\"candle\",\"coin\":\"SOL\",\"interval\":\"1m\"}");
            JsonNode first = client.nextOn("candle").get("data");
            assertThat(first.get("t").asLong()).as("the current (history) candle").isEqualTo(T0);
            clock.advanceMs(45_000); // into the next minute: one pump, so one final and one open candle
            JsonNode finalOfFirst = client.nextOn("candle").get("data");
            JsonNode openCandle = client.nextOn("candle").get("data");
            assertCandle(finalOfFirst, sim.market().candles("SOL", Timeframe.M1, T0, T0 + 1).getFirst());
            assertCandle(openCandle, sim.market().candles("SOL", Timeframe.M1, T0 + 60_000, T0 + 60_001).getFirst());
            assertThat(finalOfFirst.get("n").asInt()).isGreaterThan(first.get("n").asInt());
        }
    }

    static void assertCandle(JsonNode candle, Bar bar) {
        assertThat(candle.get("t").asLong()).isEqualTo(bar.openTimeMs());
        assertThat(candle.get("T").asLong()).isEqualTo(bar.closeTimeMs() - 1);
        assertThat(candle.get("s").asText()).isEqualTo(bar.tokenContract());
        assertThat(candle.get("i").asText()).isEqualTo(bar.timeframe().label());
        assertThat(candle.get("o").asText()).isEqualTo(Decimals.plain(bar.open()));
        assertThat(candle.get("h").asText()).isEqualTo(Decimals.plain(bar.high()));
        assertThat(candle.get("l").asText()).isEqualTo(Decimals.plain(bar.low()));
        assertThat(candle.get("c").asText()).isEqualTo(Decimals.plain(bar.close()));
        assertThat(candle.get("v").asText()).isEqualTo(Decimals.plain(bar.volume()));
        assertThat(candle.get("n").asInt()).isEqualTo(bar.tradeCount());
    }

    @Test
    void allMidsAndL2BookStreams() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(34), clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"allMids\"}"));
            assertThat(client.nextOn("subscriptionResponse").get("data").get("subscription").toString())
                    .isEqualTo("{\"type\":\"allMids\"}");
            JsonNode mids = client.nextOn("allMids").get("data").get("mids");
            assertThat(mids.size()).isEqualTo(sim.market().assets().size());
            assertThat(new BigDecimal(mids.get("@107").asText())).isEqualByComparingTo(sim.market().mid("@107"));
            assertThat(mids.has("PURR/USDC")).isTrue();

            client.send(subscribe("{\"type\":\"l2Book\",\"coin\":\"BTC\"}"));
            JsonNode ack = client.nextOn("subscriptionResponse").get("data").get("subscription");
            assertThat(ack.get("type").asText()).isEqualTo("l2Book");
            assertThat(ack.get("coin").asText()).isEqualTo("BTC");
            JsonNode book = client.nextOn("l2Book").get("data");
            assertThat(book.get("coin").asText()).isEqualTo("BTC");
            SimRestTest.assertBook(book, sim.market().asset("BTC").orElseThrow(), sim.market().mid("BTC"));

            clock.advanceMs(2_000); // one pump: allMids, then the book
            JsonNode newMids = client.nextOn("allMids").get("data").get("mids");
            JsonNode pushed = client.nextOn("l2Book").get("data");
            assertThat(new BigDecimal(newMids.get("BTC").asText())).isEqualByComparingTo(sim.market().mid("BTC"));
            assertThat(pushed.get("time").asLong()).isEqualTo(T0 + 2_000);
            SimRestTest.assertBook(pushed, sim.market().asset("BTC").orElseThrow(), sim.market().mid("BTC"));
        }
    }

    @Test
    void errorFramesCarryTheVenuesTexts() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(35), SimulatedClock.manual(T0), 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"ETH\"}"));
            client.nextOn("subscriptionResponse");
            client.send(subscribe("{\"coin\":\"ETH\",\"type\":\"trades\",\"extra\":1}"));
            assertThat(client.next()).isEqualTo("{\"channel\":\"error\",\"data\":"
                    + "\"Already subscribed: {\\\"type\\\":\\\"trades\\\",\\\"coin\\\":\\\"ETH\\\"}\"}");
            client.send(unsubscribe("{\"type\":\"trades\",\"coin\":\"SOL\"}"));
            assertThat(client.nextJson().get("data").asText())
                    .isEqualTo("Already unsubscribed: {\"type\":\"trades\",\"coin\":\"SOL\"}");
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"NOPE\"}"));
            assertThat(client.nextJson().get("data").asText())
                    .isEqualTo("Invalid subscription {\"type\":\"trades\",\"coin\":\"NOPE\"}");
            client.send(subscribe("{\"type\":\"candle\",\"coin\":\"ETH\",\"interval\":\"3m\"}"));
            assertThat(client.nextJson().get("data").asText())
                    .isEqualTo("Invalid subscription {\"type\":\"candle\",\"coin\":\"ETH\",\"interval\":\"3m\"}");
            for (String bad : List.of("{\"method\":\"subscribe\",", "hello", "{\"method\":\"dance\"}",
                    subscribe("{\"type\":\"noSuchFeed\",\"coin\":\"ETH\"}"), subscribe("{\"type\":\"trades\"}"))) {
                client.send(bad);
                JsonNode error = client.nextJson();
                assertThat(error.get("channel").asText()).isEqualTo("error");
                assertThat(error.get("data").asText())
                        .isEqualTo("Error parsing JSON into valid websocket request: " + bad);
            }
            assertThat(sim.stats().subscriptions()).isEqualTo(1);
            assertThat(sim.stats().limitViolations()).isZero();
        }
    }

    @Test
    void theSubscriptionCapSpansConnectionsAndRefusalsAreCounted() throws Exception {
        SimConfig config = SimTesting.config(36)
                .withLimits(SimConfig.Limits.hyperliquid().withSubscriptionsPerIp(5).withIdleCloseMs(3_600_000));
        try (HlSimulator sim = HlSimulator.start(config, SimulatedClock.manual(T0), 0);
                WsTestClient a = WsTestClient.connectGreeted(http, sim.wsUrl());
                WsTestClient b = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            for (String coin : List.of("BTC", "ETH", "SOL")) {
                a.send(subscribe("{\"type\":\"trades\",\"coin\":\"" + coin + "\"}"));
                a.nextOn("subscriptionResponse");
            }
            for (String coin : List.of("BTC", "ETH")) {
                b.send(subscribe("{\"type\":\"trades\",\"coin\":\"" + coin + "\"}"));
                b.nextOn("subscriptionResponse");
            }
            b.send(subscribe("{\"type\":\"trades\",\"coin\":\"SOL\"}"));
            assertThat(b.nextJson().toString())
                    .isEqualTo("{\"channel\":\"error\",\"data\":\"Cannot subscribe to more than 5 channels\"}");
            a.send(subscribe("{\"type\":\"allMids\"}"));
            assertThat(a.nextOn("error").get("data").asText()).isEqualTo("Cannot subscribe to more than 5 channels");
            assertThat(sim.stats().subscriptions()).isEqualTo(5);
            assertThat(sim.stats().violationsByKind()).containsEntry("subscriptions", 2L);
            assertThat(sim.stats().limitViolations()).isEqualTo(2);

            a.send(unsubscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            a.nextOn("subscriptionResponse");
            b.send(subscribe("{\"type\":\"trades\",\"coin\":\"SOL\"}"));
            assertThat(b.nextOn("subscriptionResponse").get("data").get("method").asText()).isEqualTo("subscribe");
            a.abort();
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.stats().subscriptions() == 3);
        }
    }

    @Test
    void messagesBeyondThePerMinuteCapAreAnsweredWithAnErrorAndIgnored() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        SimConfig config = SimTesting.config(37)
                .withLimits(SimConfig.Limits.hyperliquid().withMessagesPerMinute(10).withIdleCloseMs(3_600_000));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0);
                WsTestClient client = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            for (int i = 0; i < 10; i++) {
                client.send("{\"method\":\"ping\"}");
            }
            for (int i = 0; i < 10; i++) {
                assertThat(client.next()).isEqualTo("{\"channel\":\"pong\"}");
            }
            client.send("{\"method\":\"ping\"}");
            client.send(subscribe("{\"type\":\"trades\",\"coin\":\"BTC\"}"));
            for (int i = 0; i < 2; i++) {
                assertThat(client.next())
                        .isEqualTo("{\"channel\":\"error\",\"data\":\"Too many messages: limit is 10 per minute\"}");
            }
            assertThat(sim.stats().subscriptions()).as("the refused subscribe was ignored").isZero();
            assertThat(sim.stats().violationsByKind()).containsEntry("messagesPerMinute", 2L);
            clock.advanceMs(60_000);
            client.send("{\"method\":\"ping\"}");
            assertThat(client.next()).isEqualTo("{\"channel\":\"pong\"}");
        }
    }

    @Test
    void connectionsBeyondTheCapsAreRefusedAtTheHandshake() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        SimConfig config = SimTesting.config(38).withLimits(SimConfig.Limits.hyperliquid().withConnectionsPerIp(2)
                .withOpensPerMinute(3).withIdleCloseMs(3_600_000));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0)) {
            WsTestClient a = WsTestClient.connectGreeted(http, sim.wsUrl());
            WsTestClient b = WsTestClient.connectGreeted(http, sim.wsUrl());
            assertThatThrownBy(() -> WsTestClient.connect(http, sim.wsUrl()))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(429));
            assertThat(sim.stats().violationsByKind()).containsEntry("connections", 1L);
            assertThat(sim.stats().connections()).isEqualTo(2);
            a.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.stats().connections() == 1);
            WsTestClient c = WsTestClient.connectGreeted(http, sim.wsUrl()); // third open this minute
            c.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.stats().connections() == 1);
            assertThatThrownBy(() -> WsTestClient.connect(http, sim.wsUrl()))
                    .cause().isInstanceOf(WebSocketHandshakeException.class);
            assertThat(sim.stats().violationsByKind()).containsEntry("opensPerMinute", 1L);
            assertThat(sim.stats().limitViolations()).isEqualTo(2);
            assertThat(sim.stats().opens()).isEqualTo(3);
            clock.advanceMs(60_000);
            WsTestClient.connectGreeted(http, sim.wsUrl()).close();
            b.close();
        }
    }

    @Test
    void silentConnectionsAreClosedAfterTheIdleTimeOfTheSimulatedClock() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        SimConfig config = SimTesting.config(39).withTradesPerSecond(0);
        config = config.withLimits(config.limits().withIdleCloseMs(60_000));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0);
                WsTestClient silent = WsTestClient.connectGreeted(http, sim.wsUrl());
                WsTestClient pinger = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            clock.advanceMs(50_000);
            pinger.send("{\"method\":\"ping\"}");
            assertThat(pinger.next()).isEqualTo("{\"channel\":\"pong\"}");
            clock.advanceMs(9_000);
            Thread.sleep(100);
            assertThat(silent.ended()).as("59 s of silence is allowed").isFalse();
            clock.advanceMs(1_000);
            WsTestClient.Ending ending = silent.awaitEnding();
            assertThat(ending.closeCode()).isEqualTo(1000);
            assertThat(ending.reason()).isEqualTo("Idle timeout");
            assertThat(pinger.ended()).isFalse();
            assertThat(sim.stats().connections()).isEqualTo(1);
            clock.advanceMs(50_000);
            assertThat(pinger.awaitEnding().closeCode()).isEqualTo(1000);
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.stats().connections() == 0);
        }
    }
}
