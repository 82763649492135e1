package lotus.app.demo;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import lotus.ingest.DominanceCollector;
import lotus.market.MarketCapBucket;
import lotus.store.Database;
import lotus.store.PriceDataReader;
import lotus.time.Timeframe;

/**
 * The 1m bars each regime driver of STRATEGY.md §3 has stored before a time, so a reader of the demo sees which
 * drivers have data: BTC and the ALT composite from the majors (ALT as its thinnest member, since it has a bar only
 * where they all do), each market-cap bucket's index and the dominance drivers from {@code regime_price_data_ohlc}.
 * Under the engine's 333 a driver is dormant and contributes 0.
 *
 * @param alt     the fewest bars among SOL, ETH, BNB and HYPE
 * @param buckets per bucket, its index's bars (a bucket of fewer than 3 tokens has none)
 */
public record DriverBars(int btc, int alt, Map<MarketCapBucket, Integer> buckets, int btcD, int usdtD) {

    private static final List<String> ALT = List.of("SOL", "ETH", "BNB", "HYPE");
    /** More than a demo stores: every bar is counted. */
    private static final int ALL = 1_000_000;

    public DriverBars {
        buckets = Map.copyOf(buckets);
    }

    static DriverBars before(Database db, long beforeMs) {
        PriceDataReader r = new PriceDataReader(db);
        int alt = ALT.stream().mapToInt(c -> r.majorBarsBefore(c, Timeframe.M1, ALL, beforeMs).size()).min()
                .orElse(0);
        Map<MarketCapBucket, Integer> buckets = new EnumMap<>(MarketCapBucket.class);
        for (MarketCapBucket b : MarketCapBucket.values()) {
            buckets.put(b, regime(r, b.driver(), beforeMs));
        }
        return new DriverBars(r.majorBarsBefore("BTC", Timeframe.M1, ALL, beforeMs).size(), alt, buckets,
                regime(r, DominanceCollector.BTC, beforeMs), regime(r, DominanceCollector.USDT, beforeMs));
    }

    private static int regime(PriceDataReader r, String driver, long beforeMs) {
        return r.regimeBarsBefore(driver, Timeframe.M1, ALL, beforeMs).size();
    }

    /** {@code nano 1060, small 1060, mid 0, big 0}. */
    public String bucketCounts() {
        return new EnumMap<>(buckets).entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
