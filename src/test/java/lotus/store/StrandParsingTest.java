package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import lotus.learning.ClosedTrade;
import lotus.learning.Scope;
import org.junit.jupiter.api.Test;

/** Reading the scopes and payloads of position_closed strands into learning's trades. */
class StrandParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "{\"book_id\":\"perps\",\"token_chain\":\"hyperliquid\",\"timeframe\":\"1h\","
            + "\"token_ticker\":\"ETH\",\"entry_state\":\"S2\",\"entry_event\":\"S2.dip_buy\"}";
    private static final String PAYLOAD = "{\"trade_id\":\"tr-1\",\"rr\":1.7,\"return\":0.052,"
            + "\"outcome\":\"small_win\","
            + "\"hold_class\":\"short\",\"closed_at_ms\":1767225600000}";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static ClosedTrade.Parsed parse(String scope, String payload) throws Exception {
        return ClosedTradeStrands.parse(new Strand(42, "position_closed", json(scope), json(payload), 0));
    }

    private static String why(String scope, String payload) throws Exception {
        return ((ClosedTrade.Malformed) parse(scope, payload)).why();
    }

    @Test
    void scopeReadsTheSixKeysAndIgnoresOthers() throws Exception {
        Scope s = ClosedTradeStrands.scope(json(SCOPE.replace("}", ",\"venue_context\":\"x\",\"leverage\":3}")));
        assertThat(s).isEqualTo(new Scope("perps", "hyperliquid", "1h", "ETH", "S2", "S2.dip_buy"));
        assertThat(s.label()).isEqualTo("hyperliquid/perps ETH 1h S2 S2.dip_buy");
        Scope minimal = ClosedTradeStrands.scope(json("{\"book_id\":\"social\",\"token_chain\":\"solana\",\"entry_state\":null}"));
        assertThat(minimal).isEqualTo(new Scope("social", "solana", null, null, null, null));
    }

    @Test
    void scopeErrorsNameTheKey() {
        assertThatThrownBy(() -> ClosedTradeStrands.scope(json("{\"token_chain\":\"hyperliquid\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scope.book_id is required");
        assertThatThrownBy(() -> ClosedTradeStrands.scope(json("{\"book_id\":\"perps\"}")))
                .hasMessage("scope.token_chain is required");
        assertThatThrownBy(() -> ClosedTradeStrands.scope(json("{\"book_id\":\" \",\"token_chain\":\"hyperliquid\"}")))
                .hasMessage("scope.book_id must not be blank");
        assertThatThrownBy(() -> ClosedTradeStrands.scope(json("{\"book_id\":\"perps\",\"token_chain\":\"hyperliquid\","
                + "\"timeframe\":60}"))).hasMessage("scope.timeframe must be a string, got 60");
        assertThatThrownBy(() -> ClosedTradeStrands.scope(json("[]"))).hasMessage("scope must be a JSON object, got array");
    }

    @Test
    void aWellFormedStrandReadsExactDecimals() throws Exception {
        ClosedTrade t = ((ClosedTrade.Valid) parse(SCOPE, PAYLOAD)).trade();
        assertThat(t.strandId()).isEqualTo(42);
        assertThat(t.tradeId()).isEqualTo("tr-1");
        assertThat(t.rr()).isEqualTo(new BigDecimal("1.7"));
        assertThat(t.returnFraction()).isEqualTo(new BigDecimal("0.052"));
        assertThat(t.closedAtMs()).isEqualTo(1_767_225_600_000L);
        assertThat(((ClosedTrade.Valid) parse(SCOPE, PAYLOAD.replace("1.7", "-33"))).trade().rr())
                .isEqualByComparingTo("-33");
    }

    @Test
    void learningReadsTheReturnNetOfFeesWhenTheStrandHasIt() throws Exception {
        ClosedTrade t = ((ClosedTrade.Valid) parse(SCOPE, PAYLOAD.replace("\"outcome\"",
                "\"net_return\":0.0511,\"outcome\""))).trade();
        assertThat(t.returnFraction()).isEqualTo(new BigDecimal("0.0511"));
    }

    @Test
    void malformedStrandsSayWhy() throws Exception {
        assertThat(why(SCOPE.replace("\"book_id\":\"perps\",", ""), PAYLOAD)).isEqualTo("scope.book_id is required");
        assertThat(why(SCOPE.replace(",\"entry_event\":\"S2.dip_buy\"", ""), PAYLOAD))
                .isEqualTo("scope.entry_event is required to learn a pattern");
        assertThat(why(SCOPE.replace("\"timeframe\":\"1h\",", ""), PAYLOAD))
                .isEqualTo("scope.timeframe is required for the timeframe weights");
        assertThat(why(SCOPE, PAYLOAD.replace("1.7", "\"1.7\"")))
                .isEqualTo("payload.rr must be a finite number, got \"1.7\"");
        assertThat(why(SCOPE, PAYLOAD.replace("\"rr\":1.7,", "")))
                .isEqualTo("payload.rr must be a finite number, got null");
        assertThat(why(SCOPE, PAYLOAD.replace("1.7", "33.5"))).isEqualTo("payload.rr 33.5 is outside [-33, 33]");
        assertThat(why(SCOPE, PAYLOAD.replace("0.052", "true")))
                .isEqualTo("payload.return must be a finite number, got true");
        assertThat(why(SCOPE, PAYLOAD.replace("1767225600000", "1.5")))
                .isEqualTo("payload.closed_at_ms must be an integer, got 1.5");
        assertThat(why(SCOPE, "[1]")).isEqualTo("payload must be a JSON object");
        assertThat(((ClosedTrade.Malformed) parse(SCOPE, "[1]")).strandId()).isEqualTo(42);
    }
}
