package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop over real sockets: simulator → ingest → engine → PM → dry-run executors → accounting → closure →
 * learning, on an accelerated clock, until a few trades have closed. Slow (about a minute), so it asks for only two.
 */
@Tag("slow")
class TradingDemoTest {

    @TempDir
    Path dir;

    @Test
    void tradesOpenAndCloseThroughTheWholeLoopAndTheirScopesStayInTheirVenue() throws Exception {
        StringWriter text = new StringWriter();
        TradingDemo.Outcome o = new TradingDemo(new TradingDemo.Options(7, 480, 2, 24 * 60, 150,
                dir.resolve("demo.db")), new PrintWriter(text, true)).run();
        String out = text.toString();
        assertThat(o.closedTrades()).as(out).isGreaterThanOrEqualTo(2);
        assertThat(o.scopesApart()).as(out).isTrue();
        assertThat(out).contains("demo: 50 watchlist positions on 1m: {hyperliquid/perps=34, hyperliquid/spot=10, "
                + "solana/social=6}")
                .contains("demo: every position has its 1000 bars of history")
                .containsPattern("(?m)^  position_closed\\s+(hyperliquid|solana)/(perps|spot|social)\\s+\\d+")
                .contains("hyperliquid and solana scopes stayed apart: OK");
    }
}
