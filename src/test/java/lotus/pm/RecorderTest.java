package lotus.pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** The learning scope of a position's strands. */
class RecorderTest {

    @Test
    void aBlankTickerNamesTheTokenInsteadOfFailingTheWrite() {
        Position blank = Position.watching(1, "0xabc", "solana", " ", Timeframe.H1, "social", BigDecimal.ONE,
                BigDecimal.ZERO, 0);
        assertThat(Recorder.scope(blank).tokenTicker()).isEqualTo("0xabc");
        Position named = Position.watching(2, "0xdef", "solana", "BONK", Timeframe.M1, "social", BigDecimal.ONE,
                BigDecimal.ZERO, 0);
        assertThat(Recorder.scope(named)).isEqualTo(new lotus.learning.Scope("social", "solana", "1m", "BONK", null,
                null));
    }
}
