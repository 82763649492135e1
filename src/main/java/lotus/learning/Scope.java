package lotus.learning;


/**
 * The scope of a trade (STRATEGY.md §7): the book and chain it belongs to, which never mix, and the optional
 * dimensions a lesson can be narrowed by. {@code entryEvent} is the pattern (the planner's buy rule).
 *
 * @param timeframe   {@code 15m}, {@code 1h}, ...; null when unknown
 * @param tokenTicker null when unknown
 * @param entryState  the engine state at the entry ({@code S2}); null when unknown
 * @param entryEvent  the pattern ({@code S2.dip_buy}); null when unknown
 */
// Ambiguity: keys beyond these six (venue entry context) are ignored: each extra dimension doubles the lessons a
// trade updates, so adding one is a deliberate change to Subset, not something a strand can switch on.
public record Scope(String bookId, String tokenChain, String timeframe, String tokenTicker, String entryState,
        String entryEvent) {

    public Scope {
        requireText("book_id", bookId);
        requireText("token_chain", tokenChain);
        optionalText("timeframe", timeframe);
        optionalText("token_ticker", tokenTicker);
        optionalText("entry_state", entryState);
        optionalText("entry_event", entryEvent);
    }

    /** The (book_id, token_chain) pair that lessons never cross. */
    Book book() {
        return new Book(bookId, tokenChain);
    }

    /** A short form for logs: {@code hyperliquid/perps ETH 1h S2 S2.dip_buy}. */
    public String label() {
        StringBuilder sb = new StringBuilder(tokenChain).append('/').append(bookId);
        for (String part : new String[] {tokenTicker, timeframe, entryState, entryEvent}) {
            if (part != null) {
                sb.append(' ').append(part);
            }
        }
        return sb.toString();
    }

    private static void requireText(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("scope." + key + " is required");
        }
        optionalText(key, value);
    }

    private static void optionalText(String key, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("scope." + key + " must not be blank");
        }
    }
}
