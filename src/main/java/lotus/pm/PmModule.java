package lotus.pm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.EngineTracker;
import lotus.engine.Features;
import lotus.engine.SrGeometry;
import lotus.exec.Decision;
import lotus.exec.ExecutionResult;
import lotus.exec.DecisionType;
import lotus.exec.Executor;
import lotus.exec.OrderJournal;
import lotus.exec.OrderTicket;
import lotus.exec.Settlement;
import lotus.market.Bar;
import lotus.store.Database;
import lotus.store.JournalEntry;
import lotus.store.JournalWrite;
import lotus.store.OrderStatus;
import lotus.store.NewStrand;
import lotus.store.Position;
import lotus.store.PositionLedger;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.PriceHistory;
import lotus.store.StoredPositionLedger;
import lotus.store.Strands;

/**
 * The PM of one venue and book (seed §5, option C): for each position routed to it, bars from its own venue table
 * through {@link PriceHistory}, the Uptrend Engine, the tick's A/E, the action planner, this venue's executor and
 * the accounting; then the position's state, features and transition events in one transaction.
 *
 * <p>Each position keeps an {@link EngineTracker} in memory, so a tick advances the engine by the bars closed since
 * the last one instead of recomputing a thousand; after a restart the tracker is rebuilt from the bars and resumes
 * the state machine from the output stored in {@code features.uptrend_engine_v4}.
 */
public final class PmModule {

    /** The routing key of seed §5: {@code ('hyperliquid', 'perps')}. */
    public record Venue(String tokenChain, String bookId) {

        public Venue {
            Objects.requireNonNull(tokenChain, "tokenChain");
            Objects.requireNonNull(bookId, "bookId");
        }

        public static Venue of(Position p) {
            return new Venue(p.tokenChain(), p.bookId());
        }

        @Override
        public String toString() {
            return tokenChain + "/" + bookId;
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PmModule.class);

    static final String ENGINE_KEY = "uptrend_engine_v4";
    static final String MEMORY_KEY = "pm_v4";
    static final String TRADE_KEY = "current_trade";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Venue venue;
    private final Executor executor;
    private final ActionPlanner planner;
    private final BigDecimal walletUsd;
    private final ToIntFunction<Position> assetMaxLeverage;
    private final PriceHistory prices;
    private final PositionLedger ledger;
    private final Map<Long, EngineTracker> trackers = new ConcurrentHashMap<>();

    /**
     * @param assetMaxLeverage the venue's leverage cap for a position's asset (0 for spot venues)
     */
    public PmModule(Venue venue, Executor executor, ActionPlanner planner, BigDecimal walletUsd,
            ToIntFunction<Position> assetMaxLeverage, PriceDataReader reader, Database db, Positions positions,
            Strands strands) {
        this(venue, executor, planner, walletUsd, assetMaxLeverage, reader,
                new StoredPositionLedger(db, positions, strands));
    }

    /**
     * The same module on any bar history and ledger: the database's live, memory for a backtest.
     *
     * @param assetMaxLeverage the venue's leverage cap for a position's asset (0 for spot venues)
     */
    public PmModule(Venue venue, Executor executor, ActionPlanner planner, BigDecimal walletUsd,
            ToIntFunction<Position> assetMaxLeverage, PriceHistory prices, PositionLedger ledger) {
        this.venue = venue;
        this.executor = executor;
        this.planner = planner;
        this.walletUsd = walletUsd;
        this.assetMaxLeverage = assetMaxLeverage;
        this.prices = prices;
        this.ledger = ledger;
    }

    public Venue venue() {
        return venue;
    }

    public String name() {
        return venue.toString();
    }

