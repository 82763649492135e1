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
import lotus.exec.Executor;
import lotus.market.Bar;
import lotus.store.Database;
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
                write(withFeatures(p, out, null, null, null, null), List.of(), null, null, times);
            }
            return PositionReport.skipped(p, name(), PositionReport.Outcome.DORMANT, note);
        }
        if (fresh.isEmpty()) {
            return new PositionReport(p, null, name(), PositionReport.Outcome.NO_NEW_BAR, out, null, null,
                    "no bar closed since the one opening " + java.time.Instant.ofEpochMilli(out.barOpenTimeMs())
                            + "; nothing re-planned", List.of());
        }

        BigDecimal budget = PositionAccounting.remainingBudgetUsd(p, walletUsd);
        PlannerMemory seen = PlannerMemory.fromJson(p.features().path(MEMORY_KEY));
        for (EngineOutput o : fresh.subList(0, fresh.size() - 1)) {
            seen = seen.observe(p, o); // S2 breakouts and episode ends on bars this tick does not plan
        }
        Plan plan = planner.plan(new PlanInput(p, withPendingExit(fresh, out), tick.ae(), budget, seen,
                assetMaxLeverage.applyAsInt(p)));
        PlannerMemory memory = plan.memory();
        long t2 = System.nanoTime();
        times.plan.add(t2 - t1);

        Decision decision = plan.decision();
        ExecutionResult result = null;
        Position after = p;
        if (decision != null) {
            result = executor.execute(decision, p);
            after = PositionAccounting.applyFill(p, result, tick.nowMs());
            memory = ActionPlanner.afterExecution(memory, plan, result, out);
        }
        long t3 = System.nanoTime();
        times.execute.add(t3 - t2);

        Position written;
        try {
            Position next = withFeatures(after, out, memory, tick, result == null ? null
                    : PmJson.actionJson(decision, result, plan, out), advance.lastBar().close());
            long barCloseMs = out.barOpenTimeMs() + p.timeframe().durationMs();
            TradeClosure.ClosedTrade closed = null;
            TradeClosure.Entry entry = null;
            if (result != null && result.buy() && result.filledAnything() && p.currentTradeId() == null) {
                // The trade's start, for its closure and its learning scope later.
                ((ObjectNode) next.features()).putObject(TRADE_KEY)
                        .put("trade_id", next.currentTradeId())
                        .put("entry_time_ms", barCloseMs)
                        .put("entry_state", out.state().name())
                        .put("entry_event", plan.entryEvent());
            } else if (result != null && TradeClosure.closes(p, after)) {
                entry = entryOf(p);
                List<Bar> held = prices.bars(p.tokenContract(), p.tokenChain(), p.timeframe(), entry.timeMs(),
                        out.barOpenTimeMs() + 1);
                closed = TradeClosure.summarise(next, entry, held, barCloseMs, decision.type().label());
                next = TradeClosure.reset(next, closed);
            }
            written = write(next, fresh, result, closed == null ? null
                    : new Closure(closed, TradeClosure.scope(p, entry)), times);
        } catch (RuntimeException e) {
            if (result != null && result.filledAnything()) {
                recordUnaccountedFill(p, decision, result, e);
            }
            throw e;
        }
        return new PositionReport(p, written, name(), PositionReport.Outcome.PLANNED, out, decision, result, null,
                plan.reasons());
    }

    private record Closure(TradeClosure.ClosedTrade trade, ObjectNode scope) {
    }

    /**
     * A fill happened but the position could not be written (a concurrent update, a database error). The venue has
     * the fill; so that it is never silently lost, it goes to the log and, in its own transaction, to a
     * {@code pm_unaccounted_fill} strand for the operator to apply.
     */
    private void recordUnaccountedFill(Position p, Decision d, ExecutionResult r, RuntimeException cause) {
        log.error("FILL NOT ACCOUNTED for {}: {} {} {} @ {} (cloid {}); position left at version {}: {}", p.label(),
                d.type().label(), r.buy() ? "bought" : "sold", r.filledSize().toPlainString(),
                r.avgPrice() == null ? "-" : r.avgPrice().toPlainString(), r.cloid(), p.version(), cause.toString());
        try {
            ObjectNode payload = JSON.objectNode()
                    .put("position_id", p.id())
                    .put("decision_type", d.type().label())
                    .put("buy", r.buy())
                    .put("filled", PmJson.plain(r.filledSize()))
                    .put("avg_price", PmJson.plain(r.avgPrice()))
                    .put("notional_usd", PmJson.plain(r.notionalUsd()))
                    .put("fee_usd", PmJson.plain(r.feeUsd()))
                    .put("cloid", r.cloid())
                    .put("dry_run", r.dryRun())
                    .put("error", cause.toString());
            ledger.append(new NewStrand("pm_unaccounted_fill", scope(p), payload));
        } catch (RuntimeException again) {
            log.error("could not record the unaccounted fill of {} either: {}", p.label(), again.toString());
        }
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



    /** State, features, transition events and the execution event, in one transaction. */
    private Position write(Position p, List<EngineOutput> fresh, ExecutionResult result, Closure closure,
            PhaseTimes times) {
        long w0 = System.nanoTime();
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
        // fill wait for the flush as usual.
        Position stored = ledger.record(p, events, result != null);
        times.write.add(System.nanoTime() - w0);
        return stored;
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
