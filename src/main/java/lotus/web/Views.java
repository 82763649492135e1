package lotus.web;

import static lotus.web.Json.F;
import static lotus.web.Json.money;
import static lotus.web.Json.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.TreeSet;
import lotus.engine.EngineOutput;
import lotus.learning.Lesson;
import lotus.learning.LearningSystem;
import lotus.market.Bar;
import lotus.pm.JournalEntry;
import lotus.pm.Position;
import lotus.pm.PositionFeatures;
import lotus.pm.TradeClosure;
import lotus.risk.RiskControls;
import lotus.risk.RiskLimits;
import lotus.store.BarFreshness;
import lotus.store.ClosedTradeStrands;
import lotus.store.EquityHistory;
import lotus.store.LearningTables;
import lotus.store.MigrationStatus;
import lotus.store.Orders;
import lotus.store.PositionJson;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.RegimeBars;
import lotus.store.ScopeState;
import lotus.store.Strands;
import lotus.store.TradingStates;
import lotus.time.Timeframe;

/**
 * The API's read side: each endpoint's JSON, read from the database at every request (nothing cached, so a halt
 * written by {@code lotus halt} or another process shows at once).
 */
final class Views {

    private final ApiSources src;
    private final long startedAtMs;
    private final RiskControls controls;
    private final Positions positions;
    private final StrandViews strands;

    Views(ApiSources src, long startedAtMs) {
        this.src = src;
        this.startedAtMs = startedAtMs;
        this.positions = new Positions(src.db(), src.clock());
        this.strands = new StrandViews(new Strands(src.db(), src.clock()));
        this.controls = new RiskControls(new TradingStates(src.db(), src.clock()), positions, src.clock());
    }

    RiskControls controls() {
        return controls;
    }

    StrandViews strands() {
        return strands;
    }

    ObjectNode status() {
        long now = src.clock().nowMs();
        ObjectNode out = F.objectNode().put("mode", src.mode().wire());
        time(out, "now", now);
        time(out, "started_at", startedAtMs);
        out.put("uptime_s", (now - startedAtMs) / 1000);
        out.putObject("db").put("kind", src.db().dialect().name().toLowerCase(java.util.Locale.ROOT))
                .put("url", src.db().describe());
        ObjectNode schema = out.putObject("schema");
        ArrayNode migrations = schema.putArray("migrations");
        String current = null;
        for (MigrationStatus m : src.db().status()) {
            ObjectNode row = migrations.addObject().put("version", m.version()).put("description", m.description())
                    .put("state", m.state());
            time(row, "installed_at", m.installedOn() == null ? null : m.installedOn().toEpochMilli());
            if (m.installedOn() != null) {
                current = m.version();
            }
        }
        schema.put("current", current);
        out.put("global", controls.effective(TradingStates.GLOBAL).dbValue());
        ArrayNode books = out.putArray("books");
        for (String book : books()) {
            books.addObject().put("book", book).put("state", controls.effective(book).dbValue());
        }
        return out;
    }

    /** The seed's books, every book with positions and every book with a stored state. */
    private TreeSet<String> books() {
        TreeSet<String> books = new TreeSet<>(RiskControls.BOOKS);
        RiskControls.Report r = controls.report(src.walletUsd());
        r.books().forEach(b -> books.add(b.usage().bookId()));
        return books;
    }

    ArrayNode positions(Optional<String> book, Optional<String> chain) {
        ArrayNode out = F.arrayNode();
        for (Position p : all()) {
            if (book.map(p.bookId()::equals).orElse(true) && chain.map(p.tokenChain()::equals).orElse(true)) {
                out.add(position(p));
            }
        }
        return out;
    }

    private List<Position> all() {
        return java.util.Arrays.stream(Timeframe.values()).flatMap(tf -> positions.byTimeframe(tf).stream())
                .sorted(Comparator.comparingLong(Position::id)).toList();
    }