    PositionReport process(Position p, TickContext tick, PhaseTimes times) {
        Advance advance = advanceEngine(p, tick, times);
        List<EngineOutput> fresh = advance.outputs();
        long t1 = System.nanoTime();
        EngineTracker tracker = trackers.get(p.id());
        EngineOutput out = tracker.last();
        if (out == null || out.dormant()) {
            int bars = tracker.bars();
            String note = "dormant: " + bars + " of " + Features.BARS_THRESHOLD + " bars";
            if (out != null && !fresh.isEmpty()) {
                write(withFeatures(p, out, null, null, null, null), List.of(), null, null, null, times);
            }
            return PositionReport.skipped(p, name(), PositionReport.Outcome.DORMANT, note);
        }
        if (fresh.isEmpty()) {
            return new PositionReport(p, null, name(), PositionReport.Outcome.NO_NEW_BAR, out, null, null,
                    "no bar closed since the one opening " + java.time.Instant.ofEpochMilli(out.barOpenTimeMs())
                            + "; nothing re-planned", List.of());
        }

        BigDecimal close = advance.lastBar().close();
        PlannedAction waiting = PlannedAction.fromFeatures(p.features());
        if (waiting != null) {
            // Its order may have filled at the venue: planning now could buy the same budget twice.
            PlannerMemory seen = PlannerMemory.fromJson(p.features().path(MEMORY_KEY));
            for (EngineOutput o : fresh) {
                seen = seen.observe(p, o);
            }
            Position written = write(withFeatures(p, out, seen, tick, null, close), fresh, null, null, null, times);
            return new PositionReport(p, written, name(), PositionReport.Outcome.BLOCKED, out, null, null,
                    "order " + waiting.cloid() + " (" + waiting.type().label() + " of the bar closing at "
                            + java.time.Instant.ofEpochMilli(waiting.barCloseMs())
                            + ") is not settled; nothing planned until the reconciler settles it", List.of());
        }

        BigDecimal budget = PositionAccounting.remainingBudgetUsd(p, walletUsd);
        PlannerMemory seen = PlannerMemory.fromJson(p.features().path(MEMORY_KEY));
        for (EngineOutput o : fresh.subList(0, fresh.size() - 1)) {
            seen = seen.observe(p, o); // S2 breakouts and episode ends on bars this tick does not plan
        }
        Plan plan = planner.plan(new PlanInput(p, withPendingExit(fresh, out), tick.ae(), budget, seen,
                assetMaxLeverage.applyAsInt(p)));
        long t2 = System.nanoTime();
        times.plan.add(t2 - t1);

        Decision decision = plan.decision();
        Position base = withFeatures(p, out, plan.memory(), tick, null, close);
        if (decision == null) {
            times.execute.add(System.nanoTime() - t2);
            Position written = write(base, fresh, null, null, null, times);
            return new PositionReport(p, written, name(), PositionReport.Outcome.PLANNED, out, null, null, null,
                    plan.reasons());
        }
        long barCloseMs = out.barOpenTimeMs() + p.timeframe().durationMs();
        String cloid = OrderTicket.cloid(p.id(), p.createdAtMs(), barCloseMs, decision.type(),
                ledger.orderAttempts(p.id(), barCloseMs, decision.type().label()));
        PlannedAction planned = PlannedAction.of(plan, out, barCloseMs, cloid, PmJson.decisionJson(decision, plan, out));
        Journalled journalled = new Journalled();
        OrderJournal journal = (venueName, request) -> {
            // The decision, the engine state it was planned on and the order, in one transaction: after a crash
            // either all are there (and the reconciler settles the order) or none (and nothing was sent).
            journalled.row = ledger.record(withFeature(base, PlannedAction.KEY, planned.toJson()),
                    transitions(p, fresh), true, new JournalWrite.Intent(cloid, venueName, barCloseMs,
                            decision.type().label(), request));
            lotus.store.FailPoint.hit("after_journal");
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
            written = finish(base, planned, result, tick.nowMs(), fresh, close, null, times);
        } else if (result.status() == ExecutionResult.Status.UNKNOWN) {
            written = write(withFeature(journalled.row, "last_action", PmJson.withExecution(planned.action(), result)),
                    List.of(), result, null, new JournalWrite.Settle(cloid, OrderStatus.UNKNOWN, answer(result),
                            null), times);
        } else {
            written = finish(journalled.row, planned, result, tick.nowMs(), List.of(), close,
                    new JournalWrite.Settle(cloid, journalStatus(result), answer(result), null), times);
        }
        return new PositionReport(p, written, name(), PositionReport.Outcome.PLANNED, out, decision, result, null,
                plan.reasons());
    }

