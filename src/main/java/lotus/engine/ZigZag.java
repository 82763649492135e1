package lotus.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * ATR-adaptive ZigZag on closes, the pivot finder behind EDX's structure term (STRATEGY.md §2, λ = 1.2×ATR14).
 * Ambiguity: §2 names only λ; the rest (backstep 3, minimum leg 4 bars, a wick relaxer of 0.25×ATR on the bar's
 * high/low, the first leg starting at bar 0, a tail pivot) follows the original system's detector.
 */
final class ZigZag {

    static final double LAMBDA = 1.2;
    static final int BACKSTEP = 3;
    static final int MIN_LEG_BARS = 4;
    static final double WICK_RELAXER = 0.25;

    /** A confirmed turning point: bar index into the input arrays, and whether it is a high. */
    record Pivot(int index, boolean high) {
    }

    private ZigZag() {
    }

    /**
     * Pivots of {@code close} in bar order, using {@code atr[i]} (same length) as the scale at each candidate
     * extreme. Ambiguity: the original raised λ by 0.2 when mean(ATR/close) < 0.3 %; §2 fixes λ = 1.2, so we don't.
     */
    static List<Pivot> pivots(double[] close, double[] high, double[] low, double[] atr) {
        int n = close.length;
        List<Pivot> pivots = new ArrayList<>();
        if (n == 0) {
            return pivots;
        }
        int direction = 0; // +1 rising leg (looking for a high), -1 falling leg, 0 before the first leg
        int hiIdx = 0;
        int loIdx = 0;
        double hi = close[0];
        double lo = close[0];
        for (int i = 1; i < n; i++) {
            double px = close[i];
            if (px > hi) {
                hi = px;
                hiIdx = i;
            }
            if (px < lo) {
                lo = px;
                loIdx = i;
            }
            if (direction == 0) {
                // The first leg is measured from bar 0 and makes bar 0 its opposite pivot.
                double thresh = LAMBDA * atr[0];
                if (px - close[0] >= thresh) {
                    direction = 1;
                    pivots.add(new Pivot(0, false));
                } else if (close[0] - px >= thresh) {
                    direction = -1;
                    pivots.add(new Pivot(0, true));
                }
                continue;
            }
            if (direction == 1) {
                double a = atr[hiIdx];
                boolean reversed = hi - px >= LAMBDA * a || hi - low[i] >= LAMBDA * a - WICK_RELAXER * a;
                if (reversed && confirmed(pivots, hiIdx, i)) {
                    pivots.add(new Pivot(hiIdx, true));
                    direction = -1;
                    lo = px;
                    loIdx = i;
                }
            } else {
                double a = atr[loIdx];
                boolean reversed = px - lo >= LAMBDA * a || high[i] - lo >= LAMBDA * a - WICK_RELAXER * a;
                if (reversed && confirmed(pivots, loIdx, i)) {
                    pivots.add(new Pivot(loIdx, false));
                    direction = 1;
                    hi = px;
                    hiIdx = i;
                }
            }
        }
        // The running extreme of an unfinished leg counts once it has held for the backstep.
        if (direction == 1 && n - 1 - hiIdx >= BACKSTEP && legLongEnough(pivots, hiIdx)) {
            pivots.add(new Pivot(hiIdx, true));
        } else if (direction == -1 && n - 1 - loIdx >= BACKSTEP && legLongEnough(pivots, loIdx)) {
            pivots.add(new Pivot(loIdx, false));
        }
        return pivots;
    }

    /** The extreme has held for the backstep and its leg is long enough. */
    private static boolean confirmed(List<Pivot> pivots, int extreme, int now) {
        return now - extreme >= BACKSTEP && legLongEnough(pivots, extreme);
    }

    private static boolean legLongEnough(List<Pivot> pivots, int extreme) {
        return pivots.isEmpty() || extreme - pivots.get(pivots.size() - 1).index() >= MIN_LEG_BARS;
    }
}
