package lotus.engine;

import static lotus.engine.EngineFixtures.gate;
import static lotus.engine.EngineFixtures.previous;
import static lotus.engine.EngineFixtures.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import lotus.engine.EngineFixtures.F;
import org.junit.jupiter.api.Test;

/** The numbers of STRATEGY.md §2 "Scores and flags", by hand, and each threshold from both sides. */
class UptrendScoresTest {

    private static final double EPS = 1e-12;
    private static final double SIGMOID_1 = 0.7310585786300049; // σ(1)
    private static final double SIGMOID_M3_5 = 0.029312230751356319; // σ(−3.5)

    private static EngineOutput step(EngineState from, Features f, List<SrLevel> levels, double edx,
            boolean prevEmergency) {
        long t = time(2000);
        EngineOutput prev = previous(from, t, from == EngineState.S3 ? time(1500) : null, prevEmergency);
        return UptrendRules.step(t, 2000, f, levels, start -> edx, prev);
    }

    @Test
    void tsIsTheMeanOfTheClampedRsiAndAdxSlopeTerms() {
        assertThat(UptrendScores.ts(0, 0)).isEqualTo(0.5);
        assertThat(UptrendScores.ts(1, 0)).isCloseTo((0.6 + 0.5) / 2, within(EPS));
        assertThat(UptrendScores.ts(0, 1)).isCloseTo((0.5 + 0.75) / 2, within(EPS));
        assertThat(UptrendScores.ts(-5, -2)).isZero();
        assertThat(UptrendScores.ts(5, 2)).isEqualTo(1.0);
        assertThat(UptrendScores.ts(40, -9)).isEqualTo(0.5);
    }

    @Test
    void s1BuySignalFlipsAtTsPlusBoost060() {
        for (double margin : new double[] {0.001, -0.001}) {
            F f = s1AtEma60();
            f.rsiSlope10 = 1 + 20 * margin; // TS = (0.6 + 2·margin + 0.6)/2 = 0.60 + margin
            f.adxSlope10 = 0.4;
            EngineOutput out = step(EngineState.S1, f.build(), List.of(), 0.5, false);
            assertThat(out.state()).isEqualTo(EngineState.S1);
            assertThat(out.scores().ts()).isCloseTo(0.60 + margin, within(1e-12));
            assertThat(out.flags().buySignal()).as("margin %s", margin).isEqualTo(margin > 0);
        }
    }

    @Test
    void s1BuySignalNeedsPriceWithinOneAtrOfEma60AndARisingSlope() {
        F f = s1AtEma60();
        f.rsiSlope10 = 5;
        f.price = f.ema60 + 1.0 * f.atr;
        assertThat(step(EngineState.S1, f.build(), List.of(), 0.5, false).flags().buySignal()).isTrue();
        f.price = f.ema60 - 1.001 * f.atr;
        EngineOutput far = step(EngineState.S1, f.build(), List.of(), 0.5, false);
        assertThat(gate(far, "s1.near_ema60").passed()).isFalse();
        assertThat(far.flags().buySignal()).isFalse();
        f.price = f.ema60;
        f.ema60Slope = 0;
        f.ema144Slope = 0; // EMA144 slope ≥ 0 is enough
        assertThat(step(EngineState.S1, f.build(), List.of(), 0.5, false).flags().buySignal()).isTrue();
        f.ema144Slope = -1e-6;
        EngineOutput falling = step(EngineState.S1, f.build(), List.of(), 0.5, false);
        assertThat(gate(falling, "s1.slope_ok").passed()).isFalse();
        assertThat(falling.flags().buySignal()).isFalse();
    }

    @Test
    void srBoostIsStrengthNormalisedProximityCappedAtAQuarter() {
        List<SrLevel> levels = List.of(new SrLevel(104, 15), new SrLevel(101.5, 15), new SrLevel(100, 30));
        // 100: 30/30 × (1 − 1/2) × 0.25 = 0.125; 101.5: 15/30 × (1 − 0.5/2) × 0.25 = 0.09375; 104 is 3 > 2 away.
        assertThat(UptrendScores.srBoost(101, 2, levels)).isCloseTo(0.125, within(EPS));
        assertThat(UptrendScores.srBoost(100, 2, levels)).isCloseTo(0.25, within(EPS));
        // The strongest level counts even when it is far: 10/40 × 1 × 0.25.
        assertThat(UptrendScores.srBoost(100, 2, List.of(new SrLevel(100, 10), new SrLevel(200, 40))))
                .isCloseTo(0.0625, within(EPS));
        assertThat(UptrendScores.srBoost(100, 2, List.of(new SrLevel(102, 10)))).isZero();
        assertThat(UptrendScores.srBoost(100, 2, List.of(new SrLevel(102.01, 10)))).isZero();
        assertThat(UptrendScores.srBoost(100, 0, levels)).isZero();
        assertThat(UptrendScores.srBoost(100, 2, List.of())).isZero();
    }

