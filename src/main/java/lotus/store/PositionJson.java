package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import lotus.engine.EngineOutput;
import lotus.pm.ActionRecord;
import lotus.pm.Ae;
import lotus.pm.CurrentTrade;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.Plan;
import lotus.pm.PlannedAction;
import lotus.pm.PlannerMemory;
import lotus.pm.Pnl;
import lotus.pm.PositionFeatures;
import lotus.pm.TradeClosure;

/**
 * A position's typed state as the JSON of {@code lowcap_positions.features} and {@code completed_trades}, and back.
 * The keys are the ones rows have always had ({@code uptrend_engine_v4}, {@code pm_v4}, {@code last_action}, ...), so
 * rows written before the state was typed read as they are; money is a decimal string, since a JSON number reads
 * back as a double.
 */
public final class PositionJson {

    static final String ENGINE = "uptrend_engine_v4";
    static final String MEMORY = PositionFeatures.MEMORY;
    static final String AE = "ae";
    static final String PNL = "pnl";
    static final String LAST_ACTION = "last_action";
    static final String CURRENT_TRADE = "current_trade";
    static final String PENDING_ORDER = PositionFeatures.PENDING_ORDER;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PositionJson.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PositionJson() {
    }

    public static ObjectNode features(PositionFeatures f) {
        ObjectNode n = new ObjectNode(F, new LinkedHashMap<>(16));
        for (Map.Entry<String, String> e : f.other().entrySet()) {
            n.set(e.getKey(), parse(e.getValue()));
        }
        if (f.engine() != null) {
            n.set(ENGINE, EngineJson.toJson(f.engine()));
        }
        if (!f.memory().equals(PlannerMemory.FRESH)) {
            n.set(MEMORY, PlannerMemoryJson.toJson(f.memory()));
        }
        if (f.ae() != null) {
            n.putObject(AE).put("a", f.ae().a()).put("e", f.ae().e());
        }
        if (f.pnl() != null) {
            n.set(PNL, pnl(f.pnl()));
        }
        if (f.lastAction() != null) {
            n.set(LAST_ACTION, action(f.lastAction()));
        }
        if (f.currentTrade() != null) {
            CurrentTrade t = f.currentTrade();
            n.putObject(CURRENT_TRADE)
                    .put("trade_id", t.tradeId())
                    .put("entry_time_ms", t.entry().timeMs())
                    .put("entry_state", t.entry().state())
                    .put("entry_event", t.entry().event());
        }
        if (f.pendingOrder() != null) {
            n.set(PENDING_ORDER, planned(f.pendingOrder()));
        }
        return n;
    }

