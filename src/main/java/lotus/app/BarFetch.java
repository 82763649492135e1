package lotus.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lotus.hyperliquid.common.HlCandle;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.market.Bar;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.time.Clock;
import lotus.time.RateBudget;
import lotus.time.Timeframe;

/**
 * {@code lotus bars fetch}: a coin's closed candles from Hyperliquid's {@code candleSnapshot}, newest page first and
 * back until the venue has no older ones (it serves about the latest 5,000 per coin and interval) or the asked start
 * is reached. Each page is upserted as it comes, so an interrupted fetch keeps what it got; every request waits for
 * the process's shared weight budget inside {@link HlInfoClient}.
 */
public final class BarFetch {

    public static final String SOURCE = "hyperliquid";
    /** Candles a page asks for: the venue's page size, so one page is one request (weight 20 + 9). */
    public static final int PAGE_BARS = 500;

    /**
     * @param firstOpenMs the oldest bar written, Long.MAX_VALUE when none
     * @param lastOpenMs  the newest bar written, Long.MIN_VALUE when none
     */
    public record Fetched(String coin, Timeframe timeframe, long bars, int pages, long firstOpenMs, long lastOpenMs) {
    }

    private BarFetch() {
    }

    /**
     * A market as {@code bars fetch} asks for it and stores it: a perp's name is its API coin; a spot pair is stored
     * under its name ({@code HYPE/USDC}, as the ingest stores it) and asked for by its API coin ({@code @107}).
     */
    public record Coin(String name, String apiCoin) {
        public static Coin perp(String name) {
            return new Coin(name, name);
        }
    }

    /**
     * The coins as given: a name with {@code /} or an {@code @index} is a spot pair, found in the venue's catalog
     * (read once, only when one is asked for); anything else is a perp, asked for by its name.
     *
     * @throws lotus.hyperliquid.common.UnknownAssetException a spot pair the catalog does not list
     */
    public static List<Coin> resolve(HlInfoClient info, List<String> coins) {
        lotus.hyperliquid.common.AssetCatalog catalog = null;
        List<Coin> out = new ArrayList<>();
        for (String c : coins) {
            if (!c.contains("/") && !c.startsWith("@")) {
                out.add(Coin.perp(c));
                continue;
            }
            catalog = catalog != null ? catalog : info.assetCatalog();
            lotus.hyperliquid.common.Asset a = c.startsWith("@") ? catalog.byApiCoin(c) : catalog.byName(c);
            out.add(new Coin(a.name(), a.apiCoin()));
        }
        return out;
    }

    /** {@link #fetch(HlInfoClient, PriceBars, PriceTable, Coin, Timeframe, long, long, int)} of a perp. */
    public static Fetched fetch(HlInfoClient info, PriceBars store, PriceTable table, String perp, Timeframe tf,
            long fromMs, long nowMs, int pageBars) {
        return fetch(info, store, table, Coin.perp(perp), tf, fromMs, nowMs, pageBars);
    }

    /**
     * Fetches {@code coin}'s bars that closed by {@code nowMs} and opened at or after {@code fromMs} into
     * {@code table} under the coin's name.
     */
    public static Fetched fetch(HlInfoClient info, PriceBars store, PriceTable table, Coin coin, Timeframe tf,
            long fromMs, long nowMs, int pageBars) {
        if (pageBars <= 0) {
            throw new IllegalArgumentException("page size must be positive, got " + pageBars);
        }
        // The bar still open at nowMs is left out: a backtest must not read a bar that may still change.
        long end = tf.floor(nowMs) - tf.durationMs();
        long floor = tf.floor(fromMs) < fromMs ? tf.floor(fromMs) + tf.durationMs() : fromMs;
        long bars = 0;
        int pages = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        while (end >= floor) {
            long start = Math.max(floor, end - (long) (pageBars - 1) * tf.durationMs());
            List<HlCandle> candles = info.candles(coin.apiCoin(), tf, start, end);
            pages++;
            if (candles.isEmpty()) {
                // Only an empty page ends the walk: a page short of its start proves nothing, since a quiet coin
                // has minutes without a candle.
                break;
            }
            List<Bar> page = new ArrayList<>(candles.size());
            for (HlCandle c : candles) {
                page.add(c.toBar(coin.name(), PriceTable.HYPERLIQUID_CHAIN));
            }
            bars += store.upsert(table, SOURCE, page);
            first = Math.min(first, page.getFirst().openTimeMs());
            last = Math.max(last, page.getLast().openTimeMs());
            end = start - tf.durationMs();
        }
        return new Fetched(coin.name(), tf, bars, pages, first, last);
    }

    /** What a whole {@code bars fetch} spent of the weight budget, and how often it waited for room. */
    public record Spent(long weight, int perMinute, long throttledWaits, long retries) {
    }

    /**
     * Fetches each coin in turn (perp names, spot pair names or {@code @index}: see {@link #resolve}) from the
     * configured network into {@code table}, handing each result to {@code each} as it completes; {@code days} null
     * means as far back as the venue serves.
     */
    public static Spent fetchAll(LotusConfig config, Database db, List<String> coins, Timeframe tf, Integer days,
            PriceTable table, Consumer<Fetched> each) {
        Clock clock = Clock.system();
        RateBudget weight = PmAssembly.restBudget(clock);
        PriceBars store = new PriceBars(db);
        try (HlInfoClient info = new HlInfoClient(config.hyperliquid().endpoints().infoUrl(), weight, clock)) {
            long now = clock.nowMs();
            long from = days == null ? Long.MIN_VALUE / 2 : now - days * Timeframe.D1.durationMs();
            for (Coin coin : resolve(info, coins)) {
                each.accept(fetch(info, store, table, coin, tf, from, now, PAGE_BARS));
            }
            return new Spent(weight.totalSpent(), weight.perMinute(), info.throttledWaits(), info.retries());
        }
    }
}
