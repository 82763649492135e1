package lotus.sim;

import static lotus.sim.SimTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

class SimUniverseTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDefaultUniverseHasTheMajorsRealisticPerpsAndSpotPairsUnderTheirApiNames() {
        SimMarket market = new SimMarket(SimConfig.defaults(1).withHistoryMinutes(0), SimulatedClock.manual(T0), false);
        List<SimAsset> perps = market.assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP).toList();
        List<SimAsset> spots = market.assets().stream().filter(a -> a.kind() == SimAsset.Kind.SPOT).toList();
        assertThat(perps).hasSize(35);
        assertThat(spots).hasSize(10);
        Map<String, Integer> szDecimals = new HashMap<>();
        perps.forEach(p -> szDecimals.put(p.name(), p.szDecimals()));
        assertThat(szDecimals).containsEntry("BTC", 5).containsEntry("ETH", 4).containsEntry("SOL", 2)
                .containsEntry("BNB", 3).containsEntry("HYPE", 2).containsEntry("DOGE", 0).containsEntry("kPEPE", 0)
                .containsEntry("ARB", 1);
        for (int i = 0; i < perps.size(); i++) {
            SimAsset perp = perps.get(i);
            assertThat(perp.index()).isEqualTo(i);
            assertThat(perp.apiCoin()).isEqualTo(perp.name());
            assertThat(perp.maxLeverage()).isBetween(3, 50);
        }
        assertThat(market.asset("BTC").orElseThrow().index()).isZero();
        assertThat(market.asset("HYPE").orElseThrow().index()).isEqualTo(34);

        SimAsset purr = market.asset("PURR/USDC").orElseThrow();
        assertThat(purr).isEqualTo(new SimAsset("PURR/USDC", "PURR/USDC", SimAsset.Kind.SPOT, 0, 1, 0));
        SimAsset hype = market.asset("@107").orElseThrow();
        assertThat(hype).isEqualTo(new SimAsset("@107", "HYPE/USDC", SimAsset.Kind.SPOT, 2, 1, 107));
        assertThat(hype.assetId()).isEqualTo(10_107);
        for (SimAsset spot : spots) {
            if (spot.index() != 0) {
                assertThat(spot.apiCoin()).isEqualTo("@" + spot.index());
            }
            assertThat(spot.name()).endsWith("/USDC");
        }
        assertThat(market.asset("HYPE/USDC")).as("spot is addressed by its API coin").isEmpty();
    }

    @Test
    void configurationChangesTheUniverse() {
        SimMarket market = new SimMarket(SimConfig.defaults(1).withHistoryMinutes(0).withExtraPerps(60)
                .withSpotPairs(14), SimulatedClock.manual(T0), false);
        assertThat(market.assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP)).hasSize(65);
        assertThat(market.assets().stream().filter(a -> a.kind() == SimAsset.Kind.SPOT)).hasSize(14);
        assertThat(market.assets().stream().map(SimAsset::apiCoin).distinct()).hasSize(79);
    }

    @Test
    void metaAndSpotMetaDescribeTheSameUniverse() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(2), SimulatedClock.manual(T0), 0)) {
            JsonNode meta = SimTesting.post(http, sim.restUrl() + "/info", "{\"type\":\"meta\"}").json();
            List<SimAsset> perps = sim.market().assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP).toList();
            assertThat(meta.get("universe").size()).isEqualTo(perps.size());
            for (SimAsset perp : perps) {
                JsonNode entry = meta.get("universe").get(perp.index());
                assertThat(entry.get("name").asText()).isEqualTo(perp.name());
                assertThat(entry.get("szDecimals").asInt()).isEqualTo(perp.szDecimals());
                assertThat(entry.get("maxLeverage").asInt()).isEqualTo(perp.maxLeverage());
            }
            assertThat(meta.get("collateralToken").asInt()).isZero();

            JsonNode spotMeta = SimTesting.post(http, sim.restUrl() + "/info", "{\"type\":\"spotMeta\"}").json();
            Map<Integer, JsonNode> tokens = new HashMap<>();
            spotMeta.get("tokens").forEach(token -> tokens.put(token.get("index").asInt(), token));
            assertThat(tokens.get(0).get("name").asText()).isEqualTo("USDC");
            assertThat(tokens.get(150).get("name").asText()).isEqualTo("HYPE");
            int pairs = 0;
            for (JsonNode pair : spotMeta.get("universe")) {
                pairs++;
                SimAsset asset = sim.market().asset(pair.get("name").asText()).orElseThrow();
                JsonNode base = tokens.get(pair.get("tokens").get(0).asInt());
                assertThat(pair.get("tokens").get(1).asInt()).isZero();
                assertThat(base.get("name").asText() + "/USDC").isEqualTo(asset.name());
                assertThat(base.get("szDecimals").asInt()).isEqualTo(asset.szDecimals());
                assertThat(pair.get("index").asInt()).isEqualTo(asset.index());
                assertThat(base.get("tokenId").asText()).matches("0x[0-9a-f]{32}");
            }
            assertThat(pairs).isEqualTo(10);

            JsonNode ctxs = SimTesting.post(http, sim.restUrl() + "/info", "{\"type\":\"metaAndAssetCtxs\"}").json();
            assertThat(ctxs.get(0)).isEqualTo(meta);
            assertThat(ctxs.get(1).size()).isEqualTo(perps.size());
            JsonNode btc = ctxs.get(1).get(0);
            assertThat(new BigDecimal(btc.get("midPx").asText())).isEqualByComparingTo(sim.market().mid("BTC"));
            assertThat(SimTesting.validPrice(new BigDecimal(btc.get("markPx").asText()), perps.getFirst())).isTrue();
            assertThat(new BigDecimal(btc.get("dayBaseVlm").asText())).isPositive();
            JsonNode spotCtxs = SimTesting.post(http, sim.restUrl() + "/info", "{\"type\":\"spotMetaAndAssetCtxs\"}")
                    .json();
            assertThat(spotCtxs.get(0)).isEqualTo(spotMeta);
            assertThat(spotCtxs.get(1).get(1).get("coin").asText()).isEqualTo(spotMeta.get("universe").get(1)
                    .get("name").asText());
        }
    }
}
