package lotus.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import lotus.learning.Book;
import lotus.learning.StrandKind;
import lotus.learning.Ewma;
import lotus.learning.LearningStatus;
import lotus.learning.LearningStore;
import lotus.learning.Lessons;
import lotus.learning.Lessons.LessonKey;
import lotus.learning.Subset;
import lotus.learning.Tally;
import lotus.learning.Lessons.TimeframeKey;
import lotus.learning.Lessons.TimeframeStats;

/**
 * The learning tables (V2__learning.sql): {@code learning_lessons}, {@code learning_timeframes} and the strand cursor
 * {@code learning_cursor}. A page of strands is stored in one transaction with the cursor moved by compare-and-set,
 * so a second writer can never apply the same strands twice.
 */
public final class LearningTables implements LearningStore {

    private final Database db;

    public LearningTables(Database db) {
        this.db = db;
    }

    @Override
    public Lessons load() {
        return db.withConnection(c -> {
            LearningStatus status = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_strand_id, strands_applied, strands_skipped"
                    + " FROM learning_cursor WHERE strand_kind = ?")) {
                ps.setString(1, StrandKind.POSITION_CLOSED.wire());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        status = new LearningStatus(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                    }
                }
            }
            if (status == null) {
                throw new IllegalStateException("learning_cursor has no '" + StrandKind.POSITION_CLOSED.wire()
                        + "' row: is the V2 learning migration applied?");
            }
            Dialect d = db.dialect();
            Map<LessonKey, Tally> lessons = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT book_id, token_chain, pattern, subset_key, n, wins,"
                    + " sum_rr, sum_return FROM learning_lessons");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lessons.put(new LessonKey(new Book(rs.getString(1), rs.getString(2)), rs.getString(3),
                            Subset.fromKey(rs.getString(4))),
                            new Tally(rs.getLong(5), rs.getLong(6), d.getDecimal(rs, "sum_rr"),
                                    d.getDecimal(rs, "sum_return")));
                }
            }
            Map<TimeframeKey, TimeframeStats> timeframes = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT book_id, token_chain, timeframe, n, wins, sum_rr,"
                    + " sum_return, ewma_closed_at, ewma_weight, ewma_weighted_rr FROM learning_timeframes");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tally tally = new Tally(rs.getLong(4), rs.getLong(5), d.getDecimal(rs, "sum_rr"),
                            d.getDecimal(rs, "sum_return"));
                    Ewma ewma = new Ewma(d.getTime(rs, "ewma_closed_at"), d.getDecimal(rs, "ewma_weight").doubleValue(),
                            d.getDecimal(rs, "ewma_weighted_rr").doubleValue());
                    timeframes.put(new TimeframeKey(new Book(rs.getString(1), rs.getString(2)), rs.getString(3)),
                            new TimeframeStats(tally, ewma));
                }
            }
            return new Lessons(lessons, timeframes, status);
        });
    }

    @Override
    public boolean save(long expectedLastStrandId, Lessons.Changes changes) {
        return db.inTransaction(c -> {
            // Safe to lose in a crash: aggregates and cursor go together, and the strands are read again.
            db.deferFlush(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE learning_cursor SET last_strand_id = ?,"
                    + " strands_applied = ?, strands_skipped = ? WHERE strand_kind = ? AND last_strand_id = ?")) {
                ps.setLong(1, changes.status().lastStrandId());
                ps.setLong(2, changes.status().strandsApplied());
                ps.setLong(3, changes.status().strandsSkipped());
                ps.setString(4, StrandKind.POSITION_CLOSED.wire());
                ps.setLong(5, expectedLastStrandId);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            upsertLessons(c, changes.lessons());
            upsertTimeframes(c, changes.timeframes());
            return true;
        });
    }

    private void upsertLessons(Connection c, Map<LessonKey, Tally> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO learning_lessons (book_id, token_chain, pattern,"
                + " subset_key, n, wins, sum_rr, sum_return) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (book_id, token_chain, pattern, subset_key) DO UPDATE SET n = excluded.n,"
                + " wins = excluded.wins, sum_rr = excluded.sum_rr, sum_return = excluded.sum_return")) {
            for (Map.Entry<LessonKey, Tally> e : rows.entrySet()) {
                LessonKey k = e.getKey();
                Tally t = e.getValue();
                ps.setString(1, k.book().bookId());
                ps.setString(2, k.book().tokenChain());
                ps.setString(3, k.pattern());
                ps.setString(4, k.subset().key());
                ps.setLong(5, t.n());
                ps.setLong(6, t.wins());
                db.dialect().setDecimal(ps, 7, t.sumRr());
                db.dialect().setDecimal(ps, 8, t.sumReturn());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void upsertTimeframes(Connection c, Map<TimeframeKey, TimeframeStats> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO learning_timeframes (book_id, token_chain,"
                + " timeframe, n, wins, sum_rr, sum_return, ewma_closed_at, ewma_weight, ewma_weighted_rr)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (book_id, token_chain, timeframe) DO UPDATE SET"
                + " n = excluded.n, wins = excluded.wins, sum_rr = excluded.sum_rr, sum_return = excluded.sum_return,"
                + " ewma_closed_at = excluded.ewma_closed_at, ewma_weight = excluded.ewma_weight,"
                + " ewma_weighted_rr = excluded.ewma_weighted_rr")) {
            for (Map.Entry<TimeframeKey, TimeframeStats> e : rows.entrySet()) {
                TimeframeKey k = e.getKey();
                Tally t = e.getValue().tally();
                Ewma w = e.getValue().ewma();
                ps.setString(1, k.book().bookId());
                ps.setString(2, k.book().tokenChain());
                ps.setString(3, k.timeframe());
                ps.setLong(4, t.n());
                ps.setLong(5, t.wins());
                db.dialect().setDecimal(ps, 6, t.sumRr());
                db.dialect().setDecimal(ps, 7, t.sumReturn());
                db.dialect().setTime(ps, 8, w.lastClosedAtMs());
                // Double.toString's decimal reads back as the very same double, so a restart changes no weight.
                db.dialect().setDecimal(ps, 9, BigDecimal.valueOf(w.weight()));
                db.dialect().setDecimal(ps, 10, BigDecimal.valueOf(w.weightedRr()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
