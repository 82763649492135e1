package lotus.store;

import java.util.List;
import lotus.time.Timeframe;

/**
 * Where the PM reads its positions and records what a tick did to one: the row and the strands that explain it,
 * together or not at all. The live PM keeps it in the database ({@link StoredPositionLedger}); a backtest in memory
 * ({@link MemoryPositionLedger}), since nothing of it must outlive the run.
 */
public interface PositionLedger {

    /** Every position of a timeframe, whatever its venue, by id: what one PM core tick works through. */
    List<Position> byTimeframe(Timeframe timeframe);

    /**
     * Writes every mutable field of {@code p} if the row is still at {@code p.version()}, with {@code strands}, at
     * once.
     *
     * @param durable false when losing the write in a crash is harmless (it is rebuilt from the bars), so the
     *                database need not wait for its flush
     * @return the row as written (next version, this write's time)
     * @throws StalePositionException when the row changed since {@code p} was read
     */
    Position record(Position p, List<NewStrand> strands, boolean durable);

    /** Appends one strand on its own. */
    void append(NewStrand strand);
}
