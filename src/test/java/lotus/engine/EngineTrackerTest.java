package lotus.engine;

import static lotus.engine.EngineFixtures.DERIVED_EDX;
import static lotus.engine.EngineFixtures.DERIVED_LEVELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import lotus.market.Bar;
import org.junit.jupiter.api.Test;

/** The incremental engine against the full recompute (UptrendEngine) and against itself resumed. */
class EngineTrackerTest {

    /** Seeds whose 2500 regime bars together reach every transition and every flag but the rare S3 DX buy. */
    private static final long[] SEEDS = {3L, 6L, 8L};

    private static List<EngineOutput> track(List<Bar> bars) {
        EngineTracker t = new EngineTracker(DERIVED_LEVELS, DERIVED_EDX);
        List<EngineOutput> out = new ArrayList<>();
        for (Bar b : bars) {
            out.add(t.advance(b));
        }
        return out;
    }

    private static boolean close(double a, double b) {
        // Relative 1e-9, plus an absolute floor for values that are rounding noise around 0 (slopes of a flat EMA).
        return Double.compare(a, b) == 0 || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
    }

    private static void assertFeaturesClose(Features actual, Features expected, String where) {
        if (expected == null) {
            assertThat(actual).as(where).isNull();
            return;
        }
        for (RecordComponent c : Features.class.getRecordComponents()) {
            try {
                double a = (double) c.getAccessor().invoke(actual);
                double e = (double) c.getAccessor().invoke(expected);
                assertThat(close(a, e)).as("%s %s: tracker %s, full %s", where, c.getName(), a, e).isTrue();
            } catch (ReflectiveOperationException ex) {
                throw new AssertionError(ex);
            }
        }
    }

    private static void assertSameOutput(EngineOutput actual, EngineOutput expected, String where) {
        assertThat(actual.barOpenTimeMs()).as(where).isEqualTo(expected.barOpenTimeMs());
        assertThat(actual.bars()).as(where).isEqualTo(expected.bars());
        assertThat(actual.state()).as(where + " state").isEqualTo(expected.state());
        assertThat(actual.prevState()).as(where + " prevState").isEqualTo(expected.prevState());
        assertThat(actual.flags()).as(where + " flags").isEqualTo(expected.flags());
        assertThat(actual.s3StartMs()).as(where + " s3StartMs").isEqualTo(expected.s3StartMs());
        assertThat(actual.exitReason()).as(where + " exitReason").isEqualTo(expected.exitReason());
        assertThat(actual.levels()).as(where + " levels").isEqualTo(expected.levels());
        assertFeaturesClose(actual.features(), expected.features(), where);
        EngineOutput.Scores s = actual.scores();
        EngineOutput.Scores e = expected.scores();
        assertThat(close(s.ts(), e.ts()) && close(s.srBoost(), e.srBoost()) && close(s.ox(), e.ox())
                && close(s.dx(), e.dx()) && close(s.edx(), e.edx())).as("%s scores %s vs %s", where, s, e).isTrue();
        assertThat(actual.gates()).as(where + " gates").hasSameSizeAs(expected.gates());
        for (int g = 0; g < expected.gates().size(); g++) {
            Gate a = actual.gates().get(g);
            Gate x = expected.gates().get(g);
            assertThat(a.name()).isEqualTo(x.name());
            assertThat(a.passed()).as("%s %s", where, a.name()).isEqualTo(x.passed());
            assertThat(close(a.value(), x.value()) && close(a.limit(), x.limit())).as("%s %s vs %s", where, a, x)
                    .isTrue();
        }
    }

    @Test
    void featuresAreBitForBitTheFullRecomputeUntilTheWindowSlides() {
        for (long seed : SEEDS) {
            List<Bar> bars = EngineFixtures.bars(Naive.Ohlcv.random(seed, BarSeries.WINDOW));
            List<EngineOutput> outs = track(bars);
            for (int i = 0; i < bars.size(); i++) {
                Features full = Features.compute(BarSeries.of(bars.subList(0, i + 1)));
                assertThat(outs.get(i).features()).as("seed %d bar %d", seed, i).isEqualTo(full);
            }
        }
    }

