package lotus.pm;

import java.util.Locale;

/** What the action planner asks for (STRATEGY.md §4): buy into the budget, sell part, or sell everything. */
public enum DecisionType {
    ENTRY, ADD, TRIM, EMERGENCY_EXIT;

    public boolean isBuy() {
        return this == ENTRY || this == ADD;
    }

    /** The seed's names: {@code entry}, {@code add}, {@code trim}, {@code emergency_exit}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
