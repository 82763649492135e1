package lotus.pm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lotus.engine.EngineOutput;
import lotus.learning.Scope;

/**
 * Writes what a tick did to one position: its features (engine output, planner memory, A/E, PnL, last action) and
 * the strands that explain the change (transitions, the execution, the closure), with the journal's change, in one
 * transaction through the ledger.
 */
final class Recorder {

    private final PositionLedger ledger;

    Recorder(PositionLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The row with the newest engine output (and state); with the tick's A/E and the PnL at {@code close} when
     * {@code tick} is given, and the planner's memory when {@code memory} is.
     */
    static Position observed(Position p, EngineOutput out, PlannerMemory memory, TickContext tick, BigDecimal close) {
        PositionFeatures f = p.features().withEngine(out);
        if (memory != null) {
            f = f.withMemory(memory);
        }
        if (tick != null) {
            f = f.withAe(tick.ae(p)).withPnl(PositionAccounting.pnl(p, close));
        }
        return p.withRecords(out.state(), f, p.completedTrades());
    }

    /**
     * State, features, the transitions of {@code fresh}, the execution and closure events and the journal's change,
     * at once.
     */
    Position write(Position p, List<EngineOutput> fresh, ExecutionResult result, StrandEvent.Closed closure,
            JournalWrite journal, PhaseTimes times) {
        return write(p, fresh, result, closure, journal, times, null);
    }

    /**
     * As {@link #write(Position, List, ExecutionResult, StrandEvent.Closed, JournalWrite, PhaseTimes)}, but a write
     * without a journal change waits in {@code later} (when given) for the tick's batch.
     *
     * @return the row as written; for a write left in {@code later}, {@code p} as it will be written
     */
    Position write(Position p, List<EngineOutput> fresh, ExecutionResult result, StrandEvent.Closed closure,
            JournalWrite journal, PhaseTimes times, TickWrites later) {
        long w0 = System.nanoTime();
        List<StrandEvent> events = transitions(p, fresh);
        if (result != null) {
            events.add(new StrandEvent.Execution(scope(p), p.id(), p.features().lastAction()));
        }
        if (closure != null) {
            events.add(closure);
        }
        // Without a fill this write is the engine's and planner's state for one bar, rebuilt from the bars if a crash
        // loses it; waiting for its WAL flush made the tick (one commit per position) too slow. Writes carrying a
        // fill or an order wait for the flush as usual.
        if (journal == null && later != null) {
            later.add(p, events, result != null);
            times.write.add(System.nanoTime() - w0);
            return p;
        }
        Position stored = ledger.record(p, events, result != null || journal != null, journal);
        times.write.add(System.nanoTime() - w0);
        return stored;
    }

    /** The {@code engine_transition} events of the new bars' state changes. */
    static List<StrandEvent> transitions(Position p, List<EngineOutput> fresh) {
        List<StrandEvent> events = new ArrayList<>();
        for (EngineOutput o : fresh) {
            if (o.transitioned()) {
                events.add(new StrandEvent.EngineTransition(scope(p), p.id(), o.barOpenTimeMs(), o.prevState(),
                        o.state(), o.price(), o.exitReason()));
            }
        }
        return events;
    }

    /** A position's learning scope: venue and book first, so they never mix. */
    static Scope scope(Position p) {
        return new Scope(p.bookId(), p.tokenChain(), p.timeframe().label(),
                p.tokenTicker() != null && !p.tokenTicker().isBlank() ? p.tokenTicker() : p.tokenContract(), null,
                null);
    }
}
