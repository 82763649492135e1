package lotus.solana.jupiter;

import java.util.Objects;

/**
 * {@code prioritizationFeeLamports.priorityLevelWithMaxLamports} of a {@code /swap} body (SOLANA.md §3.2): a
 * percentile of recent fees ({@code medium|high|veryHigh}) capped by {@code maxLamports}. Without one a swap gets a
 * signature back and often never lands.
 */
public record PriorityFee(String level, long maxLamports) {

    public PriorityFee {
        Objects.requireNonNull(level, "level");
        if (level.isBlank()) {
            throw new IllegalArgumentException("priority level must not be blank");
        }
        if (maxLamports <= 0) {
            throw new IllegalArgumentException("maxLamports must be positive, got " + maxLamports);
        }
    }

    /** "high" capped at 1,000,000 lamports (0.001 SOL), our default. */
    public static PriorityFee defaults() {
        return new PriorityFee("high", 1_000_000);
    }
}
