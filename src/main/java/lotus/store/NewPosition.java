package lotus.store;

import java.math.BigDecimal;
import java.util.Objects;
import lotus.time.Timeframe;

/** What it takes to start watching a token: the key, the book and the budget. */
public record NewPosition(
        String tokenContract,
        String tokenChain,
        String tokenTicker,
        Timeframe timeframe,
        String bookId,
        BigDecimal totalAllocationPct,
        BigDecimal totalAllocationUsd) {

    public NewPosition {
        if (tokenContract == null || tokenContract.isBlank() || tokenChain == null || tokenChain.isBlank()) {
            throw new IllegalArgumentException("a position needs a token_contract and a token_chain");
        }
        Objects.requireNonNull(timeframe, "timeframe");
        if (bookId == null || bookId.isBlank()) {
            throw new IllegalArgumentException("a position needs a book_id");
        }
        if (totalAllocationPct.signum() < 0 || totalAllocationUsd.signum() < 0) {
            throw new IllegalArgumentException("allocations must not be negative");
        }
    }
}
