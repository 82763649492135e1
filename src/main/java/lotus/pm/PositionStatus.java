package lotus.pm;

import java.util.Locale;

/** A position's lifecycle: watched, trading, paused by an operator, or retired. */
public enum PositionStatus {
    WATCHLIST, ACTIVE, PAUSED, CLOSED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PositionStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
