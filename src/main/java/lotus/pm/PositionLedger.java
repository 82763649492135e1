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
     * Every position of every token that has one on {@code timeframe} (same chain, book and contract), whatever its
     * timeframe or status, by id: a tick's positions and the ones sharing their tokens' allocation, read at once.
     * This default reads every timeframe; a store may read them in one query.
     */
    default List<Position> withTokenSiblings(Timeframe timeframe) {
        java.util.Set<TokenKey> tokens = new java.util.HashSet<>();
        for (Position p : byTimeframe(timeframe)) {
            tokens.add(TokenKey.of(p));
        }
        List<Position> out = new java.util.ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            for (Position p : byTimeframe(tf)) {
                if (tokens.contains(TokenKey.of(p))) {
                    out.add(p);
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(Position::id));
        return out;
    }

    /** A token in a book: the positions that share its allocation. */
    record TokenKey(String tokenChain, String bookId, String tokenContract) {

        public static TokenKey of(Position p) {
            return new TokenKey(p.tokenChain(), p.bookId(), p.tokenContract());
        }
    }

    /**
     * One position's write of a batch: the row and the strands that explain it, with no order journal change.
     *
     * @param prepared what this ledger made of the write ahead of recording it ({@link #prepare}), or null
     */
    record Write(Position position, List<StrandEvent> strands, boolean durable, Prepared prepared) {

        public Write {
            strands = List.copyOf(strands);
        }

        public Write(Position position, List<StrandEvent> strands, boolean durable) {
            this(position, strands, durable, null);
        }
    }

    /** A ledger's own form of a {@link Write}, made by {@link #prepare} (a store: the row's columns as sent). */
    interface Prepared {
    }

    /**
     * Makes {@code w} ready to record, on the calling thread: a tick's workers prepare their writes in parallel, so
     * the one thread that records the batches only sends them. The default has nothing to prepare.
     */
    default Write prepare(Write w) {
        return w;
    }

    /** What became of one {@link Write}: the row as written, or why it was not (a stale version, an error). */
    record Recorded(Position written, RuntimeException failure) {

        public static Recorded of(Write w, PositionLedger ledger) {
            try {
                return new Recorded(ledger.record(w.position(), w.strands(), w.durable()), null);
            } catch (RuntimeException e) {
                return new Recorded(null, e);
            }
        }
    }

    /**
     * Records many positions' writes (none carrying an order), each as {@link #record(Position, List, boolean)}
     * would: a row whose version moved is refused with a {@link StalePositionException} in its outcome, and its
     * strands are not written, while the others are. This default records them one by one; a store batches them.
     *
     * @return one outcome per write, in the order given
     */
    default List<Recorded> recordAll(List<Write> writes) {
        List<Recorded> out = new java.util.ArrayList<>(writes.size());
        for (Write w : writes) {
            out.add(Recorded.of(w, this));
        }
        return out;
    }

    /**
     * A batch's place in its tick's line. Batches may record at once ({@link #writers}), but each appends its strands
     * and commits only in its turn, after every batch before it: learning reads a tick's strands in position order.
     */
    interface Turn {

        /** No line: the batch goes at once. */
        Turn NONE = new Turn() {
            @Override
            public void await() {
            }

            @Override
            public void pass() {
            }
        };

        /** Blocks until every batch before this one has passed; at once if it already has. */
        void await();

        /** This batch is done, written or failed: the next may go. */
        void pass();
    }

    /**
     * {@link #recordAll(List)} as the batch {@code turn} of a tick whose batches may be recorded at once. This default
     * records the whole batch in its turn; a store does the rows' part before it.
     */
    default List<Recorded> recordAll(List<Write> writes, Turn turn) {
        turn.await();
        try {
            return recordAll(writes);
        } finally {
            turn.pass();
        }
    }

    /** How many of a tick's batches this ledger may record at once. */
    default int writers() {
        return 1;
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
