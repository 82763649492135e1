package lotus.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** S/R levels of STRATEGY.md §1 "S/R levels (geometry)" from the trailing closes. */
public final class SrGeometry {

    /** Trailing bars the levels are built from. */
    public static final int MAX_BARS = 9999;

    static final int MIN_BARS = 50;
    static final int MIN_SWINGS = 3;
    static final double PROMINENCE_PCT = 0.5;
    static final double CLUSTER_TOLERANCE = 0.06;
    static final int MAX_CLUSTERS = 9;
    static final int EXTREME_STRENGTH = 10;
    static final int FIB_STRENGTH = 15;
    static final double FIB_FULL_PCT = 3.0;
    static final double FIB_HALF_PCT = 7.0;
    static final int MAX_LEVELS = 12;
    static final double[] RETRACEMENTS = {0.0, 0.236, 0.382, 0.5, 0.618, 0.786, 1.0};
    static final double[] EXTENSIONS = {1.272, 1.618, 2.0, 2.618, 3.0, 4.236};
    /** Candidate levels: ≤ 9 clusters, ATH, ATL, 7 retracements, 6 extensions. */
    static final int CANDIDATES = MAX_CLUSTERS + 2 + RETRACEMENTS.length + EXTENSIONS.length;

    private SrGeometry() {
    }

    /**
     * The 12 strongest levels, price descending, from {@code closes[from, to)} (at most {@link #MAX_BARS} of them);
     * empty when they cannot be built (fewer than 50 bars or fewer than 3 swing highs or lows), in which case the
     * caller keeps its previous levels.
     */
    public static List<SrLevel> levels(double[] closes, int from, int to) {
        Objects.checkFromToIndex(from, to, closes.length);
        int start = Math.max(from, to - MAX_BARS);
        if (to - start < MIN_BARS) {
            return List.of();
        }

        // Swing closes, grown on demand: a quiet series has few, and this runs once per bar.
        double[] swings = new double[64];
        int swingCount = 0;
        int highs = 0;
        int lows = 0;
        for (int i = start + 2; i < to - 2; i++) {
            double c = closes[i];
            boolean high = isSwingHigh(closes, i);
            boolean low = !high && isSwingLow(closes, i);
            if (!high && !low) {
                continue;
            }
            if (swingCount == swings.length) {
                swings = Arrays.copyOf(swings, 2 * swingCount);
            }
            swings[swingCount++] = c;
            if (high) {
                highs++;
            } else {
                lows++;
            }
        }
        // "≥ 3 swing highs or lows": either kind reaching 3 is enough, as in the original system.
        if (highs < MIN_SWINGS && lows < MIN_SWINGS) {
            return List.of();
        }

        double[] price = new double[CANDIDATES];
        int[] strength = new int[CANDIDATES];
        int count = topClusters(swings, swingCount, price, strength);

        double ath = Double.NEGATIVE_INFINITY;
        double atl = Double.POSITIVE_INFINITY;
        for (int i = start; i < to; i++) {
            ath = Math.max(ath, closes[i]);
            atl = Math.min(atl, closes[i]);
        }
        return assemble(price, strength, count, ath, atl);
    }

    /**
     * The levels from the strongest clusters (the first {@code clusters} entries of {@code price}/{@code strength},
     * strongest first, lower price first on ties) and the window's ATH and ATL; the arrays hold
     * {@link #CANDIDATES} entries and are overwritten. Shared with {@link SrTracker} so both do the same arithmetic.
     */
    static List<SrLevel> assemble(double[] price, int[] strength, int clusters, double ath, double atl) {
        int count = clusters;
        price[count] = ath;
        strength[count++] = EXTREME_STRENGTH;
        price[count] = atl;
        strength[count++] = EXTREME_STRENGTH;

        // Ambiguity: a fib's "nearest existing level" is searched among the clusters, ATH and ATL only, not among
        // earlier fibs (as the original system does); on equal distance the first in that order wins.
        int existing = count;
        double range = ath - atl;
        for (double r : RETRACEMENTS) {
            // Ambiguity: retracements are measured down from the ATH (ATH − r·range), as the original system does.
            double fib = ath - r * range;
            price[count] = fib;
            strength[count++] = fibStrength(fib, price, strength, existing);
        }
        // Ambiguity: the original kept only extensions above the current close; with ≥ 3 swings ATH > ATL, so every
        // extension lies above every close and the filter is dropped.
        for (double k : EXTENSIONS) {
            double fib = atl + k * range;
            price[count] = fib;
            strength[count++] = fibStrength(fib, price, strength, existing);
        }

        int kept = selectStrongest(price, strength, count, MAX_LEVELS);
        SrLevel[] out = new SrLevel[kept];
        for (int i = 0; i < kept; i++) {
            out[i] = new SrLevel(price[i], strength[i]);
        }
        // Ambiguity: levels at one price (a cluster on the ATH and the 0 % retracement) list the stronger first.
        // A stable insertion sort (as Arrays.sort is stable): a dozen levels, once per bar whose ATH/ATL moved.
        for (int i = 1; i < kept; i++) {
            SrLevel x = out[i];
            int j = i;
            while (j > 0 && descending(out[j - 1], x) > 0) {
                out[j] = out[j - 1];
                j--;
            }
            out[j] = x;
        }
        return List.of(out);
    }

