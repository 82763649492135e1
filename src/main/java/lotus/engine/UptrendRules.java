package lotus.engine;

import static lotus.engine.UptrendScores.OX_TRIM_MIN;
import static lotus.engine.UptrendScores.S1_HALO_ATR;
import static lotus.engine.UptrendScores.S2_HALO_ATR;
import static lotus.engine.UptrendScores.TRIM_HALO_ATR;
import static lotus.engine.UptrendScores.TS_MIN;

import java.util.Arrays;
import java.util.List;

/**
 * The state table, flags and gates of STRATEGY.md §2 for one bar, from that bar's features, S/R levels and the
 * previous output. The one implementation both {@link UptrendEngine} (full recompute) and {@link EngineTracker}
 * (incremental) use, so they can only differ in how the features were computed.
 */
final class UptrendRules {

    static final String EXIT_S1_BEARISH = "s1_to_s0_bearish_order";
    static final String EXIT_ALL_BELOW_333 = "all_emas_below_333";
    /** EDX where it is not computed (outside S3). */
    static final double EDX_NEUTRAL = 0.5;

    /** EDX of the S3 episode that started at the bar opening at {@code s3StartMs} and ends at the current bar. */
    @FunctionalInterface
    interface EpisodeEdx {
        double edx(long s3StartMs);
    }

    private UptrendRules() {
    }

    static EngineOutput step(long barOpenTimeMs, int bars, Features f, List<SrLevel> levels, EpisodeEdx episodeEdx,
            EngineOutput previous) {
        if (bars < Features.BARS_THRESHOLD) {
            // Ambiguity: dormant outputs carry Scores.NONE (EDX 0, nothing computed); states carry EDX 0.5 outside S3.
            return new EngineOutput(barOpenTimeMs, bars, null, null, f, EngineOutput.Flags.NONE,
                    EngineOutput.Scores.NONE, levels, null, null, List.of());
        }
        EngineState from = previous == null ? null : previous.state();
        // Ambiguity: a row without "with" (S1→S2, S2→S1, S1→S0, S3→S0, S0, S4) computes no score: TS, boost, OX and
        // DX stay 0 and EDX 0.5; the S1→S0 exit does not evaluate the S1 buy the older system logged there.
        Eval e = new Eval(f, levels);
        EngineState to;
        Long s3Start = null;
        String reason = null;
        double p = f.price();
        if (from == null || from == EngineState.S4) {
            to = e.check(from == null ? "none.s0_order" : "s4.s0_order", s0Order(f)) ? EngineState.S0 : EngineState.S4;
        } else {
            switch (from) {
                case S0 -> {
                    // Both parts are recorded (no short-circuit) so an operator sees which one held S0.
                    boolean band = e.gate("s0.fast_band_above_ema60", fastBandAbove60(f),
                            Math.min(f.ema20(), f.ema30()), f.ema60());
                    boolean above = e.gate("s0.price_above_ema60", p > f.ema60(), p, f.ema60());
                    if (band && above) {
                        to = EngineState.S1;
                        s1Buy(e);
                    } else {
                        to = EngineState.S0;
                    }
                }
                case S1 -> {
                    if (e.check("s1.s0_order", s0Order(f))) {
                        to = EngineState.S0;
                        e.exitPosition = true;
                        e.emergencyExit = true;
                        reason = EXIT_S1_BEARISH;
                    } else if (e.gate("s1.price_above_ema333", p > f.ema333(), p, f.ema333())) {
                        to = EngineState.S2;
                    } else {
                        to = EngineState.S1;
                        s1Buy(e);
                    }
                }
                case S2 -> {
                    if (e.gate("s2.price_below_ema333", p < f.ema333(), p, f.ema333())) {
                        to = EngineState.S1;
                    } else if (e.check("s2.s3_order", s3Order(f))) {
                        to = EngineState.S3;
                        s3Start = barOpenTimeMs;
                        s3(e, episodeEdx.edx(s3Start), previous);
                    } else {
                        to = EngineState.S2;
                        s2(e);
                    }
                }
                case S3 -> {
                    double fastest = Math.max(Math.max(f.ema20(), f.ema30()),
                            Math.max(f.ema60(), Math.max(f.ema144(), f.ema250())));
                    if (e.gate("s3.all_emas_below_ema333", fastest < f.ema333(), fastest, f.ema333())) {
                        to = EngineState.S0;
                        // Ambiguity: §2 lists only exit_position here (emergency_exit is S1→S0's); as the older system.
                        e.exitPosition = true;
                        reason = EXIT_ALL_BELOW_333;
                    } else {
                        to = EngineState.S3;
                        // Ambiguity: an S3 output without s3StartMs (never written by this engine) restarts the
                        // episode at this bar rather than failing.
                        s3Start = previous.s3StartMs() != null ? previous.s3StartMs() : barOpenTimeMs;
                        s3(e, episodeEdx.edx(s3Start), previous);
                    }
                }
                default -> throw new IllegalStateException("unhandled state " + from);
            }
        }
        return new EngineOutput(barOpenTimeMs, bars, to, from, f,
                new EngineOutput.Flags(e.buySignal, e.buyFlag, e.trimFlag, e.emergencyExit, e.exitPosition,
                        e.reclaimed),
                new EngineOutput.Scores(e.ts, e.boost, e.ox, e.dx, e.edx), levels, s3Start, reason, e.gates());
    }

