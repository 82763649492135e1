package lotus.store;

import lotus.pm.PriceHistory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import lotus.market.Bar;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * Reads bars, oldest first, from the table that holds them (seed section 6, option A): a position's bars by its
 * chain ({@code hyperliquid} → {@code hyperliquid_price_data_ohlc}, every other chain → {@code lowcap_price_data_ohlc}),
 * the majors from {@code majors_price_data_ohlc}, the regime drivers from {@code regime_price_data_ohlc} (through
 * {@link RegimeBars}). Stored bars carry no trade count (0).
 */
public final class PriceDataReader implements PriceHistory {

    private static final String COLUMNS =
            "token_contract, chain, timeframe, timestamp, open_usd, high_usd, low_usd, close_usd, volume";

    private final Database db;
    private final RegimeBars regime;
    private final BucketMembers bucketMembers;

    public PriceDataReader(Database db) {
        this.db = db;
        this.regime = new RegimeBars(db);
        this.bucketMembers = new BucketMembers(db);
    }

    /** The latest {@code limit} bars of a position's token, oldest first. */
    public List<Bar> bars(String tokenContract, String chain, Timeframe timeframe, int limit) {
        return latest(PriceTable.forChain(chain), tokenContract, chain, timeframe, limit);
    }

    /**
     * The latest {@code limit} bars of a position's token opening before {@code beforeMs}, oldest first: a tick at
     * time T asks for bars opening before {@code T − timeframe}, so it never sees the bar still being built.
     */
    @Override
    public List<Bar> barsBefore(String tokenContract, String chain, Timeframe timeframe, int limit, long beforeMs) {
        return latest(PriceTable.forChain(chain), tokenContract, chain, timeframe, limit, beforeMs);
    }

    /**
     * Windows with the same lower bound (a warm tick's: the bar after each tracker's last) in one query per
     * {@value #WINDOWS_PER_QUERY} tokens, by time range and token list, which both databases serve from an index
     * on the time (lowcap) or the key; each token's limit is applied here. A window without a lower bound (a tracker
     * to rebuild) reads its token's latest bars on its own, as a range over every token's history would read far more
     * than the limit.
     */
    @Override
    public Map<String, List<Bar>> barWindows(String chain, Timeframe timeframe, List<BarWindow> windows,
            long beforeMs) {
        PriceTable table = PriceTable.forChain(chain);
        Dialect d = db.dialect();
        Map<String, List<Bar>> out = new HashMap<>();
        Map<Long, List<BarWindow>> byFrom = new TreeMap<>();
        for (BarWindow w : windows) {
            if (out.put(w.tokenContract(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("token " + w.tokenContract() + " has two windows");
            }
            if (w.fromMs() == Long.MIN_VALUE) {
                out.put(w.tokenContract(), latest(table, w.tokenContract(), chain, timeframe, w.limit(), beforeMs));
            } else {
                byFrom.computeIfAbsent(w.fromMs(), k -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<Long, List<BarWindow>> group : byFrom.entrySet()) {
            List<BarWindow> all = group.getValue();
            for (int from = 0; from < all.size(); from += WINDOWS_PER_QUERY) {
                List<BarWindow> chunk = all.subList(from, Math.min(all.size(), from + WINDOWS_PER_QUERY));
                String sql = "SELECT " + COLUMNS + " FROM " + table.tableName() + " WHERE chain = ? AND timeframe = ?"
                        + " AND timestamp >= ? AND timestamp < ? AND token_contract IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
                List<Bar> bars = db.withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, chain);
                        ps.setString(2, timeframe.label());
                        d.setTime(ps, 3, group.getKey());
                        d.setTime(ps, 4, beforeMs);
                        int i = 5;
                        for (BarWindow w : chunk) {
                            ps.setString(i++, w.tokenContract());
                        }
                        return read(ps);
                    }
                });
                for (Bar b : bars) {
                    out.get(b.tokenContract()).add(b);
                }
            }
            for (BarWindow w : all) {
                List<Bar> bars = out.get(w.tokenContract());
                bars.sort(Comparator.comparingLong(Bar::openTimeMs));
                if (bars.size() > w.limit()) {
                    out.put(w.tokenContract(), new ArrayList<>(bars.subList(bars.size() - w.limit(), bars.size())));
                }
            }
        }
        return out;
    }

