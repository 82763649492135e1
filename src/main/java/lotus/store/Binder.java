package lotus.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds a query's parameters. */
@FunctionalInterface
interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
}
