package lotus.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The pooled connection to Lotus's database, PostgreSQL in production or an embedded SQLite file by default, with
 * its Flyway migrations. One per process; repositories borrow it.
 */
public final class Database implements AutoCloseable {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String url;
    private final String schema;

    private Database(HikariDataSource pool, Dialect dialect, String url, String schema) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
        this.schema = schema;
    }

    /** Opens the database at {@code jdbcUrl}; an SQLite file and its directory are created on first use. */
    public static Database open(String jdbcUrl, int poolSize) {
        return open(jdbcUrl, poolSize, null);
    }

    /**
     * @param schema PostgreSQL only: work inside this schema (created by {@link #migrate()}), so tests and benchmarks
     *               never touch the tables of a real deployment sharing the server; null for the default
     */
    public static Database open(String jdbcUrl, int poolSize, String schema) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("lotus-db");
        // Fail at start with the driver's reason instead of retrying silently.
        hc.setInitializationFailTimeout(1);
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(jdbcUrl);
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("busy_timeout", "10000");
            hc.addDataSourceProperty("foreign_keys", "true");
            if (schema != null) {
                throw new IllegalArgumentException("a schema applies to PostgreSQL only");
            }
        } else {
            // Turns a JDBC batch into multi-row INSERTs: the difference between ~10k and >50k bars/s.
            if (!jdbcUrl.contains("reWriteBatchedInserts")) {
                hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            if (schema != null) {
                if (!SCHEMA_NAME.matcher(schema).matches()) {
                    throw new IllegalArgumentException("not a plain schema name: '" + schema + "'");
                }
                hc.setSchema(schema);
            }
        }
        try {
            Database db = new Database(new HikariDataSource(hc), dialect, jdbcUrl, schema);
            if (schema != null) {
                db.withConnection(c -> {
                    try (var st = c.createStatement()) {
                        st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                    }
                    return null;
                });
            }
            return db;
        } catch (RuntimeException e) {
            // The pool's and the driver's messages may quote the URL: the chain kept for the log is a masked copy.
            throw new StoreException("cannot open database " + JdbcUrls.redact(jdbcUrl) + ": " + rootMessage(e),
                    JdbcUrls.redactedChain(e));
        }
    }

    /** The most connections the pool opens at once. */
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Lets the current transaction on {@code c} commit without waiting for its WAL flush (PostgreSQL's
     * {@code synchronous_commit = off}, for this transaction only). A crash can lose such a commit from the last
     * fraction of a second but never corrupts or half-applies it, so it is for writes that are recomputed when lost,
     * never for fills. A no-op on SQLite.
     */
    public void deferFlush(java.sql.Connection c) throws java.sql.SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
    }

    /** The URL as given, password included: for opening a connection outside the pool, never for showing. */
    String url() {
        return url;
    }

    /** The private schema, or null. */
    String schema() {
        return schema;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The URL with any password masked, for logs and status lines. */
    public String describe() {
        return JdbcUrls.redact(url) + (schema == null ? "" : " (schema " + schema + ")");
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        MigrateResult result = flyway().migrate();
        return result.migrationsExecuted;
    }

    /** Every known migration with its state, oldest first. */
    public List<MigrationStatus> status() {
        List<MigrationStatus> out = new ArrayList<>();
        for (MigrationInfo info : flyway().info().all()) {
            out.add(new MigrationStatus(
                    info.getVersion() == null ? "" : info.getVersion().getVersion(),
                    info.getDescription(),
                    info.getState().getDisplayName(),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant()));
        }
        return out;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("database error on " + describe() + ": " + JdbcUrls.redact(e.getMessage()), e);
        }
    }

    /** Runs {@code work} on one pooled connection in auto-commit mode. */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database error on " + describe() + ": " + JdbcUrls.redact(e.getMessage()), e);
        }
    }

    /** Drops this database's private schema (PostgreSQL with a schema only): for tests and benchmarks. */
    public void dropSchema() {
        if (schema == null) {
            throw new IllegalStateException("no private schema to drop");
        }
        withConnection(c -> {
            try (var st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            return null;
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    private Flyway flyway() {
        var cfg = Flyway.configure()
                .dataSource(pool)
                .locations(dialect.migrationLocation())
                .failOnMissingLocations(true);
        if (schema != null) {
            cfg.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        return cfg.load();
    }

    /** The file path of an SQLite URL, without {@code file:} or parameters. */
    static String sqlitePath(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        return path;
    }

    private static void createParentDirectory(String jdbcUrl) {
        Path parent = Path.of(sqlitePath(jdbcUrl)).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new StoreException("cannot create directory " + parent + " for the database: " + e.getMessage(), e);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return JdbcUrls.redact(t.getMessage());
    }
}
