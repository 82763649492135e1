package lotus.cli;

import java.io.PrintWriter;
import java.util.List;
import lotus.store.Database;
import lotus.store.MigrationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema: apply or show migrations on the configured database.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
final class DbCommand extends GroupCommand {

    /** A subcommand on the configured database as it is, printing to the command's output. */
    abstract static class OnDatabase implements Runnable {
        @Mixin
        CommandContext cli;

        @Override
        public void run() {
            PrintWriter out = cli.out();
            try (Database database = cli.database(cli.config())) {
                out.println("database: " + database.describe());
                run(database, out);
            }
            out.flush();
        }

        abstract void run(Database database, PrintWriter out);
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending migrations (creates the embedded database file on first use).")
    static final class Migrate extends OnDatabase {
        @Override
        void run(Database database, PrintWriter out) {
            int applied = database.migrate();
            List<MigrationStatus> all = database.status();
            String current = all.isEmpty() ? "none" : all.get(all.size() - 1).version();
            out.println("applied " + applied + " migration(s); schema is at version " + current);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show every migration and whether it is applied.")
    static final class Status extends OnDatabase {
        @Override
        void run(Database database, PrintWriter out) {
            out.printf("%-8s %-24s %-10s %s%n", "version", "description", "state", "installed");
            for (MigrationStatus m : database.status()) {
                out.printf("%-8s %-24s %-10s %s%n", m.version(), m.description(), m.state(),
                        m.installedOn() == null ? "-" : m.installedOn().toString());
            }
        }
    }
}
