package lotus.store;

import java.util.List;

/** Strands read back in id order, what learning consumes: from {@code ad_strands} or a backtest's memory. */
public interface StrandLog {

    /** Strands of {@code kind} with id greater than {@code afterId}, oldest first, at most {@code limit}. */
    List<Strand> byKind(String kind, long afterId, int limit);
}
