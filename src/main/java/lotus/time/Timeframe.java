package lotus.time;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The bar periods Lotus stores. Every period divides a UTC day, so floors are plain modular arithmetic. */
public enum Timeframe {
    M1("1m", 60_000L),
    M5("5m", 5 * 60_000L),
    M15("15m", 15 * 60_000L),
    H1("1h", 3_600_000L),
    H4("4h", 4 * 3_600_000L),
    D1("1d", 24 * 3_600_000L);

    private final String label;
    private final long durationMs;

    Timeframe(String label, long durationMs) {
        this.label = label;
        this.durationMs = durationMs;
    }

    /** The label used in the database and on the wire: {@code 1m 5m 15m 1h 4h 1d}. */
    public String label() {
        return label;
    }

    public long durationMs() {
        return durationMs;
    }

    /** Open time (UTC) of the bar that contains {@code timeMs}; correct for times before 1970 too. */
    public long floor(long timeMs) {
        return timeMs - Math.floorMod(timeMs, durationMs);
    }

    /** The first instant after the bar that opens at {@code openTimeMs}. */
    public long closeTimeMs(long openTimeMs) {
        return openTimeMs + durationMs;
    }

    public static Timeframe parse(String label) {
        for (Timeframe tf : values()) {
            if (tf.label.equals(label)) {
                return tf;
            }
        }
        throw new IllegalArgumentException("unknown timeframe '" + label + "'; accepted: " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(Timeframe::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
