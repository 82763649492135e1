package lotus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import lotus.app.ConfigException;
import lotus.app.ConfigLoader;
import lotus.app.Secret;
import lotus.store.JdbcUrls;
import lotus.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code lotus} command line. The {@code ./lotus} launcher picks a JDK, builds the jar and calls this. */
@Command(name = "lotus",
        mixinStandardHelpOptions = true,
        version = "lotus 0.1.0",
        description = "Automated crypto trading on Hyperliquid and Solana: market data, Uptrend Engine, PM, execution.",
        subcommands = {
            ConfigCommand.class,
            DbCommand.class,
            IngestCommand.class,
            PositionsCommand.class,
            RegimeCommand.class,
            BarsCommand.class,
            AccountCommand.class,
            RiskCommand.class,
            RiskCommand.Halt.class,
            RiskCommand.Resume.class,
            TickCommand.class,
            RunCommand.class,
            ServeCommand.class,
            BacktestCommand.class,
            EngineCommand.class,
            DemoCommand.class,
            SimCommand.class,
            HlCommand.class,
            BenchCommand.class,
            TestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main extends GroupCommand {

    static final int EXIT_USAGE = 2;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Option(names = "--config", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
            description = "YAML configuration file (default: $LOTUS_CONFIG, else ./lotus.yaml if present).")
    Path configFile;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("lotus: configuration error: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof StoreException) {
                cmd.getErr().println("lotus: " + mask(e.getMessage()));
                return 1;
            }
            String command = cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^lotus ?", "");
            // logback.xml sends logs to stderr, the terminal: the trace goes at DEBUG, shown only with
            // LOTUS_JAVA_OPTS=-Dlotus.trace=DEBUG, so a failure reads as one line by default.
            log.debug("lotus {} failed", command, JdbcUrls.maskedChain(e, Main::mask));
            cmd.getErr().println("lotus: " + (command.isEmpty() ? "" : command + ": ") + messages(e));
            return 1;
        });
        return cli.execute(args);
    }

    /** Every distinct message down the cause chain, masked, on one line: what a person needs to act. */
    static String messages(Throwable error) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                    : mask(t.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
            if (sb.indexOf(m) < 0) {
                sb.append(sb.isEmpty() ? "" : ": ").append(m);
            }
        }
        return sb.toString();
    }

    /** A message with database passwords and key-like values masked. */
    static String mask(String text) {
        return Secret.mask(JdbcUrls.redact(text));
    }

    /** The effective configuration for this invocation (loaded on demand: {@code --help} needs none). */
    ConfigLoader.Loaded loadConfig() {
        return ConfigLoader.load(configFile, System.getenv());
    }
}
