package lotus.pm;

import java.math.BigDecimal;
import java.util.Objects;
import lotus.engine.EngineOutput;

/**
 * Everything {@link ActionPlanner#plan} looks at. The bar duration comes from the position's timeframe, which is the
 * timeframe its engine runs on.
 *
 * @param remainingBudgetUsd {@link PositionAccounting#remainingBudgetUsd}
 * @param memory             the memory stored under {@code features.pm_v4} ({@link PlannerMemory#FRESH} if none)
 * @param assetMaxLeverage   the venue's maximum for this asset; 0 for spot assets
 */
public record PlanInput(Position position, EngineOutput engine, Ae ae, BigDecimal remainingBudgetUsd,
        PlannerMemory memory, int assetMaxLeverage) {

    public PlanInput {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(ae, "ae");
        Objects.requireNonNull(remainingBudgetUsd, "remainingBudgetUsd");
        Objects.requireNonNull(memory, "memory");
        if (remainingBudgetUsd.signum() < 0) {
            throw new IllegalArgumentException("remaining budget must not be negative: " + remainingBudgetUsd);
        }
    }
}
