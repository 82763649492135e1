package lotus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The incremental S/R levels against {@link SrGeometry#levels} over the same trailing closes, bar by bar. */
class SrTrackerTest {

    private static final int N = 16_000; // > 9999, so the window slides for 6000 bars

    /** Feeds every close and requires the exact levels (same doubles) SrGeometry gives at every bar. */
    private static int assertMatchesEveryBar(double[] c, String what) {
        SrTracker t = new SrTracker();
        int built = 0;
        for (int i = 0; i < c.length; i++) {
            t.push(c[i]);
            List<SrLevel> expected = SrGeometry.levels(c, 0, i + 1);
            assertThat(t.levels()).as("%s bar %d", what, i).isEqualTo(expected);
            if (!expected.isEmpty()) {
                built++;
            }
        }
        return built;
    }

    /** Swing highs at 106 and lows at 100: exactly on the 6 % cluster bound. */
    private static final double[] EXACT = {103, 104, 106, 104, 103, 101, 100, 101};

    /**
     * Random regimes of 30–800 bars: walks of several volatilities and drifts, flat runs (no swings), quiet
     * wiggles under the 0.5 % prominence, tight zigzags (big clusters, equal strengths), swings on the 6 % bound,
     * and, when {@code tick} > 0, every close on a coarse price grid so equal swing closes and distance ties are
     * common.
     */
    private static double[] mixed(long seed, int n, double tick) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] c = new double[n];
        double p = 20 + r.nextDouble(200);
        int i = 0;
        while (i < n) {
            int len = Math.min(n - i, 30 + r.nextInt(770));
            int regime = r.nextInt(7);
            double vol = new double[] {0.002, 0.005, 0.01, 0.02}[r.nextInt(4)];
            double drift = (r.nextDouble() - 0.5) * 0.006;
            double amp = 0.005 + r.nextDouble(0.03);
            for (int k = 0; k < len; k++, i++) {
                switch (regime) {
                    case 0, 1 -> p *= 1 + drift + vol * r.nextGaussian();
                    case 2 -> { } // flat: the same close again
                    case 3 -> p *= 1 + 0.0008 * r.nextGaussian(); // below prominence
                    case 4 -> p *= k % 6 < 3 ? 1 + amp : 1 / (1 + amp); // zigzag around a level
                    case 5 -> p = EXACT[k % EXACT.length]; // swings at 100 and 106: exactly 6 % apart
                    default -> p *= k % 9 == 0 ? 1 + 4 * vol * r.nextGaussian() : 1; // jumps between flats
                }
                p = Math.max(0.05, Math.min(1e6, p));
                c[i] = tick > 0 ? Math.max(tick, Math.round(p / tick) * tick) : p;
            }
        }
        return c;
    }

    @Test
    void equalsTheGeometryOnLongMixedSeries() {
        for (long seed : new long[] {1, 2, 3, 4}) {
            int built = assertMatchesEveryBar(mixed(seed, N, 0), "mixed seed " + seed);
            assertThat(built).isGreaterThan(N / 2);
        }
    }

    @Test
    void equalsTheGeometryWithRepeatedEqualCloses() {
        // A grid of 0.25 around 20–200 puts many swings on the same price and many clusters on equal strengths.
        for (long seed : new long[] {5, 6}) {
            assertMatchesEveryBar(mixed(seed, N, 0.25), "coarse seed " + seed);
        }
        assertMatchesEveryBar(mixed(7, N, 2.0), "very coarse");
    }

    @Test
    void equalsTheGeometryOnTheBenchmarkWalk() {
        // 1 % noise with ±0.5 %/bar drifts for 50 bars: thousands of swings over decades of price, dozens of clusters.
        SplittableRandom r = new SplittableRandom(42);
        double[] c = new double[N];
        double p = 1 + r.nextDouble(100);
        double drift = 0;
        for (int i = 0; i < N; i++) {
            if (i % 50 == 0) {
                drift = (r.nextDouble() - 0.5) * 0.01;
            }
            p = Math.max(1e-6, p * (1 + drift + (r.nextDouble() - 0.5) * 0.02));
            c[i] = p;
        }
        assertMatchesEveryBar(c, "walk");
    }

    @Test
    void swingsLeavingTheWindowEdgeTakeTheLevelsAwayAndBringThemBack() {
        // 2000 swinging bars, then 9000 quiet ones: the swings leave the window one by one until fewer than 3 of each
        // kind remain (empty levels), then a few new swings appear and the count hovers around 3.
        SplittableRandom r = new SplittableRandom(11);
        double[] c = new double[N];
        double p = 100;
        for (int i = 0; i < N; i++) {
            if (i < 2000) {
                p *= 1 + 0.01 * r.nextGaussian();
            } else if (i < 11_000) {
                p = 100 + 0.01 * (i % 3); // under the prominence
            } else {
                p = i % 700 == 350 ? 104 : 100 + 0.01 * (i % 3); // a lone swing high every 700 bars
            }
            c[i] = p;
        }
        SrTracker t = new SrTracker();
        boolean sawEmptyAfterBuilt = false;
        boolean built = false;
        for (int i = 0; i < N; i++) {
            t.push(c[i]);
            List<SrLevel> expected = SrGeometry.levels(c, 0, i + 1);
            assertThat(t.levels()).as("bar %d", i).isEqualTo(expected);
            built |= !expected.isEmpty();
            sawEmptyAfterBuilt |= built && expected.isEmpty();
        }
        assertThat(sawEmptyAfterBuilt).isTrue();
        assertThat(SrGeometry.levels(c, 0, N)).isNotEmpty();
    }

    @Test
    void aFreshTrackerFedTheLastWindowAgreesWithALongRunningOne() {
        double[] c = mixed(9, 25_000, 0);
        SrTracker longRunning = new SrTracker();
        for (double x : c) {
            longRunning.push(x);
        }
        SrTracker fresh = new SrTracker();
        for (int i = c.length - SrGeometry.MAX_BARS; i < c.length; i++) {
            fresh.push(c[i]);
        }
        assertThat(longRunning.levels()).isEqualTo(fresh.levels()).isEqualTo(SrGeometry.levels(c, 0, c.length))
                .isNotEmpty();
    }

    @Test
    void rejectsNaN() {
        assertThatThrownBy(() -> new SrTracker().push(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
