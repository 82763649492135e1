package lotus.hyperliquid.common;

import lotus.time.RateBudget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

/** Asset identity (HYPERLIQUID.md §4) from sample answers, then from the simulator over a real socket. */
class AssetCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A delisted perp in slot 2, and a perp named like a spot base token. */
    private static final String META = """
            {"universe":[
              {"name":"BTC","szDecimals":5,"maxLeverage":40},
              {"name":"ETH","szDecimals":4,"maxLeverage":25,"onlyIsolated":false},
              {"name":"MATIC","szDecimals":1,"maxLeverage":20,"isDelisted":true},
              {"name":"SOL","szDecimals":2,"maxLeverage":20},
              {"name":"PURR","szDecimals":0,"maxLeverage":3}],
             "marginTables":[],"collateralToken":0}""";

    /**
     * Tokens and pairs out of order with sparse indices (HYPE: token 150, pair 107); a look-alike PURR token whose
     * pair would also be called PURR/USDC; two non-canonical UBTC/USDC pairs; and a pair whose base token is missing.
     */
    private static final String SPOT_META = """
            {"tokens":[
              {"name":"HYPE","szDecimals":2,"weiDecimals":8,"index":150,"isCanonical":true},
              {"name":"USDC","szDecimals":8,"weiDecimals":8,"index":0,"isCanonical":true},
              {"name":"PURR","szDecimals":3,"weiDecimals":5,"index":77,"isCanonical":false},
              {"name":"PURR","szDecimals":0,"weiDecimals":5,"index":1,"isCanonical":true},
              {"name":"UBTC","szDecimals":5,"weiDecimals":10,"index":197,"isCanonical":false},
              {"name":"UBTC","szDecimals":2,"weiDecimals":10,"index":400,"isCanonical":false}],
             "universe":[
              {"name":"@107","tokens":[150,0],"index":107,"isCanonical":false},
              {"name":"@5","tokens":[77,0],"index":5,"isCanonical":false},
              {"name":"PURR/USDC","tokens":[1,0],"index":0,"isCanonical":true},
              {"name":"@140","tokens":[197,0],"index":140,"isCanonical":false},
              {"name":"@30","tokens":[400,0],"index":30,"isCanonical":false},
              {"name":"@9","tokens":[999,0],"index":9,"isCanonical":false}]}""";

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AssetCatalog sample() {
        return AssetCatalog.parse(HlNetwork.MAINNET, json(META), json(SPOT_META));
    }

    @Test
    void perpIdsArePositionsInMetaAndADelistedPerpKeepsItsSlot() {
        AssetCatalog catalog = sample();
        assertThat(catalog.byName("BTC")).isEqualTo(new Asset("BTC", "BTC", 0, MarketKind.PERP, 5, 40, false));
        assertThat(catalog.byAssetId(2)).isEqualTo(new Asset("MATIC", "MATIC", 2, MarketKind.PERP, 1, 20, true));
        assertThat(catalog.byName("SOL").assetId()).isEqualTo(3);
        assertThat(catalog.byApiCoin("SOL")).isSameAs(catalog.byName("SOL"));
    }

    @Test
    void spotIdsComeFromThePairIndexAndSizeDecimalsFromTheBaseTokenIndex() {
        AssetCatalog catalog = sample();
        Asset hype = catalog.byName("HYPE/USDC");
        assertThat(hype).isEqualTo(new Asset("HYPE/USDC", "@107", 10_107, MarketKind.SPOT, 2, 1, false));
        assertThat(catalog.byApiCoin("@107")).isSameAs(hype);
        assertThat(catalog.byAssetId(10_107)).isSameAs(hype);
        assertThat(catalog.byApiCoin("PURR/USDC"))
                .isEqualTo(new Asset("PURR/USDC", "PURR/USDC", 10_000, MarketKind.SPOT, 0, 1, false));
    }

    @Test
    void theCanonicalPairKeepsACollidingNameAndTheOtherIsStoredUnderItsCoin() {
        AssetCatalog catalog = sample();
        assertThat(catalog.byName("PURR/USDC").apiCoin()).isEqualTo("PURR/USDC");
        assertThat(catalog.byApiCoin("@5")).isEqualTo(new Asset("@5", "@5", 10_005, MarketKind.SPOT, 3, 1, false));
        // Neither UBTC pair is canonical: the lower pair index keeps the name.
        assertThat(catalog.byName("UBTC/USDC").apiCoin()).isEqualTo("@30");
        assertThat(catalog.byApiCoin("@140").name()).isEqualTo("@140");
        assertThat(catalog.byName("@140").szDecimals()).isEqualTo(5);
        // A spot buy's fee is cut to the base token's wei decimals, so the catalog keeps them.
        assertThat(catalog.spotBase(catalog.byName("@140"))).isEqualTo(new AssetCatalog.SpotToken("UBTC", 197, 5, 10));
        assertThat(catalog.spotBase(catalog.byName("PURR/USDC")).weiDecimals()).isEqualTo(5);
    }

    @Test
    void perpAndSpotNamesNeverMix() {
        AssetCatalog catalog = sample();
        assertThat(catalog.byName("PURR").kind()).isEqualTo(MarketKind.PERP);
        assertThat(catalog.byName("PURR/USDC").kind()).isEqualTo(MarketKind.SPOT);
        assertThatThrownBy(() -> catalog.byName("HYPE")).isInstanceOf(UnknownAssetException.class);
        assertThatThrownBy(() -> catalog.byApiCoin("HYPE/USDC")).isInstanceOf(UnknownAssetException.class);
    }

    @Test
    void unknownLookupsNameWhatWasAskedAndTheCatalog() {
        AssetCatalog catalog = sample();
        assertThatThrownBy(() -> catalog.byName("DOGE")).isInstanceOf(UnknownAssetException.class)
                .hasMessage("no asset with name 'DOGE' in the mainnet asset catalog (5 perps, 5 spot pairs)");
        assertThatThrownBy(() -> catalog.byApiCoin("@9")).as("pair with a missing token is skipped")
                .isInstanceOf(UnknownAssetException.class).hasMessageContaining("API coin '@9'");
        assertThatThrownBy(() -> catalog.byAssetId(5)).isInstanceOf(UnknownAssetException.class)
                .hasMessageContaining("asset id '5'");
        assertThat(catalog.assets()).extracting(Asset::apiCoin)
                .containsExactly("BTC", "ETH", "MATIC", "SOL", "PURR", "PURR/USDC", "@5", "@30", "@107", "@140");
    }

    @Test
    void malformedAnswersAreRefused() {
        JsonNode spot = json(SPOT_META);
        assertThatThrownBy(() -> AssetCatalog.parse(json("""
                {"universe":[{"name":"BTC","maxLeverage":40}]}"""), spot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meta.universe[0]")
                .hasMessageContaining("szDecimals");
        assertThatThrownBy(() -> AssetCatalog.parse(json("""
                {"universe":[{"name":"BTC","szDecimals":5,"maxLeverage":40},
                             {"name":"BTC","szDecimals":5,"maxLeverage":40}]}"""), spot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BTC");
        assertThatThrownBy(() -> AssetCatalog.parse(json(META), json("{\"universe\":[]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokens");
    }

    @Test
    void everySimulatedMarketResolvesOverTheInfoEndpoint() {
        SimulatedClock clock = SimulatedClock.manual(1_767_571_200_000L);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(1).withHistoryMinutes(10), clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 1200, clock), clock)) {
            AssetCatalog catalog = info.assetCatalog(HlNetwork.LOCAL);
            assertThat(catalog.assets()).hasSameSizeAs(sim.market().assets());
            for (SimAsset expected : sim.market().assets()) {
                Asset asset = catalog.byApiCoin(expected.apiCoin());
                assertThat(asset.name()).as(expected.apiCoin()).isEqualTo(expected.name());
                assertThat(asset.assetId()).as(expected.apiCoin()).isEqualTo(expected.assetId());
                assertThat(asset.szDecimals()).as(expected.apiCoin()).isEqualTo(expected.szDecimals());
                assertThat(asset.maxLeverage()).as(expected.apiCoin()).isEqualTo(expected.maxLeverage());
                assertThat(asset.kind().name()).as(expected.apiCoin()).isEqualTo(expected.kind().name());
                assertThat(catalog.byName(expected.name())).isSameAs(asset);
                assertThat(catalog.byAssetId(expected.assetId())).isSameAs(asset);
            }
            assertThat(catalog.byName("HYPE/USDC").apiCoin()).isEqualTo("@107");
            assertThatThrownBy(() -> catalog.byApiCoin("NOPE")).isInstanceOf(UnknownAssetException.class)
                    .hasMessageContaining("'NOPE'").hasMessageContaining("local asset catalog");
        }
    }
}
