package lotus.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * The retained candles of one (coin, interval), oldest first, in parallel primitive arrays: prices in grid units,
 * volume in size units. 45 coins x 6 intervals x 5000 candles would be 1.35 million {@link Bar} objects; as arrays
 * that grow on demand it is about 52 bytes a candle, allocated only as history and trading fill them. Once
 * {@code capacity} candles are held the oldest is overwritten (Hyperliquid keeps only the most recent 5000).
 *
 * <p>Candles only ever change at the newest end: trades of one coin arrive in time order. Not thread-safe; the
 * owning {@link SimCoin} is guarded by the market's lock.
 */
final class CandleSeries {

    private final String coin;
    private final Timeframe timeframe;
    private final PriceGrid grid;
    private final int sizeDecimals;
    private final int capacity;

    private long[] open = new long[0];
    private long[] openPx = new long[0];
    private long[] high = new long[0];
    private long[] low = new long[0];
    private long[] close = new long[0];
    private long[] volume = new long[0];
    private int[] count = new int[0];
    private int start;
    private int size;
    private long version;

    CandleSeries(String coin, Timeframe timeframe, PriceGrid grid, int sizeDecimals, int capacity) {
        this.coin = coin;
        this.timeframe = timeframe;
        this.grid = grid;
        this.sizeDecimals = sizeDecimals;
        this.capacity = capacity;
    }

    /**
     * Folds OHLCV into the candle that opens at {@code openMs}: a new candle after the newest, or a merge into the
     * newest (open kept, high/low widened, close replaced, volume and count added).
     */
    void merge(long openMs, long o, long h, long l, long c, long v, int n) {
        if (size > 0 && open[slot(size - 1)] == openMs) {
            int i = slot(size - 1);
            high[i] = Math.max(high[i], h);
            low[i] = Math.min(low[i], l);
            close[i] = c;
            volume[i] += v;
            count[i] += n;
        } else if (size == 0 || openMs > open[slot(size - 1)]) {
            int i = appendSlot();
            open[i] = openMs;
            openPx[i] = o;
            high[i] = h;
            low[i] = l;
            close[i] = c;
            volume[i] = v;
            count[i] = n;
        } else {
            throw new IllegalStateException("candle " + coin + " " + timeframe + " @" + openMs
                    + " arrived after @" + open[slot(size - 1)]);
        }
        version++;
    }

    /** Changes with every merge: lets the pump push a candle only when it changed. */
    long version() {
        return version;
    }

    int size() {
        return size;
    }

    /** The newest candle (the open one while trades flow), or null when there is none. */
    Bar latest() {
        return size == 0 ? null : bar(slot(size - 1));
    }

    /** The candle opening at {@code openMs}, or null. */
    Bar at(long openMs) {
        int k = firstAtOrAfter(openMs);
        return k < size && open[slot(k)] == openMs ? bar(slot(k)) : null;
    }

    /** Candles with open time in {@code [fromMs, toMs)}, oldest first, at most {@code limit}. */
    List<Bar> range(long fromMs, long toMs, int limit) {
        List<Bar> bars = new ArrayList<>();
        for (int k = firstAtOrAfter(fromMs); k < size && bars.size() < limit; k++) {
            int i = slot(k);
            if (open[i] >= toMs) {
                break;
            }
            bars.add(bar(i));
        }
        return bars;
    }

    /** Position (0 = oldest) of the first candle opening at or after {@code timeMs}; {@code size} if none. */
    private int firstAtOrAfter(long timeMs) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (open[slot(mid)] < timeMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Bar bar(int i) {
        return new Bar(coin, "hyperliquid", timeframe, open[i], grid.toDecimal(openPx[i]), grid.toDecimal(high[i]),
                grid.toDecimal(low[i]), grid.toDecimal(close[i]), PriceGrid.decimal(volume[i], sizeDecimals), count[i]);
    }

    private int slot(int position) {
        int i = start + position;
        return i < open.length ? i : i - open.length;
    }

    private int appendSlot() {
        if (size == capacity) {
            int i = start;
            start = slot(1);
            return i; // overwrite the oldest; `size` stays
        }
        if (size == open.length) {
            grow(Math.min(capacity, Math.max(16, open.length * 2)));
        }
        return slot(size++);
    }

    /** Only called before the ring first fills, so {@code start} is still 0 and the data is contiguous. */
    private void grow(int length) {
        open = Arrays.copyOf(open, length);
        openPx = Arrays.copyOf(openPx, length);
        high = Arrays.copyOf(high, length);
        low = Arrays.copyOf(low, length);
        close = Arrays.copyOf(close, length);
        volume = Arrays.copyOf(volume, length);
        count = Arrays.copyOf(count, length);
    }
}
