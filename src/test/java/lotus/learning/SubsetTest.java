package lotus.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A subset's dimensions and stored key, and what counts as a win. */
class SubsetTest {

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

    @Test
    void aWinIsATradeWithPositiveRr() {
        Scope s = new Scope("perps", "hyperliquid", "1h", "ETH", "S2", "S2.dip_buy");
        assertThat(new ClosedTrade(1, s, "t", new BigDecimal("1.7"), BigDecimal.ONE, 0).win()).isTrue();
        assertThat(new ClosedTrade(1, s, "t", BigDecimal.ZERO, BigDecimal.ONE, 0).win()).isFalse();
        assertThat(new ClosedTrade(1, s, "t", new BigDecimal("-33"), BigDecimal.ONE, 0).win()).isFalse();
    }
}
