package lotus.cli;

import java.io.PrintWriter;
import lotus.app.LotusConfig;
import lotus.app.OperatorServer;
import lotus.web.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code --port} of the three commands that start the operator's server, and the lines they print when it is up. */
// @Command with nothing in it: picocli takes a mixin with neither options nor @Command for a mistake.
@Command
final class PortOption {

    @Option(names = "--port", paramLabel = "P",
            description = "The operator's server port (default: server.port, 8787); 0 picks a free one.")
    Integer port;

    ApiServer.Settings settings(LotusConfig config) {
        if (port != null && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
        }
        return config.server().settings(port);
    }

    /** The URL, and a generated token once: the operator on this machine needs it for halt and resume. */
    static void print(PrintWriter out, String command, OperatorServer.Serving s) {
        synchronized (out) {
            out.printf("%s: operator API on %sapi/status%n", command, s.url());
            out.printf("%s: operator page on %s%n", command, s.url());
            s.generatedToken().ifPresent(t -> out.printf("%s: token for writes (generated, not kept): %s%n", command,
                    t));
            out.flush();
        }
    }
}
