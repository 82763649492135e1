package lotus.learning;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One lesson (STRATEGY.md §7): how pattern {@code pattern} did on the trades of one book that match {@code subset}.
 *
 * @param winRate    wins / n, a win being rr > 0
 * @param multiplier the strength multiplier this lesson gives when it is the most specific match; empty below
 *                   {@link LearningSystem#MIN_TRADES} trades
 */
public record Lesson(String bookId, String tokenChain, String pattern, Subset subset, long n, long wins,
        double winRate, double meanRr, double meanReturn, OptionalDouble multiplier) {

    public Lesson {
        Objects.requireNonNull(bookId, "bookId");
        Objects.requireNonNull(tokenChain, "tokenChain");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(subset, "subset");
        Objects.requireNonNull(multiplier, "multiplier");
    }

    /** One line for a terminal: book, pattern, subset, n, win rate, mean rr, mean return, multiplier. */
    public String line() {
        return String.format(Locale.ROOT, "%s/%s %s [%s] n=%d win=%.1f%% rr=%.3f ret=%.2f%% m=%s", tokenChain,
                bookId, pattern, subset.label(), n, winRate * 100, meanRr, meanReturn * 100,
                multiplier.isPresent() ? String.format(Locale.ROOT, "%.4f", multiplier.getAsDouble()) : "-");
    }
}
