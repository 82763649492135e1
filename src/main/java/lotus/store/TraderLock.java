package lotus.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lotus.time.Clock;

/**
 * One trading process per database (ARCHITECTURE.md, Safety): held for the life of a process that may send orders.
 * On PostgreSQL it is a session-level advisory lock on a dedicated connection (outside the pool, whose connections
 * are recycled), keyed by database and schema, with the holder in the session's {@code application_name}; when that
 * session ends, for whatever reason, the lock is free. On SQLite it is an OS lock on {@code <db>.trader.lock} beside
 * the database file, which holds {@code pid host since}. A second acquirer fails at once, naming the holder.
 */
public final class TraderLock implements AutoCloseable {

    private static final String APP_PREFIX = "lotus-trader ";
    /** PostgreSQL truncates application_name to 63 bytes (NAMEDATALEN - 1). */
    private static final int APP_NAME_MAX = 63;

    /**
     * Lock files this JVM holds, with their holder line. POSIX record locks belong to the process, and closing any
     * descriptor of the file drops them all, so a second acquirer in this JVM must not even open the file.
     */
    private static final Map<Path, String> HELD_FILES = new ConcurrentHashMap<>();

    private final String what;
    private final Connection pgSession;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock fileLock;

    private TraderLock(String what, Connection pgSession, Path lockFile, FileChannel channel, FileLock fileLock) {
        this.what = what;
        this.pgSession = pgSession;
        this.lockFile = lockFile;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Takes the trading lock of {@code db}, or throws a {@link StoreException} naming the process that holds it.
     */
    public static TraderLock acquire(Database db, Clock clock) {
        String since = Instant.ofEpochMilli(clock.nowMs()).truncatedTo(ChronoUnit.SECONDS).toString();
        String holder = ProcessHandle.current().pid() + " " + hostName() + " " + since;
        return switch (db.dialect()) {
            case SQLITE -> onFile(Database.sqlitePath(db.url()), holder);
            case POSTGRESQL -> onPostgres(db, holder);
        };
    }

    /** The database this lock guards, as shown to people. */
    public String what() {
        return what;
    }

    private static TraderLock onFile(String dbPath, String holder) {
        Path file = Path.of(dbPath + ".trader.lock").toAbsolutePath().normalize();
        String inThisJvm = HELD_FILES.putIfAbsent(file, holder);
        if (inThisJvm != null) {
            throw refused(dbPath, inThisJvm);
        }
        FileChannel ch = null;
        try {
            // No TRUNCATE_EXISTING: the file names the holder until we know we are the holder.
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                String other = readHolder(file);
                ch.close();
                HELD_FILES.remove(file);
                throw refused(dbPath, other);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new TraderLock(dbPath, null, file, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            HELD_FILES.remove(file);
            throw new StoreException("cannot take the trading lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readHolder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static TraderLock onPostgres(Database db, String holder) {
        String what = db.describe();
        Connection c = null;
        try {
            c = DriverManager.getConnection(db.url());
            if (db.schema() != null) {
                c.setSchema(db.schema());
            }
            long key;
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_database(), coalesce(current_schema(), 'public')")) {
                rs.next();
                key = lockKey(rs.getString(1) + "." + rs.getString(2));
            }
            boolean got;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    got = rs.getBoolean(1);
                }
            }
            if (!got) {
                String other = postgresHolder(c, key);
                c.close();
                throw refused(what, other);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                String app = APP_PREFIX + holder;
                ps.setString(1, app.length() > APP_NAME_MAX ? app.substring(0, APP_NAME_MAX) : app);
                ps.execute();
            }
            return new TraderLock(what, c, null, null, null);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StoreException("cannot take the trading lock on " + what + ": "
                    + JdbcUrls.redact(e.getMessage()), null);
        }
    }

    /** Who holds the advisory lock: our own {@code application_name} when it is a Lotus process. */
    private static String postgresHolder(Connection c, long key) throws SQLException {
        String sql = """
                SELECT a.pid, a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.classid::bigint = ? AND l.objid::bigint = ?
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return ""; // released in the meantime, or not visible to this role
                }
                String app = rs.getString(2);
                if (app != null && app.startsWith(APP_PREFIX)) {
                    return app.substring(APP_PREFIX.length());
                }
                var start = rs.getObject(3, java.time.OffsetDateTime.class);
                return "postgres session " + rs.getInt(1)
                        + (app == null || app.isEmpty() ? "" : " '" + app + "'")
                        + (start == null ? "" : " since " + start.toInstant().truncatedTo(ChronoUnit.SECONDS));
            }
        }
    }

    /** {@code pid host since} as written by a holder, in words; anything else is shown as it is. */
    static String describeHolder(String holder) {
        String[] parts = holder.strip().split(" ", 3);
        if (parts.length == 3 && parts[0].chars().allMatch(Character::isDigit) && !parts[0].isEmpty()) {
            return "pid " + parts[0] + " on host " + parts[1] + " since " + parts[2];
        }
        return holder.isBlank() ? "holder unknown" : holder.strip();
    }

    private static StoreException refused(String what, String holder) {
        return new StoreException("another trading process holds " + what + " (" + describeHolder(holder)
                + "); stop it first");
    }

    /** A stable 64-bit key per database and schema, so two deployments on one server never share a lock. */
    private static long lockKey(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("lotus trader lock " + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            if (h != null && !h.isBlank()) {
                return h.replace(' ', '_');
            }
        } catch (IOException e) {
            // fall through: the host name is for people, not for the lock
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "unknown" : env.replace(' ', '_');
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing with a better message
            }
        }
    }

    /**
     * Whether the lock is still ours. A PostgreSQL session-level lock ends with its session (a network drop, an
     * idle-session timeout, an administrator's kill), silently: a trading process asks this regularly and stops when
     * it is gone, before a second trader can take over beside it.
     */
    public boolean held() {
        if (pgSession != null) {
            try (java.sql.Statement st = pgSession.createStatement()) {
                st.setQueryTimeout(5);
                try (ResultSet rs = st.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            } catch (SQLException e) {
                return false;
            }
        }
        return fileLock != null && fileLock.isValid();
    }

    @Override
    public void close() {
        if (pgSession != null) {
            // Ending the session releases the session-level advisory lock.
            closeQuietly(pgSession);
        }
        if (channel != null) {
            try {
                fileLock.release();
            } catch (IOException ignored) {
                // closing the channel below releases it too
            }
            closeQuietly(channel);
            HELD_FILES.remove(lockFile);
        }
    }
}
