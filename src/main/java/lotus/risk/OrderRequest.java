package lotus.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One order about to go out, as the risk gate sees it.
 *
 * @param positionId       the position's row id, null when it has none (a test or a manual order)
 * @param buy              an entry or add; false for trims and exits
 * @param label            the decision's name for logs and strands ({@code entry}, {@code trim}, ...)
 * @param notionalUsd      a buy's dollars before any live scaling; null for sells
 * @param live             true when the order would really be sent; live buys are scaled by {@code live_scale}
 * @param positionQuantity what the position holds now; a buy into an empty one opens one more position in the book
 */
public record OrderRequest(String tokenChain, String bookId, String tokenContract, Long positionId, boolean buy,
        String label, BigDecimal notionalUsd, boolean live, BigDecimal positionQuantity) {

    public OrderRequest {
        Objects.requireNonNull(tokenChain, "tokenChain");
        Objects.requireNonNull(bookId, "bookId");
        Objects.requireNonNull(tokenContract, "tokenContract");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(positionQuantity, "positionQuantity");
        if (buy != (notionalUsd != null)) {
            throw new IllegalArgumentException("a buy needs a notional and a sell must not carry one");
        }
        if (notionalUsd != null && notionalUsd.signum() <= 0) {
            throw new IllegalArgumentException("a buy's notional must be positive, got " + notionalUsd);
        }
    }
}
