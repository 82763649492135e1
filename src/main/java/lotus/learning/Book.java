package lotus.learning;

import java.util.Objects;

/** A (book_id, token_chain) pair: the boundary no lesson crosses (hyperliquid/perps never sizes solana/social). */
public record Book(String bookId, String tokenChain) {

    public Book {
        Objects.requireNonNull(bookId, "bookId");
        Objects.requireNonNull(tokenChain, "tokenChain");
    }

    @Override
    public String toString() {
        return tokenChain + "/" + bookId;
    }
}