    /**
     * One position, its features and closed trades, its engine-state timeline and decisions from the strands, and its
     * newest {@code bars} bars (0: none), oldest first.
     */
    Optional<ObjectNode> position(long id, int bars) {
        return positions.find(id).map(p -> {
            ObjectNode out = position(p);
            out.set("features", PositionJson.features(p.features()));
            ArrayNode trades = out.putArray("completed_trades");
            p.completedTrades().forEach(t -> trades.add(trade(p, t)));
            out.set("timeline", strands.timeline(id));
            out.set("decisions", strands.decisions(id));
            if (bars > 0) {
                ArrayNode list = out.putArray("bars");
                new PriceDataReader(src.db()).bars(p.tokenContract(), p.tokenChain(), p.timeframe(), bars)
                        .forEach(b -> list.add(bar(b)));
            }
            return out;
        });
    }

    private static ObjectNode position(Position p) {
        ObjectNode n = F.objectNode().put("id", p.id()).put("token_contract", p.tokenContract())
                .put("token_chain", p.tokenChain()).put("token_ticker", p.tokenTicker())
                .put("timeframe", p.timeframe().label()).put("book_id", p.bookId())
                .put("status", p.status().dbValue()).put("state", p.state() == null ? null : p.state().name())
                .put("quantity", money(p.quantity())).put("dust", money(p.dust()))
                .put("avg_entry_price", money(p.avgEntryPrice()))
                .put("total_allocation_pct", money(p.totalAllocationPct()))
                .put("total_allocation_usd", money(p.totalAllocationUsd()))
                .put("total_extracted_usd", money(p.totalExtractedUsd()))
                .put("total_tokens_bought", money(p.totalTokensBought()))
                .put("total_tokens_sold", money(p.totalTokensSold()))
                .put("fees_usd", money(p.totalFeesUsd()))
                .put("current_trade_id", p.currentTradeId()).put("trades_closed", p.completedTrades().size())
                .put("version", p.version());
        PositionFeatures f = p.features();
        n.put("a", f.ae() == null ? null : f.ae().a()).put("e", f.ae() == null ? null : f.ae().e());
        n.put("pnl_usd", f.pnl() == null ? null : money(f.pnl().totalPnlUsd()))
                .put("net_pnl_usd", f.pnl() == null ? null : money(f.pnl().netPnlUsd()))
                .put("unrealised_pnl_usd", f.pnl() == null ? null : money(f.pnl().unrealisedPnlUsd()));
        ArrayNode flags = n.putArray("flags");
        if (f.engine() != null) {
            EngineOutput.Flags fl = f.engine().flags();
            addIf(flags, fl.buySignal(), "buy_signal");
            addIf(flags, fl.buyFlag(), "buy_flag");
            addIf(flags, fl.trimFlag(), "trim_flag");
            addIf(flags, fl.emergencyExit(), "emergency_exit");
            addIf(flags, fl.exitPosition(), "exit_position");
            addIf(flags, fl.reclaimedEma333(), "reclaimed_ema333");
        }
        time(n, "created_at", p.createdAtMs());
        return time(n, "updated_at", p.updatedAtMs());
    }

    private static void addIf(ArrayNode flags, boolean set, String name) {
        if (set) {
            flags.add(name);
        }
    }

    private static ObjectNode bar(Bar b) {
        ObjectNode n = time(F.objectNode(), "open_time", b.openTimeMs());
        return n.put("open", money(b.open())).put("high", money(b.high())).put("low", money(b.low()))
                .put("close", money(b.close())).put("volume", money(b.volume()));
    }

    /** Every closed trade of every position, newest exit first. */
    ArrayNode trades(Optional<String> book, Optional<String> chain) {
        record Closed(Position p, TradeClosure.ClosedTrade t) {
        }
        ArrayNode out = F.arrayNode();
        all().stream().filter(p -> book.map(p.bookId()::equals).orElse(true))
                .filter(p -> chain.map(p.tokenChain()::equals).orElse(true))
                .flatMap(p -> p.completedTrades().stream().map(t -> new Closed(p, t)))
                .sorted(Comparator.comparingLong((Closed c) -> c.t().exitTimeMs()).reversed())
                .forEach(c -> out.add(trade(c.p(), c.t())));
        return out;
    }