    /** The typed state of a stored {@code features} object; JSON null or absent keys are absent values. */
    public static PositionFeatures features(JsonNode n) {
        if (n == null || !n.isObject()) {
            return PositionFeatures.EMPTY;
        }
        Map<String, String> other = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            switch (e.getKey()) {
                case ENGINE, MEMORY, AE, PNL, LAST_ACTION, CURRENT_TRADE, PENDING_ORDER -> {
                }
                default -> other.put(e.getKey(), canonical(e.getValue()).toString());
            }
        }
        EngineOutput engine = read(n, ENGINE, other, EngineJson::fromJson);
        PlannerMemory memory = read(n, MEMORY, other, PlannerMemoryJson::fromJson);
        return new PositionFeatures(engine, memory == null ? PlannerMemory.FRESH : memory,
                read(n, AE, other, ae -> new Ae(ae.path("a").asDouble(), ae.path("e").asDouble(), List.of())),
                read(n, PNL, other, PositionJson::pnl), read(n, LAST_ACTION, other, PositionJson::action),
                read(n, CURRENT_TRADE, other, PositionJson::currentTrade),
                read(n, PENDING_ORDER, other, PositionJson::planned), other);
    }

    /**
     * One typed key: null when absent or JSON null. A value this version cannot read (written by hand, or by a
     * version that stored it otherwise) is kept as it was under {@code other} and logged, so the position still
     * loads (its engine is rebuilt from the bars) and nothing stored is lost.
     */
    private static <T> T read(JsonNode n, String key, Map<String, String> other, Function<JsonNode, T> decode) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (!v.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return decode.apply(v);
        } catch (RuntimeException e) {
            log.warn("features.{} cannot be read ({}); kept as stored and left out of the position's state", key,
                    e.toString());
            other.put(key, canonical(v).toString());
            return null;
        }
    }

    /** A trade's start; without its entry time it is unreadable, and the closure falls back to the trade id's time. */
    private static CurrentTrade currentTrade(JsonNode t) {
        if (!t.path("entry_time_ms").isIntegralNumber()) {
            throw new IllegalArgumentException("current_trade has no entry_time_ms");
        }
        return new CurrentTrade(text(t, "trade_id"), entry(t));
    }

    public static ObjectNode pnl(Pnl p) {
        return F.objectNode()
                .put("current_usd_value", plain(p.currentUsdValue()))
                .put("total_pnl_usd", plain(p.totalPnlUsd()))
                .put("total_pnl_pct", plain(p.totalPnlPct()))
                .put("unrealised_pnl_usd", plain(p.unrealisedPnlUsd()))
                .put("unrealised_pnl_pct", plain(p.unrealisedPnlPct()))
                .put("rpnl_usd", plain(p.rpnlUsd()))
                .put("rpnl_pct", plain(p.rpnlPct()))
                .put("fees_usd", plain(p.feesUsd()))
                .put("net_pnl_usd", plain(p.netPnlUsd()))
                .put("net_pnl_pct", plain(p.netPnlPct()));
    }

    /** A PnL written before fees were kept has none: its net figures are its gross ones. */
    static Pnl pnl(JsonNode n) {
        BigDecimal total = money(n, "total_pnl_usd");
        BigDecimal totalPct = money(n, "total_pnl_pct");
        BigDecimal net = money(n, "net_pnl_usd");
        BigDecimal netPct = money(n, "net_pnl_pct");
        return new Pnl(money(n, "current_usd_value"), total, totalPct, money(n, "unrealised_pnl_usd"),
                money(n, "unrealised_pnl_pct"), money(n, "rpnl_usd"), money(n, "rpnl_pct"), moneyOrZero(n, "fees_usd"),
                net != null ? net : total, netPct != null ? netPct : totalPct);
    }

    /** A decision and its execution ({@code last_action}, a {@code pm_execution} payload). */
    public static ObjectNode action(ActionRecord a) {
        ObjectNode n = F.objectNode();
        if (a.barOpenMs() != null) {
            n.put("t", a.barOpenMs());
        }
        n.put("decision_type", a.type().label());
        if (a.sizeFrac() != null) {
            n.put("size_frac", plain(a.sizeFrac()));
        }
        if (a.notionalUsd() != null) {
            n.put("notional_usd", plain(a.notionalUsd()));
        }
        if (a.leverage() != null) {
            n.put("leverage", a.leverage());
        }
        if (a.entryEvent() != null) {
            n.put("entry_event", a.entryEvent());
        }
        ActionRecord.Execution x = a.execution();
        if (x != null) {
            n.put("status", x.status().name().toLowerCase(Locale.ROOT));
            n.put("dry_run", x.dryRun());
            n.put("filled", plain(x.filled()));
            if (x.avgPrice() != null) {
                n.put("avg_price", plain(x.avgPrice()));
            }
            n.put("fee_usd", plain(x.feeUsd()));
            if (x.reason() != null) {
                n.put("reason", x.reason());
            }
            if (x.cloid() != null) {
                n.put("cloid", x.cloid());
            }
        }
        if (a.reconciled()) {
            n.put("reconciled", true);
        }
        return n;
    }

    static ActionRecord action(JsonNode n) {
        ActionRecord.Execution x = n.has("status") ? new ActionRecord.Execution(
                ExecutionResult.Status.valueOf(n.get("status").asText().toUpperCase(Locale.ROOT)),
                n.path("dry_run").asBoolean(), moneyOrZero(n, "filled"), money(n, "avg_price"),
                moneyOrZero(n, "fee_usd"), text(n, "reason"), text(n, "cloid")) : null;
        return new ActionRecord(n.has("t") ? n.get("t").asLong() : null, decisionType(n.path("decision_type")),
                money(n, "size_frac"), money(n, "notional_usd"), n.has("leverage") ? n.get("leverage").asInt() : null,
                text(n, "entry_event"), x, n.path("reconciled").asBoolean(false));
    }

    static ObjectNode planned(PlannedAction p) {
        ObjectNode n = F.objectNode()
                .put("cloid", p.cloid())
                .put("rule", p.rule().name().toLowerCase(Locale.ROOT))
                .put("decision_type", p.type().label())
                .put("entry_event", p.entryEvent())
                .put("entry_state", p.entryState())
                .put("bar_open_ms", p.barOpenMs())
                .put("bar_close_ms", p.barCloseMs())
                .put("price", p.price())
                .put("atr", p.atr());
        if (p.s3StartMs() != null) {
            n.put("s3_start_ms", p.s3StartMs());
        }
        if (p.nearestLevel() != null) {
            n.put("nearest_level", p.nearestLevel());
        }
        n.set("action", action(p.action()));
        return n;
    }

    static PlannedAction planned(JsonNode n) {
        DecisionType type = decisionType(n.path("decision_type"));
        return new PlannedAction(Plan.Rule.valueOf(n.path("rule").asText().toUpperCase(Locale.ROOT)), type,
                text(n, "entry_event"), text(n, "entry_state"), n.path("bar_open_ms").asLong(),
                n.path("bar_close_ms").asLong(), n.has("s3_start_ms") ? n.get("s3_start_ms").asLong() : null,
                n.has("nearest_level") ? n.get("nearest_level").asDouble() : null, n.path("price").asDouble(),
                n.path("atr").asDouble(), n.path("cloid").asText(),
                n.path("action").isObject() ? action(n.get("action")) : ActionRecord.orphan(type));
    }

    /** The {@code completed_trades} array. */
    public static ArrayNode completedTrades(List<TradeClosure.ClosedTrade> trades) {
        ArrayNode a = F.arrayNode(trades.size());
        for (TradeClosure.ClosedTrade t : trades) {
            a.add(closedTrade(t));
        }
        return a;
    }

    public static List<TradeClosure.ClosedTrade> completedTrades(JsonNode a) {
        if (a == null || a.isNull() || a.isMissingNode()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new StoreException("completed_trades must be a JSON array, got " + a.getNodeType());
        }
        List<TradeClosure.ClosedTrade> out = new ArrayList<>(a.size());
        for (JsonNode t : a) {
            out.add(closedTrade(t));
        }
        return List.copyOf(out);
    }

    /** One closed trade (a {@code completed_trades} entry, the body of a {@code position_closed} payload). */
    public static ObjectNode closedTrade(TradeClosure.ClosedTrade t) {
        return F.objectNode()
                .put("trade_id", t.tradeId())
                .put("entry_time_ms", t.entry().timeMs())
                .put("exit_time_ms", t.exitTimeMs())
                .put("closed_at_ms", t.exitTimeMs())
                .put("entry_state", t.entry().state())
                .put("entry_event", t.entry().event())
                .put("entry_price", plain(t.entryPrice()))
                .put("exit_price", plain(t.exitPrice()))
                .put("return", t.returnFrac())
                .put("net_return", t.netReturnFrac())
                .put("max_drawdown", t.maxDrawdown())
                .put("max_gain", t.maxGain())
                .put("rr", t.rr())
                .put("outcome", t.outcome())
                .put("hold_class", t.holdClass())
                .put("hold_ms", t.exitTimeMs() - t.entry().timeMs())
                .put("allocated_usd", plain(t.allocatedUsd()))
                .put("extracted_usd", plain(t.extractedUsd()))
                .put("pnl_usd", plain(t.pnlUsd()))
                .put("fees_usd", plain(t.feesUsd()))
                .put("net_pnl_usd", plain(t.netPnlUsd()))
                .put("closed_by", t.closedBy())
                .put("bars", t.bars());
    }

    /** A trade closed before fees were kept paid none that anyone recorded: fees 0, net as gross. */
    static TradeClosure.ClosedTrade closedTrade(JsonNode t) {
        long exit = t.has("exit_time_ms") ? t.get("exit_time_ms").asLong() : t.path("closed_at_ms").asLong();
        double ret = t.path("return").asDouble();
        BigDecimal pnl = money(t, "pnl_usd");
        BigDecimal net = money(t, "net_pnl_usd");
        return new TradeClosure.ClosedTrade(t.path("trade_id").asText(), entry(t), exit,
                money(t, "entry_price"), money(t, "exit_price"), ret, t.path("net_return").asDouble(ret),
                t.path("max_drawdown").asDouble(), t.path("max_gain").asDouble(), t.path("rr").asDouble(),
                text(t, "outcome"), text(t, "hold_class"), money(t, "allocated_usd"), money(t, "extracted_usd"),
                pnl, moneyOrZero(t, "fees_usd"), net != null ? net : pnl, text(t, "closed_by"),
                t.path("bars").asInt());
    }

    private static TradeClosure.Entry entry(JsonNode n) {
        return new TradeClosure.Entry(n.path("entry_time_ms").asLong(), text(n, "entry_state"),
                text(n, "entry_event"));
    }

    private static DecisionType decisionType(JsonNode n) {
        return DecisionType.valueOf(n.asText().toUpperCase(Locale.ROOT));
    }

    static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A decimal string (or, in rows written by hand, a number read by its exact text); null when absent. */
    static BigDecimal money(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
    }

    private static BigDecimal moneyOrZero(JsonNode n, String key) {
        BigDecimal v = money(n, key);
        return v == null ? BigDecimal.ZERO : v;
    }

    /** The node with every object's keys sorted: PostgreSQL's jsonb gives them back in an order of its own. */
    private static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            ObjectNode sorted = F.objectNode();
            new java.util.TreeMap<>(n.properties().stream().collect(java.util.stream.Collectors.toMap(
                    Map.Entry::getKey, Map.Entry::getValue))).forEach((k, v) -> sorted.set(k, canonical(v)));
            return sorted;
        }
        if (n.isArray()) {
            ArrayNode a = F.arrayNode(n.size());
            n.forEach(v -> a.add(canonical(v)));
            return a;
        }
        return n;
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new StoreException("a kept feature is not JSON: " + e.getMessage());
        }
    }
}
