package lotus.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Reading scopes and position_closed strands, and the stored form of a subset. */
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
        return ClosedTrade.parse(new Strand(42, "position_closed", json(scope), json(payload), 0));
    }

    private static String why(String scope, String payload) throws Exception {
        return ((ClosedTrade.Malformed) parse(scope, payload)).why();
    }

    @Test
    void scopeReadsTheSixKeysAndIgnoresOthers() throws Exception {
        Scope s = Scope.parse(json(SCOPE.replace("}", ",\"venue_context\":\"x\",\"leverage\":3}")));
        assertThat(s).isEqualTo(new Scope("perps", "hyperliquid", "1h", "ETH", "S2", "S2.dip_buy"));
        assertThat(s.label()).isEqualTo("hyperliquid/perps ETH 1h S2 S2.dip_buy");
        Scope minimal = Scope.parse(json("{\"book_id\":\"social\",\"token_chain\":\"solana\",\"entry_state\":null}"));
        assertThat(minimal).isEqualTo(new Scope("social", "solana", null, null, null, null));
    }

    @Test
    void scopeErrorsNameTheKey() {
        assertThatThrownBy(() -> Scope.parse(json("{\"token_chain\":\"hyperliquid\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scope.book_id is required");
        assertThatThrownBy(() -> Scope.parse(json("{\"book_id\":\"perps\"}")))
                .hasMessage("scope.token_chain is required");
        assertThatThrownBy(() -> Scope.parse(json("{\"book_id\":\" \",\"token_chain\":\"hyperliquid\"}")))
                .hasMessage("scope.book_id must not be blank");
        assertThatThrownBy(() -> Scope.parse(json("{\"book_id\":\"perps\",\"token_chain\":\"hyperliquid\","
                + "\"timeframe\":60}"))).hasMessage("scope.timeframe must be a string, got 60");
        assertThatThrownBy(() -> Scope.parse(json("[]"))).hasMessage("scope must be a JSON object, got array");
    }

    @Test
    void aWellFormedStrandReadsExactDecimals() throws Exception {
        ClosedTrade t = ((ClosedTrade.Valid) parse(SCOPE, PAYLOAD)).trade();
        assertThat(t.strandId()).isEqualTo(42);
        assertThat(t.tradeId()).isEqualTo("tr-1");
        assertThat(t.rr()).isEqualTo(new BigDecimal("1.7"));
        assertThat(t.returnFraction()).isEqualTo(new BigDecimal("0.052"));
        assertThat(t.closedAtMs()).isEqualTo(1_767_225_600_000L);
        assertThat(t.win()).isTrue();
        assertThat(((ClosedTrade.Valid) parse(SCOPE, PAYLOAD.replace("1.7", "0"))).trade().win()).isFalse();
        assertThat(((ClosedTrade.Valid) parse(SCOPE, PAYLOAD.replace("1.7", "-33"))).trade().win()).isFalse();
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

    @Test
    void subsetsKeepOnlyTheDimensionsOfTheirMaskAndRoundTripThroughTheirKey() {
        Scope s = new Scope("perps", "hyperliquid", "1h", "xyz:TSLA", null, "S2.dip_buy");
        assertThat(Subset.of(s, Subset.TIMEFRAME | Subset.TOKEN_TICKER)).isEqualTo(new Subset("1h", "xyz:TSLA", null));
        assertThat(Subset.of(s, Subset.ENTRY_STATE)).isNull();
        assertThat(Subset.of(s, 0)).isEqualTo(Subset.WHOLE_BOOK);
        Subset full = new Subset("1h", "a\"b", "S2");
        assertThat(full.key()).isEqualTo("{\"timeframe\":\"1h\",\"token_ticker\":\"a\\\"b\",\"entry_state\":\"S2\"}");
        assertThat(Subset.fromKey(full.key())).isEqualTo(full);
        assertThat(Subset.WHOLE_BOOK.key()).isEqualTo("{}");
        assertThat(Subset.fromKey("{}")).isEqualTo(Subset.WHOLE_BOOK);
        assertThat(full.label()).isEqualTo("timeframe=1h token_ticker=a\"b entry_state=S2");
        assertThatThrownBy(() -> Subset.fromKey("{\"venue\":\"x\"}")).hasMessageContaining("unknown dimension venue");
        // Most specific first; equally specific: timeframe > token_ticker > entry_state.
        assertThat(Subset.BY_SPECIFICITY).containsExactly(7, 6, 5, 3, 4, 2, 1, 0);
    }
}
