package lotus.pm;

import java.util.List;
import java.util.Map;
import lotus.time.Timeframe;

/**
 * One tick of one timeframe: every position's report and where the time went (read, engine, plan, execute, write).
 *
 * @param routed positions handed to each module, by module name
 */
public record TickReport(Timeframe timeframe, long barCloseMs, RegimeAe regimeAe, List<PositionReport> positions,
        Map<String, Integer> routed, int unrouted, int failed, int dormant, int decisions, Timings timings) {

    /**
     * Wall time of the whole tick and the summed time of its phases, in nanoseconds.
     *
     * @param writeWaitNs wall time from the end of the positions' work to the end of their batched writes: the batches
     *                    still under way on the writer and what the tick's thread recorded itself (that part is in
     *                    {@code writeNs} too); all of the writes when the tick has no writer thread
     */
    public record Timings(long totalNs, long readNs, long engineNs, long planNs, long executeNs, long writeNs,
            long writeWaitNs) {
    }

    public TickReport {
        positions = List.copyOf(positions);
        routed = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(routed));
    }

    /** The shared drivers' A/E: what a token without a market-cap bucket got. */
    public Ae ae() {
        return regimeAe.shared();
    }
}
