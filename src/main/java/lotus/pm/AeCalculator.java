package lotus.pm;

import java.util.ArrayList;
import java.util.List;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.time.Timeframe;

/**
 * A/E from the regime drivers (STRATEGY.md §3): {@code A = clamp(0.5 + Σ ΔA × W_driver × W_horizon × M)}, same for
 * E, summed over drivers and the 1d/1h/1m horizons, M being the execution timeframe's multiplier for that horizon.
 */
public final class AeCalculator {

    public static final double BASE = 0.5;

    private AeCalculator() {
    }

    public static Ae compute(Regime regime, Timeframe executionTimeframe) {
        double sumA = 0;
        double sumE = 0;
        List<Ae.Contribution> breakdown = new ArrayList<>();
        for (RegimeDriver driver : RegimeDriver.values()) {
            for (Timeframe horizon : Regime.HORIZONS) {
                EngineOutput output = regime.output(driver, horizon);
                if (output == null || output.dormant()) {
                    continue;
                }
                double weight = driver.weight() * horizonWeight(horizon) * executionMultiplier(executionTimeframe,
                        horizon);
                Delta delta = delta(output);
                breakdown.add(new Ae.Contribution(driver, horizon, output.state(), output.prevState(),
                        delta.flags(), weight, delta.a(), delta.e()));
                sumA += delta.a() * weight;
                sumE += delta.e() * weight;
            }
        }
        return new Ae(clamp(BASE + sumA), clamp(BASE + sumE), breakdown);
    }

    /** 1d 0.50, 1h 0.40, 1m 0.10. */
    public static double horizonWeight(Timeframe horizon) {
        return switch (horizon) {
            case D1 -> 0.50;
            case H1 -> 0.40;
            case M1 -> 0.10;
            default -> throw new IllegalArgumentException("regime horizon must be 1d, 1h or 1m, got " + horizon);
        };
    }

    /** How much each horizon matters to a position trading on {@code execution}: scalps listen to 1m, 1d to 1d. */
    public static double executionMultiplier(Timeframe execution, Timeframe horizon) {
        double[] m = switch (execution) {
            case M1 -> new double[] {0.05, 0.35, 0.60};
            case M5 -> new double[] {0.10, 0.50, 0.40};
            case M15 -> new double[] {0.15, 0.55, 0.30};
            case H1 -> new double[] {0.30, 0.55, 0.15};
            case H4 -> new double[] {0.55, 0.40, 0.05};
            case D1 -> new double[] {0.80, 0.18, 0.02};
        };
        int i = Regime.HORIZONS.indexOf(horizon);
        if (i < 0) {
            throw new IllegalArgumentException("regime horizon must be 1d, 1h or 1m, got " + horizon);
        }
        return m[i];
    }

    /** (ΔA, ΔE) before weighting, and the flags (or fresh fall) that added to the state's own. */
    record Delta(double a, double e, List<String> flags) {
    }

    /** (ΔA, ΔE) of one driver's output before weighting: its state, its state's flags, and a fresh fall into S0. */
    static Delta delta(EngineOutput output) {
        EngineOutput.Flags f = output.flags();
        double a = 0;
        double e = 0;
        List<String> flags = new ArrayList<>();
        switch (output.state()) {
            case S0 -> {
                a -= 0.30;
                e += 0.30;
                EngineState from = output.prevState();
                if (from == EngineState.S1) {
                    a -= 0.40;
                    e += 0.40;
                } else if (from == EngineState.S2) {
                    a -= 0.35;
                    e += 0.35;
                } else if (from == EngineState.S3) {
                    a -= 0.50;
                    e += 0.50;
                }
                if (from == EngineState.S1 || from == EngineState.S2 || from == EngineState.S3) {
                    flags.add("fell_from_" + from);
                }
            }
            case S1 -> {
                a += 0.25;
                e -= 0.15;
                if (f.buySignal()) {
                    a += 0.20;
                    e -= 0.10;
                    flags.add("buy_signal");
                }
            }
            case S2 -> {
                a += 0.10;
                e += 0.05;
                if (f.buyFlag()) {
                    a += 0.10;
                    e -= 0.05;
                    flags.add("buy_flag");
                }
                if (f.trimFlag()) {
                    a -= 0.20;
                    e += 0.25;
                    flags.add("trim_flag");
                }
            }
            case S3 -> {
                a += 0.20;
                e -= 0.05;
                if (f.buyFlag()) {
                    a += 0.05;
                    e -= 0.05;
                    flags.add("buy_flag");
                }
                if (f.trimFlag()) {
                    a -= 0.25;
                    e += 0.30;
                    flags.add("trim_flag");
                }
            }
            case S4 -> {
                // watch only: neutral
            }
        }
        return new Delta(a, e, List.copyOf(flags));
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
