package lotus.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A database that exists for one command (benchmarks, backtests) and is gone afterwards: on PostgreSQL a private
 * schema of the given database, on SQLite a file under the data directory. Named with the process id, so two runs
 * never share one.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final Database db;
    private final Path file;

    private ScratchDatabase(Database db, Path file) {
        this.db = db;
        this.file = file;
    }

    /** In {@code url}'s PostgreSQL database (schema {@code lotus_<name>_<pid>}), or a SQLite file when it is SQLite. */
    public static ScratchDatabase open(String url, Path dataDir, String name, int poolSize) throws IOException {
        long pid = ProcessHandle.current().pid();
        if (Dialect.of(url) == Dialect.POSTGRESQL) {
            String schema = "lotus_" + name + "_" + pid;
            // A run killed before its clean-up leaves its schema behind, and pids come round again: start empty.
            try (Database stale = Database.open(url, 1, schema)) {
                stale.dropSchema();
            }
            return new ScratchDatabase(Database.open(url, poolSize, schema), null);
        }
        return sqlite(dataDir, name, poolSize);
    }

    /** Always a SQLite file: {@code <dataDir>/<name>-<pid>.db}. */
    public static ScratchDatabase sqlite(Path dataDir, String name, int poolSize) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(name + "-" + ProcessHandle.current().pid() + ".db");
        deleteFiles(file); // a killed run's file, under a pid that came round again
        return new ScratchDatabase(Database.open("jdbc:sqlite:" + file, poolSize), file);
    }

    public Database database() {
        return db;
    }

    @Override
    public void close() {
        try {
            if (file == null) {
                db.dropSchema();
            }
        } finally {
            db.close();
            if (file != null) {
                try {
                    deleteFiles(file);
                } catch (IOException ignored) {
                    // A scratch file left behind is harmless (the next run under this pid deletes it).
                }
            }
        }
    }

    /** Deletes an embedded database file with its WAL and shared-memory files, if they exist. */
    public static void deleteFiles(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
