package lotus.bench;

import java.io.IOException;
import java.nio.file.Path;
import lotus.store.Database;
import lotus.store.ScratchDatabase;

/**
 * Where a benchmark's scratch database goes: a private schema in {@code url}'s PostgreSQL database, or a SQLite file
 * under {@code dataDir}.
 */
public record Scratch(String url, Path dataDir) {

    /** Work on a scratch database. */
    interface Work {
        void run(Database db) throws Exception;
    }

    ScratchDatabase open(String name, int poolSize) throws IOException {
        return ScratchDatabase.open(url, dataDir, name, poolSize);
    }

    /** Runs {@code work} on a scratch database named {@code name}, removed afterwards. */
    void run(String name, int poolSize, Work work) throws Exception {
        try (ScratchDatabase scratch = open(name, poolSize)) {
            work.run(scratch.database());
        }
    }
}
