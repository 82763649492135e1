package lotus.engine;

import java.util.Arrays;

/**
 * {@link Edx#edx} over the S3 episode's last ≤ 500 bars of the engine's {@link RunningFeatures} window, equal to it
 * bit for bit. True ranges and directional moves depend on one bar and the one before, and RSI at a bar on the 15
 * closes up to it, so every window reads the same values. While the episode is under 500 bars its first bar is
 * fixed: window 1 (and windows 2 and 3 on the bars where their first bar stays) carries over in O(1), and the
 * episode's ZigZag ATR, which is window 1's own ATR, only grows. Once the episode is capped at 500 bars every
 * window's first bar moves each bar, and since EMA, Wilder and ZigZag state are all seeded at the first bar they
 * cannot carry over. A window's state depends only on its first bar and the bars since, though, and window 3's first
 * bar is window 2's 167 bars later and window 1's 334 bars later: window 2 resumes window 3's filters of 167 bars
 * before, window 1 window 2's, and the ZigZags window 1 and 2 will run over the episode ATR seeded at that bar are run
 * ahead over windows 3 and 2's own ATR (the same series). A capped bar thus costs 500 filter steps (not 833) and about
 * 1000 ZigZag steps. Bars are addressed by absolute index (bars seen so far), which survives the feature window's
 * compaction. Memory ≈ 220 KB, allocated at the first EDX.
 */
final class EdxTracker {

    private static final int P = Indicators.PERIOD;
    private static final int K = Indicators.SLOPE_BARS;
    /** Bars a window needs for 10 RSI values (Indicators.rsiSeries starts at its bar 15). */
    private static final int RSI_MIN_BARS = 15 + K;
    /** Slots of the per-bar arrays, by absolute bar & (SLOTS − 1): an episode spans ≤ 500 bars. */
    static final int SLOTS = 512;
    private static final int MASK = SLOTS - 1;

    private final RunningFeatures bars;
    /** Buffer position of absolute bar b is b + shift, for the current {@link #edx} call. */
    private int shift;

    // The episode's ZigZag ATR (Edx.zigZagAtr) by bar; atrGen changes when it is rebuilt rather than extended.
    private double[] atr;
    private long atrGen;

    // The episode's bars [movesStart, movesEnd) (the last 512 kept, by bar & 511): prices copied out of the feature
    // window, and true range and ±DM worked out once rather than once per window.
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private double[] tr;
    private double[] plusDm;
    private double[] minusDm;
    private int movesStart;
    private int movesEnd;

    private EdxWindow[] windows;
    private Snapshots snapshots;
    /** The ATR windows 2 and 3 write (seeded at their own first bar), read by the ZigZags kept below. */
    private double[] scratchAtr;
    // ZigZags over the ATR seeded at their seed bar s (by s & 511), kept for the capped episode window that will
    // start at s: from s (ahead[s]), and from the bar the capped window 2 will start at then (ahead2[s]).
    private EdxZigZag[] ahead;
    private EdxZigZag[] ahead2;
    /** Capped bars whose episode window resumed (filters and ZigZags) rather than starting over; for tests. */
    private long resumed;

    EdxTracker(RunningFeatures bars) {
        this.bars = bars;
    }

