package lotus.store;

import java.util.Locale;

/**
 * Whether a scope (the whole system or one book) may trade, after NautilusTrader's RiskEngine states. It lives in
 * {@code store} rather than {@code risk} because {@link TradingStates} stores it and store may not import risk.
 */
public enum TradingState {
    /** Everything the planner asks for may go out. */
    ACTIVE,
    /** Only sells: trims and exits reduce exposure, no entry or add. */
    REDUCING,
    /** Nothing goes out, not even a sell, until an operator resumes. */
    HALTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TradingState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The stricter of the two: a book's effective state is the stricter of the global one and its own. */
    public TradingState stricter(TradingState other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
