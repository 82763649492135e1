package lotus.store;

import lotus.pm.PriceHistory;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import lotus.market.Bar;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * Bars held in memory, answering as {@link PriceDataReader} answers from the tables (same tables by chain, same
 * ranges, oldest first), for a backtest that loaded them once. Reads are views over arrays found by binary search:
 * no copy per tick. Not thread-safe while bars are added; read-only afterwards.
 */
public final class MemoryPriceHistory implements PriceHistory {

    /** {@code table}: the table name ({@link PriceTable}'s, or {@link RegimeBars#TABLE} for the regime drivers). */
    private record Key(String table, String token, String chain, Timeframe timeframe) {
    }

    /** One token's bars in open-time order, with their open times apart for the search. */
    private static final class Series {
        private final Bar[] bars;
        private final long[] opens;

        Series(List<Bar> sorted) {
            bars = sorted.toArray(Bar[]::new);
            opens = new long[bars.length];
            for (int i = 0; i < bars.length; i++) {
                opens[i] = bars[i].openTimeMs();
                if (i > 0 && opens[i] <= opens[i - 1]) {
                    throw new IllegalArgumentException("bars of " + bars[i].tokenContract() + " are not in strictly "
                            + "increasing open time at index " + i);
                }
            }
        }

        /** Index of the first bar opening at or after {@code ms}. */
        int lowerBound(long ms) {
            int i = Arrays.binarySearch(opens, ms);
            return i >= 0 ? i : -i - 1;
        }

        List<Bar> view(int from, int to) {
            return from >= to ? List.of() : new View(bars, from, to);
        }
    }

    private static final class View extends AbstractList<Bar> implements RandomAccess {
        private final Bar[] bars;
        private final int from;
        private final int size;

        View(Bar[] bars, int from, int to) {
            this.bars = bars;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public Bar get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return bars[from + index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    private final Map<Key, Series> series = new HashMap<>();
    /** Bucket members by chain and day. */
    private final Map<String, Map<Long, List<BucketMembers.Member>>> members = new HashMap<>();

    /** Holds {@code bars} (one token, chain and timeframe, oldest first) as {@code table} would. */
    public void put(PriceTable table, List<Bar> bars) {
        hold(table.tableName(), bars);
    }

    /** Holds one regime driver's bars of one timeframe, oldest first (token = driver, chain {@code regime}). */
    public void putRegime(List<Bar> bars) {
        if (!bars.isEmpty() && !RegimeBar.CHAIN.equals(bars.get(0).chain())) {
            throw new IllegalArgumentException("regime bars carry chain " + RegimeBar.CHAIN + ", got " + bars.get(0));
        }
        hold(RegimeBars.TABLE, bars);
    }

    /** Holds stored bucket members ({@link BucketMembers#between}). */
    public void putBucketMembers(List<BucketMembers.Member> stored) {
        for (BucketMembers.Member m : stored) {
            members.computeIfAbsent(m.tokenChain(), c -> new HashMap<>())
                    .computeIfAbsent(m.dayMs(), d -> new java.util.ArrayList<>()).add(m);
        }
    }

    @Override
    public Map<String, MarketCapBucket> bucketMembers(String tokenChain, long dayMs, long beforeMs) {
        Map<String, MarketCapBucket> out = new HashMap<>();
        for (BucketMembers.Member m : members.getOrDefault(tokenChain, Map.of()).getOrDefault(dayMs, List.of())) {
            if (m.seenBefore(beforeMs)) {
                out.put(m.tokenContract(), m.bucket());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private void hold(String table, List<Bar> bars) {
        if (bars.isEmpty()) {
            return;
        }
        Bar first = bars.get(0);
        Key key = new Key(table, first.tokenContract(), first.chain(), first.timeframe());
        for (Bar b : bars) {
            if (!b.tokenContract().equals(key.token()) || !b.chain().equals(key.chain())
                    || b.timeframe() != key.timeframe()) {
                throw new IllegalArgumentException("one series per call: " + key + " and " + b);
            }
        }
        if (series.putIfAbsent(key, new Series(bars)) != null) {
            throw new IllegalArgumentException("bars already held for " + key);
        }
    }

    @Override
    public List<Bar> barsBefore(String tokenContract, String chain, Timeframe timeframe, int limit, long beforeMs) {
        return latest(key(PriceTable.forChain(chain), tokenContract, chain, timeframe), limit, beforeMs);
    }

    @Override
    public List<Bar> bars(String tokenContract, String chain, Timeframe timeframe, long fromMs, long toMs) {
        return range(key(PriceTable.forChain(chain), tokenContract, chain, timeframe), fromMs, toMs);
    }

    @Override
    public List<Bar> majorBarsBefore(String coin, Timeframe timeframe, int limit, long beforeMs) {
        return latest(key(PriceTable.MAJORS, coin, PriceTable.HYPERLIQUID_CHAIN, timeframe), limit, beforeMs);
    }

    @Override
    public List<Bar> majorBars(String coin, Timeframe timeframe, long fromMs, long toMs) {
        return range(key(PriceTable.MAJORS, coin, PriceTable.HYPERLIQUID_CHAIN, timeframe), fromMs, toMs);
    }

    @Override
    public List<Bar> regimeBarsBefore(String driver, Timeframe timeframe, int limit, long beforeMs) {
        return latest(regimeKey(driver, timeframe), limit, beforeMs);
    }

    @Override
    public List<Bar> regimeBars(String driver, Timeframe timeframe, long fromMs, long toMs) {
        return range(regimeKey(driver, timeframe), fromMs, toMs);
    }

    private static Key key(PriceTable table, String token, String chain, Timeframe timeframe) {
        return new Key(table.tableName(), token, chain, timeframe);
    }

    private static Key regimeKey(String driver, Timeframe timeframe) {
        return new Key(RegimeBars.TABLE, driver, RegimeBar.CHAIN, timeframe);
    }

    private List<Bar> latest(Key key, int limit, long beforeMs) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        Series s = series.get(key);
        if (s == null) {
            return List.of();
        }
        int to = s.lowerBound(beforeMs);
        return s.view(Math.max(0, to - limit), to);
    }

    private List<Bar> range(Key key, long fromMs, long toMs) {
        Series s = series.get(key);
        if (s == null) {
            return List.of();
        }
        return s.view(s.lowerBound(fromMs), s.lowerBound(toMs));
    }
}