    /**
     * EDX of the episode whose first bar opened at {@code s3StartMs}: its bars among the last ≤ 500 (as
     * {@link RunningFeatures#edx} picks them), through the latest bar.
     */
    double edx(long s3StartMs) {
        if (windows == null) {
            atr = new double[SLOTS];
            high = new double[SLOTS];
            low = new double[SLOTS];
            close = new double[SLOTS];
            volume = new double[SLOTS];
            tr = new double[SLOTS];
            plusDm = new double[SLOTS];
            minusDm = new double[SLOTS];
            scratchAtr = new double[SLOTS];
            windows = new EdxWindow[] {new EdxWindow(this, true, atr), new EdxWindow(this, false, scratchAtr),
                new EdxWindow(this, false, scratchAtr)};
            snapshots = new Snapshots();
            ahead = new EdxZigZag[SLOTS];
            ahead2 = new EdxZigZag[SLOTS];
        }
        int to = (int) bars.count();
        shift = bars.end - to;
        int lo = to - Math.min(bars.n, Edx.MAX_BARS);
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bars.openTime[mid + shift] >= s3StartMs) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int first = lo;
        int total = to - first;
        if (total < Edx.MIN_BARS) {
            return Edx.NEUTRAL;
        }
        moves(first, to);
        if (total <= P) {
            meanAtr(first, to);
        }
        int w2 = 2 * total / 3;
        int w3 = total / 3;
        // rsi_slope_10 of a window of ≥ 25 bars: the slope of RSI at its last 10 bars, each from the 15 closes up to
        // it, so the same for every such window and the features' own (same closes, same arithmetic); a shorter
        // window has under 10 RSI values and reads 0.
        double rsiSlope = total >= RSI_MIN_BARS ? bars.rsiSlope10() : 0;
        // Window 1 writes the episode ATR the others' ZigZags read, so it goes first. Filter states are kept by first
        // bar: once capped, window 2 reaches window 3's first bar 167 bars later and resumes from it, and window 1
        // window 2's. The episode ATR is then seeded at a bar that window 1 has not run over, so the ZigZags that read
        // it before are kept too, run over window 3's and window 2's own ATR (the same series: same seed, same TRs).
        boolean capped = total == Edx.MAX_BARS;
        EdxWindow a = windows[0];
        EdxZigZag zz1 = null;
        EdxZigZag zz2 = null;
        if (capped) {
            int e = snapshots.end(first, to);
            EdxZigZag p1 = ahead[first & MASK];
            EdxZigZag p2 = ahead2[first & MASK];
            if (e > first && e <= to - w3 && p1 != null && p1.start() == first && p1.end() == e && p2 != null
                    && p2.start() == to - w2 && p2.end() == e) {
                zz1 = p1;
                zz2 = p2;
                newAtrSeries();
                resumed++;
            }
        }
        a.evaluate(first, to, rsiSlope, zz1 == null ? null : snapshots, zz1);
        EdxWindow b = windows[1];
        boolean has2 = w2 >= Edx.MIN_BARS;
        if (has2) {
            int first2 = to - w2;
            Snapshots resume2 = snapshots;
            EdxZigZag z = ahead[first2 & MASK];
            int e2 = snapshots.end(first2, to);
            if (capped && e2 != first2 && (z == null || z.start() != first2 || z.end() != e2)) {
                // No ZigZag run ahead to carry from where the filters would resume (the episode was not capped
                // then): start them over, so that it can be run from the first bar and window 1 resumes 167 bars on.
                resume2 = null;
            }
            b.evaluate(first2, to, w2 >= RSI_MIN_BARS ? rsiSlope : 0, resume2, zz2);
            if (capped) {
                snapshots.save(b);
                runAhead(b, to, to - w3);
            }
        }
        EdxWindow c = windows[2];
        boolean has3 = w3 >= Edx.MIN_BARS;
        if (has3) {
            c.evaluate(to - w3, to, w3 >= RSI_MIN_BARS ? rsiSlope : 0, null, null);
            snapshots.save(c);
            if (capped) {
                runAhead(c, to, -1);
            }
        }
        return Edx.score(
                combine(a.slow, has2, b.slow, has3, c.slow),
                combine(a.struct, has2, b.struct, has3, c.struct),
                combine(a.part, has2, b.part, has3, c.part),
                combine(a.comp, has2, b.comp, has3, c.comp));
    }

    /** Edx.combine without the boxing. */
    private static double combine(double s1, boolean has2, double s2, boolean has3, double s3) {
        if (!has2) {
            return s1;
        }
        if (has3 && s3 > s2 && s2 > s1) {
            return 0.2 * s1 + 0.3 * s2 + 0.5 * s3;
        }
        return s2 > s1 ? 0.3 * s1 + 0.7 * s2 : (s1 + s2) / 2;
    }

    /**
     * Edx.zigZagAtr for bars [first, to) of up to 14 bars: the mean true range at every bar (rebuilt each time).
     * Over 14 bars it is ATR 14 padded back with its first value, which is window 1's own ATR: that window writes it.
     */
    private void meanAtr(int first, int to) {
        double sum = 0;
        for (int b = first + 1; b < to; b++) {
            sum += tr(b);
        }
        double mean = sum / (to - first - 1);
        for (int b = first; b < to; b++) {
            atr[b & (SLOTS - 1)] = mean;
        }
        atrGen++;
    }

    /** The episode's ZigZag ATR series is new (window 1 wrote its first value, or resumes at a new first bar). */
    void newAtrSeries() {
        atrGen++;
    }

    /** The episode's ZigZag ATR by bar &amp; 511. */
    double[] episodeAtr() {
        return atr;
    }

    /**
     * After capped window w (2 or 3, first bar s) ran its filters: carries the ZigZag from s over its own ATR (the
     * one window 1 will have when it starts at s) to the latest bar, and, from window 2 ({@code from2} ≥ 0), starts
     * the one from {@code from2}, where window 2 will start then. A ZigZag that cannot be carried (its ATR bars were
     * not all run over by this call's filters) is left stale, and window 1 then starts over.
     */
    private void runAhead(EdxWindow w, int to, int from2) {
        int s = w.start();
        int from = w.filtersFrom();
        EdxZigZag z = ahead[s & MASK];
        if (z == null) {
            z = new EdxZigZag();
            ahead[s & MASK] = z;
        }
        if (from == s) {
            z.run(this, scratchAtr, s, s, to);
        } else if (z.start() == s && z.end() == from) {
            z.run(this, scratchAtr, s, from, to);
        }
        if (from2 >= 0 && from <= from2) {
            EdxZigZag z2 = ahead2[s & MASK];
            if (z2 == null) {
                z2 = new EdxZigZag();
                ahead2[s & MASK] = z2;
            }
            z2.run(this, scratchAtr, from2, from2, to);
        }
    }

    /** Capped bars whose window 1 resumed rather than starting over. */
    long resumed() {
        return resumed;
    }

    /** Changes whenever the ZigZag ATR series is rebuilt rather than extended. */
    long atrGen() {
        return atrGen;
    }

    /**
     * Window filter states by first bar (the latest per first bar within the last 512): a window's filters depend
     * only on its first bar and the bars since, so a later window with that first bar continues from there.
     */
    static final class Snapshots {
        private final int[] start = new int[SLOTS];
        private final int[] end = new int[SLOTS];
        private final double[] state = new double[SLOTS * EdxWindow.STATE];

        Snapshots() {
            Arrays.fill(start, -1);
        }

        void save(EdxWindow w) {
            int slot = w.start() & (SLOTS - 1);
            start[slot] = w.start();
            end[slot] = w.end();
            w.save(state, slot * EdxWindow.STATE);
        }

        /** Loads the state saved for first bar {@code first} into w and returns its end; {@code first} if none. */
        int restore(EdxWindow w, int first, int to) {
            int e = end(first, to);
            if (e != first) {
                w.load(state, (first & (SLOTS - 1)) * EdxWindow.STATE);
            }
            return e;
        }

        /** Where {@link #restore} would resume a window [first, to): the saved end, or {@code first} if none. */
        int end(int first, int to) {
            int slot = first & (SLOTS - 1);
            // At least 10 bars must follow, so the restored window rebuilds its last-10 tails itself.
            if (start[slot] != first || end[slot] > to - K || end[slot] <= first) {
                return first;
            }
            return end[slot];
        }
    }

    double high(int b) {
        return high[b & (SLOTS - 1)];
    }

    double low(int b) {
        return low[b & (SLOTS - 1)];
    }

    double close(int b) {
        return close[b & (SLOTS - 1)];
    }

    double volume(int b) {
        return volume[b & (SLOTS - 1)];
    }

    /** Copies bars [first, to) not copied yet, with their true ranges and ±DM. */
    private void moves(int first, int to) {
        if (first < movesStart || movesEnd < first) {
            movesStart = first;
            movesEnd = first;
        }
        for (int b = movesEnd; b < to; b++) {
            int i = b + shift;
            int s = b & (SLOTS - 1);
            double h = bars.high[i];
            double l = bars.low[i];
            high[s] = h;
            low[s] = l;
            close[s] = bars.close[i];
            volume[s] = bars.volume[i];
            if (b > 0) {
                // Indicators.trueRanges and adxSeries' directional moves of bar b.
                double pc = bars.close[i - 1];
                tr[s] = Math.max(h - l, Math.max(Math.abs(h - pc), Math.abs(l - pc)));
                double up = h - bars.high[i - 1];
                double down = bars.low[i - 1] - l;
                plusDm[s] = up > down && up > 0 ? up : 0;
                minusDm[s] = down > up && down > 0 ? down : 0;
            }
        }
        movesEnd = to;
    }

    double tr(int b) {
        return tr[b & (SLOTS - 1)];
    }

    double plusDm(int b) {
        return plusDm[b & (SLOTS - 1)];
    }

    double minusDm(int b) {
        return minusDm[b & (SLOTS - 1)];
    }
}
