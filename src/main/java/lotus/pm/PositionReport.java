package lotus.pm;

import java.util.List;
import lotus.engine.EngineOutput;

/**
 * What one tick did to one position, for the operator: the module it went to, the engine's verdict, the decision and
 * its execution, or why nothing happened (dormant, no new bar, no module, an error).
 *
 * @param after     the position as written; null when nothing was written
 * @param engine    null when the engine did not run
 * @param decision  null for hold
 * @param execution null when nothing was executed
 * @param note      a one-line explanation when there is no decision (dormant with n of 333 bars, no new bar, ...)
 * @param reasons   the planner's reasons and the gates behind them
 */
public record PositionReport(Position before, Position after, String module, Outcome outcome, EngineOutput engine,
        Decision decision, ExecutionResult execution, String note, List<String> reasons) {

    public enum Outcome {
        /** The engine ran and the planner decided (hold included). */
        PLANNED,
        /** Fewer bars than the engine needs. */
        DORMANT,
        /** No bar closed since the last tick: nothing re-planned, so nothing is done twice. */
        NO_NEW_BAR,
        /** An order of the position is not settled: nothing is planned until the reconciler settles it. */
        BLOCKED,
        /** No module for the position's (token_chain, book_id). */
        NO_MODULE,
        /** Something threw; the other positions went on. */
        FAILED
    }

    public PositionReport {
        reasons = List.copyOf(reasons);
    }

    static PositionReport skipped(Position p, String module, Outcome outcome, String note) {
        return new PositionReport(p, null, module, outcome, null, null, null, note, List.of());
    }
}
