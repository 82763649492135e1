package lotus.store;

import lotus.pm.PriceHistory;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.market.Bar;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * Bars held in memory, answering as {@link PriceDataReader} answers from the tables (same tables by chain, same
 * ranges, oldest first), for a backtest that loaded them once, in {@link BarColumns}. Reads are views over the
 * columns found by binary search: no copy per tick, a {@link Bar} built for each bar read. Not thread-safe while bars
 * are added; read-only afterwards.
 */
public final class MemoryPriceHistory implements PriceHistory {

    /** {@code table}: the table name ({@link PriceTable}'s, or {@link RegimeBars#TABLE} for the regime drivers). */
    private record Key(String table, String token, String chain, Timeframe timeframe) {
    }

    private final Map<Key, BarColumns> series = new HashMap<>();
    private final java.util.Set<String> tables = new java.util.HashSet<>();
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
        List<BucketMembers.Member> day = members.getOrDefault(tokenChain, Map.of()).getOrDefault(dayMs, List.of());
        if (day.isEmpty()) {
            return Map.of(); // asked every tick, and empty for every chain without market caps
        }
        Map<String, MarketCapBucket> out = new HashMap<>();
        for (BucketMembers.Member m : day) {
            if (m.seenBefore(beforeMs)) {
                out.put(m.tokenContract(), m.bucket());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private void hold(String table, List<Bar> bars) {
        if (!bars.isEmpty()) {
            hold(table, BarColumns.of(bars));
        }
    }

    /** Holds one series' columns as {@code table} would: no {@link Bar} object is kept, one is built per read. */
    public void put(PriceTable table, BarColumns columns) {
        hold(table.tableName(), columns);
    }

    /**
     * The series, or null: a table with no series at all (the majors or the regime drivers of a backtest without
     * them, asked for a dozen drivers every tick) answers before the key is hashed.
     */
    private BarColumns find(Key key) {
        return tables.contains(key.table()) ? series.get(key) : null;
    }

    private void hold(String table, BarColumns columns) {
        Key key = new Key(table, columns.token(), columns.chain(), columns.timeframe());
        tables.add(table);
        if (series.putIfAbsent(key, columns) != null) {
            throw new IllegalArgumentException("bars already held for " + key);
        }
    }

    /** Bytes the held bars take in their columns. */
    public long bytes() {
        return series.values().stream().mapToLong(BarColumns::bytes).sum();
    }

    /** Bars held, of every series. */
    public long size() {
        return series.values().stream().mapToLong(BarColumns::size).sum();
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
        BarColumns s = find(key);
        if (s == null) {
            return List.of();
        }
        int to = s.lowerBound(beforeMs);
        return s.view(Math.max(0, to - limit), to);
    }

    private List<Bar> range(Key key, long fromMs, long toMs) {
        BarColumns s = find(key);
        if (s == null) {
            return List.of();
        }
        int from = s.lowerBound(fromMs);
        return s.view(from, Math.max(from, s.lowerBound(toMs)));
    }
}
