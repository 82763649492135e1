package lotus.bench;

import java.io.IOException;
import java.nio.file.Path;
import lotus.store.ScratchDatabase;

/**
 * Where a benchmark's scratch database goes: a private schema in {@code url}'s PostgreSQL database, or a SQLite file
 * under {@code dataDir}.
 */
public record Scratch(String url, Path dataDir) {

    ScratchDatabase open(String name, int poolSize) throws IOException {
        return ScratchDatabase.open(url, dataDir, name, poolSize);
    }
}