    @Test
    void oxBaseWeighsRailsExpansionSurgeAndFragility() {
        F f = neutralOx();
        assertThat(UptrendScores.oxBase(f.build())).isCloseTo(0.5, within(EPS));
        f.price = 103; // (103 − EMA20 100)/(2 × 1.5) = 1; EMA60/144/250 rails move too, so set them to the price
        f.ema60 = 103;
        f.ema144 = 103;
        f.ema250 = 103;
        assertThat(UptrendScores.oxBase(f.build())).isCloseTo(0.35 * SIGMOID_1 + 0.65 * 0.5, within(EPS));
        f = neutralOx();
        f.ema20Slope = -0.0008;
        assertThat(UptrendScores.oxBase(f.build())).isCloseTo(0.95 * 0.5 + 0.05 * SIGMOID_1, within(EPS));
        f = neutralOx();
        f.dsepFast5 = 0.0015;
        f.dsepMid5 = 0.0010;
        f.atr = 4; // ATR/atr_mean_20 − 1 = 1; rails move with ATR but stay at σ(0)
        f.atrMean20 = 2;
        assertThat(UptrendScores.oxBase(f.build())).isCloseTo(0.8 * 0.5 + 0.2 * SIGMOID_1, within(EPS));
    }

    @Test
    void oxInS3GrowsWithEdxAboveHalfUpToAThird() {
        Features f = neutralOx().build();
        assertThat(UptrendScores.oxS2(f)).isCloseTo(0.5, within(EPS));
        assertThat(UptrendScores.oxS3(f, 0.4)).isCloseTo(0.5, within(EPS));
        assertThat(UptrendScores.oxS3(f, 0.8)).isCloseTo(0.5 * (1 + 0.33 * 0.3), within(EPS));
        assertThat(UptrendScores.oxS3(f, 1.0)).isCloseTo(0.5 * 1.165, within(EPS));
    }

    @Test
    void trimFlagFlipsAtOx065AndNeedsALevelWithinOneAtr() {
        // OX = 0.35 r20 + 0.325 with everything else at σ(0): OX = 0.65 exactly when r20 = 13/14, i.e. a = ln 13.
        for (double da : new double[] {0.01, -0.01}) {
            F f = neutralOx();
            double a = Math.log(13) + da;
            f.ema20 = f.price - a * 1.5 * f.atr;
            EngineOutput out = step(EngineState.S2, f.build(), List.of(new SrLevel(f.price, 5)), 0.5, false);
            assertThat(out.state()).isEqualTo(EngineState.S2);
            assertThat(gate(out, "trim.ox").limit()).isEqualTo(0.65);
            assertThat(out.flags().trimFlag()).as("da %s", da).isEqualTo(da > 0);
        }
        F f = neutralOx();
        f.ema20 = f.price - 4 * 1.5 * f.atr;
        Features hot = f.build();
        assertThat(step(EngineState.S2, hot, List.of(new SrLevel(f.price + f.atr, 5)), 0.5, false).flags()
                .trimFlag()).isTrue();
        EngineOutput away = step(EngineState.S2, hot, List.of(new SrLevel(f.price + 1.001 * f.atr, 5)), 0.5, false);
        assertThat(gate(away, "trim.near_level").value()).isCloseTo(1.001 * f.atr, within(1e-9));
        assertThat(away.flags().trimFlag()).isFalse();
        assertThat(step(EngineState.S2, hot, List.of(), 0.5, false).flags().trimFlag()).isFalse();
    }

    @Test
    void trimInS3UsesTheEdxBoostedOx() {
        // r20 = σ(1.9): OX_base = 0.35 σ(1.9) + 0.325 ≈ 0.63 < 0.65; with EDX 1.0 it is × 1.165 ≈ 0.73.
        F f = neutralOx();
        f.ema20 = f.price - 1.9 * 1.5 * f.atr;
        Features feats = f.build();
        assertThat(UptrendScores.oxBase(feats)).isBetween(0.60, 0.65);
        List<SrLevel> level = List.of(new SrLevel(f.price, 5));
        EngineOutput fresh = step(EngineState.S3, feats, level, 0.4, false);
        assertThat(fresh.state()).isEqualTo(EngineState.S3);
        assertThat(fresh.flags().trimFlag()).isFalse();
        assertThat(step(EngineState.S3, feats, level, 1.0, false).flags().trimFlag()).isTrue();
    }

