package lotus.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random walk of one dominance percentage, one step per minute from a start minute, kept within a band and
 * carried at 16 decimals (18 significant digits, more than a double holds), so a client that reads through a double
 * is caught. The value before the first minute is the start value. Thread-safe.
 */
public final class DominancePath {

    private static final int SCALE = 16;
    private static final long MINUTE_MS = 60_000;

    private final long startMinute;
    private final BigDecimal low;
    private final BigDecimal high;
    private final long maxStepUnits;
    private final SplittableRandom random;
    private final List<BigDecimal> values = new ArrayList<>();

    /**
     * @param startMs the walk's first minute (floored)
     * @param low     the band's bottom, e.g. 50
     * @param high    the band's top, e.g. 60
     * @param maxStep the largest move in one minute, e.g. 0.05
     */
    public DominancePath(long seed, long startMs, BigDecimal low, BigDecimal high, BigDecimal maxStep) {
        if (low.compareTo(high) >= 0 || maxStep.signum() <= 0) {
            throw new IllegalArgumentException("dominance band [" + low + ", " + high + "] step " + maxStep);
        }
        this.startMinute = Math.floorDiv(startMs, MINUTE_MS);
        this.low = low.setScale(SCALE);
        this.high = high.setScale(SCALE);
        this.maxStepUnits = maxStep.movePointRight(SCALE).longValueExact();
        this.random = new SplittableRandom(seed);
        long span = high.subtract(low).movePointRight(SCALE).longValueExact();
        // Start in the band's middle half, so the first hours do not sit on an edge.
        values.add(this.low.add(BigDecimal.valueOf(span / 4 + random.nextLong(span / 2 + 1), SCALE)));
    }

    /** The percentage at {@code timeMs}: its minute's step of the walk. */
    public synchronized BigDecimal at(long timeMs) {
        long index = Math.max(0, Math.floorDiv(timeMs, MINUTE_MS) - startMinute);
        if (index > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("dominance path asked " + index + " minutes ahead");
        }
        while (values.size() <= index) {
            BigDecimal step = BigDecimal.valueOf(random.nextLong(-maxStepUnits, maxStepUnits + 1), SCALE);
            BigDecimal next = values.getLast().add(step);
            // Reflect at the band's edges: the walk stays inside without sticking to a bound.
            if (next.compareTo(high) > 0 || next.compareTo(low) < 0) {
                next = values.getLast().subtract(step);
            }
            values.add(next);
        }
        return values.get((int) index);
    }
}
