package lotus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import lotus.market.Bar;
import org.junit.jupiter.api.Test;

/** The incremental EDX against {@link Edx#edx} over the same episode bars, bar by bar, to the last bit. */
class EdxTrackerTest {

    private record Series(double[] open, double[] high, double[] low, double[] close, double[] volume) {
        static Series of(Naive.Ohlcv o) {
            return new Series(o.open(), o.high(), o.low(), o.close(), o.volume());
        }

        List<Bar> bars() {
            return EngineFixtures.bars(new Naive.Ohlcv(open, high, low, close, volume));
        }
    }

    /** A tracker over a feature window fed {@code bars}. */
    private static final class Fed {
        final RunningFeatures features = new RunningFeatures();
        final EdxTracker edx = new EdxTracker(features);
    }

    /**
     * Random regimes of 20–700 bars: walks of several volatilities and drifts, flat runs (every price equal, so
     * true ranges and ATR are 0), tiny wiggles, and volume that is sometimes 0 for long runs; with
     * {@code tick} > 0 prices sit on a coarse grid, so pivots often have equal closes.
     */
    private static Series series(long seed, int n, double tick) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] op = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double p = 20 + r.nextDouble(200);
        int i = 0;
        while (i < n) {
            int len = Math.min(n - i, 20 + r.nextInt(680));
            int regime = r.nextInt(5);
            double vol = new double[] {0.001, 0.005, 0.01, 0.03}[r.nextInt(4)];
            double drift = (r.nextDouble() - 0.5) * 0.01;
            boolean noVolume = r.nextInt(5) == 0;
            for (int k = 0; k < len; k++, i++) {
                double o = p;
                boolean flat = regime == 2;
                if (!flat) {
                    p *= 1 + (regime == 3 ? 0.0002 * r.nextGaussian() : drift + vol * r.nextGaussian());
                    p = Math.max(0.01, p);
                }
                c[i] = grid(p, tick);
                op[i] = i == 0 ? c[i] : c[i - 1];
                double top = Math.max(op[i], c[i]);
                double bottom = Math.min(op[i], c[i]);
                h[i] = flat ? top : Math.max(top, grid(Math.max(o, p) * (1 + r.nextDouble(0.006)), tick));
                l[i] = flat ? bottom : Math.min(bottom, grid(Math.min(o, p) * (1 - r.nextDouble(0.006)), tick));
                int roll = r.nextInt(50);
                v[i] = noVolume || roll == 0 ? 0 : roll == 1 ? r.nextDouble(1e7) : r.nextDouble(1e4);
            }
        }
        return new Series(op, h, l, c, v);
    }

    private static double grid(double x, double tick) {
        return tick > 0 ? Math.max(tick, Math.round(x / tick) * tick) : x;
    }

    /**
     * Episodes of random length (1 to 1500 bars, so some are capped at 500) with random gaps; at every episode bar
     * the tracker's EDX must equal Edx.edx over the episode's last ≤ 500 bars exactly.
     */
    private static int assertMatches(Series s, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Fed t = new Fed();
        List<Bar> bars = s.bars();
        int n = s.close().length;
        int episodeStart = -1;
        int episodeEnd = -1;
        int checked = 0;
        for (int i = 0; i < n; i++) {
            t.features.push(bars.get(i));
            if (i >= episodeEnd) {
                episodeStart = i + r.nextInt(60);
                int len = r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 1 + r.nextInt(1500);
                episodeEnd = episodeStart + len;
            }
            if (i < episodeStart || r.nextInt(200) == 0) {
                continue; // outside the episode, or a bar the caller skipped
            }
            int to = i + 1;
            int from = Math.max(episodeStart, to - Edx.MAX_BARS);
            double expected = Edx.edx(s.high(), s.low(), s.close(), s.volume(), from, to);
            double actual = t.edx.edx(EngineFixtures.time(episodeStart));
            assertThat(actual).as("seed %d bar %d episode from %d", seed, i, episodeStart).isEqualTo(expected);
            checked++;
        }
        return checked;
    }

    @Test
    void equalsEdxOnLongRandomSeries() {
        for (long seed : new long[] {1, 2, 3}) {
            assertThat(assertMatches(series(seed, 15_000, 0), seed)).isGreaterThan(7000);
        }
    }

    @Test
    void equalsEdxWithPricesOnACoarseGrid() {
        assertMatches(series(5, 15_000, 0.5), 5);
    }

    @Test
    void equalsEdxOnTheEngineFixtures() {
        assertMatches(Series.of(EngineFixtures.regimes(8L, 15_000)), 8);
    }

    /**
     * One long episode evaluated at every bar: once capped, window 1 resumes from window 2's filters and the
     * ZigZags kept over windows 2 and 3's ATR from its 668th bar on (window 2 must have been capped at its first bar);
     * every value still equals Edx.edx exactly, on walks and on a coarse grid (equal closes at pivots).
     */
    @Test
    void aLongCappedEpisodeResumesWindowOneAndStillEqualsEdx() {
        for (double tick : new double[] {0, 0.5}) {
            Series s = series(11, 6000, tick);
            Fed t = new Fed();
            List<Bar> bars = s.bars();
            int episodeStart = 400;
            for (int i = 0; i < bars.size(); i++) {
                t.features.push(bars.get(i));
                if (i >= episodeStart) {
                    int to = i + 1;
                    double expected = Edx.edx(s.high(), s.low(), s.close(), s.volume(),
                            Math.max(episodeStart, to - Edx.MAX_BARS), to);
                    assertThat(t.edx.edx(EngineFixtures.time(episodeStart))).as("tick %s bar %d", tick, i)
                            .isEqualTo(expected);
                }
            }
            assertThat(t.edx.resumed()).isEqualTo(6000 - (episodeStart + 667));
        }
    }

    @Test
    void anEpisodeStartBetweenBarsOrBeforeTheKeptBarsTakesTheBarsThatFeaturesWouldPass() {
        Series s = series(4, 2000, 0);
        Fed t = new Fed();
        for (Bar b : s.bars()) {
            t.features.push(b);
        }
        // Between bars 1700 and 1701: the episode is bars 1701…1999.
        assertThat(t.edx.edx(EngineFixtures.time(1700) + 1))
                .isEqualTo(Edx.edx(s.high(), s.low(), s.close(), s.volume(), 1701, 2000));
        // Long before the last 500 bars: the last 500.
        assertThat(t.edx.edx(EngineFixtures.T0))
                .isEqualTo(Edx.edx(s.high(), s.low(), s.close(), s.volume(), 1500, 2000));
        // After the last bar: no bars, neutral.
        assertThat(t.edx.edx(EngineFixtures.time(5000))).isEqualTo(Edx.NEUTRAL);
    }
}
