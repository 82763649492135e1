package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import lotus.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One trading process per database: a second acquirer is refused at once, naming the holder. */
class TraderLockTest {

    private static final String SINCE = "2026-12-03T08:00:00Z";
    private static final Clock AT_EIGHT = Clock.fixed(Instant.parse(SINCE).toEpochMilli());

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSecondAcquirerIsRefusedWithTheHolderAndAThirdSucceedsAfterClose(TestDatabases.Kind kind) {
        Database db = TestDatabases.open(kind, dir);
        try {
            TraderLock first = TraderLock.acquire(db, AT_EIGHT);
            String what = kind == TestDatabases.Kind.SQLITE ? dir.resolve("test.db").toString() : db.describe();
            assertThat(first.what()).isEqualTo(what);
            assertThatThrownBy(() -> TraderLock.acquire(db, Clock.system()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageMatching(Pattern.quote("another trading process holds " + what + " (pid "
                            + ProcessHandle.current().pid() + " on host ") + "\\S+" + Pattern.quote(" since " + SINCE
                            + "); stop it first"));
            first.close();
            try (TraderLock third = TraderLock.acquire(db, Clock.system())) {
                assertThat(third.what()).isEqualTo(what);
            }
            TraderLock.acquire(db, Clock.system()).close();
        } finally {
            TestDatabases.dispose(db);
        }
    }

    @Test
    void aPostgresLockWhoseSessionEndsIsNoLongerHeldAndAnotherTraderMayTakeIt() throws Exception {
        Database db = TestDatabases.open(TestDatabases.Kind.POSTGRESQL, dir);
        try {
            TraderLock lock = TraderLock.acquire(db, AT_EIGHT);
            assertThat(lock.held()).isTrue();
            // An administrator (or a network drop) ends the lock's session: the lock goes with it, silently.
            db.withConnection(c -> {
                try (var st = c.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                            + " AND pid <> pg_backend_pid() AND granted AND objid = (SELECT objid FROM pg_locks"
                            + " WHERE locktype = 'advisory' AND pid <> pg_backend_pid() AND granted LIMIT 1)");
                }
                return null;
            });
            assertThat(lock.held()).isFalse();
            try (TraderLock next = TraderLock.acquire(db, Clock.system())) {
                assertThat(next.held()).isTrue();
            }
            lock.close();
        } finally {
            TestDatabases.dispose(db);
        }
    }

    @Test
    void aSqliteLockIsHeldUntilClosed() {
        Database db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        try {
            TraderLock lock = TraderLock.acquire(db, AT_EIGHT);
            assertThat(lock.held()).isTrue();
            lock.close();
            assertThat(lock.held()).isFalse();
        } finally {
            TestDatabases.dispose(db);
        }
    }

    @Test
    void theLockFileBesideTheDatabaseNamesTheHolder() throws Exception {
        Database db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        try (db; TraderLock lock = TraderLock.acquire(db, AT_EIGHT)) {
            // Reading it from another process is safe; in this JVM it would drop the lock (POSIX), so only the size.
            assertThat(Files.size(dir.resolve("test.db.trader.lock"))).isPositive();
        }
        assertThat(Files.readString(dir.resolve("test.db.trader.lock")))
                .matches(ProcessHandle.current().pid() + " \\S+ " + Pattern.quote(SINCE) + "\n");
    }

    @Test
    void anotherProcessHoldingTheSqliteLockIsNamed() throws Exception {
        Database db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TraderLockHolder.class.getName(), "jdbc:sqlite:" + dir.resolve("test.db"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (db) {
            var lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).startsWith("held ");
            long pid = holder.pid();
            assertThatThrownBy(() -> TraderLock.acquire(db, Clock.system()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageMatching(Pattern.quote("another trading process holds " + dir.resolve("test.db")
                            + " (pid " + pid + " on host ") + "\\S+" + Pattern.quote(" since " + SINCE
                            + "); stop it first"));
            holder.getOutputStream().close(); // the holder exits when its stdin ends
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            TraderLock.acquire(db, Clock.system()).close();
        } finally {
            holder.destroyForcibly();
        }
    }
}
