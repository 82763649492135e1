package lotus.pm;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
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

    /** The stored names of the two parts a position must not plan without (the order it waits for, its memory). */
    public static final String PENDING_ORDER = "pending_order";
    public static final String MEMORY = "pm_v4";

    public static final PositionFeatures EMPTY = new PositionFeatures(null, PlannerMemory.FRESH, null, null, null,
            null, null, Map.of());

    public PositionFeatures {
        Objects.requireNonNull(memory, "memory");
        other = Map.copyOf(other);
    }

    /** True when the store kept the stored part {@code key} aside because it could not be read. */
    public boolean unreadable(String key) {
        return other.containsKey(key);
    }

    public PositionFeatures withEngine(EngineOutput value) { return copy(b -> b.engine = value); }

    public PositionFeatures withMemory(PlannerMemory value) { return copy(b -> b.memory = value); }

    public PositionFeatures withAe(Ae value) { return copy(b -> b.ae = value); }

    public PositionFeatures withPnl(Pnl value) { return copy(b -> b.pnl = value); }

    public PositionFeatures withLastAction(ActionRecord value) { return copy(b -> b.lastAction = value); }

    public PositionFeatures withCurrentTrade(CurrentTrade value) { return copy(b -> b.currentTrade = value); }

    public PositionFeatures withPendingOrder(PlannedAction value) { return copy(b -> b.pendingOrder = value); }

    /** This with one change: the one place that lists every field, so a new field is copied by every with. */
    private PositionFeatures copy(Consumer<Fields> change) {
        Fields b = new Fields(this);
        change.accept(b);
        return new PositionFeatures(b.engine, b.memory, b.ae, b.pnl, b.lastAction, b.currentTrade, b.pendingOrder,
                other);
    }

    /** The fields a with-method may change, mutable for the length of one copy. */
    private static final class Fields {
        EngineOutput engine;
        PlannerMemory memory;
        Ae ae;
        Pnl pnl;
        ActionRecord lastAction;
        CurrentTrade currentTrade;
        PlannedAction pendingOrder;

        Fields(PositionFeatures f) {
            engine = f.engine;
            memory = f.memory;
            ae = f.ae;
            pnl = f.pnl;
            lastAction = f.lastAction;
            currentTrade = f.currentTrade;
            pendingOrder = f.pendingOrder;
        }
    }
}
