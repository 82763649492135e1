package lotus.store;

import java.util.Locale;

/**
 * Where a journalled order stands. {@code SENT} is written before the request leaves; {@code SENT} and
 * {@code UNKNOWN} rows are the ones a restart must reconcile with the venue.
 */
public enum OrderStatus {
    SENT, RESTING, FILLED, REJECTED, CANCELLED, UNKNOWN;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean needsReconcile() {
        return this == SENT || this == UNKNOWN;
    }
}
