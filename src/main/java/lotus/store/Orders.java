package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;
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
     * Journals an order about to be sent, with status {@link OrderStatus#SENT}. Commits before returning.
     *
     * @throws StoreException when the cloid is already journalled (a resend is refused, never silently merged)
     */
    public JournalEntry recordIntent(String cloid, String venue, Long positionId, String action, JsonNode request) {
        long now = clock.nowMs();
        Dialect d = db.dialect();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_journal (cloid, venue, position_id,"
                    + " action, request, status, response, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)")) {
                ps.setString(1, cloid);
                ps.setString(2, venue);
                d.setNullableLong(ps, 3, positionId);
                ps.setString(4, action);
                d.setJson(ps, 5, request);
                ps.setString(6, OrderStatus.SENT.dbValue());
                d.setTime(ps, 7, now);
                d.setTime(ps, 8, now);
                ps.executeUpdate();
            }
            return null;
        });
        return new JournalEntry(cloid, venue, positionId, action, request, OrderStatus.SENT, null, now, now);
    }

    /** Records what the venue said (or that we do not know); false when no such cloid is journalled. */
    public boolean updateStatus(String cloid, OrderStatus status, JsonNode response) {
        Dialect d = db.dialect();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE order_journal SET status = ?, response = ?, updated_at = ? WHERE cloid = ?")) {
                ps.setString(1, status.dbValue());
                d.setJson(ps, 2, response);
                d.setTime(ps, 3, clock.nowMs());
                ps.setString(4, cloid);
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<JournalEntry> find(String cloid) {
        return select("WHERE cloid = ?", ps -> ps.setString(1, cloid)).stream().findFirst();
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
                    + " response, created_at, updated_at FROM order_journal " + where)) {
                binder.bind(ps);
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("position_id");
                        Long positionId = rs.wasNull() ? null : id;
                        out.add(new JournalEntry(rs.getString("cloid"), rs.getString("venue"), positionId, rs.getString("action"), d.getJson(rs, "request"),
                                OrderStatus.fromDb(rs.getString("status")), d.getJson(rs, "response"),
                                d.getTime(rs, "created_at"), d.getTime(rs, "updated_at")));
                    }
                }
                return out;
            }
        });
    }
}
