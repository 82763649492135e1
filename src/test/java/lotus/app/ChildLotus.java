package lotus.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code lotus} as its own process, as an operator or a second shell runs it: the test's classes on a new JVM,
 * {@code lotus.cli.Main} with the given arguments, output to a file. The parent's own {@code HL_*}, {@code LOTUS_*}
 * and Solana ({@code SOLANA_*}, {@code SOL_*}, {@code JUP_*}) settings are not passed on, so the child sees only what
 * the test gives it.
 */
final class ChildLotus {

    /** The exit code and everything the process wrote. */
    record Ran(int exitCode, String output) {
    }

    private ChildLotus() {
    }

    /**
     * @param failPoint null, or a fail point for {@code -Dlotus.failpoint}
     * @param env       variables for the child (keys, ...)
     */
    static Ran run(Path logFile, String failPoint, Map<String, String> env, String... args) throws Exception {
        Process process = start(logFile, failPoint, env, args);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("lotus " + String.join(" ", args) + " did not finish in 90 s; its output: "
                    + Files.readString(logFile));
        }
        return new Ran(process.exitValue(), Files.readString(logFile));
    }

    /** Starts it and returns at once, for a process the test stops itself. */
    static Process start(Path logFile, String failPoint, Map<String, String> env, String... args) throws Exception {
        // C1 only: a test's process lives seconds, over before C2 would pay for itself, and this halves its CPU (the
        // Solana crash test's four points in parallel took 50 s with both compilers, 23 s with C1 on two cores).
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        if (failPoint != null) {
            cmd.add("-Dlotus.failpoint=" + failPoint);
        }
        cmd.add("lotus.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        // A parent's SOLANA_RPC_URL or JUP_API_KEY would send the child's swaps to a real node.
        pb.environment().keySet().removeIf(k -> k.startsWith("HL_") || k.startsWith("SOLANA_")
                || k.startsWith("SOL_") || k.startsWith("JUP_") || (k.startsWith("LOTUS_")
                        && !k.equals("LOTUS_TEST_PG_URL") && !k.equals("LOTUS_REQUIRE_PG")));
        pb.environment().putAll(env);
        return pb.start();
    }
}
