package lotus.engine;

/**
 * One EDX window (the episode's last {@code w} bars) of {@link EdxTracker}: the running state of everything
 * {@link Edx#window} computes over it, advanced bar by bar with the same operations in the same order, so its
 * components are bit-for-bit {@link Edx#slow}, {@link Edx#struct}, {@link Edx#part} and {@link Edx#comp}. While
 * the window keeps its first bar the state carries over to the next bar (O(1)); when the first bar moves it is
 * rebuilt, since every filter is seeded at the window's first bar.
 */
final class EdxWindow {

    private static final int P = Indicators.PERIOD;
    private static final int K = Indicators.SLOPE_BARS;
    private static final int MASK = EdxTracker.SLOTS - 1;
    private static final double A144 = 2.0 / (144 + 1);
    private static final double A250 = 2.0 / (250 + 1);
    private static final double A333 = 2.0 / (333 + 1);

    /** Doubles {@link #save} writes. */
    static final int STATE = 13;

    private final EdxTracker bars;
    /** Whether this is window 1 (the whole episode), whose ATR is the episode's ZigZag ATR. */
    private final boolean episode;
    /** Where the filters write their ATR by bar: the episode's ZigZag ATR, or the tracker's scratch series. */
    private final double[] atrOut;
    /** The bar the last {@link #evaluate}'s filters started from (the scratch ATR is theirs from there on). */
    private int filtersFrom;
    /** First bar (absolute index) and the end (exclusive) the filters and the ZigZag have seen; −1 = nothing. */
    private int start = -1;
    private int end;

    // EMA144/250/333 seeded at the first close; the last 10 values by bar (absolute index % 10).
    private double e144;
    private double e250;
    private double e333;
    private final double[] e144Tail = new double[K];
    private final double[] e250Tail = new double[K];
    private final double[] e333Tail = new double[K];

    // ADX: Wilder sums over the first 14 TRs, then the smoothed values; the last 10 ADX values by bar.
    private double trSum;
    private double plusSum;
    private double minusSum;
    private double atr;
    private double plusDm;
    private double minusDm;
    private double adx;
    private double adxFirst;
    private final double[] adxTail = new double[K];

    // Close-weighted VWAP sums; the last 10 VWAP values by bar.
    private double pv;
    private double vol;
    private final double[] vwapTail = new double[K];

    // The ZigZag, the bars it has seen and the tracker's ATR generation it read.
    private final EdxZigZag zigZag = new EdxZigZag();
    private int zzEnd;
    private long zzGen = -1;

    private final double[] tail = new double[K];
    private final double[] tail2 = new double[K];

    // The components of the last evaluate().
    double slow;
    double struct;
    double part;
    double comp;

    EdxWindow(EdxTracker bars, boolean episode, double[] atrOut) {
        this.bars = bars;
        this.episode = episode;
        this.atrOut = atrOut;
    }

    /**
     * Brings the state to bars [first, to) and computes the four components; {@code rsiSlope} is rsi_slope_10 of
     * the last 10 bars, the same for every window of ≥ 25 bars. A window whose first bar moved starts afresh, or from
     * {@code resume}'s saved filter state for that first bar (null = none). {@code zz} (null = none) is a ZigZag over
     * the episode ATR that already stands where the restored filters resume: the caller checked its first bar and
     * end, and that the episode ATR holds every bar from there.
     */
    void evaluate(int first, int to, double rsiSlope, EdxTracker.Snapshots resume, EdxZigZag zz) {
        if (start != first || end > to) {
            start = first;
            end = resume == null ? first : resume.restore(this, first, to);
            zzEnd = first;
        }
        filtersFrom = end;
        filters(end, to);
        end = to;
        if (zz != null) {
            zigZag.copyFrom(zz);
            zzEnd = zz.end();
            zzGen = bars.atrGen();
        } else if (zzGen != bars.atrGen()) {
            // The ZigZag's ATR series was rebuilt (new first bar or scale); the other filters don't read it.
            zzGen = bars.atrGen();
            zzEnd = start;
        }
        zigZag.run(bars, bars.episodeAtr(), start, zzEnd, to);
        zzEnd = to;
        int n = to - first;
        slow = slow(n, rsiSlope);
        struct = zigZag.struct(to);
        part = part(to);
        comp = comp(n, to);
    }

