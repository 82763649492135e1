package lotus.pm;

import lotus.time.Timeframe;

/**
 * Learning's timeframe weights (STRATEGY.md §7) as the PM reads them: how a book's trades on one timeframe have done
 * against the book's, used to split a token's allocation across its timeframes.
 */
@FunctionalInterface
public interface AllocationWeights {

    /** Nothing learned: every timeframe weighs 1, so each position keeps its default share. */
    AllocationWeights NONE = (bookId, tokenChain, timeframe) -> 1.0;

    /** The weight of {@code timeframe} in the book; finite and positive (learning clamps it to [0.5, 2.0]). */
    double weight(String bookId, String tokenChain, Timeframe timeframe);
}
