package lotus.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.market.Side;
import lotus.market.Trade;
import lotus.time.Timeframe;

/**
 * One coin's market: its latent price path, the quoted best bid/ask around it, the trades it printed and its candles
 * in every timeframe. Not thread-safe: {@link SimMarket} guards every coin with its lock.
 */
final class SimCoin {

    record BookLevel(BigDecimal px, BigDecimal sz, int n) {
    }

    record Book(String coin, long timeMs, List<BookLevel> bids, List<BookLevel> asks) {
    }

    static final int BOOK_DEPTH = 20;
    private static final Timeframe[] TIMEFRAMES = Timeframe.values();
    /** Ten-second steps inside a history minute give it a high and low distinct from open and close. */
    private static final int HISTORY_STEPS_PER_MINUTE = 6;

    private final SimAsset asset;
    private final PriceGrid grid;
    private final PricePath path;
    private final long sizeUnit;
    private final double medianNotionalUsd;
    private final long bookSeed;
    private final CandleSeries[] series = new CandleSeries[TIMEFRAMES.length];
    private final List<Trade> trades;
    private long tradeCount;

    SimCoin(Universe.Listing listing, long pathStartMs, int maxCandles, boolean keepTrades, long seed) {
        this.asset = listing.asset();
        this.grid = new PriceGrid(asset.priceDecimals());
        this.path = new PricePath(listing.startPrice(), listing.volatilityPerSqrtHour(), pathStartMs,
                new SplittableRandom(TradeTags.mix(seed ^ asset.apiCoin().hashCode())));
        this.sizeUnit = PriceGrid.pow10(asset.szDecimals());
        this.medianNotionalUsd = 400 * listing.activity();
        this.bookSeed = TradeTags.mix(seed + 31L * asset.apiCoin().hashCode());
        for (Timeframe tf : TIMEFRAMES) {
            series[tf.ordinal()] = new CandleSeries(asset.apiCoin(), tf, grid, asset.szDecimals(), maxCandles);
        }
        this.trades = keepTrades ? new ArrayList<>() : null;
    }

    SimAsset asset() {
        return asset;
    }

    PriceGrid grid() {
        return grid;
    }

    PricePath path() {
        return path;
    }

    /**
     * Synthetic candles for the minutes of {@code [fromMs, toMs)} sampled from the price path (the last minute may
     * be partial when {@code toMs} is not on a minute). Trade counts and volumes are plausible for the configured
     * rate, not the result of stored trades.
     */
    void buildHistory(long fromMs, long toMs, double tradesPerMinute, SplittableRandom random) {
        for (long minute = fromMs; minute < toMs; minute += Timeframe.M1.durationMs()) {
            long end = Math.min(minute + Timeframe.M1.durationMs(), toMs);
            long open = grid.nearest(path.advanceTo(minute));
            long high = open;
            long low = open;
            long close = open;
            for (int step = 1; step <= HISTORY_STEPS_PER_MINUTE; step++) {
                long t = minute + (end - minute) * step / HISTORY_STEPS_PER_MINUTE;
                close = grid.nearest(path.advanceTo(t));
                high = Math.max(high, close);
                low = Math.min(low, close);
            }
            int n = (int) Math.max(1, Math.round(tradesPerMinute * random.nextDouble(0.5, 1.5)));
            long typical = typicalSizeUnits(grid.toDouble(close));
            long volume = Math.max(n, Math.round(n * typical * random.nextDouble(0.5, 1.5)));
            for (Timeframe tf : TIMEFRAMES) {
                series[tf.ordinal()].merge(tf.floor(minute), open, high, low, close, volume, n);
            }
        }
    }

    /** Prints one trade at {@code timeMs}: walks the path there and hits the ask (buy) or the bid (sell). */
    Trade trade(long tid, long timeMs, SplittableRandom random) {
        double before = path.price();
        double after = path.advanceTo(timeMs);
        // The aggressor leans with the move, as flow pushes price.
        double buyChance = after > before ? 0.7 : after < before ? 0.3 : 0.5;
        Side side = random.nextDouble() < buyChance ? Side.BUY : Side.SELL;
        long bid = bestBid();
        long px = side == Side.BUY ? grid.above(bid) : bid;
        double notional = medianNotionalUsd * Math.exp(random.nextGaussian());
        long sz = Math.max(1, (long) (notional / grid.toDouble(px) * sizeUnit));
        Trade trade = new Trade(asset.apiCoin(), tid, timeMs, grid.toDecimal(px), PriceGrid.decimal(sz,
                asset.szDecimals()), side);
        for (Timeframe tf : TIMEFRAMES) {
            series[tf.ordinal()].merge(tf.floor(timeMs), px, px, px, px, sz, 1);
        }
        if (trades != null) {
            trades.add(trade);
        }
        tradeCount++;
        return trade;
    }

    long tradeCount() {
        return tradeCount;
    }

    List<Trade> trades() {
        return trades == null ? List.of() : List.copyOf(trades);
    }

    CandleSeries series(Timeframe tf) {
        return series[tf.ordinal()];
    }

    /** The best bid: the largest valid price at or below the latent price; the ask is the next valid price. */
    long bestBid() {
        return grid.floor((long) Math.floor(path.price() * PriceGrid.pow10(grid.decimals())));
    }

    /** Halfway between bid and ask: may carry one decimal more than a valid price (HYPERLIQUID.md §2.3). */
    BigDecimal mid() {
        long bid = bestBid();
        long ask = grid.above(bid);
        BigDecimal mid = BigDecimal.valueOf(bid + ask, grid.decimals()).divide(BigDecimal.valueOf(2),
                grid.decimals() + 1, RoundingMode.UNNECESSARY);
        return PriceGrid.decimal(mid.unscaledValue().longValueExact(), mid.scale());
    }

    /**
     * A 20-level book on each side of the current quote. Sizes and order counts are a pure function of the coin and
     * the half-second bucket of {@code nowMs}, so one instant always shows one book.
     */
    Book book(long nowMs) {
        SplittableRandom random = new SplittableRandom(bookSeed ^ Math.floorDiv(nowMs, 500));
        long bid = bestBid();
        long ask = grid.above(bid);
        List<BookLevel> bids = new ArrayList<>(BOOK_DEPTH);
        List<BookLevel> asks = new ArrayList<>(BOOK_DEPTH);
        for (int level = 0; level < BOOK_DEPTH; level++) {
            asks.add(level(ask, random));
            ask = grid.above(ask);
            if (bid >= 1) {
                bids.add(level(bid, random));
                bid = bid == 1 ? 0 : grid.below(bid);
            }
        }
        return new Book(asset.apiCoin(), nowMs, bids, asks);
    }

    private BookLevel level(long px, SplittableRandom random) {
        long typical = typicalSizeUnits(grid.toDouble(px));
        long sz = Math.max(1, Math.round(typical * random.nextDouble(0.5, 6)));
        return new BookLevel(grid.toDecimal(px), PriceGrid.decimal(sz, asset.szDecimals()), random.nextInt(1, 12));
    }

    private long typicalSizeUnits(double price) {
        return Math.max(1, (long) (medianNotionalUsd / price * sizeUnit));
    }
}
