package lotus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lotus.time.Timeframe;

/**
 * The Solana collector's tables: DexScreener points in {@code lowcap_price_data_1m} and the bars built from them in
 * {@code lowcap_price_data_ohlc}, with their native, market and coverage columns. Idempotent upserts on each table's
 * key; NULLs stay NULL both ways.
 */
public final class LowcapPrices {

    private static final String POINT_COLUMNS = "token_contract, chain, timestamp, price_usd, price_native,"
            + " quote_token, liquidity_usd, liquidity_change_1m, volume_1m, volume_5m, volume_1h, volume_6h,"
            + " volume_24h, price_change_24h, market_cap, fdv, dex_id, pair_address, source";
    private static final String BAR_COLUMNS = "token_contract, chain, timeframe, timestamp, open_usd, high_usd,"
            + " low_usd, close_usd, open_native, high_native, low_native, close_native, volume, liquidity_usd, fdv,"
            + " market_cap, dex_id, pair_address, bars_used, expected_bars, coverage_pct, partial, source";

    private final Database db;

    public LowcapPrices(Database db) {
        this.db = db;
    }

    /** Inserts or replaces each point (same token, chain and time → one row), in one transaction. */
    public int upsertPoints(List<LowcapPoint> points) {
        if (points.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO lowcap_price_data_1m (" + POINT_COLUMNS + ") VALUES (" + marks(19) + ")"
                + " ON CONFLICT (token_contract, chain, timestamp) DO UPDATE SET" + updates(POINT_COLUMNS, 3);
        Dialect d = db.dialect();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Batches.execute(ps, points, (st, p) -> {
                    st.setString(1, p.tokenContract());
                    st.setString(2, p.chain());
                    d.setTime(st, 3, p.timestampMs());
                    d.setDecimal(st, 4, p.priceUsd());
                    d.setDecimal(st, 5, p.priceNative());
                    st.setString(6, p.quoteToken());
                    d.setDecimal(st, 7, p.liquidityUsd());
                    d.setDecimal(st, 8, p.liquidityChange1m());
                    d.setDecimal(st, 9, p.volume1m());
                    d.setDecimal(st, 10, p.volume5m());
                    d.setDecimal(st, 11, p.volume1h());
                    d.setDecimal(st, 12, p.volume6h());
                    d.setDecimal(st, 13, p.volume24h());
                    d.setDecimal(st, 14, p.priceChange24h());
                    d.setDecimal(st, 15, p.marketCap());
                    d.setDecimal(st, 16, p.fdv());
                    st.setString(17, p.dexId());
                    st.setString(18, p.pairAddress());
                    st.setString(19, p.source());
                });
            }
            return points.size();
        });
    }

    /** A token's points with time in {@code [fromMs, toMs)}, oldest first. */
    public List<LowcapPoint> points(String tokenContract, String chain, long fromMs, long toMs) {
        return readPoints("token_contract = ? AND ", tokenContract, chain, fromMs, toMs);
    }

    /** Every token's points with time in {@code [fromMs, toMs)}, by token then time. */
    public List<LowcapPoint> points(String chain, long fromMs, long toMs) {
        return readPoints("", null, chain, fromMs, toMs);
    }

    private List<LowcapPoint> readPoints(String tokenFilter, String tokenContract, String chain, long fromMs,
            long toMs) {
        String sql = "SELECT " + POINT_COLUMNS + " FROM lowcap_price_data_1m WHERE " + tokenFilter
                + "chain = ? AND timestamp >= ? AND timestamp < ? ORDER BY token_contract, timestamp";
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindRange(ps, tokenContract, chain, fromMs, toMs);
                return readPoints(ps);
            }
        });
    }

    /** Binds {@code [token,] chain, from, to}; returns the next parameter index. */
    private int bindRange(PreparedStatement ps, String tokenContract, String chain, long fromMs, long toMs)
            throws SQLException {
        int i = 1;
        if (tokenContract != null) {
            ps.setString(i++, tokenContract);
        }
        ps.setString(i++, chain);
        db.dialect().setTime(ps, i++, fromMs);
        db.dialect().setTime(ps, i++, toMs);
        return i;
    }

    /** Each token's latest point with time in {@code [fromMs, toMs)}: the market figures a rolled-up bar carries. */
    public Map<String, LowcapPoint> latestPoints(String chain, long fromMs, long toMs) {
        String sql = "SELECT " + prefixed("p.", POINT_COLUMNS) + " FROM lowcap_price_data_1m p JOIN"
                + " (SELECT token_contract, MAX(timestamp) AS ts FROM lowcap_price_data_1m"
                + " WHERE chain = ? AND timestamp >= ? AND timestamp < ? GROUP BY token_contract) m"
                + " ON p.token_contract = m.token_contract AND p.timestamp = m.ts"
                + " WHERE p.chain = ? ORDER BY p.token_contract";
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, chain);
                db.dialect().setTime(ps, 2, fromMs);
                db.dialect().setTime(ps, 3, toMs);
                ps.setString(4, chain);
                Map<String, LowcapPoint> out = new LinkedHashMap<>();
                for (LowcapPoint p : readPoints(ps)) {
                    out.put(p.tokenContract(), p);
                }
                return out;
            }
        });
    }

    /** Inserts or replaces each bar on (token, chain, timeframe, open time), in one transaction. */
    public int upsertBars(List<LowcapBar> bars) {
        if (bars.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO lowcap_price_data_ohlc (" + BAR_COLUMNS + ") VALUES (" + marks(23) + ")"
                + " ON CONFLICT (token_contract, chain, timeframe, timestamp) DO UPDATE SET"
                + updates(BAR_COLUMNS, 4);
        Dialect d = db.dialect();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Batches.execute(ps, bars, (st, b) -> {
                    st.setString(1, b.tokenContract());
                    st.setString(2, b.chain());
                    st.setString(3, b.timeframe().label());
                    d.setTime(st, 4, b.openTimeMs());
                    d.setDecimal(st, 5, b.openUsd());
                    d.setDecimal(st, 6, b.highUsd());
                    d.setDecimal(st, 7, b.lowUsd());
                    d.setDecimal(st, 8, b.closeUsd());
                    d.setDecimal(st, 9, b.openNative());
                    d.setDecimal(st, 10, b.highNative());
                    d.setDecimal(st, 11, b.lowNative());
                    d.setDecimal(st, 12, b.closeNative());
                    d.setDecimal(st, 13, b.volume());
                    d.setDecimal(st, 14, b.liquidityUsd());
                    d.setDecimal(st, 15, b.fdv());
                    d.setDecimal(st, 16, b.marketCap());
                    st.setString(17, b.dexId());
                    st.setString(18, b.pairAddress());
                    d.setNullableLong(st, 19, b.barsUsed() == null ? null : b.barsUsed().longValue());
                    d.setNullableLong(st, 20, b.expectedBars() == null ? null : b.expectedBars().longValue());
                    d.setDecimal(st, 21, b.coveragePct());
                    st.setBoolean(22, b.partial());
                    st.setString(23, b.source());
                });
            }
            return bars.size();
        });
    }

    /** A token's bars of one timeframe with open time in {@code [fromMs, toMs)}, oldest first. */
    public List<LowcapBar> bars(String tokenContract, String chain, Timeframe timeframe, long fromMs, long toMs) {
        return readBars("token_contract = ? AND ", tokenContract, chain, timeframe, fromMs, toMs);
    }

    /** Every token's bars of one timeframe with open time in {@code [fromMs, toMs)}, by token then time. */
    public List<LowcapBar> bars(String chain, Timeframe timeframe, long fromMs, long toMs) {
        return readBars("", null, chain, timeframe, fromMs, toMs);
    }

    private List<LowcapBar> readBars(String tokenFilter, String tokenContract, String chain, Timeframe timeframe,
            long fromMs, long toMs) {
        String sql = "SELECT " + BAR_COLUMNS + " FROM lowcap_price_data_ohlc WHERE " + tokenFilter
                + "chain = ? AND timestamp >= ? AND timestamp < ? AND timeframe = ? ORDER BY token_contract, timestamp";
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(bindRange(ps, tokenContract, chain, fromMs, toMs), timeframe.label());
                List<LowcapBar> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LowcapBar(rs.getString("token_contract"), rs.getString("chain"),
                                Timeframe.parse(rs.getString("timeframe")), d.getTime(rs, "timestamp"),
                                d.getDecimal(rs, "open_usd"), d.getDecimal(rs, "high_usd"),
                                d.getDecimal(rs, "low_usd"), d.getDecimal(rs, "close_usd"),
                                d.getDecimal(rs, "open_native"), d.getDecimal(rs, "high_native"),
                                d.getDecimal(rs, "low_native"), d.getDecimal(rs, "close_native"),
                                d.getDecimal(rs, "volume"), d.getDecimal(rs, "liquidity_usd"),
                                d.getDecimal(rs, "fdv"), d.getDecimal(rs, "market_cap"), rs.getString("dex_id"),
                                rs.getString("pair_address"), nullableInt(rs, "bars_used"),
                                nullableInt(rs, "expected_bars"), d.getDecimal(rs, "coverage_pct"),
                                rs.getBoolean("partial"), rs.getString("source")));
                    }
                }
                return out;
            }
        });
    }

    private List<LowcapPoint> readPoints(PreparedStatement ps) throws SQLException {
        Dialect d = db.dialect();
        List<LowcapPoint> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LowcapPoint(rs.getString("token_contract"), rs.getString("chain"),
                        d.getTime(rs, "timestamp"), d.getDecimal(rs, "price_usd"), d.getDecimal(rs, "price_native"),
                        rs.getString("quote_token"), d.getDecimal(rs, "liquidity_usd"),
                        d.getDecimal(rs, "liquidity_change_1m"), d.getDecimal(rs, "volume_1m"),
                        d.getDecimal(rs, "volume_5m"), d.getDecimal(rs, "volume_1h"), d.getDecimal(rs, "volume_6h"),
                        d.getDecimal(rs, "volume_24h"), d.getDecimal(rs, "price_change_24h"),
                        d.getDecimal(rs, "market_cap"), d.getDecimal(rs, "fdv"), rs.getString("dex_id"),
                        rs.getString("pair_address"), rs.getString("source")));
            }
        }
        return out;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** {@code col = excluded.col} for every column after the first {@code keyColumns} (the key). */
    private static String updates(String columns, int keyColumns) {
        List<String> cols = List.of(columns.split(",\\s*"));
        List<String> sets = new ArrayList<>();
        for (String col : cols.subList(keyColumns, cols.size())) {
            sets.add(" " + col + " = excluded." + col);
        }
        return String.join(",", sets);
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(",\\s*"));
    }
}
