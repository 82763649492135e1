package lotus.engine;

import java.util.Arrays;
import java.util.List;

/**
 * {@link SrGeometry#levels} over the trailing {@link SrGeometry#MAX_BARS} closes, kept up to date one close at a
 * time and bit-for-bit equal to it. Per close: the swing test of the bar 2 back (its 5-bar pattern is complete), the
 * swing of the bar leaving the window removed, ATH/ATL from monotonic deques, and the 6 % clustering repaired only
 * around the swing that changed; the levels are rebuilt only when the 9 strongest clusters, ATH or ATL changed.
 * <p>
 * Why the repair is exact: swings are clustered in ascending order and a cluster, once a later one exists, accepts
 * no further swing (its running mean stays below the swing that was > 6 % above it, and every later swing is
 * higher), so clustering is a left-to-right scan that only ever tests the newest cluster. After one swing is
 * inserted or removed, the scan restarts at the cluster holding the swing just below the change and stops where it
 * opens a cluster at a swing that opened one before: from there its state, and so the rest, is unchanged.
 * <p>
 * Closes must not be NaN (the engine's come from BigDecimal). Memory grows with the swings and the extreme deques
 * (≈ 100 KB for 2000 swings), not with the window.
 */
final class SrTracker implements EngineTracker.Levels {

    private static final int WINDOW = SrGeometry.MAX_BARS;
    private static final byte NONE = 0;
    private static final byte HIGH = 1;
    private static final byte LOW = 2;
    private static final int TOP = SrGeometry.MAX_CLUSTERS;

    // The last 8 closes (the 5-bar swing pattern needs 5), by bar index & 7.
    private final double[] recent = new double[8];
    private final double[] five = new double[5];
    private int count;

    // The window's swings in bar order (a queue: they leave the window oldest first), and monotonic deques of
    // (bar, close) whose fronts are the window's maximum and minimum close.
    private final BarRing swingBars = new BarRing();
    private final BarRing maxQ = new BarRing();
    private final BarRing minQ = new BarRing();

    // The window's swing closes, ascending, and how many are highs and lows.
    private double[] swings = new double[64];
    private int swingCount;
    private int highs;
    private int lows;

    // Clusters in ascending order: first swing index, members, centre; tmp* hold the clusters a repair rebuilds.
    private int[] start = new int[64];
    private int[] members = new int[64];
    private double[] centre = new double[64];
    private int clusters;
    private int[] tmpStart = new int[64];
    private int[] tmpMembers = new int[64];
    private double[] tmpCentre = new double[64];
    private boolean clustersChanged;

    // The 9 strongest clusters the cached levels were built from, and that build's ATH/ATL.
    private final double[] topPrice = new double[TOP];
    private final int[] topStrength = new int[TOP];
    private int top;
    private final double[] newTopPrice = new double[TOP];
    private final int[] newTopStrength = new int[TOP];
    private final double[] candPrice = new double[SrGeometry.CANDIDATES];
    private final int[] candStrength = new int[SrGeometry.CANDIDATES];
    private List<SrLevel> cached;
    private double cachedAth;
    private double cachedAtl;

    /** Adds the next close. */
    @Override
    public void push(double c) {
        if (Double.isNaN(c)) {
            throw new IllegalArgumentException("close must not be NaN");
        }
        int i = count++;
        recent[i & 7] = c;
        int first = Math.max(0, count - WINDOW);
        // Double.compare orders −0.0 below 0.0 as Math.max/min do; NaN is rejected above.
        while (!maxQ.isEmpty() && Double.compare(maxQ.backValue(), c) <= 0) {
            maxQ.popBack();
        }
        maxQ.pushBack(i, c, NONE);
        while (maxQ.frontIndex() < first) {
            maxQ.popFront();
        }
        while (!minQ.isEmpty() && Double.compare(minQ.backValue(), c) >= 0) {
            minQ.popBack();
        }
        minQ.pushBack(i, c, NONE);
        while (minQ.frontIndex() < first) {
            minQ.popFront();
        }
        // Swing candidates are bars [first + 2, count − 2): the one before first + 2 has left.
        while (!swingBars.isEmpty() && swingBars.frontIndex() < first + 2) {
            removeSwing(swingBars.frontValue(), swingBars.frontKind());
            swingBars.popFront();
        }
        if (count >= 5) {
            int j = count - 3;
            for (int d = 0; d < 5; d++) {
                five[d] = recent[(j - 2 + d) & 7];
            }
            byte k = SrGeometry.isSwingHigh(five, 2) ? HIGH : SrGeometry.isSwingLow(five, 2) ? LOW : NONE;
            if (k != NONE) {
                swingBars.pushBack(j, five[2], k);
                insertSwing(five[2], k);
            }
        }
    }

    /** The levels {@link SrGeometry#levels} gives for the trailing closes; empty when they cannot be built. */
    @Override
    public List<SrLevel> levels() {
        if (Math.min(count, WINDOW) < SrGeometry.MIN_BARS
                || highs < SrGeometry.MIN_SWINGS && lows < SrGeometry.MIN_SWINGS) {
            return List.of();
        }
        boolean changed = cached == null;
        if (clustersChanged) {
            changed |= selectTop();
            clustersChanged = false;
        }
        double ath = maxQ.frontValue();
        double atl = minQ.frontValue();
        if (changed || Double.compare(ath, cachedAth) != 0 || Double.compare(atl, cachedAtl) != 0) {
            System.arraycopy(topPrice, 0, candPrice, 0, top);
            System.arraycopy(topStrength, 0, candStrength, 0, top);
            cached = SrGeometry.assemble(candPrice, candStrength, top, ath, atl);
            cachedAth = ath;
            cachedAtl = atl;
        }
        return cached;
    }

