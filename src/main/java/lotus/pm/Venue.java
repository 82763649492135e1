package lotus.pm;

import java.util.Objects;

/** The routing key of seed §5: a position's chain and book, {@code ('hyperliquid', 'perps')}, naming its module. */
public record Venue(String tokenChain, String bookId) {

    /** The chain of Hyperliquid's tokens (its spot pairs and perps alike). */
    public static final String HYPERLIQUID = "hyperliquid";
    /** The chain of the Solana tokens, the only one with market caps (hence market-cap buckets) so far. */
    public static final String SOLANA = "solana";

    public Venue {
        Objects.requireNonNull(tokenChain, "tokenChain");
        Objects.requireNonNull(bookId, "bookId");
    }

    public static Venue of(Position p) {
        return new Venue(p.tokenChain(), p.bookId());
    }

    /**
     * Whether a buy's fee is taken in the token bought (Hyperliquid spot, HYPERLIQUID.md): what is credited is then
     * off the size grid, and a full exit leaves dust below one size step. Elsewhere fees are paid in the quote.
     */
    public boolean buyFeeInTokenBought() {
        return HYPERLIQUID.equals(tokenChain) && "spot".equals(bookId);
    }

    @Override
    public String toString() {
        return tokenChain + "/" + bookId;
    }
}
