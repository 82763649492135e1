package lotus.engine;

/**
 * {@link ZigZag#pivots} over one EDX window, one bar at a time, and {@link Edx#struct}'s counts over the pivots it
 * confirms; the tail pivot (the unfinished leg's extreme after the backstep) is counted when asked, not kept. Bar
 * indices are absolute.
 */
final class EdxZigZag {

    private static final int NONE = -1;
    private static final int MASK = EdxTracker.SLOTS - 1;

    private int direction;
    private int hiIdx;
    private int loIdx;
    private double hi;
    private double lo;
    private double hiAtr;
    private double loAtr;
    // The first bar's close and reversal threshold, read while there is no direction yet.
    private double startClose;
    private double startMove;
    // Confirmed pivots: how many, the last high's and low's bar (NONE if none) and close, and Edx.struct's counts.
    private int pivots;
    private int lastHigh;
    private int lastLow;
    private double prevHigh;
    private double prevLow;
    private int lower;
    private int compared;

    /** The window's first bar (absolute), or −1 before the first {@link #run}. */
    private int start = -1;
    /** The bar the state has reached (exclusive). */
    private int end;

    /**
     * ZigZag.pivots over bars [from, to) of the window that starts at bar {@code start} (from = start restarts it),
     * the ATR read from {@code atr} (an ATR series by bar &amp; 511: the episode's, or the one a window's filters
     * just wrote; the ATR of a bar is read only while the run is at that bar, so resuming needs no older values). The
     * leg state is in locals; the reversal thresholds are computed once per new extreme (same products, same values).
     * Unlike ZigZag.pivots, a rising leg doesn't track its running low (nor a falling leg its high): that value is
     * overwritten at the turn before anything reads it.
     */
    void run(EdxTracker bars, double[] atr, int start, int from, int to) {
        this.start = start;
        this.end = to;
        int dir = direction;
        int hiAt = hiIdx;
        int loAt = loIdx;
        double hiPx = hi;
        double loPx = lo;
        double hiMove = ZigZag.LAMBDA * hiAtr;
        double hiWick = hiMove - ZigZag.WICK_RELAXER * hiAtr;
        double loMove = ZigZag.LAMBDA * loAtr;
        double loWick = loMove - ZigZag.WICK_RELAXER * loAtr;
        for (int i = from; i < to; i++) {
            double px = bars.close(i);
            if (i == start) {
                dir = 0;
                hiAt = i;
                loAt = i;
                hiPx = px;
                loPx = px;
                hiAtr = atr[i & MASK];
                loAtr = hiAtr;
                startClose = px;
                startMove = ZigZag.LAMBDA * hiAtr;
                hiMove = ZigZag.LAMBDA * hiAtr;
                hiWick = hiMove - ZigZag.WICK_RELAXER * hiAtr;
                loMove = hiMove;
                loWick = hiWick;
                pivots = 0;
                lastHigh = NONE;
                lastLow = NONE;
                lower = 0;
                compared = 0;
            } else if (dir == 1) {
                // A rising leg only moves its high (its low is reset when it turns), a falling leg only its low.
                if (px > hiPx) {
                    hiPx = px;
                    hiAt = i;
                    hiAtr = atr[i & MASK];
                    hiMove = ZigZag.LAMBDA * hiAtr;
                    hiWick = hiMove - ZigZag.WICK_RELAXER * hiAtr;
                } else if (i - hiAt >= ZigZag.BACKSTEP && (hiPx - px >= hiMove || hiPx - bars.low(i) >= hiWick)
                        && legLongEnough(hiAt)) {
                    pivot(hiAt, true, hiPx);
                    dir = -1;
                    loPx = px;
                    loAt = i;
                    loAtr = atr[i & MASK];
                    loMove = ZigZag.LAMBDA * loAtr;
                    loWick = loMove - ZigZag.WICK_RELAXER * loAtr;
                }
            } else if (dir == -1) {
                if (px < loPx) {
                    loPx = px;
                    loAt = i;
                    loAtr = atr[i & MASK];
                    loMove = ZigZag.LAMBDA * loAtr;
                    loWick = loMove - ZigZag.WICK_RELAXER * loAtr;
                } else if (i - loAt >= ZigZag.BACKSTEP && (px - loPx >= loMove || bars.high(i) - loPx >= loWick)
                        && legLongEnough(loAt)) {
                    pivot(loAt, false, loPx);
                    dir = 1;
                    hiPx = px;
                    hiAt = i;
                    hiAtr = atr[i & MASK];
                    hiMove = ZigZag.LAMBDA * hiAtr;
                    hiWick = hiMove - ZigZag.WICK_RELAXER * hiAtr;
                }
            } else {
                if (px > hiPx) {
                    hiPx = px;
                    hiAt = i;
                    hiAtr = atr[i & MASK];
                    hiMove = ZigZag.LAMBDA * hiAtr;
                    hiWick = hiMove - ZigZag.WICK_RELAXER * hiAtr;
                }
                if (px < loPx) {
                    loPx = px;
                    loAt = i;
                    loAtr = atr[i & MASK];
                    loMove = ZigZag.LAMBDA * loAtr;
                    loWick = loMove - ZigZag.WICK_RELAXER * loAtr;
                }
                double c0 = startClose;
                double thresh = startMove;
                if (px - c0 >= thresh) {
                    dir = 1;
                    pivot(start, false, c0);
                } else if (c0 - px >= thresh) {
                    dir = -1;
                    pivot(start, true, c0);
                }
            }
        }
        direction = dir;
        hiIdx = hiAt;
        loIdx = loAt;
        hi = hiPx;
        lo = loPx;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Takes {@code o}'s whole state (a ZigZag over the same bars continues from there). */
    void copyFrom(EdxZigZag o) {
        direction = o.direction;
        hiIdx = o.hiIdx;
        loIdx = o.loIdx;
        hi = o.hi;
        lo = o.lo;
        hiAtr = o.hiAtr;
        loAtr = o.loAtr;
        startClose = o.startClose;
        startMove = o.startMove;
        pivots = o.pivots;
        lastHigh = o.lastHigh;
        lastLow = o.lastLow;
        prevHigh = o.prevHigh;
        prevLow = o.prevLow;
        lower = o.lower;
        compared = o.compared;
        start = o.start;
        end = o.end;
    }

    private boolean legLongEnough(int extreme) {
        return pivots == 0 || extreme - Math.max(lastHigh, lastLow) >= ZigZag.MIN_LEG_BARS;
    }

    /** Records a pivot and Edx.struct's comparison with the previous pivot of its kind (equal counts as lower). */
    private void pivot(int index, boolean high, double close) {
        if (high) {
            if (lastHigh != NONE) {
                compared++;
                lower += close > prevHigh ? 0 : 1;
            }
            lastHigh = index;
            prevHigh = close;
        } else {
            if (lastLow != NONE) {
                compared++;
                lower += close > prevLow ? 0 : 1;
            }
            lastLow = index;
            prevLow = close;
        }
        pivots++;
    }

    /** Edx.struct for the window ending at bar to − 1, with ZigZag's tail pivot counted, not kept. */
    double struct(int to) {
        int count = pivots;
        int low = lower;
        int cmp = compared;
        if (direction == 1 && to - 1 - hiIdx >= ZigZag.BACKSTEP && legLongEnough(hiIdx)) {
            count++;
            if (lastHigh != NONE) {
                cmp++;
                low += hi > prevHigh ? 0 : 1;
            }
        } else if (direction == -1 && to - 1 - loIdx >= ZigZag.BACKSTEP && legLongEnough(loIdx)) {
            count++;
            if (lastLow != NONE) {
                cmp++;
                low += lo > prevLow ? 0 : 1;
            }
        }
        if (count < Edx.MIN_PIVOTS) {
            return Edx.NEUTRAL;
        }
        return cmp == 0 ? Edx.NEUTRAL : (double) low / cmp;
    }
}
