package lotus.cli;

import java.io.PrintWriter;
import lotus.app.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Print the effective configuration and where each value came from (secrets as ***).")
final class ConfigCommand implements Runnable {

    @Mixin
    CommandContext cli;

    @Override
    public void run() {
        ConfigLoader.Loaded loaded = cli.loadConfig();
        PrintWriter out = cli.out();
        out.println("# configuration file: " + loaded.file().map(Object::toString).orElse("(none)"));
        int width = loaded.entries().stream().mapToInt(e -> e.key().length()).max().orElse(10);
        for (ConfigLoader.Entry e : loaded.entries()) {
            String origin = switch (e.source()) {
                case DEFAULT -> "default";
                case FILE -> "file";
                case ENV -> "env " + e.env();
            };
            out.printf("%-" + width + "s = %s   (%s)%n", e.key(), e.shown(), origin);
        }
        out.flush();
    }
}
