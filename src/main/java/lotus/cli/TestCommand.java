package lotus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Listed so that {@code --help} shows it; the {@code ./lotus} launcher runs the suite itself (it needs Maven). */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run the whole test suite (unit, PostgreSQL, end-to-end) with the launcher's JDK.")
final class TestCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Override
    public Integer call() {
        cli.err().println("lotus: the test suite runs from the source checkout: use ./lotus test");
        cli.err().flush();
        return Main.EXIT_USAGE;
    }
}
