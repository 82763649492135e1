package lotus.pm;

import java.util.Map;
import java.util.Objects;
import lotus.engine.EngineOutput;

/**
 * What a position keeps besides its holdings (the {@code features} column): the engine's last output, the planner's
 * memory, the tick's A/E, the PnL, the last action, the trade it is in and the order it waits for. The store turns
 * it into JSON and back; everything else reads these fields.
 *
 * @param engine       the engine's output on the newest bar seen; null before the first evaluation
 * @param memory       never null ({@link PlannerMemory#FRESH} before the first plan)
 * @param ae           A and E of the last planned tick (only the two values are kept); null before one
 * @param pnl          at the newest close; null when flat
 * @param lastAction   null before the first decision
 * @param currentTrade null outside a trade
 * @param pendingOrder the decision whose order is open; null when none is
 * @param other        keys this version does not know, as the JSON text they were stored with: kept, never dropped
 */
public record PositionFeatures(EngineOutput engine, PlannerMemory memory, Ae ae, Pnl pnl, ActionRecord lastAction,
        CurrentTrade currentTrade, PlannedAction pendingOrder, Map<String, String> other) {

    public static final PositionFeatures EMPTY = new PositionFeatures(null, PlannerMemory.FRESH, null, null, null,
            null, null, Map.of());

    public PositionFeatures {
        Objects.requireNonNull(memory, "memory");
        other = Map.copyOf(other);
    }

    public PositionFeatures withEngine(EngineOutput value) {
        return new PositionFeatures(value, memory, ae, pnl, lastAction, currentTrade, pendingOrder, other);
    }

    public PositionFeatures withMemory(PlannerMemory value) {
        return new PositionFeatures(engine, value, ae, pnl, lastAction, currentTrade, pendingOrder, other);
    }

    public PositionFeatures withAe(Ae value) {
        return new PositionFeatures(engine, memory, value, pnl, lastAction, currentTrade, pendingOrder, other);
    }

    public PositionFeatures withPnl(Pnl value) {
        return new PositionFeatures(engine, memory, ae, value, lastAction, currentTrade, pendingOrder, other);
    }

    public PositionFeatures withLastAction(ActionRecord value) {
        return new PositionFeatures(engine, memory, ae, pnl, value, currentTrade, pendingOrder, other);
    }

    public PositionFeatures withCurrentTrade(CurrentTrade value) {
        return new PositionFeatures(engine, memory, ae, pnl, lastAction, value, pendingOrder, other);
    }

    public PositionFeatures withPendingOrder(PlannedAction value) {
        return new PositionFeatures(engine, memory, ae, pnl, lastAction, currentTrade, value, other);
    }
}
