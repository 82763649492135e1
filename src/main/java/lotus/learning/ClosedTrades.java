package lotus.learning;

import java.util.List;

/**
 * Where learning reads the trades it learns from: the {@code position_closed} strands after a cursor, oldest first,
 * each read into a trade or the reason it cannot teach anything. The store reads them from {@code ad_strands}, a
 * backtest from its memory.
 */
public interface ClosedTrades {

    /** At most {@code limit} strands with id greater than {@code afterStrandId}. */
    List<ClosedTrade.Parsed> after(long afterStrandId, int limit);
}
