package lotus.learning;

import java.util.Map;
import java.util.Objects;

/**
 * How one book's timeframes have done lately (STRATEGY.md §7), to split new allocations across 15m/1h/4h: the EWMA
 * of rr per timeframe (τ 14 days) over the book's EWMA of rr, clamped to [0.5, 2.0].
 *
 * @param bookEwmaRr the EWMA of rr over all the book's trades; 0 when it has none
 * @param ewmaRr     per timeframe with trades
 * @param weights    per timeframe with trades; all 1.0 when {@code bookEwmaRr <= 0}
 */
public record TimeframeWeights(String bookId, String tokenChain, double bookEwmaRr, Map<String, Double> ewmaRr,
        Map<String, Double> weights) {

    public TimeframeWeights {
        Objects.requireNonNull(bookId, "bookId");
        Objects.requireNonNull(tokenChain, "tokenChain");
        ewmaRr = Map.copyOf(ewmaRr);
        weights = Map.copyOf(weights);
    }

    /** The weight of {@code timeframe}: 1.0 (neutral) for a timeframe the book has no closed trade on yet. */
    public double weight(String timeframe) {
        return weights.getOrDefault(timeframe, 1.0);
    }
}
