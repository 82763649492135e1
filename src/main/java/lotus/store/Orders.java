package lotus.store;

import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import lotus.time.Clock;

/** {@code order_journal}: the record of every live order, committed before the order is sent. */
public final class Orders {

    private final Database db;
    private final Clock clock;

    public Orders(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Journals an order about to be sent, with status {@link OrderStatus#SENT}, in its own transaction, committed
     * before returning.
     *
     * @throws StoreException when the cloid is already journalled (a resend is refused, never silently merged)
     */
    public JournalEntry recordIntent(String cloid, String venue, Long positionId, String action, JsonNode request) {
        return db.inTransaction(c -> recordIntent(c, cloid, venue, positionId, null, action, request));
    }

    /**
     * Journals an order about to be sent inside the caller's transaction, so the position that plans it can be
     * written with it: both are there after a crash, or neither.
     *
     * @param barCloseMs the bar the decision was planned on (null when none)
     */
    public JournalEntry recordIntent(Connection c, String cloid, String venue, Long positionId, Long barCloseMs,
            String action, JsonNode request) throws SQLException {
        long now = clock.nowMs();
        Dialect d = db.dialect();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_journal (cloid, venue, position_id,"
                + " action, request, status, response, created_at, updated_at, bar_close_ms, fills)"
                + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL)")) {
            ps.setString(1, cloid);
            ps.setString(2, venue);
            d.setNullableLong(ps, 3, positionId);
            ps.setString(4, action);
            d.setJson(ps, 5, request);
            ps.setString(6, OrderStatus.SENT.dbValue());
            d.setTime(ps, 7, now);
            d.setTime(ps, 8, now);
            d.setNullableLong(ps, 9, barCloseMs);
            ps.executeUpdate();
        }
        return new JournalEntry(cloid, venue, positionId, action, request, OrderStatus.SENT, null, now, now,
                barCloseMs, null);
    }

    /**
     * Moves an open row to {@code status} inside the caller's transaction, only if it is still open: the one
     * transition that applies its fills to the position, so a second settlement of the same order (a late answer
     * racing the reconciler, a reconcile after a restart) changes nothing.
     *
     * @param fills the venue's fills applied with this settlement (null when none)
     * @return false when the row is already settled or absent
     */
    public boolean settle(Connection c, String cloid, OrderStatus status, JsonNode response, JsonNode fills)
            throws SQLException {
        Dialect d = db.dialect();
        boolean closing = !status.isOpen();
        try (PreparedStatement ps = c.prepareStatement("UPDATE order_journal SET status = ?, response = ?,"
                + " fills = ?, updated_at = ? WHERE cloid = ? AND status IN ('sent', 'unknown', 'resting')")) {
            ps.setString(1, status.dbValue());
            d.setJson(ps, 2, response);
            d.setJson(ps, 3, closing ? fills : null);
            d.setTime(ps, 4, clock.nowMs());
            ps.setString(5, cloid);
            return ps.executeUpdate() == 1;
        }
    }

    /** {@link #settle(Connection, String, OrderStatus, JsonNode, JsonNode)} in its own transaction. */
    public boolean settle(String cloid, OrderStatus status, JsonNode response, JsonNode fills) {
        return db.inTransaction(c -> settle(c, cloid, status, response, fills));
    }

    /** How many orders were journalled for this decision already: the attempt number of the next one. */
    public int attempts(long positionId, long barCloseMs, String action) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM order_journal WHERE position_id = ?"
                    + " AND bar_close_ms = ? AND action = ?")) {
                ps.setLong(1, positionId);
                ps.setLong(2, barCloseMs);
                ps.setString(3, action);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Every order not yet settled, oldest first: what the reconciler works through. */
    public List<JournalEntry> open() {
        return inStatus(OrderStatus.open());
    }

    public Optional<JournalEntry> find(String cloid) {
        return select("WHERE cloid = ?", ps -> ps.setString(1, cloid)).stream().findFirst();
    }

    /** The newest {@code limit} orders, newest first: the journal as an operator reads it. */
    public List<JournalEntry> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return select("ORDER BY created_at DESC, cloid DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** Orders in any of {@code statuses}, oldest first: e.g. those to reconcile after a restart. */
    public List<JournalEntry> inStatus(Set<OrderStatus> statuses) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        List<OrderStatus> list = List.copyOf(statuses);
        String marks = list.stream().map(s -> "?").collect(Collectors.joining(", "));
        return select("WHERE status IN (" + marks + ") ORDER BY created_at, cloid", ps -> {
            for (int i = 0; i < list.size(); i++) {
                ps.setString(i + 1, list.get(i).dbValue());
            }
        });
    }

    private List<JournalEntry> select(String where, Binder binder) {
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cloid, venue, position_id, action, request, status,"
                    + " response, created_at, updated_at, bar_close_ms, fills FROM order_journal " + where)) {
                binder.bind(ps);
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("position_id");
                        Long positionId = rs.wasNull() ? null : id;
                        long bar = rs.getLong("bar_close_ms");
                        Long barCloseMs = rs.wasNull() ? null : bar;
                        out.add(new JournalEntry(rs.getString("cloid"), rs.getString("venue"), positionId,
                                rs.getString("action"), d.getJson(rs, "request"),
                                OrderStatus.fromDb(rs.getString("status")), d.getJson(rs, "response"),
                                d.getTime(rs, "created_at"), d.getTime(rs, "updated_at"), barCloseMs,
                                d.getJson(rs, "fills")));
                    }
                }
                return out;
            }
        });
    }
}
