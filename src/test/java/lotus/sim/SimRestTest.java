package lotus.sim;

import static lotus.sim.SimTesting.T0;
import static lotus.sim.SimTesting.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import lotus.market.Bar;
import lotus.market.Decimals;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

class SimRestTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static String candleRequest(String coin, String interval, long start, Long end) {
        return "{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"" + coin + "\",\"interval\":\"" + interval
                + "\",\"startTime\":" + start + (end == null ? "" : ",\"endTime\":" + end) + "}}";
    }

    @Test
    void candleSnapshotOverHttpEqualsTheMarketsCandles() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0 + 90_000);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(21).withHistoryMinutes(600), clock, 0)) {
            SimMarket market = sim.market();
            market.advanceTo(T0 + 20 * 60_000);
            clock.setMs(T0 + 20 * 60_000);
            record Case(String coin, Timeframe tf, long start, Long end) {
            }
            List<Case> cases = List.of(
                    new Case("BTC", Timeframe.M1, T0 - 3_600_000 + 1, T0 + 10 * 60_000 + 5),
                    new Case("@107", Timeframe.M5, T0 - 5 * 3_600_000, null),
                    new Case("kPEPE", Timeframe.H1, 0, T0 + 3_600_000),
                    new Case("PURR/USDC", Timeframe.M15, T0 - 3_600_000, T0),
                    new Case("ETH", Timeframe.D1, T0 - 1, T0 + 1));
            for (Case c : cases) {
                SimTesting.Reply reply = post(http, sim.restUrl() + "/info",
                        candleRequest(c.coin(), c.tf().label(), c.start(), c.end()));
                assertThat(reply.status()).isEqualTo(200);
                long endMs = c.end() == null ? clock.nowMs() : c.end();
                List<Bar> want = market.candles(c.coin(), c.tf(), c.tf().floor(c.start()), endMs + 1);
                JsonNode got = reply.json();
                assertThat(got.size()).as("%s", c).isEqualTo(want.size()).isPositive();
                for (int i = 0; i < want.size(); i++) {
                    Bar bar = want.get(i);
                    JsonNode candle = got.get(i);
                    assertThat(candle.get("t").asLong()).isEqualTo(bar.openTimeMs());
                    assertThat(candle.get("T").asLong()).isEqualTo(bar.closeTimeMs() - 1);
                    assertThat(candle.get("s").asText()).isEqualTo(c.coin());
                    assertThat(candle.get("i").asText()).isEqualTo(c.tf().label());
                    assertThat(candle.get("o").asText()).isEqualTo(Decimals.plain(bar.open()));
                    assertThat(candle.get("c").asText()).isEqualTo(Decimals.plain(bar.close()));
                    assertThat(candle.get("h").asText()).isEqualTo(Decimals.plain(bar.high()));
                    assertThat(candle.get("l").asText()).isEqualTo(Decimals.plain(bar.low()));
                    assertThat(candle.get("v").asText()).isEqualTo(Decimals.plain(bar.volume()));
                    assertThat(candle.get("n").isInt()).isTrue();
                    assertThat(candle.get("n").asInt()).isEqualTo(bar.tradeCount());
                    assertThat(candle.get("o").isTextual()).isTrue();
                }
                assertThat(got.get(0).get("T").asLong()).as("first candle overlaps the start")
                        .isGreaterThanOrEqualTo(c.start());
            }
        }
    }

    @Test
    void answersAreCappedPerAnswerAndByRetention() throws Exception {
        SimConfig config = SimTesting.config(22).withHistoryMinutes(600).withMaxCandles(300).withCandlesPerAnswer(120);
        try (HlSimulator sim = HlSimulator.start(config, SimulatedClock.manual(T0), 0)) {
            JsonNode first = post(http, sim.restUrl() + "/info", candleRequest("ETH", "1m", 0, T0)).json();
            assertThat(first.size()).isEqualTo(120);
            assertThat(first.get(0).get("t").asLong()).as("oldest retained").isEqualTo(T0 - 300 * 60_000L);
            long next = first.get(119).get("t").asLong() + 1;
            JsonNode second = post(http, sim.restUrl() + "/info", candleRequest("ETH", "1m", next, T0)).json();
            // Paging from the last open time + 1 repeats that candle: it overlaps the new start.
            assertThat(second.get(0).get("t").asLong()).isEqualTo(first.get(119).get("t").asLong());
            assertThat(second.get(1).get("t").asLong()).isEqualTo(first.get(119).get("t").asLong() + 60_000);
            assertThat(second.size()).isEqualTo(120);
        }
    }

    @Test
    void weightIsChargedPerRequestAndOverspendingGives429UntilTheMinutePasses() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        SimConfig config = SimTesting.config(23).withHistoryMinutes(600)
                .withLimits(SimConfig.Limits.hyperliquid().withRestWeightPerMinute(130).withIdleCloseMs(3_600_000));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0)) {
            String info = sim.restUrl() + "/info";
            assertThat(post(http, info, "{\"type\":\"meta\"}").status()).isEqualTo(200);
            assertThat(post(http, info, "{\"type\":\"allMids\"}").status()).isEqualTo(200);
            assertThat(post(http, info, "{\"type\":\"l2Book\",\"coin\":\"BTC\"}").status()).isEqualTo(200);
            assertThat(sim.stats().restWeightUsed()).isEqualTo(24);
            // 61 candles: 20 + ceil(61/60) = 22.
            JsonNode candles = post(http, info, candleRequest("BTC", "1m", T0 - 61 * 60_000L, T0 - 1)).json();
            assertThat(candles.size()).isEqualTo(61);
            assertThat(sim.stats().restWeightUsed()).isEqualTo(46);
            for (int i = 0; i < 4; i++) {
                assertThat(post(http, info, "{\"type\":\"spotMeta\"}").status()).isEqualTo(200);
            }
            assertThat(sim.stats().restWeightUsed()).isEqualTo(126);
            SimTesting.Reply refused = post(http, info, "{\"type\":\"meta\"}");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(post(http, info, "{\"type\":\"allMids\"}").status()).isEqualTo(200); // 128: still fits
            assertThat(post(http, info, "{\"type\":\"allMids\"}").status()).isEqualTo(200); // 130
            assertThat(post(http, info, "{\"type\":\"allMids\"}").status()).isEqualTo(429);
            assertThat(sim.stats().http429()).isEqualTo(2);
            assertThat(sim.stats().violationsByKind()).containsEntry("restWeight", 2L);
            assertThat(sim.stats().limitViolations()).isEqualTo(2);
            assertThat(sim.stats().restWeightUsed()).isEqualTo(130);
            clock.advanceMs(60_000);
            assertThat(post(http, info, "{\"type\":\"meta\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void malformedOrUnknownRequestsGet422WithTheVenuesText() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(24), SimulatedClock.manual(T0), 0)) {
            String info = sim.restUrl() + "/info";
            for (String body : List.of("not json", "{\"type\":\"noSuchThing\"}", "[1,2]", "{\"coin\":\"BTC\"}",
                    "{\"type\":\"l2Book\"}", candleRequest("BTC", "3m", T0 - 600_000, T0),
                    candleRequest("BTC", "7m", T0 - 600_000, T0),
                    "{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"BTC\",\"interval\":\"1m\"}}")) {
                SimTesting.Reply reply = post(http, info, body);
                assertThat(reply.status()).as(body).isEqualTo(422);
                assertThat(reply.body()).isEqualTo("Failed to deserialize the JSON body into the target type");
            }
            assertThat(sim.stats().restWeightUsed()).isZero();
            SimTesting.Reply unknownBook = post(http, info, "{\"type\":\"l2Book\",\"coin\":\"NOPE\"}");
            assertThat(unknownBook.status()).isEqualTo(200);
            assertThat(unknownBook.body()).isEqualTo("null");
        }
    }

    @Test
    void allMidsAndL2BookMatchTheMarket() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(25), clock, 0)) {
            clock.advanceMs(3_000);
            sim.market().advanceTo(clock.nowMs());
            JsonNode mids = post(http, sim.restUrl() + "/info", "{\"type\":\"allMids\"}").json();
            assertThat(mids.size()).isEqualTo(sim.market().assets().size());
            assertThat(mids.has("PURR/USDC")).isTrue();
            assertThat(mids.has("@107")).isTrue();
            assertThat(mids.has("mids")).isFalse();
            for (SimAsset asset : sim.market().assets()) {
                assertThat(new BigDecimal(mids.get(asset.apiCoin()).asText()))
                        .isEqualByComparingTo(sim.market().mid(asset.apiCoin()));
            }
            JsonNode book = post(http, sim.restUrl() + "/info", "{\"type\":\"l2Book\",\"coin\":\"ETH\"}").json();
            assertThat(book.get("coin").asText()).isEqualTo("ETH");
            assertThat(book.get("time").asLong()).isEqualTo(clock.nowMs());
            assertBook(book, sim.market().asset("ETH").orElseThrow(), sim.market().mid("ETH"));
        }
    }

    static void assertBook(JsonNode book, SimAsset asset, BigDecimal mid) {
        JsonNode bids = book.get("levels").get(0);
        JsonNode asks = book.get("levels").get(1);
        assertThat(bids.size()).isEqualTo(20);
        assertThat(asks.size()).isEqualTo(20);
        List<BigDecimal> bidPx = new ArrayList<>();
        List<BigDecimal> askPx = new ArrayList<>();
        bids.forEach(level -> bidPx.add(new BigDecimal(level.get("px").asText())));
        asks.forEach(level -> askPx.add(new BigDecimal(level.get("px").asText())));
        for (int i = 1; i < 20; i++) {
            assertThat(bidPx.get(i)).isLessThan(bidPx.get(i - 1));
            assertThat(askPx.get(i)).isGreaterThan(askPx.get(i - 1));
        }
        assertThat(mid).isStrictlyBetween(bidPx.getFirst(), askPx.getFirst());
        for (JsonNode level : List.of(bids, asks).stream().flatMap(side -> {
            List<JsonNode> all = new ArrayList<>();
            side.forEach(all::add);
            return all.stream();
        }).toList()) {
            assertThat(SimTesting.validPrice(new BigDecimal(level.get("px").asText()), asset)).isTrue();
            assertThat(SimTesting.validSize(new BigDecimal(level.get("sz").asText()), asset)).isTrue();
            assertThat(level.get("n").asInt()).isPositive();
        }
    }
}
