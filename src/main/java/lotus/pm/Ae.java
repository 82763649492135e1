package lotus.pm;

import java.util.List;
import java.util.Objects;
import lotus.engine.EngineState;
import lotus.time.Timeframe;

/**
 * A (appetite to buy) and E (eagerness to exit) of STRATEGY.md §3, both in [0, 1], with what made them.
 *
 * @param breakdown one entry per driver and horizon that contributed (absent and dormant ones are left out)
 */
public record Ae(double a, double e, List<Contribution> breakdown) {

    /**
     * One driver on one horizon: its state, the (ΔA, ΔE) of its state, flags and fresh fall, and the weight
     * W_driver × W_horizon × M applied to them.
     *
     * @param flags what added to the state's own (ΔA, ΔE): {@code buy_signal}, {@code buy_flag}, {@code trim_flag},
     *              {@code fell_from_S2}, ...
     */
    public record Contribution(RegimeDriver driver, Timeframe horizon, EngineState state, EngineState prevState,
            List<String> flags, double weight, double deltaA, double deltaE) {

        public Contribution {
            Objects.requireNonNull(driver, "driver");
            Objects.requireNonNull(horizon, "horizon");
            Objects.requireNonNull(state, "state");
            flags = List.copyOf(flags);
        }

        public double weightedA() {
            return deltaA * weight;
        }

        public double weightedE() {
            return deltaE * weight;
        }
    }

    public Ae {
        if (!(a >= 0 && a <= 1) || !(e >= 0 && e <= 1)) {
            throw new IllegalArgumentException("A and E must be in [0, 1], got A=" + a + " E=" + e);
        }
        breakdown = List.copyOf(breakdown);
    }

    /** A and E without a breakdown, for callers (and tests) that set them directly. */
    public static Ae of(double a, double e) {
        return new Ae(a, e, List.of());
    }
}