    @Test
    void featuresMatchTheFullRecomputeWhileTheWindowSlides() {
        List<Bar> bars = EngineFixtures.bars(EngineFixtures.regimes(99L, 3200));
        List<EngineOutput> outs = track(bars);
        for (int i = BarSeries.WINDOW; i < bars.size(); i++) {
            assertFeaturesClose(outs.get(i).features(), Features.compute(BarSeries.of(bars.subList(0, i + 1))),
                    "bar " + i);
        }
    }

    @Test
    void trackerGivesTheOutputsOfTheFullRecompute() {
        Set<EngineState> states = EnumSet.noneOf(EngineState.class);
        Set<String> events = new java.util.TreeSet<>();
        for (long seed : SEEDS) {
            List<Bar> bars = EngineFixtures.bars(EngineFixtures.regimes(seed, 2500));
            List<EngineOutput> full = UptrendEngine.replay(bars, DERIVED_LEVELS, DERIVED_EDX);
            List<EngineOutput> inc = track(bars);
            for (int i = 0; i < bars.size(); i++) {
                EngineOutput o = full.get(i);
                assertSameOutput(inc.get(i), o, "seed " + seed + " bar " + i);
                if (o.state() != null) {
                    states.add(o.state());
                }
                if (o.transitioned()) {
                    events.add(o.prevState() + ">" + o.state());
                }
                EngineOutput.Flags f = o.flags();
                if (f.buySignal()) {
                    events.add("buySignal");
                }
                if (f.buyFlag()) {
                    events.add("buyFlag " + o.state());
                }
                if (f.trimFlag()) {
                    events.add("trim " + o.state());
                }
                if (f.emergencyExit()) {
                    events.add("emergency " + o.state());
                }
                if (f.reclaimedEma333()) {
                    events.add("reclaimed");
                }
            }
        }
        // The comparison is only worth something if the series went everywhere.
        assertThat(states).containsExactlyInAnyOrder(EngineState.values());
        assertThat(events).contains("null>S0", "null>S4", "S4>S0", "S0>S1", "S1>S0", "S1>S2", "S2>S1", "S2>S3",
                "S3>S0", "buySignal", "buyFlag S2", "trim S2", "trim S3", "emergency S0", "emergency S3",
                "reclaimed");
    }

    @Test
    void resumeThenAdvanceEqualsAdvancingWithoutInterruption() {
        List<Bar> bars = EngineFixtures.bars(EngineFixtures.regimes(6L, 2500));
        List<EngineOutput> straight = track(bars);
        int inS3 = -1;
        for (int i = 1500; i < bars.size() && inS3 < 0; i++) {
            if (straight.get(i).state() == EngineState.S3 && straight.get(i).s3StartMs() < bars.get(i).openTimeMs()) {
                inS3 = i + 1;
            }
        }
        assertThat(inS3).isPositive();
        for (int split : new int[] {0, 200, 333, 1000, 1499, inS3}) {
            EngineOutput last = split == 0 ? null : straight.get(split - 1);
            EngineTracker t = EngineTracker.resume(bars.subList(0, split), last, DERIVED_LEVELS, DERIVED_EDX);
            assertThat(t.bars()).isEqualTo(split);
            assertThat(t.last()).isSameAs(last);
            for (int i = split; i < bars.size(); i++) {
                assertThat(t.advance(bars.get(i))).as("split %d bar %d", split, i).isEqualTo(straight.get(i));
            }
        }
    }

