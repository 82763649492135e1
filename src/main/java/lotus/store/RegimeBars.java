package lotus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lotus.time.Timeframe;

/**
 * The regime drivers' bars in {@code regime_price_data_ohlc}: idempotent upserts on (driver, timeframe, open time),
 * reads oldest first, and each driver's coverage for {@code ./lotus regime status}.
 */
public final class RegimeBars {

    static final String TABLE = "regime_price_data_ohlc";
    private static final String COLUMNS =
            "driver, timeframe, timestamp, open, high, low, close, volume, members, source";

    /** How many bars a driver has on one timeframe, and the open times of its first and last. */
    public record Coverage(String driver, Timeframe timeframe, long bars, long firstOpenMs, long lastOpenMs) {
    }

    private final Database db;

    public RegimeBars(Database db) {
        this.db = db;
    }

    /** Inserts or replaces each bar (same driver, timeframe and open time → one row, the latest values) in one go. */
    public int upsert(List<RegimeBar> bars) {
        if (bars.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (driver, timeframe, timestamp) DO UPDATE SET open = excluded.open,"
                + " high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume,"
                + " members = excluded.members, source = excluded.source";
        Dialect d = db.dialect();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Batches.execute(ps, bars, (st, b) -> {
                    st.setString(1, b.driver());
                    st.setString(2, b.timeframe().label());
                    d.setTime(st, 3, b.openTimeMs());
                    d.setDecimal(st, 4, b.open());
                    d.setDecimal(st, 5, b.high());
                    d.setDecimal(st, 6, b.low());
                    d.setDecimal(st, 7, b.close());
                    d.setDecimal(st, 8, b.volume());
                    d.setNullableLong(st, 9, b.members() == null ? null : b.members().longValue());
                    st.setString(10, b.source());
                });
            }
            return bars.size();
        });
    }

    /** A driver's bars with open time in {@code [fromMs, toMs)}, oldest first. */
    public List<RegimeBar> bars(String driver, Timeframe timeframe, long fromMs, long toMs) {
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE driver = ? AND timeframe = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp";
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, driver);
                ps.setString(2, timeframe.label());
                db.dialect().setTime(ps, 3, fromMs);
                db.dialect().setTime(ps, 4, toMs);
                return read(ps);
            }
        });
    }

    /**
     * The latest {@code limit} bars of a driver opening before {@code beforeMs}, oldest first (a tick at T asks for
     * bars opening before the period still being built, as {@link PriceDataReader#barsBefore} does).
     */
    public List<RegimeBar> barsBefore(String driver, Timeframe timeframe, int limit, long beforeMs) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE driver = ? AND timeframe = ? AND timestamp < ? ORDER BY timestamp DESC LIMIT ?";
        List<RegimeBar> bars = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, driver);
                ps.setString(2, timeframe.label());
                db.dialect().setTime(ps, 3, beforeMs);
                ps.setInt(4, limit);
                return read(ps);
            }
        });
        Collections.reverse(bars);
        return bars;
    }

    /** A driver's newest bar on a timeframe, if it has any. */
    public Optional<RegimeBar> newest(String driver, Timeframe timeframe) {
        return barsBefore(driver, timeframe, 1, Long.MAX_VALUE).stream().findFirst();
    }

    /** Each driver's bar count and first and last open time per timeframe, by driver then shortest timeframe. */
    public List<Coverage> coverage() {
        String sql = "SELECT driver, timeframe, COUNT(*) AS n, MIN(timestamp) AS first_ts, MAX(timestamp) AS last_ts"
                + " FROM " + TABLE + " GROUP BY driver, timeframe";
        Dialect d = db.dialect();
        List<Coverage> out = db.withConnection(c -> {
            List<Coverage> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Coverage(rs.getString("driver"), Timeframe.parse(rs.getString("timeframe")),
                            rs.getLong("n"), d.getTime(rs, "first_ts"), d.getTime(rs, "last_ts")));
                }
            }
            return rows;
        });
        out.sort(Comparator.comparing(Coverage::driver).thenComparing(Coverage::timeframe));
        return out;
    }

    private List<RegimeBar> read(PreparedStatement ps) throws SQLException {
        Dialect d = db.dialect();
        List<RegimeBar> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long count = rs.getLong("members");
                Integer members = rs.wasNull() ? null : Math.toIntExact(count);
                out.add(new RegimeBar(rs.getString("driver"), Timeframe.parse(rs.getString("timeframe")),
                        d.getTime(rs, "timestamp"), d.getDecimal(rs, "open"), d.getDecimal(rs, "high"),
                        d.getDecimal(rs, "low"), d.getDecimal(rs, "close"), d.getDecimal(rs, "volume"),
                        members, rs.getString("source")));
            }
        }
        return out;
    }
}
