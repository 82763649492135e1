package lotus.engine;

import java.util.List;
import java.util.Objects;

/**
 * What the Uptrend Engine says about one closed bar (STRATEGY.md §2): the state, the flags and scores behind it, and
 * every gate it evaluated. It is also the memory the next bar starts from ({@code s3StartMs}, the emergency-exit flag
 * that {@code reclaimed_ema333} looks back at, the last S/R levels).
 *
 * @param barOpenTimeMs open time of the bar evaluated
 * @param bars          bars available up to this one (the engine stays dormant below {@link Features#BARS_THRESHOLD})
 * @param state         null while dormant
 * @param prevState     the state before this bar; null for "none"
 * @param features      null while there are no bars
 * @param levels        S/R levels, strongest 12, price descending; empty until they can be built
 * @param s3StartMs     open time of the bar that entered the current S3 episode; null outside S3
 * @param exitReason    {@code s1_to_s0_bearish_order} or {@code all_emas_below_333} when exit_position, else null
 * @param gates         each condition evaluated on this bar, in evaluation order
 */
public record EngineOutput(
        long barOpenTimeMs,
        int bars,
        EngineState state,
        EngineState prevState,
        Features features,
        Flags flags,
        Scores scores,
        List<SrLevel> levels,
        Long s3StartMs,
        String exitReason,
        List<Gate> gates) {

    /** The flags of §2; each is false outside the states that set it. */
    public record Flags(boolean buySignal, boolean buyFlag, boolean trimFlag, boolean emergencyExit,
            boolean exitPosition, boolean reclaimedEma333) {

        public static final Flags NONE = new Flags(false, false, false, false, false, false);
    }

    /**
     * The scores of §2; each is 0 where its state does not compute it, except EDX which is 0.5 until it can be
     * computed in S3.
     *
     * @param srBoost the boost that mattered on this bar (around EMA60 in S1, EMA333 in S2 and S3)
     */
    public record Scores(double ts, double srBoost, double ox, double dx, double edx) {

        public static final Scores NONE = new Scores(0, 0, 0, 0, 0);
    }

    public EngineOutput {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(scores, "scores");
        levels = List.copyOf(levels);
        // The rules' own list is immutable already; any other is copied.
        gates = gates instanceof GateList ? gates : List.copyOf(gates);
        if (bars < 0) {
            throw new IllegalArgumentException("bars must not be negative: " + bars);
        }
    }

    public boolean dormant() {
        return state == null;
    }

    /** Price (latest close) of the bar evaluated; NaN with no features. */
    public double price() {
        return features == null ? Double.NaN : features.price();
    }

    /** True on the bar where the state changed (including the first state after dormancy). */
    public boolean transitioned() {
        return state != null && state != prevState;
    }
}
