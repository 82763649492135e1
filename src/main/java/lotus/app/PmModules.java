package lotus.app;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import lotus.learning.LearningSystem;
import lotus.learning.Scope;
import lotus.pm.ActionPlanner;
import lotus.pm.AllocationWeights;
import lotus.pm.Executor;
import lotus.pm.LearningMultipliers;
import lotus.pm.LeveragePolicy;
import lotus.pm.PmModule;
import lotus.pm.Position;
import lotus.pm.PositionLedger;
import lotus.pm.PriceHistory;
import lotus.pm.Venue;

/**
 * The PM modules of seed §5, one per venue, wired one way for the live PM ({@link PmAssembly}) and a backtest
 * ({@link Backtest}): each module's planner sizes with learning's multipliers and the book's leverage policy (perps up
 * to {@code maxLeverage}, everything else spot), and reads and writes through the given history and ledger.
 */
public final class PmModules {

    /**
     * One venue's route: its executor, and the venue's leverage cap for a position's asset (0 for spot venues).
     */
    public record Route(Venue venue, Executor executor, ToIntFunction<Position> assetMaxLeverage) {
    }

    private PmModules() {
    }

    public static List<PmModule> build(List<Route> routes, LearningSystem learning, BigDecimal walletUsd,
            int maxLeverage, PriceHistory prices, PositionLedger ledger) {
        LearningMultipliers multipliers = (p, event) -> learning.multiplier(buyScope(p, event));
        AllocationWeights weights = allocationWeights(learning);
        List<PmModule> modules = new ArrayList<>(routes.size());
        for (Route r : routes) {
            LeveragePolicy leverage = r.venue().bookId().equals("perps") ? new LeveragePolicy(maxLeverage)
                    : LeveragePolicy.SPOT;
            modules.add(new PmModule(r.venue(), r.executor(), new ActionPlanner(multipliers, leverage), weights,
                    walletUsd, r.assetMaxLeverage(), prices, ledger));
        }
        return List.copyOf(modules);
    }

    /** Learning's per-book timeframe weights (1.0 for a timeframe the book has not closed a trade on). */
    static AllocationWeights allocationWeights(LearningSystem learning) {
        return (bookId, tokenChain, tf) -> learning.timeframeWeights(bookId, tokenChain).weight(tf.label());
    }

    /**
     * The scope a buy is sized in: the position's venue, book, timeframe and ticker, and the state the entry event
     * belongs to ({@code S2.dip_buy} → {@code S2}), which is the engine state the closure records as entry_state.
     */
    static Scope buyScope(Position p, String event) {
        int dot = event.indexOf('.');
        return new Scope(p.bookId(), p.tokenChain(), p.timeframe().label(),
                p.tokenTicker() != null ? p.tokenTicker() : p.tokenContract(), dot > 0 ? event.substring(0, dot) : null,
                event);
    }
}
