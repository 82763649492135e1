package lotus.cli;

import java.io.PrintWriter;
import lotus.app.ConfigLoader;
import lotus.app.LotusConfig;
import lotus.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a command needs besides its own options, as a picocli mixin: its output, the configuration (the root
 * command's {@code --config}) and the configured database; one place instead of a copy in every command.
 */
// @Command with nothing in it: picocli takes a mixin with neither options nor @Command for a mistake.
@Command
final class CommandContext {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The effective configuration for this invocation (loaded on demand: {@code --help} needs none). */
    ConfigLoader.Loaded loadConfig() {
        return ((Main) spec.root().userObject()).loadConfig();
    }

    LotusConfig config() {
        return loadConfig().config();
    }

    /** The configured database, as it is (not migrated). */
    Database database(LotusConfig config) {
        return Database.open(config.db().url(), config.db().poolSize());
    }

    /** The configured database, migrated. */
    Database migratedDatabase(LotusConfig config) {
        Database db = database(config);
        db.migrate();
        return db;
    }

    /** {@code lotus <command>: <message>} on stderr. */
    void error(String message) {
        err().println(spec.qualifiedName(" ") + ": " + message);
    }

    /** {@link #error}, and the exit code of a usage error. */
    int usageError(String message) {
        error(message);
        return Main.EXIT_USAGE;
    }
}
