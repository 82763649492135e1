package lotus.sim;

import static lotus.sim.SignedClient.AGENT;
import static lotus.sim.SignedClient.MASTER;
import static lotus.sim.SignedClient.MASTER_KEY;
import static lotus.sim.SimExchangeOrderTest.levels;
import static lotus.sim.SimExchangeOrderTest.user;
import static lotus.sim.SimTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.ExchangeActions.Tif;
import lotus.market.Decimals;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

/**
 * What a live executor reads back to know the truth: userRole, userFillsByTime, orderStatus by cloid, the dead man's
 * switch, account answers that add up to the fills, and the unknown-outcome faults with their counters.
 */
class SimAccountTruthTest {

    private static final String STRANGER = "0x00000000000000000000000000000000000000aa";
    private final HttpClient http = HttpClient.newHttpClient();

    private static String status(String cloid) {
        return "{\"type\":\"orderStatus\",\"user\":\"" + MASTER + "\",\"oid\":\"" + cloid + "\"}";
    }

    @Test
    void userRoleNamesUsersAgentsWithTheirMasterAndMissingAddresses() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(81), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("1000"));
            sim.exchange().approveAgent(AGENT, MASTER);
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            assertThat(client.info(role(MASTER)).toString()).isEqualTo("{\"role\":\"user\"}");
            assertThat(client.info(role(AGENT.toUpperCase().replace("0X", "0x"))).toString())
                    .isEqualTo("{\"role\":\"agent\",\"data\":{\"user\":\"" + MASTER.toLowerCase() + "\"}}");
            assertThat(client.info(role(STRANGER)).toString()).isEqualTo("{\"role\":\"missing\"}");
            assertThat(sim.stats().restWeightUsed()).as("userRole weighs 60").isEqualTo(3 * 60);
            assertThat(SimTesting.post(http, sim.restUrl() + "/info", "{\"type\":\"userRole\"}").status())
                    .isEqualTo(422);
        }
    }

    private static String role(String address) {
        return "{\"type\":\"userRole\",\"user\":\"" + address + "\"}";
    }

    @Test
    void userFillsByTimeAnswersTheFillsOfTheRangeOldestFirstWithEveryField() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(82), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                BigDecimal ask = levels(client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}"), 1).getFirst().px();
                client.first(SignedClient.order(eth, true, ask, new BigDecimal("0.01"), Tif.IOC,
                        i == 1 ? null : SignedClient.cloid(100 + i)));
                times.add(clock.nowMs());
                clock.advanceMs(60_000);
            }
            JsonNode all = client.info("{\"type\":\"userFillsByTime\",\"user\":\"" + MASTER + "\",\"startTime\":"
                    + T0 + "}");
            assertThat(all.size()).isEqualTo(3);
            List<SimFill> newestFirst = sim.exchange().fills(MASTER);
            for (int i = 0; i < 3; i++) {
                StringBuilder expected = new StringBuilder();
                UserFrames.fill(expected, newestFirst.get(2 - i));
                assertThat(all.get(i).toString()).isEqualTo(expected.toString());
                assertThat(all.get(i).get("time").asLong()).isEqualTo(times.get(i));
            }
            JsonNode first = all.get(0);
            for (String field : List.of("coin", "px", "sz", "side", "time", "oid", "tid", "cloid", "fee", "feeToken",
                    "closedPnl", "dir", "startPosition", "hash", "crossed")) {
                assertThat(first.has(field)).as(field).isTrue();
            }
            assertThat(first.get("cloid").asText()).isEqualTo(SignedClient.cloid(100));
            assertThat(all.get(1).has("cloid")).as("no cloid, no key").isFalse();

            JsonNode middle = client.info("{\"type\":\"userFillsByTime\",\"user\":\"" + MASTER + "\",\"startTime\":"
                    + times.get(1) + ",\"endTime\":" + times.get(1) + ",\"aggregateByTime\":false}");
            assertThat(middle.size()).isEqualTo(1);
            assertThat(middle.get(0).get("time").asLong()).isEqualTo(times.get(1));
            assertThat(client.info("{\"type\":\"userFillsByTime\",\"user\":\"" + MASTER + "\",\"startTime\":"
                    + (times.get(2) + 1) + "}").size()).isZero();
            assertThat(SimTesting.post(http, sim.restUrl() + "/info", "{\"type\":\"userFillsByTime\",\"user\":\""
                    + MASTER + "\"}").status()).as("startTime is required").isEqualTo(422);
        }
    }

    @Test
    void orderStatusByCloidAnswersFilledOpenCanceledAndUnknown() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(83), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            JsonNode book = client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}");
            BigDecimal ask = levels(book, 1).getFirst().px();
            BigDecimal lowBid = levels(book, 0).get(4).px();
            client.first(SignedClient.order(eth, true, ask, new BigDecimal("0.01"), Tif.IOC, SignedClient.cloid(1)));
            client.first(SignedClient.order(eth, true, lowBid, new BigDecimal("0.01"), Tif.GTC, SignedClient.cloid(2)));
            client.first(SignedClient.order(eth, true, lowBid, new BigDecimal("0.01"), Tif.GTC, SignedClient.cloid(3)));
            assertThat(client.first(ExchangeActions.cancelByCloid(eth, SignedClient.cloid(3))).asText())
                    .isEqualTo("success");

            Map<Integer, String> expected = Map.of(1, "filled", 2, "open", 3, "canceled");
            for (var e : expected.entrySet()) {
                JsonNode answer = client.info(status(SignedClient.cloid(e.getKey())));
                assertThat(answer.get("status").asText()).isEqualTo("order");
                assertThat(answer.get("order").get("status").asText()).isEqualTo(e.getValue());
                assertThat(answer.get("order").get("order").get("cloid").asText())
                        .isEqualTo(SignedClient.cloid(e.getKey()));
            }
            assertThat(client.info(status(SignedClient.cloid(4))).toString()).isEqualTo("{\"status\":\"unknownOid\"}");
        }
    }

    @Test
    void scheduleCancelFiresAtItsTimeAndANullTimeRemovesIt() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(84), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            BigDecimal lowBid = levels(client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}"), 0).get(4).px();
            for (int i = 1; i <= 2; i++) {
                client.first(SignedClient.order(eth, true, lowBid, new BigDecimal("0.01"), Tif.GTC,
                        SignedClient.cloid(i)));
            }
            String ok = "{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}";
            assertThat(client.send(ExchangeActions.scheduleCancel(clock.nowMs() + 4_999)).body())
                    .isEqualTo("{\"status\":\"err\",\"response\":\"Scheduled cancel time too early, must be at least"
                            + " 5 seconds from now.\"}");
            // Armed, then removed: nothing happens at the time.
            assertThat(client.send(ExchangeActions.scheduleCancel(clock.nowMs() + 5_000)).body()).isEqualTo(ok);
            assertThat(client.send(ExchangeActions.scheduleCancel(null)).body()).isEqualTo(ok);
            clock.advanceMs(10_000);
            assertThat(client.info(user("openOrders", MASTER)).size()).isEqualTo(2);

            long dueMs = clock.nowMs() + 30_000;
            assertThat(client.send(ExchangeActions.scheduleCancel(dueMs)).body()).isEqualTo(ok);
            clock.advanceMs(29_999);
            assertThat(client.info(user("openOrders", MASTER)).size()).isEqualTo(2);
            clock.advanceMs(1);
            assertThat(client.info(user("openOrders", MASTER)).size()).isZero();
            JsonNode canceled = client.info(status(SignedClient.cloid(1))).get("order");
            assertThat(canceled.get("status").asText()).isEqualTo("scheduledCancel");
            assertThat(canceled.get("statusTimestamp").asLong()).isEqualTo(dueMs);
        }
    }

    @Test
    void accountAnswersEqualTheSumsOfTheFillsExactly() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(85), clock, 0)) {
            BigDecimal funded = new BigDecimal("100000");
            sim.exchange().fundUsdc(MASTER, funded);
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            String[][] trades = {{"ETH", "B", "0.05"}, {"PURR/USDC", "B", "300"}, {"ETH", "A", "0.02"},
                {"PURR/USDC", "A", "120"}, {"ETH", "A", "0.07"}, {"PURR/USDC", "B", "90"}, {"ETH", "B", "0.01"}};
            Map<String, BigDecimal> answered = new java.util.HashMap<>();
            for (String[] t : trades) {
                boolean buy = t[1].equals("B");
                JsonNode book = client.info("{\"type\":\"l2Book\",\"coin\":\"" + t[0] + "\"}");
                BigDecimal px = levels(book, buy ? 1 : 0).get(2).px();
                JsonNode filled = client.first(SignedClient.order(t[0].equals("ETH") ? eth : 10_000, buy, px,
                        new BigDecimal(t[2]), Tif.IOC, null)).get("filled");
                BigDecimal sz = new BigDecimal(filled.get("totalSz").asText());
                answered.merge(t[0], buy ? sz : sz.negate(), BigDecimal::add);
                clock.advanceMs(7_000);
            }
            BigDecimal szi = BigDecimal.ZERO;
            BigDecimal purr = BigDecimal.ZERO;
            BigDecimal purrFees = BigDecimal.ZERO;
            BigDecimal usdc = funded;
            for (JsonNode f : client.info("{\"type\":\"userFillsByTime\",\"user\":\"" + MASTER
                    + "\",\"startTime\":0}")) {
                BigDecimal sz = new BigDecimal(f.get("sz").asText());
                BigDecimal signed = f.get("side").asText().equals("B") ? sz : sz.negate();
                BigDecimal fee = new BigDecimal(f.get("fee").asText());
                if (f.get("coin").asText().equals("ETH")) {
                    szi = szi.add(signed);
                    usdc = usdc.add(new BigDecimal(f.get("closedPnl").asText())).subtract(fee);
                } else {
                    purr = purr.add(signed);
                    usdc = usdc.subtract(signed.multiply(new BigDecimal(f.get("px").asText())));
                    // A spot buy's fee is in the token bought, a sell's in USDC (the venue's rule).
                    if (f.get("feeToken").asText().equals("USDC")) {
                        usdc = usdc.subtract(fee);
                    } else {
                        assertThat(f.get("feeToken").asText()).isEqualTo("PURR");
                        purrFees = purrFees.add(fee);
                    }
                }
            }
            assertThat(szi).isEqualByComparingTo(answered.get("ETH"));
            assertThat(purr).isEqualByComparingTo(answered.get("PURR/USDC"));
            assertThat(purrFees).isPositive();
            purr = purr.subtract(purrFees);
            assertThat(szi.signum()).as("the position flipped to short").isNegative();

            JsonNode positions = client.info(user("clearinghouseState", MASTER)).get("assetPositions");
            assertThat(positions.size()).isEqualTo(1);
            assertThat(positions.get(0).get("position").get("coin").asText()).isEqualTo("ETH");
            assertThat(positions.get(0).get("position").get("szi").asText()).isEqualTo(Decimals.plain(szi));
            JsonNode balances = client.info(user("spotClearinghouseState", MASTER)).get("balances");
            assertThat(balances.get(0).get("total").asText()).isEqualTo(Decimals.plain(usdc));
            assertThat(balances.get(1).get("coin").asText()).isEqualTo("PURR");
            assertThat(balances.get(1).get("total").asText()).isEqualTo(Decimals.plain(purr));
        }
    }

    @Test
    void heldAndFailedAnswersStillExecuteAndTheCountersShowIt() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(86), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            BigDecimal ask = levels(client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}"), 1).get(2).px();
            String ok = "{\"status\":\"ok\"}";

            assertThat(SimTesting.post(http, sim.restUrl() + "/admin/fault",
                    "{\"kind\":\"holdExchangeAnswers\",\"count\":1}").body()).isEqualTo(ok);
            assertThat(client.send(ExchangeActions.scheduleCancel(null)).status())
                    .as("not an order: answered").isEqualTo(200);
            try {
                client.send(SignedClient.order(eth, true, ask, new BigDecimal("0.01"), Tif.IOC,
                        SignedClient.cloid(7)));
                throw new AssertionError("the answer should have been held back");
            } catch (java.io.IOException expected) {
                // the connection was cut after the order executed
            }
            assertThat(client.info(status(SignedClient.cloid(7))).get("order").get("status").asText())
                    .isEqualTo("filled");

            assertThat(SimTesting.post(http, sim.restUrl() + "/admin/fault",
                    "{\"kind\":\"fail5xxAfterFill\",\"count\":2,\"status\":502}").body()).isEqualTo(ok);
            for (int i = 8; i <= 9; i++) {
                SimTesting.Reply failed = client.send(SignedClient.order(eth, true, ask, new BigDecimal("0.01"),
                        Tif.IOC, SignedClient.cloid(i)));
                assertThat(failed.status()).isEqualTo(502);
                assertThat(failed.body()).isEqualTo("null");
            }
            sim.faults().fail5xxAfterFill(1);
            SimTesting.Reply failed = client.send(SignedClient.order(eth, true, ask, new BigDecimal("0.01"),
                    Tif.IOC, SignedClient.cloid(8)));
            assertThat(failed.status()).isEqualTo(500);
            assertThat(client.first(SignedClient.order(eth, true, ask, new BigDecimal("0.01"), Tif.IOC,
                    SignedClient.cloid(9))).has("filled")).isTrue();

            assertThat(sim.exchange().position(MASTER, "ETH").orElseThrow().szi()).isEqualByComparingTo("0.05");
            assertThat(sim.exchange().cloidSubmissions(SignedClient.cloid(7))).isEqualTo(1);
            assertThat(sim.exchange().cloidSubmissions(SignedClient.cloid(8))).isEqualTo(2);
            assertThat(sim.exchange().cloidSubmissions(SignedClient.cloid(10))).isZero();
            assertThat(sim.stats().droppedExchangeResponses()).isEqualTo(4);
            SimTesting.Reply cloids = get(sim, "/admin/cloids");
            assertThat(cloids.body()).isEqualTo("{\"" + SignedClient.cloid(7) + "\":1,\"" + SignedClient.cloid(8)
                    + "\":2,\"" + SignedClient.cloid(9) + "\":2}");
        }
    }

    @Test
    void theHeaviestMinuteOfRestWeightPerIpIsKept() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(87), clock, 0)) {
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            client.info("{\"type\":\"meta\"}"); // 20 at T0
            clock.advanceMs(30_000);
            client.info("{\"type\":\"meta\"}"); // 40 in (T0-30s, T0+30s]
            client.info("{\"type\":\"allMids\"}"); // 42
            clock.advanceMs(30_000);
            client.info("{\"type\":\"allMids\"}"); // T0 has left the window: 20 + 2 + 2 = 24
            assertThat(sim.stats().maxRestWeightPerMinute()).isEqualTo(42);
            assertThat(sim.stats().maxRestWeightPerMinuteByIp()).isEqualTo(Map.of("127.0.0.1", 42L));
            assertThat(sim.stats().restWeightUsed()).isEqualTo(44);
            JsonNode stats = get(sim, "/admin/stats").json();
            assertThat(stats.get("maxRestWeightPerMinute").asLong()).isEqualTo(42);
            assertThat(stats.get("maxRestWeightPerMinuteByIp").get("127.0.0.1").asLong()).isEqualTo(42);
            assertThat(stats.get("restWeightUsed").asLong()).isEqualTo(44);
        }
    }

    private SimTesting.Reply get(HlSimulator sim, String path) throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.restUrl() + path))
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new SimTesting.Reply(response.statusCode(), response.body());
    }
}
