package lotus.pm;

import java.util.List;
import java.util.Map;
import lotus.market.Bar;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * The bars the PM reads, oldest first: a position's token from its chain's table, the majors and the regime drivers
 * (bucket indices, dominance; {@code regime_price_data_ohlc}) for the regime. The
 * live PM reads them from the database ({@code store.PriceDataReader}); a backtest from bars it loaded once
 * ({@code store.MemoryPriceHistory}), so its ticks do not query the database for bars they already hold.
 */
public interface PriceHistory {

    /** The latest {@code limit} bars of a position's token opening before {@code beforeMs}, oldest first. */
    List<Bar> barsBefore(String tokenContract, String chain, Timeframe timeframe, int limit, long beforeMs);

    /** Bars of a position's token with open time in {@code [fromMs, toMs)}, oldest first. */
    List<Bar> bars(String tokenContract, String chain, Timeframe timeframe, long fromMs, long toMs);

    /**
     * What a batch read wants of one token: its bars opening at or after {@code fromMs} (and before the batch's
     * bound), the latest {@code limit} of them.
     */
    record BarWindow(String tokenContract, long fromMs, int limit) {

        public BarWindow {
            if (limit <= 0) {
                throw new IllegalArgumentException("limit must be positive, got " + limit);
            }
        }
    }

    /**
     * The bars of many tokens of one chain and timeframe at once, each token's oldest first: for each window, the
     * latest {@code limit} bars opening in {@code [fromMs, beforeMs)}, by token contract (a token without any maps to
     * an empty list); {@code fromMs = Long.MIN_VALUE} for no lower bound. One query per tick instead of one per
     * position; this default reads them token by token.
     */
    default Map<String, List<Bar>> barWindows(String chain, Timeframe timeframe, List<BarWindow> windows,
            long beforeMs) {
        Map<String, List<Bar>> out = new java.util.HashMap<>();
        for (BarWindow w : windows) {
            List<Bar> bars = w.fromMs() == Long.MIN_VALUE
                    ? barsBefore(w.tokenContract(), chain, timeframe, w.limit(), beforeMs)
                    : bars(w.tokenContract(), chain, timeframe, w.fromMs(), beforeMs);
            out.put(w.tokenContract(), bars.size() <= w.limit() ? bars
                    : List.copyOf(bars.subList(bars.size() - w.limit(), bars.size())));
        }
        return out;
    }

    /** The latest {@code limit} bars of a major opening before {@code beforeMs}, oldest first. */
    List<Bar> majorBarsBefore(String coin, Timeframe timeframe, int limit, long beforeMs);

    /** Bars of a major with open time in {@code [fromMs, toMs)}, oldest first. */
    List<Bar> majorBars(String coin, Timeframe timeframe, long fromMs, long toMs);

    /**
     * The latest {@code limit} bars of a regime driver ({@code bucket.small}, {@code btc.d}, ...) opening before
     * {@code beforeMs}, oldest first; each bar's token is the driver.
     */
    List<Bar> regimeBarsBefore(String driver, Timeframe timeframe, int limit, long beforeMs);

    /** Bars of a regime driver with open time in {@code [fromMs, toMs)}, oldest first. */
    List<Bar> regimeBars(String driver, Timeframe timeframe, long fromMs, long toMs);

    /**
     * The market-cap buckets of {@code tokenChain}'s tokens on the UTC day starting at {@code dayMs}, by token contract,
     * as the bucket collector decided them ({@code regime_bucket_members}), of the tokens counted in a 1m index bar
     * opening before {@code beforeMs}; empty for a chain without market caps.
     */
    Map<String, MarketCapBucket> bucketMembers(String tokenChain, long dayMs, long beforeMs);
}
