package lotus.pm;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lotus.engine.EngineOutput;
import lotus.time.Timeframe;

/**
 * The latest engine output of each regime driver on each horizon (STRATEGY.md §3). A driver or horizon that is
 * absent simply contributes nothing to A/E.
 */
public record Regime(Map<RegimeDriver, Map<Timeframe, EngineOutput>> outputs) {

    /** macro, meso, micro. */
    public static final List<Timeframe> HORIZONS = List.of(Timeframe.D1, Timeframe.H1, Timeframe.M1);

    public static final Regime EMPTY = new Regime(Map.of());

    public Regime {
        EnumMap<RegimeDriver, Map<Timeframe, EngineOutput>> copy = new EnumMap<>(RegimeDriver.class);
        outputs.forEach((driver, byHorizon) -> {
            Objects.requireNonNull(driver, "driver");
            EnumMap<Timeframe, EngineOutput> horizons = new EnumMap<>(Timeframe.class);
            byHorizon.forEach((horizon, output) -> {
                if (!HORIZONS.contains(horizon)) {
                    throw new IllegalArgumentException("regime horizon must be 1d, 1h or 1m, got " + horizon);
                }
                horizons.put(horizon, Objects.requireNonNull(output, "output"));
            });
            copy.put(driver, Collections.unmodifiableMap(horizons));
        });
        outputs = Collections.unmodifiableMap(copy);
    }

    /** This regime with {@code driver}'s output on {@code horizon} replaced. */
    public Regime with(RegimeDriver driver, Timeframe horizon, EngineOutput output) {
        EnumMap<RegimeDriver, Map<Timeframe, EngineOutput>> copy = new EnumMap<>(RegimeDriver.class);
        copy.putAll(outputs);
        EnumMap<Timeframe, EngineOutput> horizons = new EnumMap<>(Timeframe.class);
        horizons.putAll(outputs.getOrDefault(driver, Map.of()));
        horizons.put(horizon, output);
        copy.put(driver, horizons);
        return new Regime(copy);
    }

    /** The output, or null when the driver has none on that horizon. */
    public EngineOutput output(RegimeDriver driver, Timeframe horizon) {
        return outputs.getOrDefault(driver, Map.of()).get(horizon);
    }
}
