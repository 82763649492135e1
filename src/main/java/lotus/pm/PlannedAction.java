package lotus.pm;

import lotus.engine.EngineOutput;

/**
 * A decision as it was planned, with what of the engine's output its execution needs afterwards: enough to fold a
 * fill into the planner's memory, record the trade's entry and close it, whether the fill comes back from the venue
 * at once or from the reconciler after a restart. Kept in the position's {@code features.pending_order} while its
 * order is open.
 *
 * @param barOpenMs    open time of the bar the decision was planned on
 * @param barCloseMs   its close: the tick's bar
 * @param s3StartMs    the S3 episode the engine was in (null outside S3)
 * @param nearestLevel the S/R level a trim sells into (null when none)
 * @param price        the bar's close as the engine saw it
 * @param action       the {@code last_action} record of the decision (its execution's fields are filled in later)
 */
public record PlannedAction(Plan.Rule rule, DecisionType type, String entryEvent, String entryState, long barOpenMs,
        long barCloseMs, Long s3StartMs, Double nearestLevel, double price, double atr, String cloid,
        ActionRecord action) {

    static PlannedAction of(Plan plan, EngineOutput engine, long barCloseMs, String cloid, ActionRecord action) {
        return new PlannedAction(plan.rule(), plan.decision().type(), plan.entryEvent(),
                engine.state() == null ? null : engine.state().name(), engine.barOpenTimeMs(), barCloseMs,
                engine.s3StartMs(), ActionPlanner.nearestLevel(engine), engine.price(), engine.features().atr(), cloid,
                action);
    }

    /** The same plan with another {@code last_action} record. */
    PlannedAction withAction(ActionRecord newAction) {
        return new PlannedAction(rule, type, entryEvent, entryState, barOpenMs, barCloseMs, s3StartMs, nearestLevel,
                price, atr, cloid, newAction);
    }
}
