package lotus.cli;

import lotus.app.LotusConfig;
import lotus.bench.Scratch;
import picocli.CommandLine.Option;

/** {@code --db URL} of the benchmarks: which server (or embedded file) their scratch database goes in. */
final class ScratchDbOption {

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL (default: the configured database; "
            + "PostgreSQL in a private schema, SQLite in a scratch file, both removed afterwards).")
    String url;

    Scratch target(LotusConfig config) {
        return new Scratch(url != null ? url : config.db().url(), config.dataDir());
    }
}
