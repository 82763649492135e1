package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.store.Database;
import lotus.store.Position;
import lotus.store.Positions;
import lotus.store.Strand;
import lotus.store.Strands;
import lotus.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop over real sockets: simulator → ingest → engine → PM → dry-run executors → accounting → closure →
 * learning, on an accelerated clock, until a few trades have closed. Slow (about 30 s), so it asks for only three.
 */
@Tag("slow")
class TradingDemoTest {

    @TempDir
    Path dir;

    @Test
    void tradesOpenAndCloseThroughTheWholeLoopAndTheirScopesStayInTheirVenue() throws Exception {
        StringWriter text = new StringWriter();
        TradingDemo.Outcome o = new TradingDemo(new TradingDemo.Options(7, 480, 3, 24 * 60, 150,
                dir.resolve("demo.db"), true), new PrintWriter(text, true)).run();
        String out = text.toString();
        assertThat(o.closedTrades()).as(out).isGreaterThanOrEqualTo(3);
        assertThat(o.scopesApart()).as(out).isTrue();
        assertThat(out).contains("demo: 50 watchlist positions on 1m: {hyperliquid/perps=34, hyperliquid/spot=10, "
                + "solana/social=6}")
                .contains("demo: every position has its 1000 bars of history")
                .containsPattern("(?m)^  position_closed\\s+(hyperliquid|solana)/(perps|spot|social)\\s+\\d+")
                .contains("hyperliquid and solana scopes stayed apart: OK");

        // Every book bought through its own executor: Hyperliquid fills signed for the venue, Solana paper fills.
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("demo.db"), 1)) {
            Map<String, Integer> buys = new TreeMap<>();
            for (Strand s : new Strands(db, Clock.system()).byKind("pm_execution", 0, 100_000)) {
                JsonNode p = s.payload();
                if (p.path("status").asText().equals("filled") && p.path("decision_type").asText().matches("entry|add")) {
                    buys.merge(s.scope().path("token_chain").asText() + "/" + s.scope().path("book_id").asText()
                            + (p.has("cloid") ? " signed" : " paper"), 1, Integer::sum);
                }
            }
            assertThat(buys.keySet()).as(out).contains("hyperliquid/perps signed", "hyperliquid/spot signed",
                    "solana/social paper");
            List<Strand> closed = new Strands(db, Clock.system()).byKind("position_closed", 0, 1000);
            assertThat(closed).hasSize(o.closedTrades());
            for (Strand s : closed) {
                Position p = new Positions(db, Clock.system()).find(s.payload().path("position_id").asLong())
                        .orElseThrow();
                assertThat(s.scope().path("token_chain").asText()).isEqualTo(p.tokenChain());
                assertThat(s.scope().path("book_id").asText()).isEqualTo(p.bookId());
                assertThat(s.scope().path("entry_event").asText()).matches("S[123]\\..+");
            }
        }
    }
}
