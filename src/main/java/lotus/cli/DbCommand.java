package lotus.cli;

import java.io.PrintWriter;
import java.util.List;
import lotus.app.LotusConfig;
import lotus.store.Database;
import lotus.store.MigrationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema: apply or show migrations on the configured database.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Status.class})
final class DbCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Database open() {
        LotusConfig.Db db = main.loadConfig().config().db();
        return Database.open(db.url(), db.poolSize());
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending migrations (creates the embedded database file on first use).")
    static final class Migrate implements Runnable {
        @ParentCommand
        DbCommand db;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = db.open()) {
                out.println("database: " + database.describe());
                int applied = database.migrate();
                List<MigrationStatus> all = database.status();
                String current = all.isEmpty() ? "none" : all.get(all.size() - 1).version();
                out.println("applied " + applied + " migration(s); schema is at version " + current);
            }
            out.flush();
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show every migration and whether it is applied.")
    static final class Status implements Runnable {
        @ParentCommand
        DbCommand db;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = db.open()) {
                out.println("database: " + database.describe());
                out.printf("%-8s %-24s %-10s %s%n", "version", "description", "state", "installed");
                for (MigrationStatus m : database.status()) {
                    out.printf("%-8s %-24s %-10s %s%n", m.version(), m.description(), m.state(),
                            m.installedOn() == null ? "-" : m.installedOn().toString());
                }
            }
            out.flush();
        }
    }
}
