package lotus.engine;

import static lotus.engine.EngineFixtures.HOUR;
import static lotus.engine.EngineFixtures.fromCloses;
import static lotus.engine.EngineFixtures.gate;
import static lotus.engine.EngineFixtures.path;
import static lotus.engine.EngineFixtures.previous;
import static lotus.engine.EngineFixtures.seg;
import static lotus.engine.EngineFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import lotus.engine.EngineOutput.Flags;
import lotus.market.Bar;
import org.junit.jupiter.api.Test;

/** One test per row of the §2 state table, on bar series built to reach that row; plus dormancy and slicing. */
class UptrendEngineTest {

    private static final EngineState S0 = EngineState.S0;
    private static final EngineState S1 = EngineState.S1;
    private static final EngineState S2 = EngineState.S2;
    private static final EngineState S3 = EngineState.S3;
    private static final EngineState S4 = EngineState.S4;

    // 1000 bars each (one window, so "landing" the last close on an EMA is exact).
    private static final double[] DECLINE = path(100, seg(1000, -0.003));
    private static final double[] RISE = path(100, seg(1000, 0.003));
    private static final double[] FLAT = path(100, seg(1000, 0));
    /** Decline, then a rally: fast band above EMA60, price above EMA60 but below EMA333. */
    private static final double[] RALLY = path(100, seg(960, -0.003), seg(40, 0.01));
    /** Decline, a longer rally: price above EMA333 while the slow EMAs are still bearish. */
    private static final double[] BREAKOUT = path(100, seg(880, -0.003), seg(120, 0.012));
    /** Decline, a rally, then sideways: fast band above EMA60, TS ≈ 0.49, below EMA333. */
    private static final double[] BASE = path(100, seg(900, -0.003), seg(60, 0.01), seg(40, 0));
    /** Decline ending in a one-bar doubling: still the bearish order, yet price above EMA333. */
    private static final double[] SPIKE = path(100, seg(999, -0.003), seg(1, 1.0));
    /** Long rise ending in a crash below EMA333: the bullish order still holds. */
    private static final double[] CRASH = path(100, seg(999, 0.003), seg(1, -0.6));
    /** Long rise, then a dip into the EMA333..EMA144 hallway; not the bullish order any more. */
    private static final double[] DIP = path(100, seg(960, 0.003), seg(40, -0.006));

    private static Features features(double[] closes) {
        return Features.compute(BarSeries.of(fromCloses(closes)));
    }

    /** The same path with its last close replaced by {@code ema} of the bars before times {@code factor}. */
    private static double[] landOn(double[] closes, ToDoubleFunction<Features> ema, double factor) {
        double[] out = closes.clone();
        out[out.length - 1] = ema.applyAsDouble(features(Arrays.copyOf(closes, closes.length - 1))) * factor;
        return out;
    }

    private static EngineOutput eval(double[] closes, EngineOutput prev, UptrendEngine.LevelsFunction levels,
            UptrendEngine.EdxFunction edx) {
        return UptrendEngine.evaluate(fromCloses(closes), prev, levels, edx);
    }

    private static EngineOutput eval(double[] closes, EngineState from) {
        return eval(closes, from == null ? null : prev(from, closes, null, false), EngineFixtures.NO_LEVELS,
                EngineFixtures.constantEdx(0.4));
    }

    private static EngineOutput prev(EngineState state, double[] closes, Long s3Start, boolean emergency) {
        return previous(state, time(closes.length - 1), s3Start, emergency);
    }

    private static void assertTransition(EngineOutput out, EngineState from, EngineState to, Flags flags,
            String reason) {
        assertThat(out.prevState()).isEqualTo(from);
        assertThat(out.state()).isEqualTo(to);
        assertThat(out.flags()).isEqualTo(flags);
        assertThat(out.exitReason()).isEqualTo(reason);
    }

    private static Flags flags(boolean buySignal, boolean buyFlag, boolean trim, boolean emergency, boolean exit,
            boolean reclaimed) {
        return new Flags(buySignal, buyFlag, trim, emergency, exit, reclaimed);
    }

    @Test
    void noneGoesToS0OnTheBearishOrder() {
        assertThat(UptrendRules.s0Order(features(DECLINE))).isTrue();
        EngineOutput out = eval(DECLINE, null);
        assertTransition(out, null, S0, Flags.NONE, null);
        assertThat(gate(out, "none.s0_order").passed()).isTrue();
        assertThat(out.transitioned()).isTrue();
        assertThat(out.scores()).isEqualTo(new EngineOutput.Scores(0, 0, 0, 0, 0.5));
    }

