package lotus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import lotus.app.LotusConfig;
import lotus.app.OperatorServer;
import lotus.store.JdbcUrls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lotus serve}: the operator's server on the configured database, trading nothing. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "The operator's JSON API (under /api) on the configured database, without trading: to look at "
                + "a database, or halt and resume the process that trades it. Until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Mixin
    PortOption port;

    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds (default: until Ctrl-C).")
    Long seconds;

    @Override
    public Integer call() throws Exception {
        if (seconds != null && seconds < 1) {
            return cli.usageError("--seconds must be at least 1, got " + seconds);
        }
        LotusConfig config = cli.config();
        PrintWriter out = cli.out();
        OperatorServer.serveUntilStopped(config, port.settings(config), seconds == null ? null
                : Duration.ofSeconds(seconds), s -> {
                    out.printf("serve: database %s%n", JdbcUrls.redact(config.db().url()));
                    port.print(out, "serve", s);
                });
        out.println("serve: stopped");
        out.flush();
        return 0;
    }
}
