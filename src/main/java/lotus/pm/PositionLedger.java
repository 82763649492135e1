package lotus.pm;

import java.util.List;
import lotus.time.Timeframe;

/**
 * Where the PM reads its positions and records what a tick did to one: the row and the strands that explain it,
 * together or not at all. The live PM keeps it in the database ({@code store.StoredPositionLedger}); a backtest in memory
 * ({@code store.MemoryPositionLedger}), since nothing of it must outlive the run.
 */
public interface PositionLedger {

    /** Every position of a timeframe, whatever its venue, by id: what one PM core tick works through. */
    List<Position> byTimeframe(Timeframe timeframe);

    /**
     * Every position of one token in one book, whatever its timeframe, by id: the positions that share its
     * allocation. This default reads every timeframe; a store may read them at once.
     */
    default List<Position> ofToken(String tokenChain, String bookId, String tokenContract) {
        List<Position> out = new java.util.ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            for (Position p : byTimeframe(tf)) {
                if (p.tokenChain().equals(tokenChain) && p.bookId().equals(bookId)
                        && p.tokenContract().equals(tokenContract)) {
                    out.add(p);
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(Position::id));
        return out;
    }

    /**
     * Writes every mutable field of {@code p} if the row is still at {@code p.version()}, with {@code strands}, at
     * once.
     *
     * @param durable false when losing the write in a crash is harmless (it is rebuilt from the bars), so the
     *                database need not wait for its flush
     * @return the row as written (next version, this write's time)
     * @throws StalePositionException when the row changed since {@code p} was read
     */
    default Position record(Position p, List<StrandEvent> strands, boolean durable) {
        return record(p, strands, durable, null);
    }

    /**
     * {@link #record(Position, List, boolean)} with a change to the order journal in the same transaction: the
     * intent of an order about to be sent with the position that waits for it, or an order's settlement with the
     * fills it applied.
     *
     * @param journal null for none
     * @throws AlreadySettledException when {@code journal} settles an order that is not open (nothing is written)
     */
    Position record(Position p, List<StrandEvent> strands, boolean durable, JournalWrite journal);

    /**
     * How many orders were journalled for one decision (position, bar, decision type): the attempt number of its
     * next order, so a decision planned again after a crash gets a cloid of its own.
     */
    int orderAttempts(long positionId, long barCloseMs, String action);

    /** The position as stored now, if it exists. */
    java.util.Optional<Position> find(long id);

    /** Appends one strand on its own. */
    void append(StrandEvent strand);

    /** A failure from this ledger as it may be logged: the same chain with any credential of the store masked. */
    default Throwable loggable(Throwable e) {
        return e;
    }
}
