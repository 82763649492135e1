package lotus.pm;

import java.util.List;
import java.util.Objects;

/**
 * What the planner chose for one bar: one decision or none (hold), the rule that fired, and why each rule it looked
 * at did or did not fire.
 *
 * @param decision   null to hold
 * @param rule       the rule behind the decision; null to hold
 * @param entryEvent the buy's pattern name for learning ({@code S1.retest_entry}, ...); null for sells and holds
 * @param reasons    one line per rule evaluated, in order, the last one being the outcome
 * @param memory     the memory after the per-bar update, to be stored even when holding
 */
public record Plan(Decision decision, Rule rule, String entryEvent, List<String> reasons, PlannerMemory memory) {

    /** The rules of STRATEGY.md §4, numbered as there. */
    // Ambiguity: entry events use the older system's names where it had one (S1.retest_entry, S3.dx), §7's
    // S2.dip_buy over its S2.entry, and S3.reclaim_rebuy where it had none.
    public enum Rule {
        EXIT_POSITION(1, null),
        EMERGENCY_EXIT(2, null),
        TRIM(3, null),
        S1_RETEST_ENTRY(4, "S1.retest_entry"),
        /** Rule 5 while flat: a fraction of the remaining budget. */
        S2_DIP_BUY(5, "S2.dip_buy"),
        /** Rule 5 holding a trim pool: a fraction of the pool, which it uses up. */
        S2_POOL_BUY(5, "S2.dip_buy"),
        S3_DX_BUY(6, "S3.dx"),
        S3_RECLAIM_REBUY(7, "S3.reclaim_rebuy");

        private final int number;
        private final String entryEvent;

        Rule(int number, String entryEvent) {
            this.number = number;
            this.entryEvent = entryEvent;
        }

        public int number() {
            return number;
        }

        /** The learning pattern of a buy rule; null for sells. */
        public String entryEvent() {
            return entryEvent;
        }
    }

    public Plan {
        Objects.requireNonNull(memory, "memory");
        if ((decision == null) != (rule == null)) {
            throw new IllegalArgumentException("a decision needs its rule and a hold has none");
        }
        if (decision != null && !Objects.equals(entryEvent, rule.entryEvent())) {
            throw new IllegalArgumentException("entry event " + entryEvent + " does not match rule " + rule);
        }
        reasons = List.copyOf(reasons);
    }

    static Plan hold(PlannerMemory memory, List<String> reasons) {
        return new Plan(null, null, null, reasons, memory);
    }

    public boolean isHold() {
        return decision == null;
    }
}