    /** Tokens per batched bar query: one parameter each, well inside both databases' limits. */
    private static final int WINDOWS_PER_QUERY = 1000;

    /** The latest {@code limit} bars of a major opening before {@code beforeMs}, oldest first. */
    @Override
    public List<Bar> majorBarsBefore(String coin, Timeframe timeframe, int limit, long beforeMs) {
        return latest(PriceTable.MAJORS, coin, PriceTable.HYPERLIQUID_CHAIN, timeframe, limit, beforeMs);
    }

    /** Bars of a position's token with open time in {@code [fromMs, toMs)}, oldest first. */
    @Override
    public List<Bar> bars(String tokenContract, String chain, Timeframe timeframe, long fromMs, long toMs) {
        return range(PriceTable.forChain(chain), tokenContract, chain, timeframe, fromMs, toMs);
    }

    @Override
    public List<Bar> regimeBarsBefore(String driver, Timeframe timeframe, int limit, long beforeMs) {
        return regime.barsBefore(driver, timeframe, limit, beforeMs).stream().map(RegimeBar::bar).toList();
    }

    @Override
    public List<Bar> regimeBars(String driver, Timeframe timeframe, long fromMs, long toMs) {
        return regime.bars(driver, timeframe, fromMs, toMs).stream().map(RegimeBar::bar).toList();
    }

    @Override
    public Map<String, MarketCapBucket> bucketMembers(String tokenChain, long dayMs, long beforeMs) {
        return bucketMembers.on(tokenChain, dayMs, beforeMs);
    }

    /** The latest {@code limit} bars of a major (stored with chain {@code hyperliquid}), oldest first. */
    public List<Bar> majorBars(String coin, Timeframe timeframe, int limit) {
        return latest(PriceTable.MAJORS, coin, PriceTable.HYPERLIQUID_CHAIN, timeframe, limit);
    }

    /** Bars of a major with open time in {@code [fromMs, toMs)}, oldest first. */
    @Override
    public List<Bar> majorBars(String coin, Timeframe timeframe, long fromMs, long toMs) {
        return range(PriceTable.MAJORS, coin, PriceTable.HYPERLIQUID_CHAIN, timeframe, fromMs, toMs);
    }

    /** How many bars a token has in its table for a timeframe (for the 333-bar readiness check). */
    public int count(String tokenContract, String chain, Timeframe timeframe) {
        String sql = "SELECT COUNT(*) FROM " + PriceTable.forChain(chain).tableName()
                + " WHERE token_contract = ? AND chain = ? AND timeframe = ?";
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tokenContract);
                ps.setString(2, chain);
                ps.setString(3, timeframe.label());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** One token's bars on one timeframe in a table: how many, and the open times of the first and last. */
    public record Coverage(PriceTable table, String tokenContract, String chain, Timeframe timeframe, long bars,
            long firstOpenMs, long lastOpenMs) {

        /** Bars missing between the first and the last: expected {@code (last − first) / period + 1} less stored. */
        public long gaps() {
            return (lastOpenMs - firstOpenMs) / timeframe.durationMs() + 1 - bars;
        }
    }

