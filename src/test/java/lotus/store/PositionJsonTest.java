package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lotus.engine.EngineState;
import lotus.pm.PlannerMemory;
import lotus.pm.PositionFeatures;
import lotus.pm.TradeClosure;
import org.junit.jupiter.api.Test;

/**
 * Rows written before the position state was typed read as they are: every {@code lowcap_positions} row of a
 * {@code lotus demo --seed 7} run by that code (state, features, completed trades of 50 positions, 13 of them with
 * closed trades) decodes, and encodes back to the same JSON, with the fees these rows never recorded written as 0
 * and their net figures as the gross ones.
 */
class PositionJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> rows() throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PositionJsonTest.class.getResourceAsStream("positions-before-typing.jsonl"),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    /** As the database gives it back: numbers as the parser types them (a long 5 reads as an int). */
    private static JsonNode reread(JsonNode n) throws Exception {
        return JSON.readTree(n.toString());
    }

    @Test
    void everyRowTheUntypedCodeWroteReadsAndWritesBackAsItWas() throws Exception {
        List<JsonNode> rows = rows();
        assertThat(rows).hasSize(50);
        int withTrades = 0;
        int planned = 0;
        for (JsonNode row : rows) {
            String id = "position " + row.get("id");
            if (!row.get("state").isNull()) {
                assertThat(EngineState.valueOf(row.get("state").asText())).as(id).isNotNull();
            }
            JsonNode stored = row.get("features");
            PositionFeatures f = PositionJson.features(stored);
            assertThat(f.other()).as(id + ": every key is one the typed state knows").isEmpty();
            ObjectNode expected = stored.deepCopy();
            if (f.memory().equals(PlannerMemory.FRESH)) {
                expected.remove("pm_v4"); // fresh memory is what an absent key reads as; it is not written
            } else {
                planned++;
            }
            if (expected.get("pnl") instanceof ObjectNode pnl) {
                pnl.put("fees_usd", "0").set("net_pnl_usd", pnl.get("total_pnl_usd"));
                pnl.set("net_pnl_pct", pnl.get("total_pnl_pct"));
            }
            assertThat(reread(PositionJson.features(f))).as(id).isEqualTo(expected);
            assertThat(PositionJson.features(PositionJson.features(f))).as(id).isEqualTo(f);

            List<TradeClosure.ClosedTrade> trades = PositionJson.completedTrades(row.get("completed_trades"));
            JsonNode expectedTrades = row.get("completed_trades").deepCopy();
            for (JsonNode t : expectedTrades) {
                ((ObjectNode) t).put("fees_usd", "0").set("net_pnl_usd", t.get("pnl_usd"));
                ((ObjectNode) t).set("net_return", t.get("return"));
            }
            assertThat(reread(PositionJson.completedTrades(trades))).as(id).isEqualTo(expectedTrades);
            for (TradeClosure.ClosedTrade t : trades) {
                assertThat(t.feesUsd()).as(id + ": a trade closed before fees were kept paid none").isZero();
                assertThat(t.netPnlUsd()).as(id).isEqualTo(t.pnlUsd());
                assertThat(t.netReturnFrac()).as(id).isEqualTo(t.returnFrac());
            }
            withTrades += trades.isEmpty() ? 0 : 1;
        }
        assertThat(withTrades).isEqualTo(13);
        assertThat(planned).isGreaterThan(10);
    }

    @Test
    void aFeaturesObjectWithAnUnknownKeyAndAnUnreadableValueKeepsBoth() throws Exception {
        JsonNode stored = JSON.readTree("{\"note\":{\"b\":1,\"a\":[2,{\"d\":3,\"c\":4}]},"
                + "\"last_action\":{\"decision_type\":\"no_such_type\"},\"ae\":{\"a\":0.25,\"e\":0.5}}");
        PositionFeatures f = PositionJson.features(stored);
        assertThat(f.ae().a()).isEqualTo(0.25);
        assertThat(f.lastAction()).isNull();
        assertThat(f.other()).containsOnlyKeys("note", "last_action");
        assertThat(reread(PositionJson.features(f))).isEqualTo(stored);
    }

    @Test
    void anUnreadableOpenOrderOrMemoryIsMarkedAndATradeWithoutItsEntryTimeIsSetAside() throws Exception {
        PositionFeatures f = PositionJson.features(JSON.readTree("{\"pending_order\":{\"rule\":\"gone\"},"
                + "\"pm_v4\":{\"trim_pool_usd\":\"-1\"},\"current_trade\":{\"trade_id\":\"7-1\"}}"));
        assertThat(f.pendingOrder()).isNull();
        assertThat(f.unreadable(PositionFeatures.PENDING_ORDER)).isTrue();
        assertThat(f.unreadable(PositionFeatures.MEMORY)).isTrue();
        assertThat(f.currentTrade()).isNull(); // the closure then takes the entry time from the trade id, as before
        assertThat(PositionJson.features(PositionJson.features(f)).unreadable(
                PositionFeatures.PENDING_ORDER)).isTrue();
    }
}
