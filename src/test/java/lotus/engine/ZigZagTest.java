package lotus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import lotus.engine.ZigZag.Pivot;
import org.junit.jupiter.api.Test;

class ZigZagTest {

    /**
     * Legs 100→120 (bars 0–5), →104 (9), →116 (13), →108 (17), →116 (21). With ATR 2 the close threshold is
     * λ·ATR = 2.4 and the wick threshold (λ − 0.25)·ATR = 1.9.
     */
    static final double[] TRIANGLE = {100, 104, 108, 112, 116, 120, 116, 112, 108, 104, 107, 110, 113, 116, 114, 112,
        110, 108, 110, 112, 114, 116};

    static double[] flat(int n, double x) {
        double[] a = new double[n];
        Arrays.fill(a, x);
        return a;
    }

    static List<Pivot> pivots(double[] c) {
        return ZigZag.pivots(c, c, c, flat(c.length, 2));
    }

    @Test
    void findsEachTurnOnceItHeldThreeBars() {
        // Bar 0 opens the first leg as a low; each extreme is confirmed three bars after it; the last leg (17→21) is
        // still running and its high has not held three bars.
        assertThat(pivots(TRIANGLE)).containsExactly(new Pivot(0, false), new Pivot(5, true), new Pivot(9, false),
                new Pivot(13, true), new Pivot(17, false));
    }

    @Test
    void anUnfinishedLegsExtremeCountsOnceItHeldThreeBars() {
        double[] c = Arrays.copyOf(TRIANGLE, 25);
        c[22] = 115;
        c[23] = 114.5;
        c[24] = 114.2; // 1.8 below the high: no reversal yet
        assertThat(pivots(c)).endsWith(new Pivot(17, false), new Pivot(21, true));
        assertThat(pivots(Arrays.copyOf(c, 24))).endsWith(new Pivot(13, true), new Pivot(17, false));
    }

    @Test
    void legsShorterThanFourBarsAreSkipped() {
        // Up 100→112 in 3 bars, down to 100 in 3, up to 112 in 3: the 3-bar legs cannot make pivots.
        double[] c = {100, 104, 108, 112, 108, 104, 100, 104, 108, 112, 112, 112};
        assertThat(pivots(c)).containsExactly(new Pivot(0, false));
    }

    @Test
    void theWickRelaxerConfirmsAReversalTheCloseAloneDoesNot() {
        // Up to 120 at bar 5, closes only 1.0 lower for three bars, then a 1.1 dip at bar 9 and a rally: on closes
        // alone the 120 high is never confirmed (the rally just extends the leg); a low wick 1.9 under it at bar 8
        // confirms it, so the dip at bar 9 becomes a low pivot when the rally clears it.
        double[] c = {100, 104, 108, 112, 116, 120, 119, 119, 119, 118.9, 121, 123, 125};
        assertThat(pivots(c)).containsExactly(new Pivot(0, false));
        double[] low = c.clone();
        low[8] = 118.1;
        assertThat(ZigZag.pivots(c, c, low, flat(c.length, 2))).containsExactly(new Pivot(0, false),
                new Pivot(5, true), new Pivot(9, false));
        low[8] = 118.2; // 1.8 under the high
        assertThat(ZigZag.pivots(c, c, low, flat(c.length, 2))).containsExactly(new Pivot(0, false));
    }

    @Test
    void theThresholdScalesWithTheAtrAtTheExtreme() {
        // The same triangle with ATR 10 (threshold 12, wick 9.5): the 8-point dip to 108 at bar 17 is no reversal,
        // so the 116 high of bar 13 is only the tail pivot of a leg still running.
        double[] c = TRIANGLE;
        assertThat(ZigZag.pivots(c, c, c, flat(c.length, 10))).containsExactly(new Pivot(0, false),
                new Pivot(5, true), new Pivot(9, false), new Pivot(13, true));
    }

    @Test
    void noPivotsWithoutAFirstLeg() {
        assertThat(ZigZag.pivots(new double[0], new double[0], new double[0], new double[0])).isEmpty();
        double[] c = {100, 101, 100, 101, 100};
        assertThat(pivots(c)).isEmpty();
    }
}
