package lotus.pm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of one tick that carry no order (engine state, planner memory, paper fills), recorded together once its
 * positions are done: one batch instead of a transaction per position. A write that journals an order never waits
 * here, since the journal must hold it before the order leaves.
 */
final class TickWrites {

    private final List<PositionLedger.Write> pending = new ArrayList<>();

    /** Holds {@code p}'s write for the flush; one per position and tick. */
    synchronized void add(Position p, List<StrandEvent> strands, boolean durable) {
        pending.add(new PositionLedger.Write(p, strands, durable));
    }

    /**
     * Records what was held, by position id (so strands land in the same order however the workers finished).
     *
     * @return each position's outcome, by id
     */
    synchronized Map<Long, PositionLedger.Recorded> flush(PositionLedger ledger) {
        pending.sort(Comparator.comparingLong(w -> w.position().id()));
        List<PositionLedger.Recorded> recorded = ledger.recordAll(pending);
        Map<Long, PositionLedger.Recorded> out = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            if (out.put(pending.get(i).position().id(), recorded.get(i)) != null) {
                throw new IllegalStateException("two writes for " + pending.get(i).position().label() + " in a tick");
            }
        }
        pending.clear();
        return out;
    }
}