    private static ObjectNode trade(Position p, TradeClosure.ClosedTrade t) {
        ObjectNode n = F.objectNode().put("trade_id", t.tradeId()).put("position_id", p.id())
                .put("token_contract", p.tokenContract()).put("token_ticker", p.tokenTicker())
                .put("token_chain", p.tokenChain()).put("book_id", p.bookId()).put("timeframe", p.timeframe().label())
                .put("entry_state", t.entry().state()).put("entry_event", t.entry().event());
        time(n, "entry_time", t.entry().timeMs());
        time(n, "exit_time", t.exitTimeMs());
        return n.put("entry_price", money(t.entryPrice())).put("exit_price", money(t.exitPrice()))
                .put("allocated_usd", money(t.allocatedUsd())).put("extracted_usd", money(t.extractedUsd()))
                .put("pnl_usd", money(t.pnlUsd())).put("fees_usd", money(t.feesUsd()))
                .put("net_pnl_usd", money(t.netPnlUsd())).put("return", t.returnFrac())
                .put("net_return", t.netReturnFrac()).put("rr", t.rr())
                .put("max_drawdown", t.maxDrawdown()).put("max_gain", t.maxGain()).put("outcome", t.outcome())
                .put("hold_class", t.holdClass()).put("closed_by", t.closedBy()).put("bars", t.bars());
    }

    /** What learning has stored, as the trading process loads it (reading only: nothing is caught up here). */
    ArrayNode lessons() {
        ArrayNode out = F.arrayNode();
        List<Lesson> lessons = new LearningSystem(new ClosedTradeStrands(new Strands(src.db(), src.clock())),
                new LearningTables(src.db())).lessons();
        for (Lesson l : lessons) {
            ObjectNode n = out.addObject().put("book_id", l.bookId()).put("token_chain", l.tokenChain())
                    .put("pattern", l.pattern()).put("n", l.n())
                    .put("wins", l.wins()).put("win_rate", l.winRate()).put("mean_rr", l.meanRr())
                    .put("mean_return", l.meanReturn());
            // The subset's fields that are set: {} is the whole book.
            ObjectNode subset = n.putObject("subset");
            putIfSet(subset, "timeframe", l.subset().timeframe());
            putIfSet(subset, "token_ticker", l.subset().tokenTicker());
            putIfSet(subset, "entry_state", l.subset().entryState());
            if (l.multiplier().isPresent()) {
                n.put("multiplier", l.multiplier().getAsDouble());
            } else {
                n.putNull("multiplier");
            }
        }
        return out;
    }

    private static void putIfSet(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }

    ArrayNode orders(int limit) {
        ArrayNode out = F.arrayNode();
        for (JournalEntry o : new Orders(src.db(), src.clock()).recent(limit)) {
            ObjectNode n = out.addObject().put("cloid", o.cloid()).put("venue", o.venue())
                    .put("position_id", o.positionId()).put("action", o.action()).put("status", o.status().dbValue());
            time(n, "created_at", o.createdAtMs());
            time(n, "updated_at", o.updatedAtMs());
            time(n, "bar_close", o.barCloseMs());
            n.set("request", o.request());
            n.set("response", o.response());
            n.set("fills", o.fills());
        }
        return out;
    }

    ObjectNode risk() {
        RiskControls.Report r = controls.report(src.walletUsd());
        ObjectNode out = time(F.objectNode(), "day_start", r.dayStartMs());
        ArrayNode states = out.putArray("states");
        for (ScopeState s : r.states()) {
            states.add(scope(s));
        }
        ArrayNode books = out.putArray("books");
        for (RiskControls.BookLine b : r.books()) {
            books.addObject().put("book", b.usage().bookId())
                    .put("state", controls.effective(b.usage().bookId()).dbValue())
                    .put("exposure_usd", money(b.usage().exposureUsd()))
                    .put("open_positions", b.usage().openPositions())
                    .put("pnl_today_usd", money(b.usage().pnlTodayUsd()))
                    .put("realised_all_time_usd", money(b.usage().realisedAllTimeUsd()))
                    .put("equity_usd", money(b.equityUsd())).put("peak_usd", b.peakUsd().map(Json::money).orElse(null))
                    .put("drawdown_pct", money(b.drawdownPct()));
        }
        RiskLimits l = src.limits();
        out.putObject("limits").put("max_order_notional_usd", money(l.maxOrderNotionalUsd()))
                .put("max_orders_per_minute", l.maxOrdersPerMinute())
                .put("max_book_exposure_usd", money(l.maxBookExposureUsd()))
                .put("max_token_exposure_usd", money(l.maxTokenExposureUsd()))
                .put("max_open_positions_per_book", l.maxOpenPositionsPerBook())
                .put("daily_loss_stop_usd", money(l.dailyLossStopUsd()))
                .put("max_drawdown_pct", money(l.maxDrawdownPct())).put("live_scale", money(l.liveScale()))
                .put("reconcile_interval_s", l.reconcileIntervalS())
                .put("unknown_outcomes_to_halt", l.unknownOutcomesToHalt());
        return out;
    }

