package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** What the PM stores under features.uptrend_engine_v4 must come back as the same output after a restart. */
class EngineJsonTest {

    @Test
    void everyOutputOfALongSeriesSurvivesTheDatabaseRoundTrip() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(17);
        List<Bar> bars = new ArrayList<>();
        double px = 50;
        for (int i = 0; i < 1500; i++) {
            double open = px;
            double drift = (i / 150) % 2 == 0 ? 0.004 : -0.003;
            px *= 1 + drift + (random.nextDouble() - 0.5) * 0.01;
            bars.add(new Bar("T", "hyperliquid", Timeframe.M5, 1_767_225_600_000L + i * 300_000L,
                    BigDecimal.valueOf(open), BigDecimal.valueOf(Math.max(open, px) * 1.001),
                    BigDecimal.valueOf(Math.min(open, px) * 0.999), BigDecimal.valueOf(px),
                    BigDecimal.valueOf(random.nextDouble() * 100), 0));
        }
        EngineTracker tracker = new EngineTracker();
        java.util.Set<EngineState> seen = java.util.EnumSet.noneOf(EngineState.class);
        for (Bar b : bars) {
            EngineOutput o = tracker.advance(b);
            String stored = mapper.writeValueAsString(EngineJson.toJson(o));
            assertThat(EngineJson.fromJson(mapper.readTree(stored))).isEqualTo(o);
            if (o.state() != null) {
                seen.add(o.state());
            }
        }
        assertThat(seen).contains(EngineState.S0, EngineState.S1, EngineState.S2, EngineState.S3);
    }

    @Test
    void aPositionTheEngineNeverSawHasNoStoredOutput() {
        assertThat(EngineJson.fromJson(null)).isNull();
        assertThat(EngineJson.fromJson(JsonNodeFactory.instance.objectNode())).isNull();
        assertThat(EngineJson.fromJson(JsonNodeFactory.instance.objectNode().path("uptrend_engine_v4"))).isNull();
    }
}
