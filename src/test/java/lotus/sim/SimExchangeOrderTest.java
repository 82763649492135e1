package lotus.sim;

import static lotus.sim.SignedClient.MASTER;
import static lotus.sim.SignedClient.MASTER_KEY;
import static lotus.sim.SimTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.ExchangeActions.Tif;
import lotus.market.Decimals;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

class SimExchangeOrderTest {

    private static final BigDecimal PERP_FEE = new BigDecimal("0.00045");
    private static final BigDecimal SPOT_FEE = new BigDecimal("0.0007");
    private final HttpClient http = HttpClient.newHttpClient();

    record Level(BigDecimal px, BigDecimal sz) {
    }

    /** {@code side} 0 = bids, 1 = asks, best first. */
    static List<Level> levels(JsonNode book, int side) {
        List<Level> out = new ArrayList<>();
        book.get("levels").get(side).forEach(l -> out.add(new Level(new BigDecimal(l.get("px").asText()),
                new BigDecimal(l.get("sz").asText()))));
        return out;
    }

    static String user(String type, String user) {
        return "{\"type\":\"" + type + "\",\"user\":\"" + user + "\"}";
    }

    private static String usd(BigDecimal value) {
        return Decimals.plain(value.setScale(6, RoundingMode.HALF_EVEN));
    }

