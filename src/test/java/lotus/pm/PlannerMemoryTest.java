package lotus.pm;

import static lotus.engine.EngineState.S0;
import static lotus.engine.EngineState.S1;
import static lotus.engine.EngineState.S2;
import static lotus.engine.EngineState.S3;
import static lotus.engine.EngineState.S4;
import static lotus.pm.Fixtures.HOUR;
import static lotus.pm.Fixtures.NONE;
import static lotus.pm.Fixtures.T0;
import static lotus.pm.Fixtures.engine;
import static lotus.pm.Fixtures.position;
import static lotus.pm.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import lotus.store.PlannerMemoryJson;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import org.junit.jupiter.api.Test;

/** The planner's memory: JSON under features.pm_v4, and the per-bar update with its three lifetimes. */
class PlannerMemoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long S3_START = T0 - 40 * HOUR;

    private static final PlannerMemory FULL = new PlannerMemory("7-1767225600000", true, true, T0 - 3 * HOUR,
            101.25, usd("550.123456789012345678901234567"), 2, 83.5, S3_START, usd("950.10"), true, false);

    private static EngineOutput at(EngineState state, Long s3StartMs) {
        return engine(T0, state, state, NONE, 100, 2, List.of(), s3StartMs);
    }

    @Test
    void jsonRoundTripThroughText() throws Exception {
        String text = JSON.writeValueAsString(PlannerMemoryJson.toJson(FULL));
        PlannerMemory back = PlannerMemoryJson.fromJson(JSON.readTree(text));
        assertThat(back).isEqualTo(FULL);
        assertThat(back.trimPoolUsd()).isEqualByComparingTo("550.123456789012345678901234567");
        JsonNode node = JSON.readTree(text);
        assertThat(node.get("trim_pool_usd").isTextual()).isTrue();
        assertThat(node.get("exit_s3_start_ms").asLong()).isEqualTo(S3_START);
        assertThat(node.get("dx_next_arm").asDouble()).isEqualTo(83.5);
    }

    @Test
    void freshMemoryRoundTripsWithNulls() throws Exception {
        JsonNode node = JSON.readTree(JSON.writeValueAsString(PlannerMemoryJson.toJson(PlannerMemory.FRESH)));
        assertThat(node.get("last_trim_bar_ms").isNull()).isTrue();
        assertThat(PlannerMemoryJson.fromJson(node)).isEqualTo(PlannerMemory.FRESH);
    }

    @Test
    void missingOrEmptyNodeIsFresh() throws Exception {
        assertThat(PlannerMemoryJson.fromJson(null)).isEqualTo(PlannerMemory.FRESH);
        assertThat(PlannerMemoryJson.fromJson(MissingNode.getInstance())).isEqualTo(PlannerMemory.FRESH);
        assertThat(PlannerMemoryJson.fromJson(NullNode.getInstance())).isEqualTo(PlannerMemory.FRESH);
        assertThat(PlannerMemoryJson.fromJson(JSON.readTree("{}"))).isEqualTo(PlannerMemory.FRESH);
        assertThat(PlannerMemoryJson.fromJson(JSON.readTree("{\"features\":{}}").path("pm_v4")))
                .isEqualTo(PlannerMemory.FRESH);
    }

    @Test
    void numericMoneyAndAbsentKeysAreAccepted() throws Exception {
        PlannerMemory m = PlannerMemoryJson.fromJson(JSON.readTree("{\"trim_pool_usd\": 12.5, \"dx_buys\": 1}"));
        assertThat(m.trimPoolUsd()).isEqualByComparingTo("12.5");
        assertThat(m.dxBuys()).isEqualTo(1);
        assertThat(m.exitValueUsd()).isEqualByComparingTo("0");
        assertThat(m.tradeId()).isNull();
    }

    @Test
    void nonObjectIsRejected() throws Exception {
        assertThatThrownBy(() -> PlannerMemoryJson.fromJson(JSON.readTree("[1]")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void s2BreakoutLastsUntilS0OrS4() {
        Position p = position("0", "0", "0", null);
        PlannerMemory m = PlannerMemory.FRESH.observe(p, at(S1, null));
        assertThat(m.s2BreakoutSeen()).isFalse();
        m = m.observe(p, at(S2, null));
        assertThat(m.s2BreakoutSeen()).isTrue();
        assertThat(m.observe(p, at(S1, null)).s2BreakoutSeen()).isTrue();
        assertThat(m.observe(p, at(S3, S3_START)).s2BreakoutSeen()).isTrue();
        assertThat(m.observe(p, at(S0, null)).s2BreakoutSeen()).isFalse();
        assertThat(m.observe(p, at(S4, null)).s2BreakoutSeen()).isFalse();
        assertThat(m.observe(p, Fixtures.dormant()).s2BreakoutSeen()).isFalse();
    }

    @Test
    void aClosedTradeClearsThePerTradeMemoryOnly() {
        PlannerMemory m = FULL.observe(position("0", "0", "0", null), at(S3, S3_START));
        assertThat(m.tradeId()).isNull();
        assertThat(m.s1EntryUsed()).isFalse();
        assertThat(m.lastTrimBarMs()).isNull();
        assertThat(m.lastTrimLevel()).isNull();
        assertThat(m.trimPoolUsd()).isEqualByComparingTo("0");
        assertThat(m.dxBuys()).isZero();
        assertThat(m.dxNextArm()).isNull();
        // episode memory stays
        assertThat(m.s2BreakoutSeen()).isTrue();
        assertThat(m.exitS3StartMs()).isEqualTo(S3_START);
        assertThat(m.exitValueUsd()).isEqualByComparingTo("950.10");
        assertThat(m.emergencyExitDone()).isTrue();
    }

    @Test
    void aDifferentTradeIdAlsoClearsIt() {
        PlannerMemory m = FULL.observe(position("1", "10", "0", "7-2"), at(S3, S3_START));
        assertThat(m.tradeId()).isEqualTo("7-2");
        assertThat(m.s1EntryUsed()).isFalse();
        assertThat(m.trimPoolUsd()).isEqualByComparingTo("0");
    }

    @Test
    void theTradeOpenedByTheLastEntryKeepsWhatThatEntryRecorded() {
        PlannerMemory afterEntry = new PlannerMemory(null, true, true, null, null, usd("0"), 0, null, null, usd("0"),
                false, false);
        PlannerMemory m = afterEntry.observe(position("6", "600", "0", "7-9"), at(S1, null));
        assertThat(m.tradeId()).isEqualTo("7-9");
        assertThat(m.s1EntryUsed()).isTrue();
    }

    @Test
    void leavingTheS3EpisodeForgetsItsEmergencyExit() {
        Position p = position("0", "0", "0", "7-1767225600000");
        assertThat(FULL.observe(p, at(S3, S3_START)).exitValueUsd()).isEqualByComparingTo("950.10");
        PlannerMemory left = FULL.observe(p, at(S0, null));
        assertThat(left.exitS3StartMs()).isNull();
        assertThat(left.exitValueUsd()).isEqualByComparingTo("0");
        assertThat(left.emergencyExitDone()).isFalse();
        PlannerMemory another = FULL.observe(p, at(S3, S3_START + 100 * HOUR));
        assertThat(another.exitS3StartMs()).isNull();
        assertThat(another.emergencyExitDone()).isFalse();
    }

    @Test
    void observeIsIdempotent() {
        Position p = position("0", "0", "0", null);
        EngineOutput e = at(S2, null);
        PlannerMemory once = FULL.observe(p, e);
        assertThat(once.observe(p, e)).isEqualTo(once);
    }

    @Test
    void negativeAmountsAreRejected() {
        assertThatThrownBy(() -> new PlannerMemory(null, false, false, null, null, usd("-1"), 0, null, null,
                usd("0"), false, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
