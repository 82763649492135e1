package lotus.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.TreeSet;
import lotus.market.Decimals;

/**
 * The asset-description answers of {@code /info}: {@code meta}, {@code spotMeta} and their {@code ...AndAssetCtxs}
 * variants (HYPERLIQUID.md §3, §4). Context numbers come from the simulated book and the last day of 1m candles;
 * funding, premium and supplies are fixed plausible values.
 */
final class MetaAnswers {

    private final SimMarket market;
    private final Universe universe;
    private final ObjectMapper mapper;

    MetaAnswers(SimMarket market, ObjectMapper mapper) {
        this.market = market;
        this.universe = market.universe();
        this.mapper = mapper;
    }

    String meta() {
        return metaNode().toString();
    }

    String spotMeta() {
        return spotMetaNode().toString();
    }

    String metaAndAssetCtxs(long nowMs) {
        ArrayNode answer = mapper.createArrayNode();
        answer.add(metaNode());
        ArrayNode ctxs = answer.addArray();
        for (Universe.Listing listing : universe.perps()) {
            String coin = listing.asset().apiCoin();
            SimCoin.Book book = market.book(coin, nowMs);
            SimMarket.DayStats day = market.dayStats(coin, nowMs);
            String mark = plain(book.bids().getFirst().px());
            ObjectNode ctx = ctxs.addObject();
            ctx.put("funding", "0.0000125");
            ctx.put("openInterest", plain(day.baseVolume().divide(BigDecimal.valueOf(3), listing.asset().szDecimals(),
                    RoundingMode.DOWN)));
            ctx.put("prevDayPx", plain(day.prevDayPx()));
            ctx.put("dayNtlVlm", plain(day.notionalVolume().setScale(6, RoundingMode.HALF_EVEN)));
            ctx.put("premium", "0.0");
            ctx.put("oraclePx", mark);
            ctx.put("markPx", mark);
            ctx.put("midPx", plain(market.mid(coin)));
            ArrayNode impact = ctx.putArray("impactPxs");
            impact.add(plain(book.bids().getFirst().px()));
            impact.add(plain(book.asks().getFirst().px()));
            ctx.put("dayBaseVlm", plain(day.baseVolume()));
        }
        return answer.toString();
    }

    String spotMetaAndAssetCtxs(long nowMs) {
        ArrayNode answer = mapper.createArrayNode();
        answer.add(spotMetaNode());
        ArrayNode ctxs = answer.addArray();
        for (Universe.Listing listing : universe.spots()) {
            String coin = listing.asset().apiCoin();
            SimCoin.Book book = market.book(coin, nowMs);
            SimMarket.DayStats day = market.dayStats(coin, nowMs);
            ObjectNode ctx = ctxs.addObject();
            ctx.put("prevDayPx", plain(day.prevDayPx()));
            ctx.put("dayNtlVlm", plain(day.notionalVolume().setScale(6, RoundingMode.HALF_EVEN)));
            ctx.put("markPx", plain(book.bids().getFirst().px()));
            ctx.put("midPx", plain(market.mid(coin)));
            ctx.put("circulatingSupply", "1000000000");
            ctx.put("coin", coin);
            ctx.put("totalSupply", "1000000000");
            ctx.put("dayBaseVlm", plain(day.baseVolume()));
        }
        return answer.toString();
    }

    private ObjectNode metaNode() {
        ObjectNode meta = mapper.createObjectNode();
        ArrayNode assets = meta.putArray("universe");
        TreeSet<Integer> leverages = new TreeSet<>();
        for (Universe.Listing listing : universe.perps()) {
            SimAsset asset = listing.asset();
            ObjectNode entry = assets.addObject();
            entry.put("szDecimals", asset.szDecimals());
            entry.put("name", asset.name());
            entry.put("maxLeverage", asset.maxLeverage());
            entry.put("marginTableId", asset.maxLeverage());
            leverages.add(asset.maxLeverage());
        }
        // One single-tier margin table per leverage, keyed by the leverage itself (the venue's ids differ).
        ArrayNode tables = meta.putArray("marginTables");
        for (int leverage : leverages) {
            ArrayNode pair = tables.addArray();
            pair.add(leverage);
            ObjectNode table = pair.addObject();
            table.put("description", "");
            ObjectNode tier = table.putArray("marginTiers").addObject();
            tier.put("lowerBound", "0.0");
            tier.put("maxLeverage", leverage);
        }
        meta.put("collateralToken", 0);
        return meta;
    }

    private ObjectNode spotMetaNode() {
        ObjectNode spotMeta = mapper.createObjectNode();
        ArrayNode pairs = spotMeta.putArray("universe");
        for (Universe.Listing listing : universe.spots()) {
            SimAsset asset = listing.asset();
            ObjectNode pair = pairs.addObject();
            ArrayNode tokens = pair.putArray("tokens");
            tokens.add(listing.baseToken());
            tokens.add(0);
            pair.put("name", asset.apiCoin());
            pair.put("index", asset.index());
            pair.put("isCanonical", asset.index() == 0);
        }
        ArrayNode tokens = spotMeta.putArray("tokens");
        for (Universe.SpotToken token : universe.tokens()) {
            ObjectNode entry = tokens.addObject();
            entry.put("name", token.name());
            entry.put("szDecimals", token.szDecimals());
            entry.put("weiDecimals", token.weiDecimals());
            entry.put("index", token.index());
            entry.put("tokenId", token.tokenId());
            entry.put("isCanonical", true);
            entry.putNull("evmContract");
            entry.putNull("fullName");
        }
        return spotMeta;
    }

    private static String plain(BigDecimal value) {
        return Decimals.plain(value);
    }
}