    /** Price descending; at one price the stronger first. */
    private static int descending(SrLevel a, SrLevel b) {
        return a.price() != b.price() ? Double.compare(b.price(), a.price())
                : Integer.compare(b.strength(), a.strength());
    }

    // Ambiguity: prominence is the swing's distance to the farthest close of its own 5-bar window, relative to the
    // swing close, in percent (the original system's formula); a non-positive close is never a swing.
    static boolean isSwingHigh(double[] c, int i) {
        double x = c[i];
        if (!(x > c[i - 1] && x > c[i - 2] && x > c[i + 1] && x > c[i + 2]) || x <= 0) {
            return false;
        }
        double min = Math.min(Math.min(c[i - 2], c[i - 1]), Math.min(c[i + 1], c[i + 2]));
        return (x - min) / x * 100 >= PROMINENCE_PCT;
    }

    static boolean isSwingLow(double[] c, int i) {
        double x = c[i];
        if (!(x < c[i - 1] && x < c[i - 2] && x < c[i + 1] && x < c[i + 2]) || x <= 0) {
            return false;
        }
        double max = Math.max(Math.max(c[i - 2], c[i - 1]), Math.max(c[i + 1], c[i + 2]));
        return (max - x) / x * 100 >= PROMINENCE_PCT;
    }

    /**
     * Clusters the swing closes (ascending price, first cluster whose running-mean centre is within 6 % of the
     * swing), then writes the 9 strongest into {@code price}/{@code strength} from index 0, strongest first (lower
     * price first on ties); returns how many.
     */
    private static int topClusters(double[] swings, int n, double[] price, int[] strength) {
        Arrays.sort(swings, 0, n);
        double[] centre = new double[Math.min(n, 64)];
        double[] first = new double[centre.length];
        double[] offsets = new double[centre.length];
        int[] members = new int[centre.length];
        int clusters = 0;
        for (int s = 0; s < n; s++) {
            double p = swings[s];
            int k = 0;
            // Ambiguity: "within 6 %" is |p − centre| / centre ≤ 0.06, relative to the centre, bound included.
            while (k < clusters && !(Math.abs(p - centre[k]) / centre[k] <= CLUSTER_TOLERANCE)) {
                k++;
            }
            if (k == clusters) {
                if (clusters == centre.length) {
                    centre = Arrays.copyOf(centre, 2 * clusters);
                    first = Arrays.copyOf(first, 2 * clusters);
                    offsets = Arrays.copyOf(offsets, 2 * clusters);
                    members = Arrays.copyOf(members, 2 * clusters);
                }
                first[k] = p;
                clusters++;
            }
            // Ambiguity: the running mean is kept as first member + mean offset from it. Members lie within ~6 % of
            // each other, so every offset is exact and a cluster of equal closes sits exactly on their price; a plain
            // sum, or the original's (c·k + p)/(k + 1), drifts off it and then loses distance ties it should win.
            offsets[k] += p - first[k];
            members[k]++;
            centre[k] = first[k] + offsets[k] / members[k];
        }
        int kept = selectStrongest(centre, members, clusters, MAX_CLUSTERS);
        System.arraycopy(centre, 0, price, 0, kept);
        System.arraycopy(members, 0, strength, 0, kept);
        return kept;
    }

    /** 15, plus the nearest existing level's strength if within 3 % of the fib, half of it (floor) if within 7 %. */
    private static int fibStrength(double fib, double[] price, int[] strength, int existing) {
        int nearest = -1;
        double minDiff = Double.POSITIVE_INFINITY;
        for (int i = 0; i < existing; i++) {
            double diff = Math.abs(price[i] - fib);
            if (diff < minDiff) {
                minDiff = diff;
                nearest = i;
            }
        }
        if (nearest < 0) {
            return FIB_STRENGTH;
        }
        // Ambiguity: "within" is strict (< 3 %, < 7 %) and relative to the fib price, as in the original system.
        double pct = minDiff / fib * 100;
        if (pct < FIB_FULL_PCT) {
            return FIB_STRENGTH + strength[nearest];
        }
        return pct < FIB_HALF_PCT ? FIB_STRENGTH + strength[nearest] / 2 : FIB_STRENGTH;
    }

    /**
     * Moves the {@code limit} strongest of the first {@code n} entries (ties to the lower price) to the front,
     * strongest first, by selection; returns how many were kept. In place: n is at most a few hundred clusters.
     */
    private static int selectStrongest(double[] price, int[] strength, int n, int limit) {
        int kept = Math.min(n, limit);
        for (int i = 0; i < kept; i++) {
            int best = i;
            for (int j = i + 1; j < n; j++) {
                if (strength[j] > strength[best] || strength[j] == strength[best] && price[j] < price[best]) {
                    best = j;
                }
            }
            double p = price[i];
            price[i] = price[best];
            price[best] = p;
            int s = strength[i];
            strength[i] = strength[best];
            strength[best] = s;
        }
        return kept;
    }
}