    /**
     * Each book's recorded equity with a time in {@code [fromMs, toMs)} (one book or all), oldest first, at most
     * {@code maxPoints} a book; a bound not asked for is null in the answer.
     */
    ObjectNode equity(Optional<String> book, Optional<Long> fromMs, Optional<Long> toMs, int maxPoints) {
        ObjectNode out = time(F.objectNode(), "from", fromMs.orElse(null));
        time(out, "to", toMs.orElse(null)).put("max_points", maxPoints);
        ArrayNode books = out.putArray("books");
        new EquityHistory(src.db()).range(book, fromMs.orElse(Long.MIN_VALUE), toMs.orElse(Long.MAX_VALUE), maxPoints)
                .forEach((name, points) -> {
                    ArrayNode list = books.addObject().put("book", name).putArray("points");
                    for (EquityHistory.Point p : points) {
                        time(list.addObject(), "time", p.timeMs()).put("equity_usd", money(p.equityUsd()))
                                .put("pnl_today_usd", money(p.pnlTodayUsd()))
                                .put("realised_usd", money(p.realisedUsd()))
                                .put("exposure_usd", money(p.exposureUsd()));
                    }
                });
        return out;
    }

    /** A stored scope state: who set it, when and why. */
    static ObjectNode scope(ScopeState s) {
        ObjectNode n = F.objectNode().put("scope", s.scope()).put("state", s.state().dbValue())
                .put("reason", s.reason()).put("changed_by", s.changedBy());
        return time(n, "changed_at", s.changedAtMs());
    }

    /**
     * The ingest's own status line and, per stream, its counters (where this process ingests), the writer's lag and the
     * REST weight used of its budget; then each bar table's newest bar and its lag.
     */
    ObjectNode ingest() {
        long now = src.clock().nowMs();
        ObjectNode out = F.objectNode().put("live", src.ingestLine().map(s -> s.get()).orElse(null));
        src.ingestHealth().map(Supplier::get).ifPresentOrElse(h -> {
            ArrayNode streams = out.putArray("streams");
            for (IngestHealth.Stream st : h.streams()) {
                streams.addObject().put("stream", st.name()).put("connected", st.connected())
                        .put("subscriptions", st.subscriptions()).put("trades_received", st.tradesReceived())
                        .put("trades_dropped", st.tradesDropped()).put("trades_rejected", st.tradesRejected())
                        .put("malformed_frames", st.malformedFrames()).put("reconnects", st.reconnects())
                        .put("holes", st.holes()).put("repairs", st.repairs());
            }
            out.put("writer_lag_ms", h.lagMs());
            out.putObject("rest_weight").put("used_last_minute", h.restWeightUsed())
                    .put("limit_per_minute", h.restWeightLimit());
        }, () -> out.putNull("streams"));
        ArrayNode tables = out.putArray("tables");
        for (BarFreshness.Newest n : new BarFreshness(src.db()).newest()) {
            ObjectNode row = tables.addObject().put("table", n.table().tableName())
                    .put("timeframe", n.timeframe().label()).put("tokens", n.tokens());
            time(row, "newest_open", n.newestOpenMs());
            // The newest bar closes a timeframe after it opens: lag is how long ago that was.
            row.put("lag_s", Math.max(0, now - (n.newestOpenMs() + n.timeframe().durationMs())) / 1000);
        }
        ArrayNode regime = out.putArray("regime");
        for (RegimeBars.Coverage c : new RegimeBars(src.db()).coverage()) {
            ObjectNode row = regime.addObject().put("driver", c.driver()).put("timeframe", c.timeframe().label())
                    .put("bars", c.bars());
            time(row, "first_open", c.firstOpenMs());
            time(row, "newest_open", c.lastOpenMs());
        }
        return out;
    }
}