    /** How old a position's newest bar may be for a buy: two of its bars, and never under two minutes. */
    static long staleAfterMs(lotus.time.Timeframe tf) {
        return Math.max(2 * tf.durationMs(), 120_000);
    }

    /** The row with one key of its features set (a copy: the row read stays as it was). */
    private static Position withFeature(Position p, String key, JsonNode value) {
        ObjectNode f = ((ObjectNode) p.features()).deepCopy();
        f.set(key, value);
        return p.withRecords(p.state(), f, p.completedTrades());
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
     * @throws lotus.store.AlreadySettledException when the order was settled meanwhile (nothing was written)
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
        PlannedAction planned = PlannedAction.fromFeatures(p.features());
        if (planned == null || !planned.cloid().equals(s.entry().cloid())) {
            // The row does not wait for this order (it was journalled without its plan): the fill still reaches the
            // accounting; the planner's memory is left as it is.
            log.warn("order {} of {} is not the one the position waits for; applying its fill to the accounting"
                    + " only", s.entry().cloid(), p.label());
            planned = orphan(s);
        }
        planned = planned.withAction(planned.action().deepCopy().put("reconciled", true));
        // The PnL (and so the book's exposure the risk gate reads) at the fill's price until the next tick marks it.
        return finish(p, planned, s.result(), nowMs, List.of(), s.result().avgPrice(),
                new JournalWrite.Settle(s.entry().cloid(), s.status(), s.response(), s.fills()), new PhaseTimes());
    }

    /** A plan for an order its position does not remember: rules whose fills leave the planner's memory alone. */
    private static PlannedAction orphan(Settlement s) {
        JournalEntry e = s.entry();
        DecisionType type = s.result().type();
        long bar = e.barCloseMs() != null ? e.barCloseMs() : e.createdAtMs();
        return new PlannedAction(type.isBuy() ? Plan.Rule.S2_DIP_BUY : Plan.Rule.EXIT_POSITION, type,
                type.isBuy() ? Plan.Rule.S2_DIP_BUY.entryEvent() : null, null, bar, bar, null, null, 0, 0, e.cloid(),
                JSON.objectNode().put("decision_type", type.label()));
    }

    /**
     * The decision's execution folded into the row: holdings, the planner's memory, {@code last_action}, the trade's
     * start or its closure, the pending order cleared; written with {@code fresh}'s transitions and the journal's
     * settlement, in one transaction.
     *
     * @param close the newest bar's close for the PnL; null to leave the stored PnL
     */
    private Position finish(Position base, PlannedAction planned, ExecutionResult result, long fillTimeMs,
            List<EngineOutput> fresh, BigDecimal close, JournalWrite.Settle settle, PhaseTimes times) {
        Position after = PositionAccounting.applyFill(base, result, fillTimeMs);
        PlannerMemory memory = ActionPlanner.afterFill(PlannerMemory.fromJson(base.features().path(MEMORY_KEY)),
                planned, result);
        ObjectNode features = ((ObjectNode) base.features()).deepCopy();
        PlannedAction waiting = PlannedAction.fromFeatures(base.features());
        if (waiting != null && waiting.cloid().equals(planned.cloid())) {
            features.remove(PlannedAction.KEY); // only the order the position waits for unblocks it
        }
        features.set(MEMORY_KEY, memory.toJson());
        if (close != null) {
            features.set("pnl", PmJson.pnlJson(PositionAccounting.pnl(after, close)));
        }
        features.set("last_action", PmJson.withExecution(planned.action(), result));
        Position next = after.withRecords(after.state(), features, after.completedTrades());
        Closure closure = null;
        if (result.buy() && result.filledAnything() && base.currentTradeId() == null) {
            // The trade's start, for its closure and its learning scope later.
            features.putObject(TRADE_KEY)
                    .put("trade_id", next.currentTradeId())
                    .put("entry_time_ms", planned.barCloseMs())
                    .put("entry_state", planned.entryState())
                    .put("entry_event", planned.entryEvent());
        } else if (TradeClosure.closes(base, after)) {
            TradeClosure.Entry entry = entryOf(base);
            List<Bar> held = prices.bars(base.tokenContract(), base.tokenChain(), base.timeframe(), entry.timeMs(),
                    planned.barOpenMs() + 1);
            TradeClosure.ClosedTrade closed = TradeClosure.summarise(next, entry, held, planned.barCloseMs(),
                    planned.type().label());
            next = TradeClosure.reset(next, closed);
            closure = new Closure(closed, TradeClosure.scope(base, entry));
        }
        return write(next, fresh, result, closure, settle, times);
    }