    @Test
    void noneGoesToS4OtherwiseEvenInTheBullishOrder() {
        assertTransition(eval(RISE, null), null, S4, Flags.NONE, null);
        assertTransition(eval(FLAT, null), null, S4, Flags.NONE, null);
    }

    @Test
    void s4GoesToS0OnTheBearishOrderAndWatchesOtherwise() {
        EngineOutput out = eval(DECLINE, S4);
        assertTransition(out, S4, S0, Flags.NONE, null);
        assertThat(gate(out, "s4.s0_order").passed()).isTrue();
        // There is no S4→S3 path: the bullish order keeps watching.
        assertTransition(eval(RISE, S4), S4, S4, Flags.NONE, null);
    }

    @Test
    void s0GoesToS1WithTheFastBandAndPriceAboveEma60AndEvaluatesTheBuyOnTheSameBar() {
        Features f = features(RALLY);
        assertThat(UptrendRules.fastBandAbove60(f)).isTrue();
        assertThat(f.price()).isGreaterThan(f.ema60()).isLessThan(f.ema333());
        EngineOutput far = eval(RALLY, S0);
        assertTransition(far, S0, S1, Flags.NONE, null);
        assertThat(gate(far, "s1.near_ema60").passed()).isFalse();

        // Just above EMA60 with a level on it: the S1 buy fires on the transition bar.
        double[] near = landOn(BASE, Features::ema60, 1.001);
        Features g = features(near);
        List<SrLevel> onEma60 = List.of(new SrLevel(g.ema60(), 10));
        EngineOutput buy = eval(near, prev(S0, near, null, false), EngineFixtures.fixedLevels(onEma60),
                EngineFixtures.constantEdx(0.4));
        assertTransition(buy, S0, S1, flags(true, false, false, false, false, false), null);
        assertThat(buy.scores().srBoost()).isGreaterThan(0.24);
    }

    @Test
    void s0StaysWithoutTheFastBandOrWithPriceOnlyAtEma60() {
        assertTransition(eval(DECLINE, S0), S0, S0, Flags.NONE, null);
        double[] onEma60 = landOn(BASE, Features::ema60, 1.0);
        Features f = features(onEma60);
        assertThat(UptrendRules.fastBandAbove60(f)).isTrue();
        assertThat(f.price()).isEqualTo(f.ema60());
        EngineOutput out = eval(onEma60, S0);
        assertTransition(out, S0, S0, Flags.NONE, null);
        assertThat(gate(out, "s0.fast_band_above_ema60").passed()).isTrue();
        assertThat(gate(out, "s0.price_above_ema60").passed()).isFalse();
    }

    @Test
    void s1FallsToS0WithExitAndEmergencyExitOnTheBearishOrder() {
        EngineOutput out = eval(DECLINE, S1);
        assertTransition(out, S1, S0, flags(false, false, false, true, true, false), "s1_to_s0_bearish_order");
    }

    @Test
    void s1BearishOrderWinsOverPriceAboveEma333() {
        Features f = features(SPIKE);
        assertThat(UptrendRules.s0Order(f)).isTrue();
        assertThat(f.price()).isGreaterThan(f.ema333());
        assertTransition(eval(SPIKE, S1), S1, S0, flags(false, false, false, true, true, false),
                "s1_to_s0_bearish_order");
    }

    @Test
    void s1GoesToS2AbovePriceEma333WithoutFlags() {
        Features f = features(BREAKOUT);
        assertThat(UptrendRules.s0Order(f)).isFalse();
        assertThat(f.price()).isGreaterThan(f.ema333());
        EngineOutput out = eval(BREAKOUT, S1);
        assertTransition(out, S1, S2, Flags.NONE, null);
        assertThat(out.scores().ts()).isZero();
    }

    @Test
    void s1StaysWithItsBuySignalAndPriceOnlyAtEma333IsNoBreakout() {
        double[] atEma60 = landOn(BASE, Features::ema60, 1.0);
        Features f = features(atEma60);
        List<SrLevel> onEma60 = List.of(new SrLevel(f.ema60(), 10));
        EngineOutput buy = eval(atEma60, prev(S1, atEma60, null, false), EngineFixtures.fixedLevels(onEma60),
                EngineFixtures.constantEdx(0.4));
        assertTransition(buy, S1, S1, flags(true, false, false, false, false, false), null);
        assertThat(gate(buy, "s1.near_ema60").value()).isZero();

        double[] atEma333 = landOn(DIP, Features::ema333, 1.0);
        assertThat(features(atEma333).price()).isEqualTo(features(atEma333).ema333());
        EngineOutput stay = eval(atEma333, S1);
        assertThat(stay.state()).isEqualTo(S1);
        assertThat(gate(stay, "s1.price_above_ema333").passed()).isFalse();
    }

