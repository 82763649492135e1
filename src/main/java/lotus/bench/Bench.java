package lotus.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/** What every benchmark does around its work: time it, turn counts into rates, take the median of rounds, print. */
final class Bench {

    private final PrintWriter out;

    Bench(PrintWriter out) {
        this.out = out;
    }

    /** One line in the root locale, flushed at once, so a long run shows its progress as it goes. */
    void line(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    /** Wall nanoseconds of one run of {@code work}. */
    static long nanos(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }

    /** Events per second. */
    static double rate(long events, long nanos) {
        return events * 1e9 / nanos;
    }

    /** Seconds since {@code startNanos} (a {@link System#nanoTime()}). */
    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The median and the best of several rounds' rates. */
    record Rounds(double median, double best) {
        static Rounds of(double[] rates) {
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            return new Rounds(sorted[sorted.length / 2], sorted[sorted.length - 1]);
        }
    }
}
