package lotus.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.market.Trade;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * The simulated market: every listed coin's price path, the trades it prints and the candles built from them. It is
 * the truth the tests compare the wire against: what {@code candleSnapshot} serves is exactly {@link #candles}.
 *
 * <p>Trades arrive as one Poisson process over all coins at {@code tradesPerSecond} of simulated time; each arrival
 * picks a coin by activity (majors busier) and gets the next global tid. Everything follows from the seed and the
 * trade times alone, so the same seed gives the same trades however the pump slices time.
 *
 * <p>History: for {@code historyMinutes} before {@link #startMs()} every coin gets synthetic 1-minute candles sampled
 * from its path, and every larger timeframe is folded from those, so all timeframes agree. Live candles (from the
 * start) are folded from the trades themselves; the candle containing the start holds both parts.
 *
 * <p>Thread-safe: one lock guards everything, held by the pump while it generates and by readers while they copy.
 */
public final class SimMarket {

    private final Object lock = new Object();
    private final SimConfig config;
    private final Universe universe;
    private final List<SimAsset> assets;
    private final Map<String, SimCoin> coins = new LinkedHashMap<>();
    private final SimCoin[] coinArray;
    private final double[] cumulativeActivity;
    private final SplittableRandom random;
    private final long startMs;
    private final boolean publish;
    private final Map<String, List<Trade>> unpublished = new LinkedHashMap<>();
    private long advancedToMs;
    private double nextArrivalMs;
    private long nextTid;
    private long tradeCount;

    /**
     * @param publish keep new trades until {@link #drainNew()} takes them (the WebSocket pump does); a market used
     *                without a server passes false so nothing piles up
     */
    SimMarket(SimConfig config, Clock clock, boolean publish) {
        this.config = config;
        this.universe = new Universe(config);
        this.startMs = clock.nowMs();
        this.publish = publish;
        this.random = new SplittableRandom(TradeTags.mix(config.seed() ^ 0x7E4DE5L));
        List<Universe.Listing> listings = universe.listings();
        this.assets = listings.stream().map(Universe.Listing::asset).toList();
        this.coinArray = new SimCoin[listings.size()];
        this.cumulativeActivity = new double[listings.size()];
        double totalActivity = listings.stream().mapToDouble(Universe.Listing::activity).sum();
        long historyStart = Timeframe.M1.floor(startMs) - config.historyMinutes() * Timeframe.M1.durationMs();
        long pathStart = config.historyMinutes() > 0 ? historyStart : startMs;
        double sum = 0;
        for (int i = 0; i < listings.size(); i++) {
            Universe.Listing listing = listings.get(i);
            SimCoin coin = new SimCoin(listing, pathStart, config.maxCandles(), config.keepTrades(), config.seed());
            if (config.historyMinutes() > 0) {
                double perMinute = config.tradesPerSecond() * 60 * listing.activity() / totalActivity;
                coin.buildHistory(historyStart, startMs, perMinute,
                        new SplittableRandom(TradeTags.mix(config.seed() + i)));
            }
            coins.put(listing.asset().apiCoin(), coin);
            coinArray[i] = coin;
            sum += listing.activity();
            cumulativeActivity[i] = sum;
        }
        this.advancedToMs = startMs;
        this.nextArrivalMs = startMs + nextGapMs();
        this.nextTid = 100_000_000_000_000L + Math.floorMod(TradeTags.mix(config.seed()), 1_000_000_000L) * 1000;
    }

    /** Perps in meta order, then spot pairs in pair-index order. */
    public List<SimAsset> assets() {
        return assets;
    }

    public Optional<SimAsset> asset(String apiCoin) {
        SimCoin coin = coins.get(apiCoin);
        return coin == null ? Optional.empty() : Optional.of(coin.asset());
    }

    /** Clock time at construction: live trades start here; synthetic history lies before. */
    public long startMs() {
        return startMs;
    }

    /** Prints every trade due up to and including {@code nowMs}; earlier times are a no-op. */
    public void advanceTo(long nowMs) {
        synchronized (lock) {
            if (nowMs <= advancedToMs) {
                return;
            }
            if (config.tradesPerSecond() > 0) {
                while (nextArrivalMs <= nowMs) {
                    long timeMs = (long) nextArrivalMs;
                    SimCoin coin = pickCoin();
                    Trade trade = coin.trade(nextTid++, timeMs, random);
                    tradeCount++;
                    if (publish) {
                        unpublished.computeIfAbsent(trade.coin(), c -> new ArrayList<>()).add(trade);
                    }
                    nextArrivalMs += nextGapMs();
                }
            }
            advancedToMs = nowMs;
        }
    }

    /** Every trade emitted for the coin, in emission order; empty when {@code keepTrades} is off. */
    public List<Trade> trades(String apiCoin) {
        synchronized (lock) {
            return coin(apiCoin).trades();
        }
    }

    /** All coins, all time (counted even when trades are not kept). */
    public long tradeCount() {
        synchronized (lock) {
            return tradeCount;
        }
    }

    /**
     * Retained candles with open time in {@code [fromMs, toMs)}, ascending, {@code tokenContract} = the API coin,
     * chain {@code hyperliquid}; includes the still-open candle.
     */
    public List<Bar> candles(String apiCoin, Timeframe tf, long fromMs, long toMs) {
        return candles(apiCoin, tf, fromMs, toMs, Integer.MAX_VALUE);
    }

    /** The current mid: halfway between the simulated best bid and ask. */
    public BigDecimal mid(String apiCoin) {
        synchronized (lock) {
            return coin(apiCoin).mid();
        }
    }

    List<Bar> candles(String apiCoin, Timeframe tf, long fromMs, long toMs, int limit) {
        synchronized (lock) {
            return coin(apiCoin).series(tf).range(fromMs, toMs, limit);
        }
    }

    Universe universe() {
        return universe;
    }

    /** Trades printed since the previous call, per coin in emission order (only when publishing). */
    Map<String, List<Trade>> drainNew() {
        synchronized (lock) {
            if (unpublished.isEmpty()) {
                return Map.of();
            }
            Map<String, List<Trade>> drained = new LinkedHashMap<>(unpublished);
            unpublished.clear();
            return drained;
        }
    }

    /** The newest candle of the series and the series' version, read together. */
    record LatestCandle(Bar bar, long version) {
    }

    LatestCandle latestCandle(String apiCoin, Timeframe tf) {
        synchronized (lock) {
            CandleSeries series = coin(apiCoin).series(tf);
            return new LatestCandle(series.latest(), series.version());
        }
    }

    Bar candleAt(String apiCoin, Timeframe tf, long openMs) {
        synchronized (lock) {
            return coin(apiCoin).series(tf).at(openMs);
        }
    }

    /** Every asset's mid by API coin, in asset order. */
    Map<String, BigDecimal> mids() {
        synchronized (lock) {
            Map<String, BigDecimal> mids = new LinkedHashMap<>();
            for (SimCoin coin : coinArray) {
                mids.put(coin.asset().apiCoin(), coin.mid());
            }
            return mids;
        }
    }

    /** The mark price: the best bid, as {@code metaAndAssetCtxs} reports it. */
    BigDecimal markPx(String apiCoin) {
        synchronized (lock) {
            SimCoin coin = coin(apiCoin);
            return coin.grid().toDecimal(coin.bestBid());
        }
    }

    /** The next tid for a fill of ours: one sequence with the market's trades, so tids stay unique and increasing. */
    long takeTid() {
        synchronized (lock) {
            return nextTid++;
        }
    }

    SimCoin.Book book(String apiCoin, long nowMs) {
        synchronized (lock) {
            return coin(apiCoin).book(nowMs);
        }
    }

    /** The last 24 h from the 1-minute candles: the price a day ago and base and notional volume since. */
    record DayStats(BigDecimal prevDayPx, BigDecimal baseVolume, BigDecimal notionalVolume) {
    }

    DayStats dayStats(String apiCoin, long nowMs) {
        List<Bar> day = candles(apiCoin, Timeframe.M1, nowMs - Timeframe.D1.durationMs(), nowMs + 1);
        BigDecimal base = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (Bar bar : day) {
            base = base.add(bar.volume());
            notional = notional.add(bar.volume().multiply(bar.close()));
        }
        BigDecimal prevDayPx = day.isEmpty() ? mid(apiCoin) : day.getFirst().open();
        return new DayStats(prevDayPx, base, notional);
    }

    private SimCoin coin(String apiCoin) {
        SimCoin coin = coins.get(apiCoin);
        if (coin == null) {
            throw new IllegalArgumentException("unknown coin '" + apiCoin + "'");
        }
        return coin;
    }

    private SimCoin pickCoin() {
        double roll = random.nextDouble(cumulativeActivity[cumulativeActivity.length - 1]);
        int lo = 0;
        int hi = cumulativeActivity.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeActivity[mid] <= roll) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return coinArray[lo];
    }

    /** Exponential inter-arrival time in ms (fractional: at high rates several trades share a millisecond). */
    private double nextGapMs() {
        if (config.tradesPerSecond() <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return -Math.log(1 - random.nextDouble()) * 1000 / config.tradesPerSecond();
    }
}
