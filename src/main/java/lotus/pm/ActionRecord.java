package lotus.pm;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A decision and, once known, its execution: what a position keeps as {@code last_action}, what its
 * {@code pending_order} carries while the order is open, and the payload of a {@code pm_execution} strand.
 *
 * @param barOpenMs   open time of the bar it was planned on; null for an order the position did not plan (an orphan)
 * @param sizeFrac    the planner's size; null for an orphan
 * @param notionalUsd the planned notional of a buy; null when the decision has none
 * @param leverage    null for an orphan
 * @param execution   null until the executor (or the reconciler) answered
 * @param reconciled  the execution was learnt from the venue by the reconciler, not from the executor's answer
 */
public record ActionRecord(Long barOpenMs, DecisionType type, BigDecimal sizeFrac, BigDecimal notionalUsd,
        Integer leverage, String entryEvent, Execution execution, boolean reconciled) {

    /** What the executor did, as far as the position keeps it. */
    public record Execution(ExecutionResult.Status status, boolean dryRun, BigDecimal filled, BigDecimal avgPrice,
            BigDecimal feeUsd, String reason, String cloid) {

        public Execution {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(filled, "filled");
            Objects.requireNonNull(feeUsd, "feeUsd");
        }

        public static Execution of(ExecutionResult r) {
            return new Execution(r.status(), r.dryRun(), r.filledSize(), r.avgPrice(), r.feeUsd(), r.reason(),
                    r.cloid());
        }
    }

    public ActionRecord {
        Objects.requireNonNull(type, "type");
    }

    /** The decision as planned, before anything is known of its execution. */
    static ActionRecord planned(Decision d, Plan plan, long barOpenMs) {
        return new ActionRecord(barOpenMs, d.type(), d.sizeFrac(), d.notionalUsd(), d.leverage(), plan.entryEvent(),
                null, false);
    }

    /** An order the position did not plan: only its type is known. */
    public static ActionRecord orphan(DecisionType type) {
        return new ActionRecord(null, type, null, null, null, null, null, false);
    }

    public ActionRecord withExecution(ExecutionResult r) {
        return new ActionRecord(barOpenMs, type, sizeFrac, notionalUsd, leverage, entryEvent, Execution.of(r),
                reconciled);
    }

    ActionRecord asReconciled() {
        return new ActionRecord(barOpenMs, type, sizeFrac, notionalUsd, leverage, entryEvent, execution, true);
    }
}
