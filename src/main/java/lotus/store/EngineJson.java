package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.Features;
import lotus.engine.Gate;
import lotus.engine.SrLevel;

/**
 * The engine's output as JSON: what {@code features.uptrend_engine_v4} holds on a position and what
 * {@code lotus engine replay} prints per bar. It round-trips, so a restarted PM continues the state machine from the
 * stored output. Names are STRATEGY.md's ({@code buy_signal}, {@code sr_boost}, {@code atr_mean_20}, ...).
 */
public final class EngineJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int[] EMA_PERIODS = {20, 30, 50, 60, 144, 250, 333};

    private EngineJson() {
    }

    public static ObjectNode toJson(EngineOutput o) {
        // Sized for its ~25 keys: this runs once per position per bar, and the default map resized on every call.
        ObjectNode n = new ObjectNode(F, new LinkedHashMap<>(48));
        n.put("t", o.barOpenTimeMs());
        n.put("bars", o.bars());
        n.put("state", o.state() == null ? null : o.state().name());
        n.put("prev_state", o.prevState() == null ? null : o.prevState().name());
        if (o.dormant()) {
            n.put("bars_needed", Features.BARS_THRESHOLD);
        }
        EngineOutput.Flags fl = o.flags();
        n.putObject("flags")
                .put("buy_signal", fl.buySignal())
                .put("buy_flag", fl.buyFlag())
                .put("trim_flag", fl.trimFlag())
                .put("emergency_exit", fl.emergencyExit())
                .put("exit_position", fl.exitPosition())
                .put("reclaimed_ema333", fl.reclaimedEma333());
        EngineOutput.Scores sc = o.scores();
        n.putObject("scores")
                .put("ts", sc.ts())
                .put("sr_boost", sc.srBoost())
                .put("ox", sc.ox())
                .put("dx", sc.dx())
                .put("edx", sc.edx());
        Features f = o.features();
        if (f != null) {
            n.put("price", f.price());
            ObjectNode ema = n.putObject("ema");
            double[] emas = {f.ema20(), f.ema30(), f.ema50(), f.ema60(), f.ema144(), f.ema250(), f.ema333()};
            for (int i = 0; i < EMA_PERIODS.length; i++) {
                ema.put(Integer.toString(EMA_PERIODS[i]), emas[i]);
            }
            n.put("atr", f.atr());
            n.put("atr_mean_20", f.atrMean20());
            n.put("rsi", f.rsi());
            n.put("rsi_slope_10", f.rsiSlope10());
            n.put("adx", f.adx());
            n.put("adx_slope_10", f.adxSlope10());
            n.put("vo_z", f.voZ());
            ObjectNode slopes = new ObjectNode(F, new LinkedHashMap<>(32));
            n.set("slopes", slopes);
            slopes.put("ema20_slope", f.ema20Slope())
                    .put("ema60_slope", f.ema60Slope())
                    .put("ema144_slope", f.ema144Slope())
                    .put("ema250_slope", f.ema250Slope())
                    .put("ema333_slope", f.ema333Slope())
                    .put("d_ema60_slope", f.dEma60Slope())
                    .put("d_ema144_slope", f.dEma144Slope())
                    .put("d_ema250_slope", f.dEma250Slope())
                    .put("d_ema333_slope", f.dEma333Slope())
                    .put("sep_fast", f.sepFast())
                    .put("sep_mid", f.sepMid())
                    .put("dsep_fast_5", f.dsepFast5())
                    .put("dsep_mid_5", f.dsepMid5())
                    .put("atr_norm", f.atrNorm());
        }
        ArrayNode levels = n.putArray("levels");
        for (SrLevel l : o.levels()) {
            levels.addObject().put("price", l.price()).put("strength", l.strength());
        }
        if (o.s3StartMs() != null) {
            n.put("s3_start_ts", o.s3StartMs());
        }
        if (o.exitReason() != null) {
            n.put("exit_reason", o.exitReason());
        }
        ArrayNode gates = n.putArray("gates");
        for (Gate g : o.gates()) {
            ObjectNode gn = gates.addObject().put("name", g.name()).put("passed", g.passed()).put("value", g.value());
            if (!Double.isNaN(g.limit())) {
                gn.put("limit", g.limit());
            }
        }
        return n;
    }

    /** The output stored by {@link #toJson}; null for a missing or empty node (a position the engine never saw). */
    public static EngineOutput fromJson(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.isEmpty()) {
            return null;
        }
        Features f = null;
        if (n.has("ema")) {
            JsonNode e = n.get("ema");
            JsonNode s = n.get("slopes");
            f = new Features(n.get("price").asDouble(),
                    e.get("20").asDouble(), e.get("30").asDouble(), e.get("50").asDouble(), e.get("60").asDouble(),
                    e.get("144").asDouble(), e.get("250").asDouble(), e.get("333").asDouble(),
                    s.get("ema20_slope").asDouble(), s.get("ema60_slope").asDouble(), s.get("ema144_slope").asDouble(),
                    s.get("ema250_slope").asDouble(), s.get("ema333_slope").asDouble(),
                    s.get("d_ema60_slope").asDouble(), s.get("d_ema144_slope").asDouble(),
                    s.get("d_ema250_slope").asDouble(), s.get("d_ema333_slope").asDouble(),
                    s.get("sep_fast").asDouble(), s.get("sep_mid").asDouble(), s.get("dsep_fast_5").asDouble(),
                    s.get("dsep_mid_5").asDouble(),
                    n.get("atr").asDouble(), n.get("atr_mean_20").asDouble(), s.get("atr_norm").asDouble(),
                    n.get("rsi").asDouble(), n.get("rsi_slope_10").asDouble(),
                    n.get("adx").asDouble(), n.get("adx_slope_10").asDouble(), n.get("vo_z").asDouble());
        }
        JsonNode fl = n.path("flags");
        JsonNode sc = n.path("scores");
        List<SrLevel> levels = new ArrayList<>();
        for (JsonNode l : n.path("levels")) {
            levels.add(new SrLevel(l.get("price").asDouble(), l.get("strength").asInt()));
        }
        List<Gate> gates = new ArrayList<>();
        for (JsonNode g : n.path("gates")) {
            gates.add(new Gate(g.get("name").asText(), g.get("passed").asBoolean(), g.get("value").asDouble(),
                    g.has("limit") ? g.get("limit").asDouble() : Double.NaN));
        }
        return new EngineOutput(n.get("t").asLong(), n.get("bars").asInt(), state(n.get("state")),
                state(n.get("prev_state")), f,
                new EngineOutput.Flags(fl.path("buy_signal").asBoolean(), fl.path("buy_flag").asBoolean(),
                        fl.path("trim_flag").asBoolean(), fl.path("emergency_exit").asBoolean(),
                        fl.path("exit_position").asBoolean(), fl.path("reclaimed_ema333").asBoolean()),
                new EngineOutput.Scores(sc.path("ts").asDouble(), sc.path("sr_boost").asDouble(),
                        sc.path("ox").asDouble(), sc.path("dx").asDouble(), sc.path("edx").asDouble()),
                levels, n.has("s3_start_ts") ? n.get("s3_start_ts").asLong() : null,
                n.has("exit_reason") ? n.get("exit_reason").asText() : null, gates);
    }

    private static EngineState state(JsonNode n) {
        return n == null || n.isNull() ? null : EngineState.valueOf(n.asText());
    }
}
