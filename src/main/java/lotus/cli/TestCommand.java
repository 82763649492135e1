package lotus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Listed so that {@code --help} shows it; the {@code ./lotus} launcher runs the suite itself (it needs Maven). */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run the whole test suite (unit, PostgreSQL, end-to-end) with the launcher's JDK.")
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lotus: the test suite runs from the source checkout: use ./lotus test");
        spec.commandLine().getErr().flush();
        return Main.EXIT_USAGE;
    }
}
