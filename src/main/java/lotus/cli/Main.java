package lotus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import lotus.app.ConfigException;
import lotus.app.ConfigLoader;
import lotus.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            AccountCommand.class,
            RiskCommand.class,
            RiskCommand.Halt.class,
            RiskCommand.Resume.class,
            TickCommand.class,
            RunCommand.class,
            BacktestCommand.class,
            EngineCommand.class,
            DemoCommand.class,
            SimCommand.class,
            HlCommand.class,
            BenchCommand.class,
            TestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    static final int EXIT_USAGE = 2;

    @Option(names = "--config", paramLabel = "PATH", scope = CommandLine.ScopeType.INHERIT,
            description = "YAML configuration file (default: $LOTUS_CONFIG, else ./lotus.yaml if present).")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
                cmd.getErr().println("lotus: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The effective configuration for this invocation (loaded on demand: {@code --help} needs none). */
    ConfigLoader.Loaded loadConfig() {
        return ConfigLoader.load(configFile, System.getenv());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