    /**
     * EMAs (Indicators.ema's form), ADX (Indicators.adxSeries: Wilder seeds from the first 14 TRs, then the
     * smoothing) and the VWAP sums over bars [from, to), in locals so the chains stay in registers; only the last 10
     * bars before {@code to} are stored, since no later call reads older ones. The ATR is written by bar (padded
     * back with its first value): the episode window's is the episode's ZigZag ATR, another's goes to the scratch
     * series, which the tracker reads for ZigZags a later episode window resumes.
     */
    private void filters(int from, int to) {
        double e1 = e144;
        double e2 = e250;
        double e3 = e333;
        double sumTr = trSum;
        double sumPlus = plusSum;
        double sumMinus = minusSum;
        double a = atr;
        double pdm = plusDm;
        double mdm = minusDm;
        double x = adx;
        double sumPv = pv;
        double sumVol = vol;
        double[] out = atrOut;
        int tailFrom = to - K;
        for (int b = from; b < to; b++) {
            double c = bars.close(b);
            int j = b - start - 1; // TR index: bar b's TR is the window's j-th
            if (j < 0) {
                e1 = c;
                e2 = c;
                e3 = c;
                sumPv = 0;
                sumVol = 0;
                sumTr = 0;
                sumPlus = 0;
                sumMinus = 0;
            } else {
                e1 = e1 + A144 * (c - e1);
                e2 = e2 + A250 * (c - e2);
                e3 = e3 + A333 * (c - e3);
                double tr = bars.tr(b);
                double plus = bars.plusDm(b);
                double minus = bars.minusDm(b);
                if (j >= P) {
                    a = ((P - 1) * a + tr) / P;
                    pdm = ((P - 1) * pdm + plus) / P;
                    mdm = ((P - 1) * mdm + minus) / P;
                } else {
                    sumTr += tr;
                    sumPlus += plus;
                    sumMinus += minus;
                    if (j == P - 1) {
                        a = sumTr / P;
                        pdm = sumPlus / P;
                        mdm = sumMinus / P;
                    }
                }
                if (j >= P - 1) {
                    double plusDi = a == 0 ? 0 : 100 * pdm / a;
                    double minusDi = a == 0 ? 0 : 100 * mdm / a;
                    double sum = plusDi + minusDi;
                    double dx = sum == 0 ? 0 : 100 * Math.abs(plusDi - minusDi) / sum;
                    if (j == P - 1) {
                        x = dx;
                        adxFirst = dx;
                        // The first ATR value, padded back to the first bar: the series is new.
                        for (int k = start; k <= b; k++) {
                            out[k & MASK] = a;
                        }
                        if (episode) {
                            bars.newAtrSeries();
                        }
                    } else {
                        x = ((P - 1) * x + dx) / P;
                        out[b & MASK] = a;
                    }
                    if (b >= tailFrom) {
                        adxTail[b % K] = x;
                    }
                }
            }
            double v = Math.max(0, bars.volume(b));
            if (v > 0) {
                sumPv += c * v;
                sumVol += v;
            }
            if (b >= tailFrom) {
                int r = b % K;
                e144Tail[r] = e1;
                e250Tail[r] = e2;
                e333Tail[r] = e3;
                // Edx.part: a zero-volume bar repeats the previous VWAP: pv/vol unchanged, or the first close.
                vwapTail[r] = sumVol > 0 ? sumPv / sumVol : bars.close(start);
            }
        }
        e144 = e1;
        e250 = e2;
        e333 = e3;
        trSum = sumTr;
        plusSum = sumPlus;
        minusSum = sumMinus;
        atr = a;
        plusDm = pdm;
        minusDm = mdm;
        adx = x;
        pv = sumPv;
        vol = sumVol;
    }