    @Test
    void dxByHand() {
        F f = dxCase();
        // x = 0, comp = σ((0.03 − 0.1)/0.02) = σ(−3.5), location = 1 + 0.3 comp; exhaustion, ATR, RSI and ADX
        // reliefs all σ(0) = 0.5, curl 1: DX_base = 0.45 location + 0.125 + 0.125 + 0.05.
        double base = 0.45 * (1 + 0.3 * SIGMOID_M3_5) + 0.3;
        assertThat(UptrendScores.dx(f.build(), 0.5)).isCloseTo(base, within(EPS));
        assertThat(UptrendScores.dx(f.build(), 0.6)).isCloseTo(base, within(EPS));
        assertThat(UptrendScores.dx(f.build(), 0.8)).isCloseTo(base * 0.9, within(EPS));
        assertThat(UptrendScores.dx(f.build(), 1.2)).isCloseTo(base * 0.8, within(EPS));
        f.adx = 18; // the ADX floor is inclusive
        assertThat(UptrendScores.dx(f.build(), 0.5)).isCloseTo(base, within(EPS));
        f.adx = 17.9; // below the ADX floor its relief is 0, not σ(0)
        assertThat(UptrendScores.dx(f.build(), 0.5)).isCloseTo(base - 0.25 * 0.25 * 0.5, within(EPS));
        f = dxCase();
        f.price = 110; // at EMA144: x = 1
        double comp = 1 / (1 + Math.exp(-(0.03 - 10.0 / 110) / 0.02));
        assertThat(UptrendScores.dx(f.build(), 0.5))
                .isCloseTo(0.45 * Math.exp(-3) * (1 + 0.3 * comp) + 0.3, within(EPS));
    }

    @Test
    void hallwayPositionRunsFromEma333ToEma144() {
        assertThat(UptrendScores.hallwayX(105, 110, 100)).isCloseTo(0.5, within(EPS));
        assertThat(UptrendScores.hallwayX(120, 110, 100)).isEqualTo(1.0);
        assertThat(UptrendScores.hallwayX(90, 110, 100)).isZero();
        assertThat(UptrendScores.hallwayX(105, 100, 110)).isCloseTo(0.5, within(EPS));
        assertThat(UptrendScores.hallwayX(100, 100, 100)).isEqualTo(1.0);
        assertThat(UptrendScores.hallwayX(100.01, 100, 100)).isZero();
    }

    @Test
    void dxThresholdBands() {
        assertThat(UptrendScores.dxThreshold(0.0)).isEqualTo(0.60);
        assertThat(UptrendScores.dxThreshold(0.49)).isEqualTo(0.60);
        assertThat(UptrendScores.dxThreshold(0.5)).isEqualTo(0.60);
        assertThat(UptrendScores.dxThreshold(0.6)).isCloseTo(0.65, within(EPS));
        assertThat(UptrendScores.dxThreshold(0.69)).isCloseTo(0.695, within(EPS));
        assertThat(UptrendScores.dxThreshold(0.7)).isCloseTo(0.75, within(EPS));
        assertThat(UptrendScores.dxThreshold(0.95)).isCloseTo(0.75, within(EPS));
    }

    @Test
    void s3BuyFlagFlipsAtTheDxThresholdOfEachEdxBand() {
        double[][] bands = {{0.3, 0.60}, {0.6, 0.65}, {0.8, 0.75}};
        for (double[] band : bands) {
            double edx = band[0];
            for (double margin : new double[] {0.001, -0.001}) {
                F f = s3InZone();
                double target = band[1] + margin;
                // DX falls as the price climbs the hallway from EMA333 (90) to EMA144 (95).
                f.price = solve(90, 95, p -> {
                    f.price = p;
                    return UptrendScores.dx(f.build(), edx) - target;
                });
                EngineOutput out = step(EngineState.S3, f.build(), List.of(), edx, false);
                assertThat(out.state()).isEqualTo(EngineState.S3);
                assertThat(out.scores().dx()).isCloseTo(target, within(1e-9));
                assertThat(gate(out, "s3.dx_threshold").limit()).isCloseTo(band[1], within(EPS));
                assertThat(gate(out, "s3.dx_zone").passed()).isTrue();
                assertThat(out.flags().buyFlag()).as("edx %s margin %s", edx, margin).isEqualTo(margin > 0);
            }
        }
    }

