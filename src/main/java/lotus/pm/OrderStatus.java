package lotus.pm;

import java.util.Locale;

/**
 * Where a journalled order stands. {@code SENT} is written before the request leaves; {@code SENT}, {@code UNKNOWN}
 * and {@code RESTING} rows are open: the reconciler settles them with the venue, and while one is open its position
 * plans nothing new. The other three are settled, and a settled row never changes again.
 */
public enum OrderStatus {
    SENT, RESTING, FILLED, REJECTED, CANCELLED, UNKNOWN;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Not yet settled: the venue may still fill (or have filled) some of it. */
    public boolean isOpen() {
        return this == SENT || this == UNKNOWN || this == RESTING;
    }

    public static java.util.Set<OrderStatus> open() {
        return java.util.EnumSet.of(SENT, UNKNOWN, RESTING);
    }
}