    @Test
    void signedIocBuyWalksTheBookWithAnExactAveragePriceAndMovesTheAccount() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(61), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            SimAsset eth = sim.market().asset("ETH").orElseThrow();
            JsonNode book = client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}");
            List<Level> asks = levels(book, 1);
            BigDecimal bestBid = levels(book, 0).getFirst().px();
            // All of the best ask and half of the next level.
            BigDecimal second = asks.get(1).sz().divide(BigDecimal.TWO, eth.szDecimals(), RoundingMode.DOWN);
            assertThat(second).isPositive();
            BigDecimal size = asks.get(0).sz().add(second);
            String cloid = SignedClient.cloid(1);

            JsonNode status = client.first(SignedClient.order(eth.assetId(), true, asks.get(1).px(), size, Tif.IOC,
                    cloid));

            BigDecimal notional0 = asks.get(0).px().multiply(asks.get(0).sz());
            BigDecimal notional1 = asks.get(1).px().multiply(second);
            BigDecimal avg = notional0.add(notional1).divide(size, 12, RoundingMode.HALF_EVEN);
            JsonNode filled = status.get("filled");
            assertThat(filled.get("totalSz").asText()).isEqualTo(Decimals.plain(size));
            assertThat(filled.get("avgPx").asText()).isEqualTo(Decimals.plain(avg));
            assertThat(filled.get("cloid").asText()).isEqualTo(cloid);
            long oid = filled.get("oid").asLong();
            assertThat(oid).isGreaterThan(1L << 32);

            BigDecimal fee0 = notional0.multiply(PERP_FEE);
            BigDecimal fee1 = notional1.multiply(PERP_FEE);
            BigDecimal usdc = new BigDecimal("100000").subtract(fee0).subtract(fee1);
            assertThat(sim.exchange().usdc(MASTER)).isEqualByComparingTo(usdc);
            SimExchange.Position position = sim.exchange().position(MASTER, "ETH").orElseThrow();
            assertThat(position.szi()).isEqualByComparingTo(size);
            assertThat(position.entryPx()).isEqualByComparingTo(avg);
            assertThat(position.leverage()).isEqualTo(20);
            assertThat(position.cross()).isTrue();

            JsonNode state = client.info(user("clearinghouseState", MASTER));
            BigDecimal upnl = size.multiply(bestBid.subtract(avg));
            BigDecimal value = size.multiply(bestBid);
            assertThat(state.get("marginSummary").get("accountValue").asText()).isEqualTo(usd(usdc.add(upnl)));
            assertThat(state.get("marginSummary").get("totalNtlPos").asText()).isEqualTo(usd(value));
            assertThat(state.get("marginSummary").get("totalMarginUsed").asText())
                    .isEqualTo(usd(value.divide(BigDecimal.valueOf(20), 6, RoundingMode.HALF_EVEN)));
            assertThat(state.get("crossMarginSummary")).isEqualTo(state.get("marginSummary"));
            assertThat(state.get("time").asLong()).isEqualTo(T0);
            JsonNode p = state.get("assetPositions").get(0);
            assertThat(p.get("type").asText()).isEqualTo("oneWay");
            assertThat(p.get("position").get("coin").asText()).isEqualTo("ETH");
            assertThat(p.get("position").get("szi").asText()).isEqualTo(Decimals.plain(size));
            assertThat(p.get("position").get("entryPx").asText()).isEqualTo(Decimals.plain(avg));
            assertThat(p.get("position").get("positionValue").asText()).isEqualTo(usd(value));
            assertThat(p.get("position").get("unrealizedPnl").asText()).isEqualTo(usd(upnl));
            assertThat(p.get("position").get("leverage").toString()).isEqualTo("{\"type\":\"cross\",\"value\":20}");
            assertThat(p.get("position").get("maxLeverage").asInt()).isEqualTo(eth.maxLeverage());
            assertThat(p.get("position").get("liquidationPx").isNull()).isTrue();

            JsonNode fills = client.info(user("userFills", MASTER));
            assertThat(fills.size()).isEqualTo(2);
            JsonNode newest = fills.get(0);
            JsonNode oldest = fills.get(1);
            assertThat(oldest.get("px").asText()).isEqualTo(Decimals.plain(asks.get(0).px()));
            assertThat(oldest.get("sz").asText()).isEqualTo(Decimals.plain(asks.get(0).sz()));
            assertThat(oldest.get("startPosition").asText()).isEqualTo("0");
            assertThat(oldest.get("fee").asText()).isEqualTo(Decimals.plain(fee0));
            assertThat(newest.get("px").asText()).isEqualTo(Decimals.plain(asks.get(1).px()));
            assertThat(newest.get("sz").asText()).isEqualTo(Decimals.plain(second));
            assertThat(newest.get("startPosition").asText()).isEqualTo(Decimals.plain(asks.get(0).sz()));
            assertThat(newest.get("fee").asText()).isEqualTo(Decimals.plain(fee1));
            assertThat(newest.get("tid").asLong()).isGreaterThan(oldest.get("tid").asLong());
            for (JsonNode fill : fills) {
                assertThat(fill.get("coin").asText()).isEqualTo("ETH");
                assertThat(fill.get("side").asText()).isEqualTo("B");
                assertThat(fill.get("dir").asText()).isEqualTo("Open Long");
                assertThat(fill.get("closedPnl").asText()).isEqualTo("0");
                assertThat(fill.get("oid").asLong()).isEqualTo(oid);
                assertThat(fill.get("cloid").asText()).isEqualTo(cloid);
                assertThat(fill.get("crossed").asBoolean()).isTrue();
                assertThat(fill.get("feeToken").asText()).isEqualTo("USDC");
                assertThat(fill.get("time").asLong()).isEqualTo(T0);
                assertThat(fill.get("hash").asText()).matches("0x[0-9a-f]{64}");
            }
            JsonNode byOid = client.info("{\"type\":\"orderStatus\",\"user\":\"" + MASTER + "\",\"oid\":" + oid + "}");
            assertThat(byOid.get("status").asText()).isEqualTo("order");
            assertThat(byOid.get("order").get("status").asText()).isEqualTo("filled");
            assertThat(byOid.get("order").get("order").get("origSz").asText()).isEqualTo(Decimals.plain(size));
            assertThat(byOid.get("order").get("order").get("sz").asText()).isEqualTo("0");
            assertThat(byOid.get("order").get("order").get("tif").asText()).isEqualTo("Ioc");
        }
    }

    /**
     * As on the venue, a spot buy pays its fee in the token bought (fee in base units, feeToken the base token's name,
     * USDC charged the notional only) and a sell pays it in USDC. Before, the simulator charged both in USDC, and this
     * test expected that: USDC lower by the buy's fee and the whole size credited.
     */
    @Test
    void spotBuyPaysItsFeeInTheTokenBoughtAndASellInUsdc() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(62), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            SimAsset purr = sim.market().asset("PURR/USDC").orElseThrow();
            assertThat(purr.assetId()).isEqualTo(10_000);
            JsonNode book = client.info("{\"type\":\"l2Book\",\"coin\":\"PURR/USDC\"}");
            Level ask = levels(book, 1).getFirst();
            Level bid = levels(book, 0).getFirst();

            JsonNode bought = client.first(SignedClient.order(10_000, true, ask.px(), ask.sz(), Tif.IOC, null));
            assertThat(bought.get("filled").get("avgPx").asText()).isEqualTo(Decimals.plain(ask.px()));
            assertThat(bought.get("filled").get("totalSz").asText()).isEqualTo(Decimals.plain(ask.sz()));
            assertThat(bought.get("filled").has("cloid")).isFalse();
            BigDecimal cost = ask.px().multiply(ask.sz());
            // PURR has 5 wei decimals; a whole number of PURR × 0.0007 needs only 4, so nothing is cut here.
            BigDecimal buyFee = ask.sz().multiply(SPOT_FEE);
            assertThat(buyFee).isPositive();
            BigDecimal held = ask.sz().subtract(buyFee);
            BigDecimal usdc = new BigDecimal("100000").subtract(cost);
            assertThat(sim.exchange().usdc(MASTER)).isEqualByComparingTo(usdc);
            assertThat(sim.exchange().spotTotal(MASTER, "PURR")).isEqualByComparingTo(held);
            JsonNode purchase = client.info(user("userFills", MASTER)).get(0);
            assertThat(purchase.get("dir").asText()).isEqualTo("Buy");
            assertThat(purchase.get("sz").asText()).isEqualTo(Decimals.plain(ask.sz()));
            assertThat(purchase.get("fee").asText()).isEqualTo(Decimals.plain(buyFee));
            assertThat(purchase.get("feeToken").asText()).isEqualTo("PURR");

            BigDecimal sell = held.divide(BigDecimal.TWO, 0, RoundingMode.DOWN).min(bid.sz());
            client.first(SignedClient.order(10_000, false, bid.px(), sell, Tif.IOC, null));
            BigDecimal proceeds = bid.px().multiply(sell);
            BigDecimal sellFee = proceeds.multiply(SPOT_FEE);
            usdc = usdc.add(proceeds).subtract(sellFee);
            // The cost basis is the USDC paid for what is held now, the fee tokens included in neither.
            BigDecimal costSold = cost.multiply(sell).divide(held, 12, RoundingMode.HALF_EVEN);
            assertThat(sim.exchange().usdc(MASTER)).isEqualByComparingTo(usdc);
            assertThat(sim.exchange().spotTotal(MASTER, "PURR")).isEqualByComparingTo(held.subtract(sell));
            JsonNode sale = client.info(user("userFills", MASTER)).get(0);
            assertThat(sale.get("dir").asText()).isEqualTo("Sell");
            assertThat(sale.get("side").asText()).isEqualTo("A");
            assertThat(sale.get("coin").asText()).isEqualTo("PURR/USDC");
            assertThat(sale.get("startPosition").asText()).isEqualTo(Decimals.plain(held));
            assertThat(sale.get("fee").asText()).isEqualTo(Decimals.plain(sellFee));
            assertThat(sale.get("feeToken").asText()).isEqualTo("USDC");
            assertThat(new BigDecimal(sale.get("closedPnl").asText()))
                    .isEqualByComparingTo(proceeds.subtract(costSold));

            JsonNode balances = client.info(user("spotClearinghouseState", MASTER)).get("balances");
            assertThat(balances.size()).isEqualTo(2);
            assertThat(balances.get(0).get("coin").asText()).isEqualTo("USDC");
            assertThat(balances.get(0).get("token").asInt()).isZero();
            assertThat(balances.get(0).get("total").asText()).isEqualTo(Decimals.plain(usdc));
            assertThat(balances.get(1).get("coin").asText()).isEqualTo("PURR");
            assertThat(balances.get(1).get("token").asInt()).isEqualTo(1);
            assertThat(balances.get(1).get("total").asText()).isEqualTo(Decimals.plain(held.subtract(sell)));
            assertThat(balances.get(1).get("hold").asText()).isEqualTo("0");
            assertThat(balances.get(1).get("entryNtl").asText()).isEqualTo(usd(cost.subtract(costSold)));
        }
    }

    @Test
    void gtcRestsUntilCanceledByOidOrByCloid() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(63), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            BigDecimal ethBid = levels(client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}"), 0).get(3).px();
            BigDecimal purrBid = levels(client.info("{\"type\":\"l2Book\",\"coin\":\"PURR/USDC\"}"), 0).get(2).px();
            String cloidA = SignedClient.cloid(0xA);
            String cloidB = SignedClient.cloid(0xB);

            JsonNode restingA = client.first(SignedClient.order(eth, true, ethBid, new BigDecimal("0.01"), Tif.GTC,
                    cloidA)).get("resting");
            assertThat(restingA.get("cloid").asText()).isEqualTo(cloidA);
            long oidA = restingA.get("oid").asLong();
            long oidB = client.first(SignedClient.order(10_000, true, purrBid, new BigDecimal("100"), Tif.GTC,
                    cloidB)).get("resting").get("oid").asLong();
            long oidC = client.first(SignedClient.order(eth, false, ethBid.multiply(BigDecimal.TWO),
                    new BigDecimal("0.01"), Tif.ALO, null)).get("resting").get("oid").asLong();

            JsonNode open = client.info(user("openOrders", MASTER));
            assertThat(open.size()).isEqualTo(3);
            JsonNode a = open.get(2);
            assertThat(a.toString()).isEqualTo("{\"coin\":\"ETH\",\"limitPx\":\"" + Decimals.plain(ethBid)
                    + "\",\"oid\":" + oidA + ",\"side\":\"B\",\"sz\":\"0.01\",\"timestamp\":" + T0
                    + ",\"origSz\":\"0.01\",\"cloid\":\"" + cloidA + "\"}");
            JsonNode byCloid = client.info("{\"type\":\"orderStatus\",\"user\":\"" + MASTER + "\",\"oid\":\""
                    + cloidA + "\"}");
            assertThat(byCloid.get("order").get("status").asText()).isEqualTo("open");
            assertThat(byCloid.get("order").get("order").get("oid").asLong()).isEqualTo(oidA);
            assertThat(byCloid.get("order").get("statusTimestamp").asLong()).isEqualTo(T0);
            assertThat(sim.exchange().spotHold(MASTER, "USDC"))
                    .isEqualByComparingTo(purrBid.multiply(new BigDecimal("100")));
            assertThat(client.info(user("spotClearinghouseState", MASTER)).get("balances").get(0).get("hold")
                    .asText()).isEqualTo(Decimals.plain(purrBid.multiply(new BigDecimal("100"))));

            ObjectNode twoCancels = ExchangeActions.cancel(eth, oidA);
            ((ArrayNode) twoCancels.get("cancels")).addAll((ArrayNode) ExchangeActions.cancel(eth, 42).get("cancels"));
            String neverPlaced = "{\"error\":\"Order was never placed, already canceled, or filled.\"}";
            assertThat(client.send(twoCancels).body()).isEqualTo("{\"status\":\"ok\",\"response\":{\"type\":"
                    + "\"cancel\",\"data\":{\"statuses\":[\"success\"," + neverPlaced + "]}}}");
            assertThat(client.first(ExchangeActions.cancel(eth, oidA)).toString()).isEqualTo(neverPlaced);
            assertThat(client.first(ExchangeActions.cancel(10_000, oidC)).toString())
                    .as("the oid under another asset").isEqualTo(neverPlaced);
            assertThat(client.first(ExchangeActions.cancelByCloid(10_000, cloidB)).asText()).isEqualTo("success");
            assertThat(client.first(ExchangeActions.cancelByCloid(10_000, cloidB)).toString()).isEqualTo(neverPlaced);

            assertThat(sim.exchange().spotHold(MASTER, "USDC")).isZero();
            assertThat(sim.exchange().openOrders(MASTER)).extracting(SimExchange.OrderView::oid).containsExactly(oidC);
            JsonNode canceled = client.info("{\"type\":\"orderStatus\",\"user\":\"" + MASTER + "\",\"oid\":" + oidB
                    + "}");
            assertThat(canceled.get("order").get("status").asText()).isEqualTo("canceled");
            assertThat(client.info("{\"type\":\"orderStatus\",\"user\":\"" + MASTER + "\",\"oid\":\""
                    + SignedClient.cloid(0xC) + "\"}").toString()).isEqualTo("{\"status\":\"unknownOid\"}");
            assertThat(sim.exchange().fills(MASTER)).isEmpty();
        }
    }

    @Test
    void eachOrderIsValidatedOnItsOwnWithTheVenuesTexts() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(64), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("1000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            JsonNode book = client.info("{\"type\":\"l2Book\",\"coin\":\"ETH\"}");
            BigDecimal bestBid = levels(book, 0).getFirst().px();
            String bid = Decimals.plain(bestBid);
            String badPx = Decimals.plain(bestBid.add(new BigDecimal("0.01"))); // six significant figures
            String ask = Decimals.plain(levels(book, 1).getFirst().px());
            String deepBid = Decimals.plain(levels(book, 0).get(3).px());
            String purrBid = Decimals.plain(levels(client.info("{\"type\":\"l2Book\",\"coin\":\"PURR/USDC\"}"), 0)
                    .getFirst().px());
            String cloidAlo = SignedClient.cloid(7);
            List<ExchangeActions.Order> orders = List.of(
                    SignedClient.limit(eth, true, badPx, "0.01", false, Tif.GTC, null),
                    SignedClient.limit(eth, true, bid, "0.00001", false, Tif.GTC, null),
                    SignedClient.limit(eth, true, bid, "0.001", false, Tif.GTC, null),
                    SignedClient.limit(eth, false, bid, "0.01", true, Tif.IOC, null),
                    SignedClient.limit(eth, true, ask, "0.01", false, Tif.ALO, cloidAlo),
                    SignedClient.limit(eth, true, deepBid, "100", false, Tif.GTC, null),
                    SignedClient.limit(eth, true, deepBid, "0.01", false, Tif.IOC, null),
                    SignedClient.limit(10_000, false, purrBid, "1000", false, Tif.GTC, null),
                    SignedClient.limit(9_999, true, "1", "100", false, Tif.GTC, null),
                    SignedClient.limit(eth, true, bid, "0.01", false, Tif.ALO, null));

            JsonNode statuses = client.send(ExchangeActions.order(orders)).json().get("response").get("data")
                    .get("statuses");

            String a = " asset=" + eth;
            List<String> want = List.of(
                    "Order has invalid price." + a,
                    "Order has invalid size." + a,
                    "Order must have minimum value of $10." + a,
                    "Reduce only order would increase position." + a,
                    "Post only order would have immediately matched, bbo was " + bid + "@" + ask + "." + a,
                    "Insufficient margin to place order." + a,
                    "Order could not immediately match against any resting orders." + a,
                    "(Spot-only) Order has insufficient spot balance to trade asset=10000",
                    "Order has invalid asset. asset=9999");
            assertThat(statuses.size()).isEqualTo(orders.size());
            for (int i = 0; i < want.size(); i++) {
                assertThat(statuses.get(i).path("error").asText()).as("order %d", i).isEqualTo(want.get(i));
            }
            assertThat(statuses.get(want.size()).has("resting")).as("a valid order among refused ones").isTrue();
            assertThat(sim.exchange().orderByCloid(MASTER, cloidAlo).orElseThrow().status())
                    .isEqualTo("badAloPxRejected");
            assertThat(sim.exchange().fills(MASTER)).isEmpty();

            JsonNode spotMin = client.first(SignedClient.order(10_000, true, new BigDecimal(purrBid),
                    BigDecimal.ONE, Tif.GTC, null));
            assertThat(spotMin.get("error").asText())
                    .isEqualTo("Order must have minimum value of 10 USDC. asset=10000");
        }
    }
}