    @Test
    void s1BuySignalNeedsTsPlusTheStrengthNormalisedBoostToReach060() {
        double[] atEma60 = landOn(BASE, Features::ema60, 1.0);
        Features f = features(atEma60);
        double ts = UptrendScores.ts(f.rsiSlope10(), f.adxSlope10());
        assertThat(ts).isBetween(0.40, 0.58);
        for (double margin : new double[] {0.002, -0.002}) {
            double boost = 0.60 - ts + margin;
            // The strongest level (20) sits at d = ATR·(1 − boost/0.25) from EMA60, a weak one (1) right on it:
            // normalised, the weak one adds 1/20 × 0.25 = 0.0125; raw strength would have capped it at 0.25.
            double d = f.atr() * (1 - boost / 0.25);
            List<SrLevel> levels = List.of(new SrLevel(f.ema60() + d, 20), new SrLevel(f.ema60(), 1));
            EngineOutput out = eval(atEma60, prev(S1, atEma60, null, false), EngineFixtures.fixedLevels(levels),
                    EngineFixtures.constantEdx(0.4));
            assertThat(out.scores().srBoost()).isCloseTo(boost, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(gate(out, "s1.ts_plus_boost").limit()).isEqualTo(0.60);
            assertThat(out.flags().buySignal()).as("margin %s", margin).isEqualTo(margin > 0);
        }
    }

    @Test
    void s2FallsBackToS1BelowEma333BeforeLookingAtTheBullishOrder() {
        Features f = features(CRASH);
        assertThat(UptrendRules.s3Order(f)).isTrue();
        assertThat(f.price()).isLessThan(f.ema333());
        assertTransition(eval(CRASH, S2), S2, S1, Flags.NONE, null);
    }

    @Test
    void s2GoesToS3OnTheBullishOrderAndStartsTheEpisodeOnThisBar() {
        List<Integer> episodeLengths = new ArrayList<>();
        UptrendEngine.EdxFunction edx = (h, l, c, v, from, to) -> {
            episodeLengths.add(to - from);
            return 0.42;
        };
        EngineOutput out = eval(RISE, prev(S2, RISE, null, false), EngineFixtures.NO_LEVELS, edx);
        assertTransition(out, S2, S3, Flags.NONE, null);
        assertThat(out.s3StartMs()).isEqualTo(time(RISE.length - 1));
        assertThat(episodeLengths).containsExactly(1);
        assertThat(out.scores().edx()).isEqualTo(0.42);
        assertThat(out.scores().ox()).isEqualTo(UptrendScores.oxS3(out.features(), 0.42));
        assertThat(out.scores().dx()).isEqualTo(UptrendScores.dx(out.features(), 0.42));
        assertThat(gate(out, "s3.emergency_exit").passed()).isFalse();
    }

    @Test
    void s2StaysWithTheEma333RetestBuyOxAndTrimGates() {
        double[] atEma333 = landOn(DIP, Features::ema333, 1.0);
        Features f = features(atEma333);
        assertThat(UptrendRules.s3Order(f)).isFalse();
        EngineOutput out = eval(atEma333, S2);
        assertTransition(out, S2, S2, flags(false, true, false, false, false, false), null);
        assertThat(gate(out, "s2.price_below_ema333").passed()).isFalse();
        assertThat(gate(out, "s2.near_ema333").limit()).isEqualTo(0.5 * f.atr());
        assertThat(out.scores().ox()).isEqualTo(UptrendScores.oxS2(f));
        assertThat(gate(out, "trim.ox").value()).isEqualTo(out.scores().ox());
        assertThat(gate(out, "trim.near_level").value()).isNaN();

        // 0.6 ATR away is outside the 0.5×ATR retest halo.
        double[] above = atEma333.clone();
        above[above.length - 1] = f.ema333() + f.atr(); // about one ATR above, twice the halo
        EngineOutput miss = eval(above, S2);
        assertThat(miss.state()).isEqualTo(S2);
        assertThat(gate(miss, "s2.near_ema333").passed()).isFalse();
        assertThat(miss.flags().buyFlag()).isFalse();
    }

    @Test
    void s3FallsToS0WithExitWhenAllEmasAreBelowEma333() {
        EngineOutput out = eval(DECLINE, prev(S3, DECLINE, time(10), false), EngineFixtures.NO_LEVELS,
                EngineFixtures.constantEdx(0.4));
        assertTransition(out, S3, S0, flags(false, false, false, false, true, false), "all_emas_below_333");
        assertThat(out.s3StartMs()).isNull();
    }

    @Test
    void s3StaysKeepsItsEpisodeAndComputesEdxOverItsBars() {
        List<double[]> episodes = new ArrayList<>();
        UptrendEngine.EdxFunction edx = (h, l, c, v, from, to) -> {
            episodes.add(Arrays.copyOfRange(c, from, to));
            return 0.8;
        };
        long start = time(RISE.length - 50);
        EngineOutput out = eval(RISE, prev(S3, RISE, start, false), EngineFixtures.NO_LEVELS, edx);
        assertTransition(out, S3, S3, Flags.NONE, null);
        assertThat(out.s3StartMs()).isEqualTo(start);
        assertThat(episodes).hasSize(1);
        assertThat(episodes.get(0)).containsExactly(Arrays.copyOfRange(RISE, 950, 1000));
        assertThat(out.scores().edx()).isEqualTo(0.8);
    }

    @Test
    void edxSeesAtMostTheLast500BarsOfALongEpisode() {
        List<double[]> episodes = new ArrayList<>();
        UptrendEngine.EdxFunction edx = (h, l, c, v, from, to) -> {
            episodes.add(Arrays.copyOfRange(c, from, to));
            return 0.5;
        };
        eval(RISE, prev(S3, RISE, time(0), false), EngineFixtures.NO_LEVELS, edx);
        assertThat(episodes.get(0)).containsExactly(Arrays.copyOfRange(RISE, 500, 1000));
    }

    @Test
    void s3EmergencyExitIsAFlagThatBlocksTheBuyNotATransition() {
        EngineOutput out = eval(CRASH, prev(S3, CRASH, time(500), false), EngineFixtures.NO_LEVELS,
                EngineFixtures.constantEdx(0.3));
        assertTransition(out, S3, S3, flags(false, false, false, true, false, false), null);
        assertThat(gate(out, "s3.dx_zone").passed()).isFalse();
    }

    @Test
    void reclaimedEma333NeedsThePreviousEmergencyAndPriceBackAtEma333() {
        double[] atEma333 = landOn(DIP, Features::ema333, 1.0);
        UptrendEngine.LevelsFunction none = EngineFixtures.NO_LEVELS;
        UptrendEngine.EdxFunction edx = EngineFixtures.constantEdx(0.3);
        EngineOutput back = eval(atEma333, prev(S3, atEma333, time(500), true), none, edx);
        assertThat(back.flags().reclaimedEma333()).isTrue();
        assertThat(back.flags().emergencyExit()).isFalse();
        assertThat(eval(atEma333, prev(S3, atEma333, time(500), false), none, edx).flags().reclaimedEma333())
                .isFalse();
        EngineOutput stillBelow = eval(CRASH, prev(S3, CRASH, time(500), true), none, edx);
        assertThat(stillBelow.flags().reclaimedEma333()).isFalse();
        assertThat(stillBelow.flags().emergencyExit()).isTrue();
    }

    @Test
    void s3DxBuyAtEma333FollowsTheEdxBands() {
        double[] atEma333 = landOn(DIP, Features::ema333, 1.0);
        Features f = features(atEma333);
        List<Boolean> seen = new ArrayList<>();
        for (double edx : new double[] {0.3, 0.55, 0.65, 0.7, 0.9}) {
            EngineOutput out = eval(atEma333, prev(S3, atEma333, time(500), false), EngineFixtures.NO_LEVELS,
                    EngineFixtures.constantEdx(edx));
            double threshold = edx >= 0.7 ? 0.75 : edx >= 0.5 ? 0.60 + (edx - 0.5) * 0.5 : 0.60;
            assertThat(gate(out, "s3.dx_threshold").limit()).isCloseTo(threshold,
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(gate(out, "s3.dx_zone").passed()).isTrue();
            boolean expected = UptrendScores.dx(f, edx) >= threshold;
            assertThat(out.flags().buyFlag()).as("edx %s", edx).isEqualTo(expected);
            seen.add(expected);
        }
        assertThat(seen).contains(true, false);
    }

    @Test
    void s3DxZoneRunsFromEma333ToEma144Inclusive() {
        UptrendEngine.EdxFunction edx = EngineFixtures.constantEdx(0.3);
        for (double factor : new double[] {1.0, 1.0005}) {
            double[] top = landOn(DIP, Features::ema144, factor);
            Features f = features(top);
            EngineOutput out = eval(top, prev(S3, top, time(500), false), EngineFixtures.NO_LEVELS, edx);
            assertThat(gate(out, "s3.dx_zone").passed()).as("factor %s", factor).isEqualTo(factor == 1.0);
            assertThat(gate(out, "s3.dx_zone").limit()).isEqualTo(f.ema144());
        }
        double[] bottom = landOn(DIP, Features::ema333, 0.9995);
        EngineOutput below = eval(bottom, prev(S3, bottom, time(500), false), EngineFixtures.NO_LEVELS, edx);
        assertThat(gate(below, "s3.dx_zone").passed()).isFalse();
        assertThat(below.flags().emergencyExit()).isTrue();
    }

    @Test
    void aRiseThenAFallWalksTheTableInOrder() {
        List<Bar> bars = fromCloses(path(100, seg(500, -0.003), seg(700, 0.004), seg(700, -0.004)));
        List<EngineOutput> outs = UptrendEngine.replay(bars, EngineFixtures.NO_LEVELS,
                EngineFixtures.constantEdx(0.5));
        List<EngineState> walk = new ArrayList<>();
        for (EngineOutput o : outs) {
            if (o.transitioned()) {
                walk.add(o.state());
            }
        }
        assertThat(walk).containsExactly(S0, S1, S2, S3, S0);
        EngineOutput exit = outs.stream().filter(o -> o.flags().exitPosition()).findFirst().orElseThrow();
        assertThat(exit.exitReason()).isEqualTo("all_emas_below_333");
        assertThat(exit.prevState()).isEqualTo(S3);
    }

    @Test
    void dormantBelow333BarsThenTheMachineStartsFromNone() {
        List<Bar> bars = fromCloses(path(100, seg(340, 0.002)));
        List<EngineOutput> outs = UptrendEngine.replay(bars, EngineFixtures.NO_LEVELS, EngineFixtures.constantEdx(0.5));
        EngineOutput last = outs.get(331);
        assertThat(last.bars()).isEqualTo(332);
        assertThat(last.dormant()).isTrue();
        assertThat(last.prevState()).isNull();
        assertThat(last.features()).isNotNull();
        assertThat(last.flags()).isEqualTo(Flags.NONE);
        assertThat(last.gates()).isEmpty();
        EngineOutput first = outs.get(332);
        assertThat(first.bars()).isEqualTo(Features.BARS_THRESHOLD);
        assertThat(first.state()).isEqualTo(S4);
        assertThat(first.prevState()).isNull();
        assertThat(outs.get(0).features().price()).isEqualTo(bars.get(0).close().doubleValue());
    }

    @Test
    void rejectsBarsOutOfOrderAndAPreviousOutputNotBeforeTheBar() {
        List<Bar> bars = new ArrayList<>(fromCloses(path(100, seg(20, 0.001))));
        Bar moved = bars.remove(3);
        bars.add(moved);
        assertThatThrownBy(() -> UptrendEngine.evaluate(bars, null)).isInstanceOf(IllegalArgumentException.class);
        List<Bar> ok = fromCloses(path(100, seg(20, 0.001)));
        EngineOutput sameBar = previous(S0, time(19) + HOUR, null, false);
        assertThatThrownBy(() -> UptrendEngine.evaluate(ok, sameBar)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UptrendEngine.evaluate(List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void levelsComeFromTheTrailing9999ClosesAndThePreviousStayWhenNoneCanBeBuilt() {
        List<Bar> bars = fromCloses(path(100, seg(10_050, 0.0001)));
        List<double[]> slices = new ArrayList<>();
        List<SrLevel> built = List.of(new SrLevel(120, 3));
        UptrendEngine.LevelsFunction recording = (closes, from, to) -> {
            slices.add(Arrays.copyOfRange(closes, from, to));
            return built;
        };
        EngineOutput out = UptrendEngine.evaluate(bars, null, recording, EngineFixtures.constantEdx(0.5));
        assertThat(slices.get(0)).hasSize(9999);
        assertThat(slices.get(0)[0]).isEqualTo(bars.get(51).close().doubleValue());
        assertThat(slices.get(0)[9998]).isEqualTo(bars.get(10_049).close().doubleValue());
        assertThat(out.levels()).isEqualTo(built);

        List<Bar> more = fromCloses(path(100, seg(10_051, 0.0001)));
        EngineOutput kept = UptrendEngine.evaluate(more, out, EngineFixtures.NO_LEVELS,
                EngineFixtures.constantEdx(0.5));
        assertThat(kept.levels()).isEqualTo(built);
    }
}
