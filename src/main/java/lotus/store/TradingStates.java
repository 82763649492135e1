package lotus.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lotus.time.Clock;

/**
 * {@code trading_states} and {@code risk_equity_peaks}: what each scope may do, and each book's equity peak. Read at
 * every order check, never cached, so a halt written by another process ({@code lotus halt}) is obeyed at once.
 */
public final class TradingStates {

    /** The scope of the whole system; every other scope is a book id. */
    public static final String GLOBAL = "global";

    private final Database db;
    private final Clock clock;

    public TradingStates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The scope's stored state, or {@code active} when it was never set. */
    public ScopeState current(String scope) {
        List<ScopeState> found = select("WHERE scope = ?", ps -> ps.setString(1, scope));
        return found.isEmpty() ? ScopeState.implicitActive(scope) : found.get(0);
    }

    /** The state a book trades under: the stricter of the global state and the book's own. */
    public TradingState effective(String bookId) {
        return current(GLOBAL).state().stricter(current(bookId).state());
    }

    /** Sets a scope's state (an upsert on the scope); returns the row as stored. */
    public ScopeState set(String scope, TradingState state, String reason, String by) {
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("a trading state needs a scope: global or a book id");
        }
        long now = clock.nowMs();
        Dialect d = db.dialect();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_states (scope, state, reason,"
                    + " changed_at, changed_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET"
                    + " state = excluded.state, reason = excluded.reason, changed_at = excluded.changed_at,"
                    + " changed_by = excluded.changed_by")) {
                ps.setString(1, scope);
                ps.setString(2, state.dbValue());
                ps.setString(3, reason);
                d.setTime(ps, 4, now);
                ps.setString(5, by);
                ps.executeUpdate();
            }
            return null;
        });
        return new ScopeState(scope, state, reason, now, by);
    }

    /**
     * Sets {@code state} only where it is stricter than the stored one, in one statement, so an automatic trip never
     * loosens what an operator (or another trip) set meanwhile: a {@code halted} book stays halted, and the first
     * reason of a state is kept.
     *
     * @return whether the stored state changed
     */
    public boolean tighten(String scope, TradingState state, String reason, String by) {
        if (state == TradingState.ACTIVE) {
            throw new IllegalArgumentException("tightening to active loosens nothing; use set");
        }
        long now = clock.nowMs();
        Dialect d = db.dialect();
        String looser = state == TradingState.HALTED ? "('active', 'reducing')" : "('active')";
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_states (scope, state, reason,"
                    + " changed_at, changed_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET"
                    + " state = excluded.state, reason = excluded.reason, changed_at = excluded.changed_at,"
                    + " changed_by = excluded.changed_by WHERE trading_states.state IN " + looser)) {
                ps.setString(1, scope);
                ps.setString(2, state.dbValue());
                ps.setString(3, reason);
                d.setTime(ps, 4, now);
                ps.setString(5, by);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Every stored scope, global first, then books by name. */
    public List<ScopeState> all() {
        return select("ORDER BY CASE WHEN scope = 'global' THEN 0 ELSE 1 END, scope", ps -> {
        });
    }

    /** The highest equity the book was seen at, if it was ever seen. */
    public Optional<BigDecimal> equityPeak(String bookId) {
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT peak_equity_usd FROM risk_equity_peaks WHERE book_id = ?")) {
                ps.setString(1, bookId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(d.getDecimal(rs, "peak_equity_usd")) : Optional.empty();
                }
            }
        });
    }

    /**
     * Raises the book's peak to {@code equityUsd} when that is higher (or the first); returns the peak after. The
     * comparison is in Java: SQLite holds the decimal as TEXT, which would compare as a string.
     */
    public synchronized BigDecimal raiseEquityPeak(String bookId, BigDecimal equityUsd) {
        // Read, then write on its own: on SQLite a transaction that reads and then writes fails (SQLITE_BUSY_SNAPSHOT)
        // whenever another connection wrote in between, which the PM's workers do all the time. One trading process
        // per database (TraderLock) and this method's lock keep the read and the write together.
        Optional<BigDecimal> peak = equityPeak(bookId);
        if (peak.isPresent() && peak.get().compareTo(equityUsd) >= 0) {
            return peak.get();
        }
        long now = clock.nowMs();
        Dialect d = db.dialect();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO risk_equity_peaks (book_id, peak_equity_usd,"
                    + " updated_at) VALUES (?, ?, ?) ON CONFLICT (book_id) DO UPDATE SET"
                    + " peak_equity_usd = excluded.peak_equity_usd, updated_at = excluded.updated_at")) {
                ps.setString(1, bookId);
                d.setDecimal(ps, 2, equityUsd);
                d.setTime(ps, 3, now);
                ps.executeUpdate();
            }
            return null;
        });
        return equityUsd;
    }

    private List<ScopeState> select(String where, Binder binder) {
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT scope, state, reason, changed_at, changed_by FROM trading_states " + where)) {
                binder.bind(ps);
                List<ScopeState> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ScopeState(rs.getString("scope"), TradingState.fromDb(rs.getString("state")),
                                rs.getString("reason"), d.getTime(rs, "changed_at"), rs.getString("changed_by")));
                    }
                }
                return out;
            }
        });
    }
}