    int start() {
        return start;
    }

    int filtersFrom() {
        return filtersFrom;
    }

    int end() {
        return end;
    }

    /**
     * The filter state after bars [start, end), for a later window that starts at the same bar; the last-10 tails
     * are left out since a restored window runs at least 10 more bars.
     */
    void save(double[] to, int at) {
        to[at] = e144;
        to[at + 1] = e250;
        to[at + 2] = e333;
        to[at + 3] = trSum;
        to[at + 4] = plusSum;
        to[at + 5] = minusSum;
        to[at + 6] = atr;
        to[at + 7] = plusDm;
        to[at + 8] = minusDm;
        to[at + 9] = adx;
        to[at + 10] = adxFirst;
        to[at + 11] = pv;
        to[at + 12] = vol;
    }

    /** Restores {@link #save}'s state (the caller sets start and end). */
    void load(double[] from, int at) {
        e144 = from[at];
        e250 = from[at + 1];
        e333 = from[at + 2];
        trSum = from[at + 3];
        plusSum = from[at + 4];
        minusSum = from[at + 5];
        atr = from[at + 6];
        plusDm = from[at + 7];
        minusDm = from[at + 8];
        adx = from[at + 9];
        adxFirst = from[at + 10];
        pv = from[at + 11];
        vol = from[at + 12];
    }

    /** Edx.slow: EMA250/333 slopes, rsi_slope_10 and adx_slope_10 (ADX all 0 under 16 bars, padded to 14). */
    private double slow(int n, double rsiSlope) {
        double emaSlope = (normalisedSlope(e250Tail, n) + normalisedSlope(e333Tail, n)) / 2;
        double adxSlope = 0; // under 16 bars the ADX series is all 0, and so is its slope
        if (n >= 16) {
            for (int q = n - K; q < n; q++) {
                tail[q - (n - K)] = q < P ? adxFirst : adxTail[(start + q) % K];
            }
            adxSlope = Indicators.olsSlope(tail);
        }
        return (Edx.sigmoid(-1000 * emaSlope) + Edx.sigmoid(-rsiSlope / 5) + Edx.sigmoid(-adxSlope / 2)) / 3;
    }

    /** Indicators.emaSlope over the last 10 values of a window of n (≥ 10) bars. */
    private double normalisedSlope(double[] ring, int n) {
        double last = ring[(end - 1) % K];
        if (n < K || last <= 0) {
            return 0;
        }
        lastTen(ring, tail);
        return Indicators.olsSlope(tail) / last;
    }

    /** Edx.part over the window ending at bar to − 1. */
    private double part(int to) {
        lastTen(vwapTail, tail);
        double slope = Indicators.olsSlope(tail) / Math.max(vwapTail[(to - 1) % K], 1e-9);
        return Edx.sigmoid(-1000 * slope);
    }

    /** Edx.comp: the slopes of the EMA144 and EMA250 separations from EMA333; 0.5 under 144 bars. */
    private double comp(int n, int to) {
        if (n < Edx.COMP_MIN_BARS) {
            return Edx.NEUTRAL;
        }
        for (int j = 0; j < K; j++) {
            int r = (to - K + j) % K;
            double base = Math.max(e333Tail[r], 1e-9);
            tail[j] = (e144Tail[r] - e333Tail[r]) / base;
            tail2[j] = (e250Tail[r] - e333Tail[r]) / base;
        }
        double mean = (Indicators.olsSlope(tail) + Indicators.olsSlope(tail2)) / 2;
        return Edx.sigmoid(-100 * mean);
    }

    /** The ring's values for bars end − 10 … end − 1, oldest first. */
    private void lastTen(double[] ring, double[] out) {
        for (int j = 0; j < K; j++) {
            out[j] = ring[(end - K + j) % K];
        }
    }
}
