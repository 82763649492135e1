package lotus.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import lotus.store.Database;
import lotus.store.TestDatabases;

/**
 * The databases a test shares with the {@code lotus} processes it starts ({@link ChildLotus}): per label, a SQLite
 * file or a private PostgreSQL schema, opened and migrated by the test, reached by the child through its URL. All are
 * disposed together.
 */
final class ChildDatabases implements AutoCloseable {

    /** Sent in the child's PostgreSQL URL, which the test server's trust authentication ignores: it must never show. */
    static final String PASSWORD = "Pw9d7c41e0b2a5f3e8";

    private final TestDatabases.Kind kind;
    private final Path dir;
    private final Map<String, String> schemas = new ConcurrentHashMap<>();
    private final List<Database> opened = new CopyOnWriteArrayList<>();

    ChildDatabases(TestDatabases.Kind kind, Path dir) {
        this.kind = kind;
        this.dir = dir;
    }

    /** The label's database, migrated, for the test's own reads and writes. */
    Database open(String label) {
        Database db = switch (kind) {
            case SQLITE -> Database.open("jdbc:sqlite:" + dir.resolve(label + ".db"), 2);
            case POSTGRESQL -> Database.open(TestDatabases.postgresUrl(), 2, schema(label));
        };
        db.migrate();
        opened.add(db);
        return db;
    }

    /** The child's URL of the same database: the same file, or the same schema through {@code currentSchema}. */
    String childUrl(String label) {
        return switch (kind) {
            case SQLITE -> "jdbc:sqlite:" + dir.resolve(label + ".db");
            case POSTGRESQL -> TestDatabases.postgresUrl() + "&currentSchema=" + schema(label) + "&password="
                    + PASSWORD;
        };
    }

    private String schema(String label) {
        return schemas.computeIfAbsent(label, l -> "c_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
    }

    @Override
    public void close() {
        for (Database db : opened) {
            TestDatabases.dispose(db);
        }
    }
}
