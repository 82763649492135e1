package lotus.pm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.Features;
import lotus.market.Bar;

/**
 * The PM of one venue and book (seed §5, option C): for each position routed to it, bars from its own venue table
 * through {@link PriceHistory}, the Uptrend Engine, the tick's A/E, the action planner, this venue's executor and
 * the accounting; then the position's state, features and transition events in one transaction.
 *
 * <p>Three parts: the {@link EngineTrackers} (engines kept between ticks, rebuilt after a restart), this class's
 * step (plan, execute, account) and the {@link Recorder} (features and strands, written with the journal's change).
 */
public final class PmModule {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PmModule.class);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Venue venue;
    private final Executor executor;
    private final ActionPlanner planner;
    private final AllocationWeights weights;
    private final BigDecimal walletUsd;
    private final ToIntFunction<Position> assetMaxLeverage;
    private final PriceHistory prices;
    private final PositionLedger ledger;
    private final EngineTrackers trackers;
    private final Recorder recorder;

    /**
     * The same module on any bar history and ledger: the database's live, memory for a backtest.
     *
     * @param assetMaxLeverage the venue's leverage cap for a position's asset (0 for spot venues)
     */
    public PmModule(Venue venue, Executor executor, ActionPlanner planner, BigDecimal walletUsd,
            ToIntFunction<Position> assetMaxLeverage, PriceHistory prices, PositionLedger ledger) {
        this(venue, executor, planner, AllocationWeights.NONE, walletUsd, assetMaxLeverage, prices, ledger);
    }

    /** @param weights the book's timeframe weights, which split a token's allocation across its timeframes */
    public PmModule(Venue venue, Executor executor, ActionPlanner planner, AllocationWeights weights,
            BigDecimal walletUsd, ToIntFunction<Position> assetMaxLeverage, PriceHistory prices,
            PositionLedger ledger) {
        this.venue = venue;
        this.executor = executor;
        this.planner = planner;
        this.weights = weights;
        this.walletUsd = walletUsd;
        this.assetMaxLeverage = assetMaxLeverage;
        this.prices = prices;
        this.ledger = ledger;
        this.trackers = new EngineTrackers(prices);
        this.recorder = new Recorder(ledger);
    }

    public Venue venue() {
        return venue;
    }

    public String name() {
        return venue.toString();
    }

    /** Reads the bars of this module's positions due in {@code tick} at once, for their {@link #process}. */
    void prefetch(List<Position> positions, TickContext tick, PhaseTimes times) {
        trackers.prefetch(positions, tick.barCloseMs(), times);
    }

    /** @param later where writes without an order wait for the tick's batch */
    PositionReport process(Position p, TickContext tick, PhaseTimes times, TickWrites later) {
        requireReadable(p);
        EngineTrackers.Advance advance = trackers.advance(p, tick.barCloseMs(), times);
        List<EngineOutput> fresh = advance.outputs();
        long t1 = System.nanoTime();
        EngineOutput out = advance.tracker().last();
        if (out == null || out.dormant()) {
            int bars = advance.tracker().bars();
            String note = "dormant: " + bars + " of " + Features.BARS_THRESHOLD + " bars";
            if (out != null && !fresh.isEmpty()) {
                recorder.write(Recorder.observed(p, out, null, null, null), List.of(), null, null, null, times,
                        later);
            }
            return PositionReport.skipped(p, name(), PositionReport.Outcome.DORMANT, note);
        }
        if (fresh.isEmpty()) {
            return new PositionReport(p, null, name(), PositionReport.Outcome.NO_NEW_BAR, out, null, null,
                    "no bar closed since the one opening " + java.time.Instant.ofEpochMilli(out.barOpenTimeMs())
                            + "; nothing re-planned", List.of());
        }

        BigDecimal close = advance.lastBar().close();
        PlannedAction waiting = p.features().pendingOrder();
        if (waiting != null) {
            // Its order may have filled at the venue: planning now could buy the same budget twice.
            PlannerMemory seen = p.features().memory();
            for (EngineOutput o : fresh) {
                seen = seen.observe(p, o);
            }
            Position written = recorder.write(Recorder.observed(p, out, seen, tick, close), fresh, null, null, null,
                    times, later);
            return new PositionReport(p, written, name(), PositionReport.Outcome.BLOCKED, out, null, null,
                    "order " + waiting.cloid() + " (" + waiting.type().label() + " of the bar closing at "
                            + java.time.Instant.ofEpochMilli(waiting.barCloseMs())
                            + ") is not settled; nothing planned until the reconciler settles it", List.of());
        }

        PlannerMemory seen = p.features().memory();
        for (EngineOutput o : fresh.subList(0, fresh.size() - 1)) {
            seen = seen.observe(p, o); // S2 breakouts and episode ends on bars this tick does not plan
        }
        EngineOutput planOn = withPendingExit(fresh, out);
        BigDecimal budget = ActionPlanner.mayReadBudget(planOn) ? budgetUsd(p, tick) : BigDecimal.ZERO;
        Plan plan = planner.plan(new PlanInput(p, planOn, tick.ae(p), budget, seen, assetMaxLeverage.applyAsInt(p)));
        long t2 = System.nanoTime();
        times.plan.add(t2 - t1);

        Decision decision = plan.decision();
        Position base = Recorder.observed(p, out, plan.memory(), tick, close);
        if (decision == null) {
            times.execute.add(System.nanoTime() - t2);
            Position written = recorder.write(base, fresh, null, null, null, times, later);
            return new PositionReport(p, written, name(), PositionReport.Outcome.PLANNED, out, null, null, null,
                    plan.reasons());
        }
        long barCloseMs = out.barOpenTimeMs() + p.timeframe().durationMs();
        String cloid = OrderTicket.cloid(p.id(), p.createdAtMs(), barCloseMs, decision.type(),
                ledger.orderAttempts(p.id(), barCloseMs, decision.type().label()));
        PlannedAction planned = PlannedAction.of(plan, out, barCloseMs, cloid,
                ActionRecord.planned(decision, plan, out.barOpenTimeMs()));
        Journalled journalled = new Journalled();
        OrderJournal journal = (venueName, request) -> {
            // The decision, the engine state it was planned on and the order, in one transaction: after a crash
            // either all are there (and the reconciler settles the order) or none (and nothing was sent).
            journalled.row = ledger.record(base.withFeatures(base.features().withPendingOrder(planned)),
                    Recorder.transitions(p, fresh), true, new JournalWrite.Intent(cloid, venueName, barCloseMs,
                            decision.type().label(), request));
            lotus.pm.FailPoint.hit("after_journal");
        };
        long staleMs = tick.nowMs() - barCloseMs;
        ExecutionResult result = decision.type().isBuy() && staleMs > staleAfterMs(p.timeframe())
                // The newest bar is old (the feed stopped, or bars arrived late): no new entry on an old price. Exits
                // still go, since holding on is the riskier choice.
                ? ExecutionResult.refused(decision.type(), true, false, "stale_feed: the newest bar of "
                        + p.tokenContract() + " closed " + staleMs / 1000 + " s before this tick (more than "
                        + staleAfterMs(p.timeframe()) / 1000 + " s)")
                : executor.execute(decision, p, new OrderTicket(cloid, journal));
        long t3 = System.nanoTime();
        times.execute.add(t3 - t2);

        Position written;
        if (journalled.row == null) {
            written = finish(base, planned, result, tick.nowMs(), fresh, close, null, times, later);
        } else if (result.status() == ExecutionResult.Status.UNKNOWN) {
            // Nothing filled yet (the reconciler settles the fill), but fees already paid count now: a Solana swap's
            // earlier attempts that landed and failed.
            Position row = PositionAccounting.applyFill(journalled.row, result, tick.nowMs());
            written = recorder.write(row.withFeatures(row.features().withLastAction(planned.action().withExecution(
                    result))), List.of(), result, null,
                    new JournalWrite.Settle(cloid, OrderStatus.UNKNOWN, answer(result), null), times);
        } else {
            written = finish(journalled.row, planned, result, tick.nowMs(), List.of(), close,
                    new JournalWrite.Settle(cloid, journalStatus(result), answer(result), null), times, null);
        }
        return new PositionReport(p, written, name(), PositionReport.Outcome.PLANNED, out, decision, result, null,
                plan.reasons());
    }

    /**
     * What the position may still buy (STRATEGY.md §5): its stored pct, or its learned share of the token's (§7),
     * less what it has committed; and never more than what the token's default-sized positions have left together,
     * since a share that grew after the weights moved must not spend what another timeframe committed under the old
     * split.
     */
    private BigDecimal budgetUsd(Position p, TickContext tick) {
        if (!AllocationPolicy.isDefault(p)) {
            // The user's choice: no need to read the token's other positions.
            return PositionAccounting.remainingBudgetUsd(p, walletUsd, p.totalAllocationPct());
        }
        // Read once for the whole tick; the token's positions on other timeframes are not written by this tick.
        List<Position> token = tick.positionsOfToken(p);
        if (token == null) {
            token = ledger.ofToken(p.tokenChain(), p.bookId(), p.tokenContract());
        }
        BigDecimal own = PositionAccounting.remainingBudgetUsd(p, walletUsd,
                AllocationPolicy.budgetPct(p, token, weights));
        return own.min(AllocationPolicy.tokenHeadroomUsd(p, token, walletUsd));
    }

    /** How old a position's newest bar may be for a buy: two of its bars, and never under two minutes. */
    static long staleAfterMs(lotus.time.Timeframe tf) {
        return Math.max(2 * tf.durationMs(), 120_000);
    }

    /** The row the order journal wrote with its intent, once it has. */
    private static final class Journalled {
        Position row;
    }

    /**
     * Applies what the venue says of this module's open order (found by the reconciler): the fill to the accounting,
     * the planner's memory and the trade's closure, with the journal's settlement in the same transaction, so it
     * counts once however often it is reported. Returns the position as written, or null when there was nothing to
     * apply (the order is still open, or its position is gone).
     *
     * @throws lotus.pm.AlreadySettledException when the order was settled meanwhile (nothing was written)
     */
    public Position settle(Settlement s, long nowMs) {
        if (!s.settled() || s.entry().positionId() == null) {
            return null;
        }
        Position p = ledger.find(s.entry().positionId()).orElse(null);
        if (p == null) {
            log.error("order {} settled {} but its position {} is gone; fills {}", s.entry().cloid(),
                    s.status().dbValue(), s.entry().positionId(), s.fills());
            return null;
        }
        requireReadable(p);
        PlannedAction planned = p.features().pendingOrder();
        if (planned == null || !planned.cloid().equals(s.entry().cloid())) {
            // The row does not wait for this order (it was journalled without its plan): the fill still reaches the
            // accounting; the planner's memory is left as it is.
            log.warn("order {} of {} is not the one the position waits for; applying its fill to the accounting"
                    + " only", s.entry().cloid(), p.label());
            planned = orphan(s);
        }
        planned = planned.withAction(planned.action().asReconciled());
        // The PnL (and so the book's exposure the risk gate reads) at the fill's price until the next tick marks it.
        return finish(p, planned, s.result(), nowMs, List.of(), s.result().avgPrice(),
                new JournalWrite.Settle(s.entry().cloid(), s.status(), s.response(), s.fills()), new PhaseTimes(),
                null);
    }

    /**
     * A position whose stored open order or planner memory could not be read fails instead of planning: planning
     * without them could buy the same budget twice or repeat an exit. It stays as stored until it is mended.
     */
    private static void requireReadable(Position p) {
        for (String key : new String[] {PositionFeatures.PENDING_ORDER, PositionFeatures.MEMORY}) {
            if (p.features().unreadable(key)) {
                throw new IllegalStateException(p.label() + ": features." + key + " cannot be read (see the log);"
                        + " nothing is planned or settled for it until it is mended");
            }
        }
    }

    /** A plan for an order its position does not remember: rules whose fills leave the planner's memory alone. */
    private static PlannedAction orphan(Settlement s) {
        JournalEntry e = s.entry();
        DecisionType type = s.result().type();
        long bar = e.barCloseMs() != null ? e.barCloseMs() : e.createdAtMs();
        return new PlannedAction(type.isBuy() ? Plan.Rule.S2_DIP_BUY : Plan.Rule.EXIT_POSITION, type,
                type.isBuy() ? Plan.Rule.S2_DIP_BUY.entryEvent() : null, null, bar, bar, null, null, 0, 0, e.cloid(),
                ActionRecord.orphan(type));
    }

    /**
     * The decision's execution folded into the row: holdings, the planner's memory, {@code last_action}, the trade's
     * start or its closure, the pending order cleared; written with {@code fresh}'s transitions and the journal's
     * settlement, in one transaction.
     *
     * @param close the newest bar's close for the PnL; null to leave the stored PnL
     */
    private Position finish(Position base, PlannedAction planned, ExecutionResult result, long fillTimeMs,
            List<EngineOutput> fresh, BigDecimal close, JournalWrite.Settle settle, PhaseTimes times,
            TickWrites later) {
        Position after = PositionAccounting.applyFill(base, result, fillTimeMs);
        PositionFeatures f = base.features();
        PlannedAction waiting = f.pendingOrder();
        if (waiting != null && waiting.cloid().equals(planned.cloid())) {
            f = f.withPendingOrder(null); // only the order the position waits for unblocks it
        }
        f = f.withMemory(ActionPlanner.afterFill(f.memory(), planned, result));
        if (close != null) {
            f = f.withPnl(PositionAccounting.pnl(after, close));
        }
        f = f.withLastAction(planned.action().withExecution(result));
        StrandEvent.Closed closure = null;
        if (result.buy() && result.filledAnything() && base.currentTradeId() == null) {
            // The trade's start, for its closure and its learning scope later.
            f = f.withCurrentTrade(new CurrentTrade(after.currentTradeId(),
                    new TradeClosure.Entry(planned.barCloseMs(), planned.entryState(), planned.entryEvent())));
        }
        Position next = after.withFeatures(f);
        if (TradeClosure.closes(base, after)) {
            TradeClosure.Entry entry = entryOf(base);
            List<Bar> held = prices.bars(base.tokenContract(), base.tokenChain(), base.timeframe(), entry.timeMs(),
                    planned.barOpenMs() + 1);
            TradeClosure.ClosedTrade closed = TradeClosure.summarise(next, entry, held, planned.barCloseMs(),
                    planned.type().label());
            next = TradeClosure.reset(next, closed);
            closure = new StrandEvent.Closed(TradeClosure.scope(base, entry), base.id(), closed);
        }
        return recorder.write(next, fresh, result, closure, settle, times, later);
    }

    /** The journal's status for a result the venue answered. */
    private static OrderStatus journalStatus(ExecutionResult r) {
        return switch (r.status()) {
            case FILLED, PARTIALLY_FILLED -> OrderStatus.FILLED;
            case UNKNOWN -> OrderStatus.UNKNOWN;
            default -> OrderStatus.REJECTED;
        };
    }

    /** The executor's answer as the journal keeps it ({@code order_journal.response}). */
    private static ObjectNode answer(ExecutionResult r) {
        ObjectNode n = JSON.objectNode()
                .put("status", r.status().name().toLowerCase(Locale.ROOT))
                .put("dry_run", r.dryRun())
                .put("filled", r.filledSize().toPlainString());
        if (r.avgPrice() != null) {
            n.put("avg_price", r.avgPrice().toPlainString());
        }
        n.put("fee_usd", r.feeUsd().toPlainString());
        if (r.request() != null && r.request().has(ExecutionResult.FAILED_FEE_LAMPORTS)) {
            // Charged with this answer: an unknown order's later settlement must not charge them again.
            n.put(ExecutionResult.FAILED_FEE_LAMPORTS, r.request().get(ExecutionResult.FAILED_FEE_LAMPORTS).asLong());
        }
        if (r.reason() != null) {
            n.put("reason", r.reason());
        }
        if (r.cloid() != null) {
            n.put("cloid", r.cloid());
        }
        return n;
    }

    /**
     * The trade's start as recorded at its first fill. Ambiguity: a trade opened before that record existed (or by
     * hand) falls back to the time in its trade id ({@code <position>-<fill ms>}) and an unknown state and event.
     */
    private static TradeClosure.Entry entryOf(Position p) {
        CurrentTrade t = p.features().currentTrade();
        if (t != null) {
            TradeClosure.Entry e = t.entry();
            return new TradeClosure.Entry(e.timeMs(), e.state() != null ? e.state() : "unknown",
                    e.event() != null ? e.event() : "unknown");
        }
        String id = p.currentTradeId();
        long ms = 0;
        int dash = id.lastIndexOf('-');
        if (dash >= 0) {
            try {
                ms = Long.parseLong(id.substring(dash + 1));
            } catch (NumberFormatException e) {
                ms = 0;
            }
        }
        return new TradeClosure.Entry(p.timeframe().floor(ms), "unknown", "unknown");
    }

    /**
     * The output the planner sees: the newest bar's, but with an exit the engine signalled on an earlier bar of this
     * tick (bars that closed while a tick was late or skipped) still standing, since exit_position is set only on the
     * bar of the fall and S0 has no exit rule of its own.
     */
    private static EngineOutput withPendingExit(List<EngineOutput> fresh, EngineOutput out) {
        if (out.flags().exitPosition()) {
            return out;
        }
        for (EngineOutput o : fresh.subList(0, fresh.size() - 1)) {
            if (o.flags().exitPosition() && out.state() == EngineState.S0) {
                EngineOutput.Flags f = out.flags();
                return new EngineOutput(out.barOpenTimeMs(), out.bars(), out.state(), out.prevState(),
                        out.features(), new EngineOutput.Flags(f.buySignal(), f.buyFlag(), f.trimFlag(),
                                f.emergencyExit(), true, f.reclaimedEma333()), out.scores(), out.levels(),
                        out.s3StartMs(), o.exitReason(), out.gates());
            }
        }
        return out;
    }

    /** Forgets a position's in-memory engine (after a failure, so the next tick rebuilds it from the store). */
    void forget(long positionId) {
        trackers.forget(positionId);
    }
}