    /** Every token and timeframe a table holds, in one GROUP BY, sorted by token, chain and shortest timeframe. */
    public List<Coverage> coverage(PriceTable table) {
        String sql = "SELECT token_contract, chain, timeframe, COUNT(*) AS n, MIN(timestamp) AS first_ts,"
                + " MAX(timestamp) AS last_ts FROM " + table.tableName() + " GROUP BY token_contract, chain, timeframe";
        Dialect d = db.dialect();
        List<Coverage> out = db.withConnection(c -> {
            List<Coverage> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Coverage(table, rs.getString("token_contract"), rs.getString("chain"),
                            Timeframe.parse(rs.getString("timeframe")), rs.getLong("n"), d.getTime(rs, "first_ts"),
                            d.getTime(rs, "last_ts")));
                }
            }
            return rows;
        });
        out.sort(Comparator.comparing(Coverage::tokenContract).thenComparing(Coverage::chain)
                .thenComparing(Coverage::timeframe));
        return out;
    }

    /**
     * Hands each bar with open time in {@code [fromMs, toMs)} to {@code sink}, oldest first, without holding them all.
     */
    public void forEachBar(PriceTable table, String tokenContract, String chain, Timeframe tf, long fromMs, long toMs,
            Consumer<Bar> sink) {
        Dialect d = db.dialect();
        stream(COLUMNS, table, tokenContract, chain, tf, fromMs, toMs, rs -> sink.accept(bar(rs, d)));
    }

    /**
     * The bars with open time in {@code [fromMs, toMs)} as columns, for a backtest that holds millions: read in one
     * streamed query into primitive columns, no {@link Bar} object per row, and (on SQLite, whose decimals are text)
     * no {@link java.math.BigDecimal} for a plain decimal that fits a long. Null when there are none.
     */
    public BarColumns columns(PriceTable table, String tokenContract, String chain, Timeframe tf, long fromMs,
            long toMs) {
        Dialect d = db.dialect();
        BarColumns.Builder out = new BarColumns.Builder(tokenContract, chain, tf, 1024);
        stream("timestamp, open_usd, high_usd, low_usd, close_usd, volume", table, tokenContract, chain, tf, fromMs,
                toMs, rs -> {
                    if (d == Dialect.POSTGRESQL) {
                        out.add(d.getTime(rs, "timestamp"), rs.getBigDecimal(2), rs.getBigDecimal(3),
                                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), 0);
                    } else {
                        out.addText(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6));
                    }
                });
        return out.size() == 0 ? null : out.build();
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Each row of one series with open time in {@code [fromMs, toMs)}, oldest first: PostgreSQL streams a result
     * only inside a transaction with a fetch size, so the read runs in one.
     */
    private void stream(String columns, PriceTable table, String tokenContract, String chain, Timeframe tf,
            long fromMs, long toMs, Row row) {
        String sql = "SELECT " + columns + " FROM " + table.tableName()
                + " WHERE token_contract = ? AND chain = ? AND timeframe = ? AND timestamp >= ? AND timestamp < ?"
                + " ORDER BY timestamp";
        Dialect d = db.dialect();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(10_000);
                ps.setString(1, tokenContract);
                ps.setString(2, chain);
                ps.setString(3, tf.label());
                d.setTime(ps, 4, fromMs);
                d.setTime(ps, 5, toMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
            return null;
        });
    }

    private List<Bar> latest(PriceTable table, String tokenContract, String chain, Timeframe tf, int limit) {
        return latest(table, tokenContract, chain, tf, limit, Long.MAX_VALUE);
    }

    private List<Bar> latest(PriceTable table, String tokenContract, String chain, Timeframe tf, int limit,
            long beforeMs) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        boolean bounded = beforeMs != Long.MAX_VALUE;
        String sql = "SELECT " + COLUMNS + " FROM " + table.tableName()
                + " WHERE token_contract = ? AND chain = ? AND timeframe = ?" + (bounded ? " AND timestamp < ?" : "")
                + " ORDER BY timestamp DESC LIMIT ?";
        Dialect d = db.dialect();
        List<Bar> bars = db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tokenContract);
                ps.setString(2, chain);
                ps.setString(3, tf.label());
                int i = 4;
                if (bounded) {
                    d.setTime(ps, i++, beforeMs);
                }
                ps.setInt(i, limit);
                return read(ps);
            }
        });
        Collections.reverse(bars);
        return bars;
    }

    private List<Bar> range(PriceTable table, String tokenContract, String chain, Timeframe tf, long fromMs, long toMs) {
        String sql = "SELECT " + COLUMNS + " FROM " + table.tableName()
                + " WHERE token_contract = ? AND chain = ? AND timeframe = ? AND timestamp >= ? AND timestamp < ?"
                + " ORDER BY timestamp";
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tokenContract);
                ps.setString(2, chain);
                ps.setString(3, tf.label());
                d.setTime(ps, 4, fromMs);
                d.setTime(ps, 5, toMs);
                return read(ps);
            }
        });
    }

    private List<Bar> read(PreparedStatement ps) throws SQLException {
        Dialect d = db.dialect();
        List<Bar> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(bar(rs, d));
            }
        }
        return out;
    }

    private static Bar bar(ResultSet rs, Dialect d) throws SQLException {
        return new Bar(
                rs.getString("token_contract"),
                rs.getString("chain"),
                Timeframe.parse(rs.getString("timeframe")),
                d.getTime(rs, "timestamp"),
                d.getDecimal(rs, "open_usd"),
                d.getDecimal(rs, "high_usd"),
                d.getDecimal(rs, "low_usd"),
                d.getDecimal(rs, "close_usd"),
                d.getDecimal(rs, "volume"),
                0);
    }
}