    private void insertSwing(double p, byte k) {
        if (swingCount == swings.length) {
            swings = Arrays.copyOf(swings, 2 * swingCount);
        }
        int j = Arrays.binarySearch(swings, 0, swingCount, p);
        if (j < 0) {
            j = -j - 1;
        }
        System.arraycopy(swings, j, swings, j + 1, swingCount - j);
        swings[j] = p;
        swingCount++;
        if (k == HIGH) {
            highs++;
        } else {
            lows++;
        }
        recluster(j, 1);
    }

    private void removeSwing(double p, byte k) {
        int j = Arrays.binarySearch(swings, 0, swingCount, p);
        if (j < 0) {
            throw new IllegalStateException("swing set lost " + p);
        }
        System.arraycopy(swings, j + 1, swings, j, swingCount - j - 1);
        swingCount--;
        if (k == HIGH) {
            highs--;
        } else {
            lows--;
        }
        recluster(j, -1);
    }

    /**
     * Repairs the clusters after a swing was inserted at {@code j} (delta +1) or removed from {@code j} (delta −1)
     * of the sorted swings. Positions after the change are shifted by delta against the old clusters' starts.
     */
    private void recluster(int j, int delta) {
        int c0 = 0;
        if (j > 0 && clusters > 0) {
            // The cluster holding swing j − 1, the last one before the change (same index before and after).
            int lo = 0;
            int hi = clusters - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (start[mid] <= j - 1) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            c0 = lo;
        }
        int s = clusters == 0 ? 0 : start[c0];
        if (tmpStart.length < swingCount - s + 1) {
            int len = Math.max(2 * tmpStart.length, swingCount - s + 1);
            tmpStart = new int[len];
            tmpMembers = new int[len];
            tmpCentre = new double[len];
        }
        int made = 0;
        int next = c0 + 1; // the next old cluster whose start a new cluster may coincide with
        int resume = -1;
        double first = 0;
        double offsets = 0;
        int n = 0;
        double centreNow = 0;
        for (int i = s; i < swingCount; i++) {
            double p = swings[i];
            // SrGeometry's arithmetic: "within 6 %" of the running centre = first member + mean offset.
            if (made == 0 || !(Math.abs(p - centreNow) / centreNow <= SrGeometry.CLUSTER_TOLERANCE)) {
                if (delta > 0 ? i > j : i >= j) {
                    int old = i - delta;
                    while (next < clusters && start[next] < old) {
                        next++;
                    }
                    if (next < clusters && start[next] == old) {
                        resume = next;
                        break;
                    }
                }
                if (made > 0) {
                    tmpMembers[made - 1] = n;
                    tmpCentre[made - 1] = centreNow;
                }
                tmpStart[made++] = i;
                first = p;
                offsets = 0;
                n = 0;
            }
            offsets += p - first;
            n++;
            centreNow = first + offsets / n;
        }
        if (made > 0) {
            tmpMembers[made - 1] = n;
            tmpCentre[made - 1] = centreNow;
        }
        splice(c0, made, resume, delta);
        clustersChanged = true;
    }

    /** Clusters [0, c0) stay, then the {@code made} rebuilt ones, then the old ones from {@code resume} shifted. */
    private void splice(int c0, int made, int resume, int delta) {
        int kept = resume < 0 ? 0 : clusters - resume;
        int total = c0 + made + kept;
        if (start.length < total) {
            int len = Math.max(2 * start.length, total);
            start = Arrays.copyOf(start, len);
            members = Arrays.copyOf(members, len);
            centre = Arrays.copyOf(centre, len);
        }
        if (kept > 0) {
            int to = c0 + made;
            System.arraycopy(start, resume, start, to, kept);
            System.arraycopy(members, resume, members, to, kept);
            System.arraycopy(centre, resume, centre, to, kept);
            for (int c = to; c < total; c++) {
                start[c] += delta;
            }
        }
        System.arraycopy(tmpStart, 0, start, c0, made);
        System.arraycopy(tmpMembers, 0, members, c0, made);
        System.arraycopy(tmpCentre, 0, centre, c0, made);
        clusters = total;
    }

    /**
     * The 9 strongest clusters (more members first, lower centre on ties), as SrGeometry's selection orders them;
     * true when they differ from the previous ones.
     */
    private boolean selectTop() {
        int t = 0;
        for (int c = 0; c < clusters; c++) {
            int m = members[c];
            double x = centre[c];
            if (t == TOP && !stronger(m, x, newTopStrength[TOP - 1], newTopPrice[TOP - 1])) {
                continue;
            }
            int pos = t == TOP ? TOP - 1 : t++;
            while (pos > 0 && stronger(m, x, newTopStrength[pos - 1], newTopPrice[pos - 1])) {
                newTopStrength[pos] = newTopStrength[pos - 1];
                newTopPrice[pos] = newTopPrice[pos - 1];
                pos--;
            }
            newTopStrength[pos] = m;
            newTopPrice[pos] = x;
        }
        boolean changed = t != top;
        for (int i = 0; i < t && !changed; i++) {
            changed = newTopStrength[i] != topStrength[i] || Double.compare(newTopPrice[i], topPrice[i]) != 0;
        }
        if (changed) {
            System.arraycopy(newTopStrength, 0, topStrength, 0, t);
            System.arraycopy(newTopPrice, 0, topPrice, 0, t);
            top = t;
        }
        return changed;
    }

    private static boolean stronger(int m, double x, int m2, double x2) {
        return m > m2 || m == m2 && x < x2;
    }
}
