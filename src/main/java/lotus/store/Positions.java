package lotus.store;

import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.pm.StalePositionException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lotus.time.Clock;
import lotus.engine.EngineState;
import lotus.time.Timeframe;

/** {@code lowcap_positions}: positions of every venue and book, keyed by (token_contract, token_chain, timeframe). */
public final class Positions {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Positions.class);

    private static final String COLUMNS = "id, token_contract, token_chain, token_ticker, timeframe, book_id, status,"
            + " state, features, quantity, total_allocation_pct, total_allocation_usd, total_extracted_usd,"
            + " total_tokens_bought, total_tokens_sold, total_fees_usd, avg_entry_price, current_trade_id,"
            + " completed_trades, version, created_at, updated_at, dust";
    /** What the risk gate reads of {@code features} (see {@link #byVenueForRisk}). */
    private static final String RISK_FEATURES_PG = "jsonb_build_object('pnl', features -> 'pnl', 'pending_order',"
            + " features -> 'pending_order')";

    private final Database db;
    private final Clock clock;
    /**
     * The rows as this process last wrote them through this instance, by id, put only once their transaction
     * committed: a row the database holds at the same version and update time is that write (every update bumps the
     * version under its guard), so every read takes it from here instead of fetching and parsing its JSON again.
     */
    private final Map<Long, Position> written = new java.util.concurrent.ConcurrentHashMap<>();

    public Positions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Starts watching a token: a {@code watchlist} row with empty features and no trades.
     *
     * @throws PositionExistsException when the key is taken
     */
    Clock clock() {
        return clock;
    }

    public Position insert(NewPosition p) {
        long now = clock.nowMs();
        String sql = "INSERT INTO lowcap_positions (token_contract, token_chain, token_ticker, timeframe, book_id,"
                + " status, features, total_allocation_pct, total_allocation_usd, completed_trades, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Dialect d = db.dialect();
        long id;
        try {
            id = db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, p.tokenContract());
                    ps.setString(2, p.tokenChain());
                    ps.setString(3, p.tokenTicker());
                    ps.setString(4, p.timeframe().label());
                    ps.setString(5, p.bookId());
                    ps.setString(6, PositionStatus.WATCHLIST.dbValue());
                    d.setJson(ps, 7, JsonNodeFactory.instance.objectNode());
                    d.setDecimal(ps, 8, p.totalAllocationPct());
                    d.setDecimal(ps, 9, p.totalAllocationUsd());
                    d.setJson(ps, 10, JsonNodeFactory.instance.arrayNode());
                    d.setTime(ps, 11, now);
                    d.setTime(ps, 12, now);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        return keys.getLong(1);
                    }
                }
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql2 && d.isUniqueViolation(sql2)) {
                throw new PositionExistsException("a position for " + p.tokenContract() + " on " + p.tokenChain()
                        + " " + p.timeframe() + " already exists", sql2);
            }
            throw e;
        }
        return find(id).orElseThrow();
    }

    public Optional<Position> find(long id) {
        List<Position> found = query("SELECT " + COLUMNS + " FROM lowcap_positions WHERE id = ?", ps -> ps.setLong(1, id));
        return found.stream().findFirst();
    }

    public Optional<Position> find(String tokenContract, String tokenChain, Timeframe timeframe) {
        List<Position> found = query("SELECT " + COLUMNS + " FROM lowcap_positions"
                + " WHERE token_contract = ? AND token_chain = ? AND timeframe = ?", ps -> {
                    ps.setString(1, tokenContract);
                    ps.setString(2, tokenChain);
                    ps.setString(3, timeframe.label());
                });
        return found.stream().findFirst();
    }

    /** Every position of a timeframe, whatever its venue: what one PM core tick works through. */
    public List<Position> byTimeframe(Timeframe timeframe) {
        return query("SELECT " + COLUMNS + " FROM lowcap_positions WHERE timeframe = ? ORDER BY id",
                ps -> ps.setString(1, timeframe.label()));
    }

    /**
     * Every position of every token that has one on {@code timeframe} (same contract, chain and book), whatever its
     * timeframe or status, by id, in one query: a tick's positions and those sharing their tokens' allocation.
     */
    public List<Position> withTokenSiblings(Timeframe timeframe) {
        return withTokenSiblings(timeframe, Map.of());
    }

    /**
     * As {@link #withTokenSiblings(Timeframe)}, taking a row from {@code known} instead of parsing it when the stored
     * row has its id, version and update time (the same write: every update bumps the version under its guard).
     */
    public List<Position> withTokenSiblings(Timeframe timeframe, Map<Long, Position> known) {
        return queryKnown("features", "EXISTS (SELECT 1 FROM lowcap_positions t WHERE t.timeframe = ?"
                + " AND t.token_contract = o.token_contract AND t.token_chain = o.token_chain"
                + " AND t.book_id = o.book_id)", (ps, i) -> ps.setString(i, timeframe.label()), known);
    }

    /** Every position of one venue and book, e.g. ({@code hyperliquid}, {@code perps}). */
    public List<Position> byVenue(String tokenChain, String bookId) {
        return query("SELECT " + COLUMNS + " FROM lowcap_positions WHERE token_chain = ? AND book_id = ? ORDER BY id",
                ps -> {
                    ps.setString(1, tokenChain);
                    ps.setString(2, bookId);
                });
    }

    /**
     * Every position of one venue and book as the risk gate weighs a buy: every column, but of {@code features} only
     * {@code pnl} and {@code pending_order}, the keys the gate reads. It reads the book at every buy, and the engine's
     * state is most of a row: on PostgreSQL the rest stays in the database (SQLite returns the whole object).
     *
     * @param known rows of an earlier read, by id: one the database still holds at the same version and update time
     *              (the same write) is taken from here, and on PostgreSQL its features are not even fetched
     */
    public List<Position> byVenueForRisk(String tokenChain, String bookId, Map<Long, Position> known) {
        return queryKnown(RISK_FEATURES_PG, "token_chain = ? AND book_id = ?", (ps, i) -> {
            ps.setString(i, tokenChain);
            ps.setString(i + 1, bookId);
        }, known);
    }

    /**
     * Every position of every venue and book as {@link #byVenueForRisk} reads one: what a book's equity and usage
     * are computed from after each tick, without fetching the engine's state of any row.
     */
    public List<Position> allForRisk() {
        return queryKnown(RISK_FEATURES_PG, "1 = 1", (ps, i) -> {
        }, Map.of());
    }

    /** Binds a query's own parameters from {@code first} on. */
    private interface Where {
        void bind(PreparedStatement ps, int first) throws SQLException;
    }

    /**
     * The rows {@code where} picks, by id, a row still as in {@code known} or in this process's own writes (same
     * version and update time: the same write) taken from there. On PostgreSQL only the other rows are fetched, with
     * {@code featuresPg} as their features (the database need not read the known ones out of their TOAST, nor format
     * and send them); SQLite sends them all and only the parsing is saved.
     */
    private List<Position> queryKnown(String featuresPg, String where, Where binder, Map<Long, Position> known) {
        // Of a caller's row and this process's own write of it, the later version is the one the database may still
        // hold; either is taken only if it matches the stored row's version and update time, read after it.
        java.util.function.LongFunction<Position> seen = id -> {
            Position mine = written.get(id);
            Position theirs = known.get(id);
            return mine == null ? theirs : theirs == null || mine.version() >= theirs.version() ? mine : theirs;
        };
        if (db.dialect() != Dialect.POSTGRESQL) {
            return query("SELECT " + COLUMNS + " FROM lowcap_positions o WHERE " + where + " ORDER BY id",
                    ps -> binder.bind(ps, 1), seen);
        }
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"); // both reads see one snapshot
            }
            // First what each row is now (version and update time), then only the rows not held as they are.
            List<Long> order = new ArrayList<>();
            Map<Long, Position> out = new java.util.HashMap<>();
            List<Long> unknown = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, version, updated_at FROM lowcap_positions o"
                    + " WHERE " + where + " ORDER BY id")) {
                binder.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        order.add(id);
                        Position k = sameWrite(seen.apply(id), rs);
                        if (k != null) {
                            out.put(id, k);
                        } else {
                            unknown.add(id);
                        }
                    }
                }
            }
            if (!unknown.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS.replace(" features,", " "
                        + featuresPg + " AS features,") + " FROM lowcap_positions WHERE id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("bigint", unknown.toArray(Long[]::new)));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Position p = mapOrLeaveOut(rs);
                            if (p != null) {
                                out.put(p.id(), p);
                            }
                        }
                    }
                }
            }
            List<Position> rows = new ArrayList<>(order.size());
            for (long id : order) {
                Position p = out.get(id);
                if (p != null) {
                    rows.add(p);
                }
            }
            return rows;
        });
    }

    /** Every position of one token in one book, whatever its timeframe (they share the token's allocation). */
    public List<Position> ofToken(String tokenChain, String bookId, String tokenContract) {
        return query("SELECT " + COLUMNS + " FROM lowcap_positions WHERE token_contract = ? AND token_chain = ?"
                + " AND book_id = ? ORDER BY id", ps -> {
                    ps.setString(1, tokenContract);
                    ps.setString(2, tokenChain);
                    ps.setString(3, bookId);
                });
    }

    /** Every position on a chain, whatever its book (the trading-token ingester's universe with its timeframes). */
    public List<Position> onChain(String tokenChain) {
        return query("SELECT " + COLUMNS + " FROM lowcap_positions WHERE token_chain = ? ORDER BY id",
                ps -> ps.setString(1, tokenChain));
    }

    /** What the ingest needs of a position that is not closed: its token, its timeframe and whether it holds any. */
    public record Watched(String tokenContract, Timeframe timeframe, boolean holding) {
    }

    /** The positions of a chain that are not closed (the trading-token ingester's universe with its timeframes). */
    public List<Watched> watchedOnChain(String tokenChain) {
        return onChain(tokenChain).stream().filter(p -> p.status() != PositionStatus.CLOSED)
                .map(p -> new Watched(p.tokenContract(), p.timeframe(), p.quantity().signum() > 0)).toList();
    }

    /** The distinct tokens of a chain that have a position (the trading-token ingester's universe). */
    public List<String> tokensOnChain(String tokenChain) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT token_contract FROM lowcap_positions WHERE token_chain = ? ORDER BY token_contract")) {
                ps.setString(1, tokenChain);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** A token the price collector tracks; {@code hot} ones are collected every minute whatever the tier. */
    public record Collected(String tokenContract, boolean hot) {
    }

    /**
     * The distinct tokens of a chain with a position in {@code active}, {@code watchlist} or {@code dormant}
     * (SOLANA.md §2.5); hot when one of them is active or watchlist on {@code 1m} (§2.6). Other chains' rows and
     * paused or closed ones are neither collected nor counted in the tier.
     */
    public List<Collected> collectedOnChain(String tokenChain) {
        String sql = "SELECT token_contract, MAX(CASE WHEN timeframe = '1m' AND status IN ('active', 'watchlist')"
                + " THEN 1 ELSE 0 END) AS hot FROM lowcap_positions WHERE token_chain = ?"
                + " AND status IN ('active', 'watchlist', 'dormant') GROUP BY token_contract ORDER BY token_contract";
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tokenChain);
                List<Collected> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Collected(rs.getString(1), rs.getInt(2) == 1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Writes every mutable field of {@code p} if the row is still at {@code p.version()}.
     *
     * @return the row as stored, with the next version
     * @throws StalePositionException when the row changed since {@code p} was read
     */
    public Position update(Position p) {
        Position row = db.inTransaction(c -> {
            update(c, p);
            return readOne(c, p.id());
        });
        remember(row);
        return row;
    }

    /**
     * Keeps {@code row} as this process wrote it, for later reads to take instead of parsing it again: called once
     * the transaction that wrote it committed (a row of a rolled-back write would not match the database anyway).
     */
    void remember(Position row) {
        written.merge(row.id(), row, (old, now) -> now.version() >= old.version() ? now : old);
    }

    /**
     * The same update on the caller's connection, to join a larger transaction (state, features, events).
     *
     * @return the row as written (next version, this update's time), built without reading it back
     */
    public Position update(java.sql.Connection c, Position p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            long now = clock.nowMs();
            bindUpdate(ps, p, now, render(p));
            if (ps.executeUpdate() != 1) {
                throw stale(p);
            }
            return p.stored(p.version() + 1, now);
        }
    }

    /**
     * {@link #update(java.sql.Connection, Position)} for many rows in JDBC batches (the same statement and columns),
     * on the caller's connection: each row is written if it is still at its version.
     *
     * @return per row, in order: the row as written, or null when its version moved (nothing written for it)
     */
    public List<Position> updateAll(java.sql.Connection c, List<Position> rows) throws SQLException {
        return updateAll(c, rows, java.util.Collections.nCopies(rows.size(), null));
    }

    /**
     * {@link #updateAll(java.sql.Connection, List)} with each row's JSON columns as {@link #render} wrote them
     * ahead (a null entry is written here).
     */
    List<Position> updateAll(java.sql.Connection c, List<Position> rows, List<Rendered> rendered) throws SQLException {
        long now = clock.nowMs();
        List<Position> out = new ArrayList<>(rows.size());
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (int from = 0; from < rows.size(); from += Batches.SIZE) {
                int to = Math.min(rows.size(), from + Batches.SIZE);
                List<Position> chunk = rows.subList(from, to);
                for (int i = from; i < to; i++) {
                    Position p = rows.get(i);
                    Rendered r = rendered.get(i);
                    bindUpdate(ps, p, now, r != null && r.of() == p ? r : render(p));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < chunk.size(); i++) {
                    Position p = chunk.get(i);
                    // SUCCESS_NO_INFO would hide a stale row: the drivers we use report counts, so refuse it loudly.
                    if (counts[i] == Statement.SUCCESS_NO_INFO) {
                        throw new StoreException("the driver did not report which position updates applied");
                    }
                    out.add(counts[i] == 1 ? p.stored(p.version() + 1, now) : null);
                }
            }
        }
        return out;
    }

    static StalePositionException stale(Position p) {
        return new StalePositionException("position " + p.label() + " changed since version " + p.version()
                + " was read; re-read it and decide again");
    }

    /** Every mutable column, guarded by the row's version: the single and the batched update share it. */
    private static final String UPDATE = "UPDATE lowcap_positions SET token_ticker = ?, book_id = ?, status = ?,"
            + " state = ?, features = ?, quantity = ?, total_allocation_pct = ?, total_allocation_usd = ?,"
            + " total_extracted_usd = ?, total_tokens_bought = ?, total_tokens_sold = ?, avg_entry_price = ?,"
            + " current_trade_id = ?, completed_trades = COALESCE(?, completed_trades), total_fees_usd = ?, dust = ?,"
            + " version = version + 1,"
            + " updated_at = ? WHERE id = ? AND version = ?";

    /**
     * A position's JSON columns written as the update sends them: a tick's workers render their rows in parallel
     * (the engine state's JSON is most of a row's cost), and the thread that sends the batch only binds them.
     *
     * @param of              the position rendered: an update uses these texts only for that very object
     * @param completedTrades null when the trades are those of the stored row the update is guarded by: the column is
     *                        then left as stored instead of rewritten (a long-lived position's history grows with
     *                        every trade, while most ticks close none)
     */
    record Rendered(Position of, String features, String completedTrades) {
    }

    Rendered render(Position p) {
        Position prev = written.get(p.id());
        // The update applies only if the stored row is still at p's version; this process's row at that version is
        // that stored row, so trades equal to its trades are the stored ones.
        List<lotus.pm.TradeClosure.ClosedTrade> trades = p.completedTrades();
        boolean same = prev != null && prev.version() == p.version()
                && (prev.completedTrades() == trades || prev.completedTrades().equals(trades));
        return new Rendered(p, Dialect.jsonText(PositionJson.features(p.features())),
                same ? null : Dialect.jsonText(PositionJson.completedTrades(trades)));
    }

    private void bindUpdate(PreparedStatement ps, Position p, long now, Rendered r) throws SQLException {
        Dialect d = db.dialect();
        ps.setString(1, p.tokenTicker());
        ps.setString(2, p.bookId());
        ps.setString(3, p.status().dbValue());
        ps.setString(4, p.state() == null ? null : p.state().name());
        d.setJsonText(ps, 5, r.features());
        d.setDecimal(ps, 6, p.quantity());
        d.setDecimal(ps, 7, p.totalAllocationPct());
        d.setDecimal(ps, 8, p.totalAllocationUsd());
        d.setDecimal(ps, 9, p.totalExtractedUsd());
        d.setDecimal(ps, 10, p.totalTokensBought());
        d.setDecimal(ps, 11, p.totalTokensSold());
        d.setDecimal(ps, 12, p.avgEntryPrice());
        ps.setString(13, p.currentTradeId());
        d.setJsonText(ps, 14, r.completedTrades());
        d.setDecimal(ps, 15, p.totalFeesUsd());
        d.setDecimal(ps, 16, p.dust());
        d.setTime(ps, 17, now);
        ps.setLong(18, p.id());
        ps.setLong(19, p.version());
    }

    private Position readOne(java.sql.Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM lowcap_positions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("position #" + id + " vanished during an update");
                }
                return map(rs);
            }
        }
    }

    private List<Position> query(String sql, Binder binder) {
        return query(sql, binder, id -> null);
    }

    /** @param known a row held for an id, taken instead of parsing when the stored one has its version and time */
    private List<Position> query(String sql, Binder binder, java.util.function.LongFunction<Position> known) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                List<Position> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Position p = sameWrite(known.apply(rs.getLong("id")), rs);
                        if (p == null) {
                            p = mapOrLeaveOut(rs);
                        }
                        if (p != null) {
                            out.add(p);
                        }
                    }
                }
                return out;
            }
        });
    }

    /**
     * {@code held} if the current row of {@code rs} is the same write (same version and update time: every update
     * bumps the version under its guard), else null.
     */
    private Position sameWrite(Position held, ResultSet rs) throws SQLException {
        return held != null && held.version() == rs.getLong("version")
                && held.updatedAtMs() == db.dialect().getTime(rs, "updated_at") ? held : null;
    }

    /**
     * The current row of {@code rs}, or null, logged: one unreadable row must not stop the tick, the ingest or the risk
     * gate for every other position; it is left as stored, and named.
     */
    private Position mapOrLeaveOut(ResultSet rs) throws SQLException {
        try {
            return map(rs);
        } catch (RuntimeException e) {
            log.error("position id={} cannot be read and is left out: {}", rs.getLong("id"), e.toString());
            return null;
        }
    }

    private static EngineState state(String stored) {
        try {
            return stored == null ? null : EngineState.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new StoreException("lowcap_positions.state '" + stored + "' is not an engine state (S0..S4)");
        }
    }

    private Position map(ResultSet rs) throws SQLException {
        Dialect d = db.dialect();
        return new Position(
                rs.getLong("id"),
                rs.getString("token_contract"),
                rs.getString("token_chain"),
                rs.getString("token_ticker"),
                Timeframe.parse(rs.getString("timeframe")),
                rs.getString("book_id"),
                PositionStatus.fromDb(rs.getString("status")),
                state(rs.getString("state")),
                PositionJson.features(d.getJson(rs, "features")),
                d.getDecimal(rs, "quantity"),
                d.getDecimal(rs, "dust"),
                d.getDecimal(rs, "total_allocation_pct"),
                d.getDecimal(rs, "total_allocation_usd"),
                d.getDecimal(rs, "total_extracted_usd"),
                d.getDecimal(rs, "total_tokens_bought"),
                d.getDecimal(rs, "total_tokens_sold"),
                d.getDecimal(rs, "total_fees_usd"),
                d.getDecimal(rs, "avg_entry_price"),
                rs.getString("current_trade_id"),
                PositionJson.completedTrades(d.getJson(rs, "completed_trades")),
                rs.getLong("version"),
                d.getTime(rs, "created_at"),
                d.getTime(rs, "updated_at"));
    }
}