    static boolean s0Order(Features f) {
        return f.ema20() < f.ema60() && f.ema30() < f.ema60() && f.ema60() < f.ema144() && f.ema144() < f.ema250()
                && f.ema250() < f.ema333();
    }

    static boolean s3Order(Features f) {
        return fastBandAbove60(f) && f.ema60() > f.ema144() && f.ema144() > f.ema250() && f.ema250() > f.ema333();
    }

    static boolean fastBandAbove60(Features f) {
        return f.ema20() > f.ema60() && f.ema30() > f.ema60();
    }

    /** S1 buy_signal around EMA60. */
    private static void s1Buy(Eval e) {
        Features f = e.f;
        double halo = S1_HALO_ATR * f.atr();
        double d = Math.abs(f.price() - f.ema60());
        boolean near = e.gate("s1.near_ema60", d <= halo, d, halo);
        boolean slope = e.check("s1.slope_ok", f.ema60Slope() > 0 || f.ema144Slope() >= 0);
        boolean strong = tsGate(e, "s1.ts_plus_boost", f.ema60());
        e.buySignal = near && slope && strong;
    }

    /** S2: buy_flag on an EMA333 retest, OX and trim_flag. */
    private static void s2(Eval e) {
        Features f = e.f;
        double halo = S2_HALO_ATR * f.atr();
        double d = Math.abs(f.price() - f.ema333());
        boolean near = e.gate("s2.near_ema333", d <= halo, d, halo);
        boolean slope = e.check("s2.slope_ok", slowSlopeOk(f));
        boolean strong = tsGate(e, "s2.ts_plus_boost", f.ema333());
        e.buyFlag = near && slope && strong;
        e.ox = UptrendScores.oxS2(f);
        trim(e);
    }

    /** S3 (also on the bar that enters it): EDX, OX, DX, emergency_exit, reclaimed_ema333, DX buy_flag, trim_flag. */
    private static void s3(Eval e, double edx, EngineOutput previous) {
        Features f = e.f;
        double p = f.price();
        e.edx = edx;
        e.ox = UptrendScores.oxS3(f, edx);
        e.dx = UptrendScores.dx(f, edx);
        e.emergencyExit = e.gate("s3.emergency_exit", p < f.ema333(), p, f.ema333());
        boolean wasEmergency = previous != null && previous.flags().emergencyExit();
        e.reclaimed = e.check("s3.reclaimed_ema333", wasEmergency && p >= f.ema333());
        double threshold = UptrendScores.dxThreshold(edx);
        boolean dxOk = e.gate("s3.dx_threshold", e.dx >= threshold, e.dx, threshold);
        // The zone is EMA333 ≤ price ≤ EMA144 (fix: one zone for engine and planner); value = price, limit = EMA144.
        boolean zone = e.gate("s3.dx_zone", f.ema333() <= p && p <= f.ema144(), p, f.ema144());
        boolean slope = e.check("s3.slope_ok", slowSlopeOk(f));
        boolean strong = tsGate(e, "s3.ts_plus_boost", f.ema333());
        e.buyFlag = dxOk && zone && slope && strong && !e.emergencyExit;
        trim(e);
    }

    private static boolean slowSlopeOk(Features f) {
        return f.ema250Slope() > 0 || f.ema333Slope() >= 0;
    }

    private static boolean tsGate(Eval e, String name, double anchor) {
        e.ts = UptrendScores.ts(e.f.rsiSlope10(), e.f.adxSlope10());
        e.boost = UptrendScores.srBoost(anchor, e.f.atr(), e.levels);
        double v = e.ts + e.boost;
        return e.gate(name, v >= TS_MIN, v, TS_MIN);
    }

    private static void trim(Eval e) {
        boolean over = e.gate("trim.ox", e.ox >= OX_TRIM_MIN, e.ox, OX_TRIM_MIN);
        double halo = TRIM_HALO_ATR * e.f.atr();
        double d = UptrendScores.nearestLevelDistance(e.f.price(), e.levels);
        // Ambiguity: with ATR ≤ 0 no level counts as near (as the older system); no levels gives a NaN distance.
        boolean near = e.gate("trim.near_level", halo > 0 && d <= halo, d, halo);
        e.trimFlag = over && near;
    }

    /** What one bar's evaluation accumulates. */
    private static final class Eval {
        final Features f;
        final List<SrLevel> levels;
        /** No path evaluates more than 16 gates; the array grows if one ever does. */
        private Gate[] gates = new Gate[16];
        private int size;
        boolean buySignal;
        boolean buyFlag;
        boolean trimFlag;
        boolean emergencyExit;
        boolean exitPosition;
        boolean reclaimed;
        double ts;
        double boost;
        double ox;
        double dx;
        double edx = EDX_NEUTRAL;

        Eval(Features f, List<SrLevel> levels) {
            this.f = f;
            this.levels = levels;
        }

        boolean gate(String name, boolean passed, double value, double limit) {
            if (size == gates.length) {
                gates = Arrays.copyOf(gates, 2 * size);
            }
            gates[size++] = new Gate(name, passed, value, limit);
            return passed;
        }

        /** The gates evaluated, in order; nothing is added after this. */
        List<Gate> gates() {
            return new GateList(gates, size);
        }

        boolean check(String name, boolean passed) {
            return gate(name, passed, passed ? 1 : 0, Double.NaN);
        }
    }
}