    @Test
    void s3BuyFlagNeedsThePriceBetweenEma333AndEma144() {
        F f = s3InZone();
        f.price = 90;
        EngineOutput atBottom = step(EngineState.S3, f.build(), List.of(), 0.3, false);
        assertThat(atBottom.scores().dx()).isGreaterThan(0.6);
        assertThat(atBottom.flags().buyFlag()).isTrue();
        f.price = 89.99;
        EngineOutput below = step(EngineState.S3, f.build(), List.of(), 0.3, false);
        assertThat(below.scores().dx()).isGreaterThan(0.6);
        assertThat(gate(below, "s3.dx_zone").passed()).isFalse();
        assertThat(below.flags().emergencyExit()).isTrue();
        assertThat(below.flags().buyFlag()).isFalse();
        // At the top DX_base ≤ 0.45·e^-3·1.3 + 0.55 ≈ 0.579 < 0.60, so there only the zone gate itself can be seen.
        f.price = 95;
        assertThat(gate(step(EngineState.S3, f.build(), List.of(), 0.3, false), "s3.dx_zone").passed()).isTrue();
        f.price = 95.01;
        assertThat(gate(step(EngineState.S3, f.build(), List.of(), 0.3, false), "s3.dx_zone").passed()).isFalse();
    }

    @Test
    void emergencyExitIsPriceBelowEma333AndReclaimIsTheNextBarBackAtIt() {
        F f = s3InZone();
        f.price = 89.99;
        EngineOutput below = step(EngineState.S3, f.build(), List.of(), 0.3, false);
        assertThat(below.flags().emergencyExit()).isTrue();
        assertThat(below.flags().reclaimedEma333()).isFalse();
        f.price = 90;
        EngineOutput at = step(EngineState.S3, f.build(), List.of(), 0.3, true);
        assertThat(at.flags().emergencyExit()).isFalse();
        assertThat(at.flags().reclaimedEma333()).isTrue();
        assertThat(step(EngineState.S3, f.build(), List.of(), 0.3, false).flags().reclaimedEma333()).isFalse();
    }

    @Test
    void s2RetestBuyNeedsHalfAnAtrAroundEma333AndTheSlowSlopes() {
        F f = new F();
        f.ema250 = 96; // not the bullish order (EMA144 95 < EMA250 96)
        f.rsiSlope10 = 5;
        f.price = f.ema333 + 0.5 * f.atr;
        assertThat(step(EngineState.S2, f.build(), List.of(), 0.5, false).flags().buyFlag()).isTrue();
        f.price = f.ema333 + 0.501 * f.atr;
        assertThat(step(EngineState.S2, f.build(), List.of(), 0.5, false).flags().buyFlag()).isFalse();
        f.price = f.ema333;
        f.ema333Slope = -1e-6;
        assertThat(step(EngineState.S2, f.build(), List.of(), 0.5, false).flags().buyFlag()).isFalse();
        f.ema250Slope = 1e-6;
        assertThat(step(EngineState.S2, f.build(), List.of(), 0.5, false).flags().buyFlag()).isTrue();
    }

    /** S1 (not the bearish order, below EMA333), price on EMA60, EMA60 rising; TS left to the caller. */
    private static F s1AtEma60() {
        F f = new F();
        f.ema333 = 110;
        f.price = f.ema60;
        f.ema60Slope = 0.001;
        return f;
    }

    /** Every OX term at σ(0): price on EMA20/60/144/250, no expansion, ATR at its mean, flat EMA20. */
    private static F neutralOx() {
        F f = new F();
        f.ema30 = 100;
        f.ema60 = 100;
        f.ema144 = 100;
        f.ema250 = 100;
        f.ema333 = 100;
        return f;
    }

    private static F dxCase() {
        F f = new F();
        f.ema144 = 110;
        f.ema333 = 100;
        f.ema250 = 105;
        f.atr = 0.9;
        f.atrMean20 = 1.0;
        f.adx = 20;
        f.ema144Slope = 0.001;
        f.dEma144Slope = 0.001;
        return f;
    }

    /** S3 with the price in the EMA333 (90)..EMA144 (95) hallway, slow slopes up, TS 0.725, strong relief, curl. */
    private static F s3InZone() {
        F f = new F();
        f.price = 92;
        f.ema250Slope = 0.001;
        f.dEma144Slope = 0.001;
        f.rsiSlope10 = 2;
        f.adxSlope10 = 1;
        f.atr = 3;
        f.atrMean20 = 2;
        return f;
    }

    /** Root of a monotone function in [lo, hi] by bisection. */
    private static double solve(double lo, double hi, DoubleUnaryOperator g) {
        boolean rising = g.applyAsDouble(hi) > g.applyAsDouble(lo);
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if ((g.applyAsDouble(mid) > 0) == rising) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
