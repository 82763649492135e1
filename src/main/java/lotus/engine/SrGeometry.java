package lotus.engine;

import java.util.List;

/** S/R levels of STRATEGY.md §1 "S/R levels (geometry)" from the trailing closes. */
public final class SrGeometry {

    /** Trailing bars the levels are built from. */
    public static final int MAX_BARS = 9999;

    private SrGeometry() {
    }

    /**
     * The 12 strongest levels, price descending, from {@code closes[from, to)} (at most {@link #MAX_BARS} of them);
     * empty when they cannot be built (fewer than 50 bars or fewer than 3 swing highs or lows), in which case the
     * caller keeps its previous levels.
     */
    public static List<SrLevel> levels(double[] closes, int from, int to) {
        throw new UnsupportedOperationException("SrGeometry.levels: being written");
    }
}
