package lotus.sim;

import static lotus.sim.SignedClient.MASTER;
import static lotus.sim.SignedClient.MASTER_KEY;
import static lotus.sim.SimExchangeOrderTest.levels;
import static lotus.sim.SimTesting.T0;
import static lotus.sim.SimWebSocketTest.subscribe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.Locale;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.ExchangeActions.Tif;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

class SimExchangeStreamTest {

    private static final String LOWER = MASTER.toLowerCase(Locale.ROOT);
    private final HttpClient http = HttpClient.newHttpClient();

    private static String orderStatus(SignedClient client, String oidOrCloid) throws Exception {
        return client.info("{\"type\":\"orderStatus\",\"user\":\"" + MASTER + "\",\"oid\":" + oidOrCloid + "}")
                .get("order").get("status").asText();
    }

    @Test
    void userFillsStartWithASnapshotThenIncrementsAndOrderUpdatesFollowEachOrder() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(81), clock, 0);
                WsTestClient ws = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int btc = sim.market().asset("BTC").orElseThrow().assetId();
            SimExchangeOrderTest.Level ask = levels(client.info("{\"type\":\"l2Book\",\"coin\":\"BTC\"}"), 1)
                    .getFirst();
            client.first(SignedClient.order(btc, true, ask.px(), ask.sz(), Tif.IOC, null));
            long firstTid = sim.exchange().fills(MASTER).getFirst().tid();

            ws.send(subscribe("{\"type\":\"userFills\",\"user\":\"" + MASTER + "\"}"));
            assertThat(ws.next()).isEqualTo("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\","
                    + "\"subscription\":{\"type\":\"userFills\",\"user\":\"" + LOWER + "\"}}}");
            JsonNode snapshot = ws.nextJson();
            assertThat(snapshot.get("channel").asText()).isEqualTo("userFills");
            assertThat(snapshot.get("data").get("user").asText()).isEqualTo(LOWER);
            assertThat(snapshot.get("data").get("isSnapshot").asBoolean()).isTrue();
            assertThat(snapshot.get("data").get("fills").size()).isEqualTo(1);
            assertThat(snapshot.get("data").get("fills").get(0).get("tid").asLong()).isEqualTo(firstTid);
            ws.send(subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + LOWER + "\"}"));
            assertThat(ws.nextOn("subscriptionResponse").get("data").get("subscription").get("type").asText())
                    .isEqualTo("orderUpdates");

            String cloid = SignedClient.cloid(0x51);
            long resting = client.first(SignedClient.order(btc, true, new BigDecimal("1000"), new BigDecimal("0.02"),
                    Tif.GTC, cloid)).get("resting").get("oid").asLong();
            // An update about the first IOC may still be queued from before the subscription: skip to ours.
            JsonNode open = ws.nextOn("orderUpdates").get("data");
            while (open.get(0).get("order").get("oid").asLong() != resting) {
                open = ws.nextOn("orderUpdates").get("data");
            }
            assertThat(open.size()).isEqualTo(1);
            assertThat(open.get(0).get("status").asText()).isEqualTo("open");
            assertThat(open.get(0).get("statusTimestamp").asLong()).isEqualTo(T0);
            assertThat(open.get(0).get("order").toString()).isEqualTo("{\"coin\":\"BTC\",\"side\":\"B\","
                    + "\"limitPx\":\"1000\",\"sz\":\"0.02\",\"oid\":" + resting + ",\"timestamp\":" + T0
                    + ",\"origSz\":\"0.02\",\"cloid\":\"" + cloid + "\"}");

            JsonNode taken = client.first(SignedClient.order(btc, true, ask.px(), ask.sz(), Tif.IOC, null));
            // The first fill may come again as an increment after the snapshot (clients dedupe by tid): skip it.
            JsonNode increment = ws.nextOn("userFills").get("data");
            while (increment.get("fills").get(0).get("tid").asLong() == firstTid) {
                increment = ws.nextOn("userFills").get("data");
            }
            assertThat(increment.has("isSnapshot")).isFalse();
            assertThat(increment.get("user").asText()).isEqualTo(LOWER);
            assertThat(increment.get("fills").size()).isEqualTo(1);
            assertThat(increment.get("fills").get(0).get("tid").asLong()).isGreaterThan(firstTid);
            assertThat(increment.get("fills").get(0).get("oid").asLong())
                    .isEqualTo(taken.get("filled").get("oid").asLong());
            JsonNode filled = ws.nextOn("orderUpdates").get("data").get(0);
            while (filled.get("order").get("oid").asLong() != taken.get("filled").get("oid").asLong()) {
                filled = ws.nextOn("orderUpdates").get("data").get(0);
            }
            assertThat(filled.get("status").asText()).isEqualTo("filled");
            assertThat(filled.get("order").get("sz").asText()).isEqualTo("0");

            client.first(ExchangeActions.cancelByCloid(btc, cloid));
            JsonNode canceled = ws.nextOn("orderUpdates").get("data").get(0);
            assertThat(canceled.get("status").asText()).isEqualTo("canceled");
            assertThat(canceled.get("order").get("oid").asLong()).isEqualTo(resting);
        }
    }

    @Test
    void scheduleCancelFiresOnTheSimulatedClockAndCanBeCleared() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(82), clock, 0);
                WsTestClient ws = WsTestClient.connectGreeted(http, sim.wsUrl())) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            ws.send(subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + MASTER + "\"}"));
            ws.nextOn("subscriptionResponse");
            long a = client.first(SignedClient.order(eth, true, new BigDecimal("1000"), new BigDecimal("0.02"),
                    Tif.GTC, null)).get("resting").get("oid").asLong();
            long b = client.first(SignedClient.order(10_000, true, new BigDecimal("0.1"), new BigDecimal("200"),
                    Tif.GTC, null)).get("resting").get("oid").asLong();
            ws.nextOn("orderUpdates");
            ws.nextOn("orderUpdates");
            long due = T0 + 10_000;
            assertThat(client.send(ExchangeActions.scheduleCancel(due)).json().get("status").asText()).isEqualTo("ok");

            clock.advanceMs(9_999);
            assertThat(client.info(SimExchangeOrderTest.user("openOrders", MASTER)).size()).isEqualTo(2);
            clock.advanceMs(1);
            JsonNode fired = ws.nextOn("orderUpdates").get("data");
            assertThat(fired.size()).isEqualTo(2);
            for (JsonNode update : fired) {
                assertThat(update.get("status").asText()).isEqualTo("scheduledCancel");
                assertThat(update.get("statusTimestamp").asLong()).isEqualTo(due);
            }
            assertThat(sim.exchange().openOrders(MASTER)).isEmpty();
            assertThat(orderStatus(client, String.valueOf(a))).isEqualTo("scheduledCancel");
            assertThat(orderStatus(client, String.valueOf(b))).isEqualTo("scheduledCancel");
            assertThat(sim.exchange().spotHold(MASTER, "USDC")).isZero();

            client.first(SignedClient.order(eth, true, new BigDecimal("1000"), new BigDecimal("0.02"), Tif.GTC, null));
            assertThat(client.send(ExchangeActions.scheduleCancel(clock.nowMs() + 10_000)).json().get("status")
                    .asText()).isEqualTo("ok");
            assertThat(client.send(ExchangeActions.scheduleCancel(null)).json().get("status").asText())
                    .isEqualTo("ok");
            clock.advanceMs(20_000);
            assertThat(client.info(SimExchangeOrderTest.user("openOrders", MASTER)).size())
                    .as("a cleared switch never fires").isEqualTo(1);
        }
    }

    @Test
    void aDroppedAnswerStillAppliesTheOrderSoTheClientReconcilesByCloid() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(83), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            SimExchangeOrderTest.Level ask = levels(client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}"), 1)
                    .getFirst();
            String cloid = SignedClient.cloid(0xD0);
            sim.faults().dropExchangeResponses(1);

            assertThatThrownBy(() -> client.send(SignedClient.order(eth, true, ask.px(), ask.sz(), Tif.IOC, cloid)))
                    .isInstanceOf(IOException.class);

            assertThat(orderStatus(client, "\"" + cloid + "\"")).isEqualTo("filled");
            assertThat(sim.stats().droppedExchangeResponses()).isEqualTo(1);
            assertThat(sim.exchange().fills(MASTER)).hasSize(1);
            assertThat(sim.exchange().position(MASTER, "ETH").orElseThrow().szi()).isEqualByComparingTo(ask.sz());
            assertThat(client.first(ExchangeActions.cancelByCloid(eth, cloid)).get("error").asText())
                    .as("answered again, and the order is no longer open").startsWith("Order was never placed");
            assertThat(sim.stats().exchangeActions()).isEqualTo(2);
        }
    }
}