    @Test
    void aLongSeriesSlidesEveryBufferAndStillMatchesOneFullStep() {
        List<Bar> bars = EngineFixtures.bars(EngineFixtures.regimes(8L, 12_500));
        List<EngineOutput> inc = track(bars);
        int checked = 0;
        for (int i = 1000; i < bars.size(); i += 997) {
            List<Bar> upTo = bars.subList(0, i + 1);
            assertSameOutput(inc.get(i), UptrendEngine.evaluate(upTo, inc.get(i - 1), DERIVED_LEVELS, DERIVED_EDX),
                    "bar " + i);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(inc.subList(10_000, 12_500).stream().anyMatch(o -> o.state() == EngineState.S3)).isTrue();
    }

    @Test
    void thePublicApiWithTheRealGeometryAndEdxAgreesWithItself() {
        List<Bar> bars = EngineFixtures.bars(EngineFixtures.regimes(8L, 1600)); // S3 from bar 1367
        List<EngineOutput> full = UptrendEngine.replay(bars);
        EngineTracker t = new EngineTracker();
        for (int i = 0; i < bars.size(); i++) {
            assertSameOutput(t.advance(bars.get(i)), full.get(i), "bar " + i);
        }
        assertThat(full.get(1599).state()).isEqualTo(EngineState.S3);
        EngineTracker resumed = EngineTracker.resume(bars.subList(0, 1450), full.get(1449));
        for (int i = 1450; i < bars.size(); i++) {
            assertSameOutput(resumed.advance(bars.get(i)), full.get(i), "resumed bar " + i);
        }
    }

    @Test
    void theIncrementalLevelsAndEdxAreTheFullFunctionsOverALongSeriesAndAfterResume() {
        // 15 000 bars: the S/R window slides for 5000 bars and S3 episodes run past the 500-bar EDX cap.
        List<Bar> bars = EngineFixtures.bars(EngineFixtures.regimes(8L, 15_000));
        int n = bars.size();
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = bars.get(i).high().doubleValue();
            l[i] = bars.get(i).low().doubleValue();
            c[i] = bars.get(i).close().doubleValue();
            v[i] = bars.get(i).volume().doubleValue();
        }
        EngineTracker t = new EngineTracker();
        List<EngineOutput> outs = new ArrayList<>();
        EngineOutput prev = null;
        int s3 = 0;
        int capped = 0;
        for (int i = 0; i < n; i++) {
            EngineOutput o = t.advance(bars.get(i));
            assertThat(o.levels()).as("bar %d levels", i)
                    .isEqualTo(UptrendEngine.levelsOrPrevious(SrGeometry.levels(c, 0, i + 1), prev));
            if (o.state() == EngineState.S3) {
                int from = i + 1 - Math.min(i + 1, Edx.MAX_BARS);
                while (bars.get(from).openTimeMs() < o.s3StartMs()) {
                    from++;
                }
                capped += bars.get(from).openTimeMs() > o.s3StartMs() ? 1 : 0;
                assertThat(o.scores().edx()).as("bar %d EDX", i).isEqualTo(Edx.edx(h, l, c, v, from, i + 1));
                s3++;
            }
            outs.add(o);
            prev = o;
        }
        assertThat(s3).isGreaterThan(2000);
        assertThat(capped).isGreaterThan(100);
        EngineTracker resumed = EngineTracker.resume(bars.subList(0, 12_000), outs.get(11_999));
        for (int i = 12_000; i < n; i++) {
            assertThat(resumed.advance(bars.get(i))).as("resumed bar %d", i).isEqualTo(outs.get(i));
        }
    }

    @Test
    void dormantBelow333Bars() {
        List<EngineOutput> outs = track(EngineFixtures.bars(EngineFixtures.regimes(3L, 340)));
        assertThat(outs.subList(0, 332)).allMatch(o -> o.dormant() && o.prevState() == null
                && o.flags().equals(EngineOutput.Flags.NONE) && o.gates().isEmpty() && o.features() != null);
        assertThat(outs.get(332).dormant()).isFalse();
        assertThat(outs.get(332).prevState()).isNull();
    }

    @Test
    void rejectsABarThatDoesNotOpenAfterTheLastOne() {
        List<Bar> bars = EngineFixtures.bars(Naive.Ohlcv.random(5L, 3));
        EngineTracker t = new EngineTracker(DERIVED_LEVELS, DERIVED_EDX);
        assertThat(t.lastBarOpenTimeMs()).isEqualTo(-1);
        assertThat(t.bars()).isZero();
        assertThat(t.last()).isNull();
        t.advance(bars.get(0));
        t.advance(bars.get(1));
        EngineOutput last = t.last();
        assertThatThrownBy(() -> t.advance(bars.get(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.advance(bars.get(0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.last()).isSameAs(last);
        assertThat(t.bars()).isEqualTo(2);
        assertThat(t.lastBarOpenTimeMs()).isEqualTo(bars.get(1).openTimeMs());
        t.advance(bars.get(2));
        assertThat(t.bars()).isEqualTo(3);
    }

    @Test
    void resumeRejectsAnOutputOfAnotherBar() {
        List<Bar> bars = EngineFixtures.bars(Naive.Ohlcv.random(5L, 10));
        List<EngineOutput> outs = track(bars);
        assertThatThrownBy(() -> EngineTracker.resume(bars.subList(0, 9), outs.get(9), DERIVED_LEVELS, DERIVED_EDX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineTracker.resume(List.of(), outs.get(0), DERIVED_LEVELS, DERIVED_EDX))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