    /** The journal's status for a result the venue answered. */
    private static OrderStatus journalStatus(ExecutionResult r) {
        return switch (r.status()) {
            case FILLED, PARTIALLY_FILLED -> OrderStatus.FILLED;
            case UNKNOWN -> OrderStatus.UNKNOWN;
            default -> OrderStatus.REJECTED;
        };
    }

    private static ObjectNode answer(ExecutionResult r) {
        return PmJson.withExecution(JSON.objectNode(), r);
    }

    private record Closure(TradeClosure.ClosedTrade trade, ObjectNode scope) {
    }

    /**
     * The trade's start as recorded at its first fill. Ambiguity: a trade opened before that record existed (or by
     * hand) falls back to the time in its trade id ({@code <position>-<fill ms>}) and an unknown state and event.
     */
    private static TradeClosure.Entry entryOf(Position p) {
        JsonNode t = p.features().path(TRADE_KEY);
        if (t.has("entry_time_ms")) {
            return new TradeClosure.Entry(t.get("entry_time_ms").asLong(), t.path("entry_state").asText("unknown"),
                    t.path("entry_event").asText("unknown"));
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

    /** Brings the position's tracker up to the bars closed before the tick; returns the outputs of new bars. */
    private Advance advanceEngine(Position p, TickContext tick, PhaseTimes times) {
        EngineTracker tracker = trackers.get(p.id());
        long storedT = p.features().path(ENGINE_KEY).path("t").asLong(-1);
        if (tracker != null && tracker.last() != null && !tracker.last().dormant()
                && storedT != tracker.lastBarOpenTimeMs()) {
            // The row is not where this tracker left it (a write lost in a database crash, or another process
            // ticked it): rebuild from what is stored rather than continue from memory.
            trackers.remove(p.id());
            tracker = null;
        }
        List<Bar> bars;
        long r0 = System.nanoTime();
        if (tracker == null) {
            bars = prices.barsBefore(p.tokenContract(), p.tokenChain(), p.timeframe(), SrGeometry.MAX_BARS,
                    tick.barCloseMs());
        } else {
            bars = prices.bars(p.tokenContract(), p.tokenChain(), p.timeframe(), tracker.lastBarOpenTimeMs() + 1,
                    tick.barCloseMs());
        }
        long e0 = System.nanoTime();
        times.read.add(e0 - r0);
        List<EngineOutput> fresh = new ArrayList<>();
        if (tracker == null) {
            EngineOutput stored = EngineJson.fromJson(p.features().path(ENGINE_KEY));
            int split = 0;
            if (stored != null) {
                while (split < bars.size() && bars.get(split).openTimeMs() <= stored.barOpenTimeMs()) {
                    split++;
                }
            }
            if (stored == null || split == 0) {
                // Never evaluated (or its stored bar is gone): run the state machine over the whole history, as a
                // backtest of the same bars does, so a new position starts in the state its bars put it in rather
                // than at "none". Only the newest bar is planned and recorded; the history's transitions are not
                // events that happened now.
                tracker = new EngineTracker();
                for (int i = 0; i < bars.size() - 1; i++) {
                    tracker.advance(bars.get(i));
                }
                split = Math.max(0, bars.size() - 1);
            } else {
                tracker = EngineTracker.resume(bars.subList(0, split), stored);
            }
            trackers.put(p.id(), tracker);
            bars = bars.subList(split, bars.size());
        }
        for (Bar b : bars) {
            fresh.add(tracker.advance(b));
        }
        times.engine.add(System.nanoTime() - e0);
        return new Advance(fresh, bars.isEmpty() ? null : bars.get(bars.size() - 1));
    }

    /** The outputs of the bars new to this tick, and the newest of those bars (null when none). */
    private record Advance(List<EngineOutput> outputs, Bar lastBar) {
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

    private Position withFeatures(Position p, EngineOutput out, PlannerMemory memory, TickContext tick,
            ObjectNode action, BigDecimal close) {
        // Copies only what is kept: deep-copying the whole object first copied the previous engine output (most of
        // it) only to replace it, a fifth of a backtest's time per bar.
        ObjectNode features = JSON.objectNode();
        if (p.features().isObject()) {
            for (Map.Entry<String, JsonNode> e : p.features().properties()) {
                // A replaced key keeps its place (null until set below), so the stored JSON reads as before.
                features.set(e.getKey(), replaced(e.getKey(), memory != null, tick != null, action != null)
                        ? JSON.nullNode() : e.getValue().deepCopy());
            }
        }
        features.set(ENGINE_KEY, EngineJson.toJson(out));
        if (memory != null) {
            features.set(MEMORY_KEY, memory.toJson());
        }
        if (tick != null) {
            features.putObject("ae").put("a", tick.ae().a()).put("e", tick.ae().e());
            features.set("pnl", PmJson.pnlJson(PositionAccounting.pnl(p, close)));
        }
        if (action != null) {
            features.set("last_action", action);
        }
        return p.withRecords(out.state() == null ? null : out.state().name(), features, p.completedTrades());
    }

    /** The keys {@link #withFeatures} sets anew; the position's own values of them are not copied. */
    private static boolean replaced(String key, boolean memory, boolean tick, boolean action) {
        return switch (key) {
            case ENGINE_KEY -> true;
            case MEMORY_KEY -> memory;
            case "ae", "pnl" -> tick;
            case "last_action" -> action;
            default -> false;
        };
    }



    /** State, features, transition events, the execution and closure events and the journal's change, at once. */
    private Position write(Position p, List<EngineOutput> fresh, ExecutionResult result, Closure closure,
            JournalWrite journal, PhaseTimes times) {
        long w0 = System.nanoTime();
        JsonNode scope = scope(p);
        List<NewStrand> events = transitions(p, fresh);
        if (result != null) {
            ObjectNode payload = ((ObjectNode) p.features().get("last_action")).deepCopy();
            payload.put("position_id", p.id());
            events.add(new NewStrand("pm_execution", scope, payload));
        }
        if (closure != null) {
            ObjectNode payload = closure.trade().toJson().put("position_id", p.id());
            events.add(new NewStrand("position_closed", closure.scope(), payload));
        }
        // Without a fill this write is the engine's and planner's state for one bar, rebuilt from the bars if a crash
        // loses it; waiting for its WAL flush made the tick (one commit per position) too slow. Writes carrying a
        // fill or an order wait for the flush as usual.
        Position stored = ledger.record(p, events, result != null || journal != null, journal);
        times.write.add(System.nanoTime() - w0);
        return stored;
    }

    /** The {@code engine_transition} events of the new bars' state changes. */
    private static List<NewStrand> transitions(Position p, List<EngineOutput> fresh) {
        JsonNode scope = scope(p);
        List<NewStrand> events = new ArrayList<>();
        for (EngineOutput o : fresh) {
            if (o.transitioned()) {
                ObjectNode payload = JSON.objectNode()
                        .put("position_id", p.id())
                        .put("t", o.barOpenTimeMs())
                        .put("from", o.prevState() == null ? null : o.prevState().name())
                        .put("to", o.state().name())
                        .put("price", o.price());
                if (o.exitReason() != null) {
                    payload.put("reason", o.exitReason());
                }
                events.add(new NewStrand("engine_transition", scope, payload));
            }
        }
        return events;
    }

    static ObjectNode scope(Position p) {
        return JSON.objectNode()
                .put("book_id", p.bookId())
                .put("token_chain", p.tokenChain())
                .put("timeframe", p.timeframe().label())
                .put("token_ticker", p.tokenTicker() != null ? p.tokenTicker() : p.tokenContract());
    }

    /** Forgets a position's in-memory engine (after a failure, so the next tick rebuilds it from the store). */
    void forget(long positionId) {
        trackers.remove(positionId);
    }

}
