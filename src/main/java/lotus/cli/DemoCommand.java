package lotus.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulated Hyperliquid → both ingesters → embedded database, with faults; checks every bar against the simulator.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "120", description = "Clock acceleration (default ${DEFAULT-VALUE}x).")
    double speed;

    @Option(names = "--minutes", defaultValue = "40", description = "Simulated minutes of live data (default ${DEFAULT-VALUE}).")
    long minutes;

    @Override
    public Integer call() throws Exception {
        Path dataDir = main.loadConfig().config().dataDir();
        java.nio.file.Files.createDirectories(dataDir);
        List<Demo.Row> rows = new Demo(new Demo.Options(seed, speed, minutes, dataDir.resolve("demo.db")),
                spec.commandLine().getOut()).run();
        boolean clean = rows.stream().allMatch(r -> r.missing() == 0 && r.differing() == 0);
        return clean ? 0 : 1;
    }
}
