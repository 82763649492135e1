package lotus.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real databases for tests: a fresh SQLite file, or a private schema on the PostgreSQL named by
 * {@code LOTUS_TEST_PG_URL}. Without that variable PostgreSQL tests are skipped, unless {@code LOTUS_REQUIRE_PG=1}
 * (CI), where they fail.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public enum Kind {
        SQLITE, POSTGRESQL
    }

    /** An open, migrated database; close it with {@link #dispose(Database)}. */
    public static Database open(Kind kind, Path tempDir) {
        Database db = switch (kind) {
            case SQLITE -> Database.open("jdbc:sqlite:" + tempDir.resolve("test.db"), 4);
            case POSTGRESQL -> Database.open(postgresUrl(), 4,
                    "t_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT));
        };
        db.migrate();
        return db;
    }

    public static void dispose(Database db) {
        if (db == null) {
            return;
        }
        if (db.dialect() == Dialect.POSTGRESQL) {
            db.dropSchema();
        }
        db.close();
    }

    /** The PostgreSQL test URL, or a skip (a failure when PostgreSQL is required). */
    public static String postgresUrl() {
        String url = System.getenv("LOTUS_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv("LOTUS_REQUIRE_PG"))) {
                fail("LOTUS_REQUIRE_PG=1 but LOTUS_TEST_PG_URL is not set");
            }
            assumeTrue(false, "LOTUS_TEST_PG_URL not set: PostgreSQL tests skipped");
        }
        return url;
    }
}
