package lotus.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Runs one prepared statement over many rows in JDBC batches. */
final class Batches {

    /** Rows per executeBatch: large enough for PostgreSQL's multi-row rewrite, small enough to bound memory. */
    static final int SIZE = 1000;

    @FunctionalInterface
    interface RowBinder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private Batches() {
    }

    static <T> void execute(PreparedStatement ps, List<T> rows, RowBinder<T> binder) throws SQLException {
        int pending = 0;
        for (T row : rows) {
            binder.bind(ps, row);
            ps.addBatch();
            if (++pending == SIZE) {
                ps.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            ps.executeBatch();
        }
    }
}
