package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import lotus.time.Clock;

/**
 * {@code ad_strands}: append-only learning records, read back in id order.
 *
 * <p>A reader that follows the log with a cursor (learning) must never pass an id that is still being written. On
 * PostgreSQL an id is taken when its row is inserted and seen when its transaction commits, so two transactions in
 * flight (two timeframes' ticks, a tick's batch and a fill) can commit out of id order: a cursor moved past the later
 * one would never see the earlier. So every transaction that appends holds {@link #appending} shared, and a read
 * after a cursor waits until none is in flight: every id below what it reads is then committed or never will be.
 * This orders the writers of one process (the one that learns), not another process's.
 */
public final class Strands implements StrandLog {

    private static final String INSERT =
            "INSERT INTO ad_strands (kind, scope, payload, created_at) VALUES (?, ?, ?, ?)";

    private final Database db;
    private final Clock clock;
    private final java.util.concurrent.locks.ReentrantReadWriteLock order =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    public Strands(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Runs {@code transaction}, which appends strands and commits them, as one of the writers a cursor read waits
     * for (see the class comment).
     */
    public <T> T appending(java.util.function.Supplier<T> transaction) {
        order.readLock().lock();
        try {
            return transaction.get();
        } finally {
            order.readLock().unlock();
        }
    }

    /** Appends a strand in its own transaction; returns its id. */
    public long append(String kind, JsonNode scope, JsonNode payload) {
        return appending(() -> db.inTransaction(c -> append(c, kind, scope, payload)));
    }

    /**
     * Appends on the caller's connection, to commit with the position change it records, inside {@link #appending}.
     */
    public long append(java.sql.Connection c, String kind, JsonNode scope, JsonNode payload) throws SQLException {
        requireAppending();
        if (kind == null || kind.isBlank() || scope == null || !scope.isObject() || payload == null) {
            throw new IllegalArgumentException("a strand needs a kind, a JSON object scope and a payload");
        }
        Dialect d = db.dialect();
        try (PreparedStatement ps = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind);
            d.setJson(ps, 2, scope);
            d.setJson(ps, 3, payload);
            d.setTime(ps, 4, clock.nowMs());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Appends many on the caller's connection in JDBC batches, in order, to commit with the position changes, inside
     * {@link #appending}.
     */
    public void appendAll(java.sql.Connection c, List<NewStrand> strands) throws SQLException {
        requireAppending();
        if (strands.isEmpty()) {
            return;
        }
        Dialect d = db.dialect();
        long now = clock.nowMs();
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Batches.execute(ps, strands, (st, s) -> {
                st.setString(1, s.kind());
                d.setJson(st, 2, s.scope());
                d.setJson(st, 3, s.payload());
                d.setTime(st, 4, now);
            });
        }
    }

    /** An append outside {@link #appending} could be passed by learning's cursor: refused on every database. */
    private void requireAppending() {
        if (order.getReadHoldCount() == 0) {
            throw new IllegalStateException("strands are appended inside Strands.appending, so that learning's cursor"
                    + " waits for them");
        }
    }

    /** After the appending transactions in flight have ended, so no id below those read can still appear. */
    @Override
    public List<Strand> byKind(String kind, long afterId, int limit) {
        if (order.getReadHoldCount() > 0) {
            throw new IllegalStateException("a cursor read inside an appending transaction would wait for itself");
        }
        order.writeLock().lock();
        try {
            return read("SELECT id, kind, scope, payload, created_at FROM ad_strands WHERE kind = ? AND id > ?"
                    + " ORDER BY id LIMIT ?", kind, afterId, limit);
        } finally {
            order.writeLock().unlock();
        }
    }

    /** The newest {@code limit} strands of {@code kind}, newest first (the operator page's recent decisions). */
    public List<Strand> newest(String kind, int limit) {
        return read("SELECT id, kind, scope, payload, created_at FROM ad_strands WHERE kind = ? AND id < ? ORDER BY id"
                + " DESC LIMIT ?", kind, Long.MAX_VALUE, limit);
    }

    private List<Strand> read(String sql, String kind, long id, int limit) {
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, kind);
                ps.setLong(2, id);
                ps.setInt(3, limit);
                List<Strand> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Strand(rs.getLong("id"), rs.getString("kind"), d.getJson(rs, "scope"),
                                d.getJson(rs, "payload"), d.getTime(rs, "created_at")));
                    }
                }
                return out;
            }
        });
    }
}
