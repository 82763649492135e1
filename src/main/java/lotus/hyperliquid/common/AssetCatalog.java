package lotus.hyperliquid.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored name ⇄ API coin ⇄ asset id ⇄ szDecimals ⇄ market kind for the main-dex perps and the spot pairs
 * (HYPERLIQUID.md §4), from one {@code meta} and one {@code spotMeta} answer. Immutable, so thread-safe. Listings
 * change: to refresh, {@link #load} again (40 weight) and swap the reference the callers share.
 */
public final class AssetCatalog {

    private static final Logger log = LoggerFactory.getLogger(AssetCatalog.class);

    private final String source;
    private final List<Asset> assets;
    private final Map<String, Asset> byName;
    private final Map<String, Asset> byApiCoin;
    private final Map<Integer, Asset> byAssetId;

    /**
     * The base token of a spot pair: its name and its token index, the key of {@code spotClearinghouseState}
     * balances (HYPERLIQUID.md §4: token index, not pair index; names may repeat, indices do not), and its wei
     * decimals, to which a spot buy's fee, charged in this token, is cut.
     */
    public record SpotToken(String name, int tokenIndex, int szDecimals, int weiDecimals) {
    }

    /** Spot asset id → its base token. */
    private final Map<Integer, SpotToken> spotBases;

    private AssetCatalog(String source, List<Asset> assets, Map<String, Asset> byName,
            Map<Integer, SpotToken> spotBases) {
        this.source = source;
        this.spotBases = Map.copyOf(spotBases);
        this.assets = List.copyOf(assets);
        this.byName = Map.copyOf(byName);
        Map<String, Asset> coins = new HashMap<>();
        Map<Integer, Asset> ids = new HashMap<>();
        for (Asset a : assets) {
            if (coins.put(a.apiCoin(), a) != null || ids.put(a.assetId(), a) != null) {
                throw new IllegalArgumentException(source + ": coin " + a.apiCoin() + " or asset id " + a.assetId()
                        + " is listed twice");
            }
        }
        this.byApiCoin = Map.copyOf(coins);
        this.byAssetId = Map.copyOf(ids);
    }

    /** As {@link #parse(HlNetwork, JsonNode, JsonNode)} with no network named in lookup failures. */
    public static AssetCatalog parse(JsonNode meta, JsonNode spotMeta) {
        return parse(null, meta, spotMeta);
    }

    /**
     * Builds the catalog from the two answers. Malformed entries (missing name or szDecimals, duplicate coins) are
     * refused, since a wrong id or decimal count signs wrong orders; a pair whose token is missing is skipped.
     */
    public static AssetCatalog parse(HlNetwork network, JsonNode meta, JsonNode spotMeta) {
        List<Asset> perps = MetaReader.perps(meta);
        List<MetaReader.Pair> pairs = MetaReader.spotPairs(spotMeta);
        String source = (network == null ? "asset catalog" : network.label() + " asset catalog") + " ("
                + perps.size() + " perps, " + pairs.size() + " spot pairs)";
        List<Asset> all = new ArrayList<>(perps);
        all.addAll(spotAssets(pairs, source));
        Map<String, Asset> names = new HashMap<>();
        for (Asset a : all) {
            if (names.put(a.name(), a) != null) {
                throw new IllegalArgumentException(source + ": name " + a.name() + " is listed twice");
            }
        }
        Map<Integer, SpotToken> bases = new HashMap<>();
        for (MetaReader.Pair p : pairs) {
            bases.put(Asset.SPOT_ID_OFFSET + p.index(), new SpotToken(p.baseName(), p.baseToken(), p.szDecimals(),
                    p.baseWeiDecimals()));
        }
        return new AssetCatalog(source, all, names, bases);
    }

    /** The base token of a spot pair ({@code PURR/USDC} → PURR, token 1). */
    public SpotToken spotBase(Asset spotPair) {
        SpotToken base = spotBases.get(spotPair.assetId());
        if (base == null || spotPair.kind() != MarketKind.SPOT) {
            throw new UnknownAssetException("no spot pair " + spotPair.apiCoin() + " in the " + source);
        }
        return base;
    }

    /**
     * Token names are not unique (look-alike tokens, testnet duplicates): the human name goes to the canonical pair,
     * else the lowest pair index; a pair that loses it is stored under its API coin, which is unique.
     */
    private static List<Asset> spotAssets(List<MetaReader.Pair> pairs, String source) {
        List<MetaReader.Pair> preferredFirst = new ArrayList<>(pairs);
        preferredFirst.sort(Comparator.comparing((MetaReader.Pair p) -> !p.canonical())
                .thenComparingInt(MetaReader.Pair::index));
        Map<String, Asset> taken = new HashMap<>();
        List<Asset> out = new ArrayList<>();
        for (MetaReader.Pair p : preferredFirst) {
            String name = taken.containsKey(p.humanName()) ? p.apiCoin() : p.humanName();
            if (!name.equals(p.humanName())) {
                log.warn("{}: spot pair {} is also called {}, a name that stays with pair {}; stored as {}", source,
                        p.apiCoin(), p.humanName(), taken.get(p.humanName()).apiCoin(), name);
            }
            Asset asset = new Asset(name, p.apiCoin(), Asset.SPOT_ID_OFFSET + p.index(), MarketKind.SPOT,
                    p.szDecimals(), 1, false);
            taken.putIfAbsent(p.humanName(), asset);
            out.add(asset);
        }
        out.sort(Comparator.comparingInt(Asset::assetId));
        return out;
    }

    /** By the name we store: {@code BTC}, {@code HYPE/USDC}. */
    public Asset byName(String name) {
        return found(byName.get(name), "name", name);
    }

    /** By the coin of /info and WebSocket requests: {@code BTC}, {@code PURR/USDC}, {@code @107}. */
    public Asset byApiCoin(String apiCoin) {
        return found(byApiCoin.get(apiCoin), "API coin", apiCoin);
    }

    /** By the id signed into actions: {@code 0}, {@code 10107}. */
    public Asset byAssetId(int assetId) {
        return found(byAssetId.get(assetId), "asset id", assetId);
    }

    /** Perps in meta order, then spot pairs by pair index. */
    public List<Asset> assets() {
        return assets;
    }

    private Asset found(Asset asset, String what, Object asked) {
        if (asset == null) {
            throw new UnknownAssetException("no asset with " + what + " '" + asked + "' in the " + source);
        }
        return asset;
    }

    @Override
    public String toString() {
        return source;
    }
}
