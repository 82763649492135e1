package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import lotus.engine.EngineState;
import lotus.learning.LearningSystem;
import lotus.store.LearningTables;
import lotus.learning.Scope;
import lotus.store.Database;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.store.Strands;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the planner's multipliers are read from the lessons: the buy's scope, and books that never mix. */
class PmAssemblyTest {

    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private static Position position(String chain, String book, String ticker) {
        return Position.watching(1, ticker, chain, ticker, Timeframe.H1, book, BigDecimal.ONE, BigDecimal.ZERO, T0)
                .withHoldings(PositionStatus.ACTIVE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                        BigDecimal.ZERO, null, null).withRecords(EngineState.S2, lotus.pm.PositionFeatures.EMPTY,
                        java.util.List.of());
    }

    @Test
    void aBuyIsSizedInTheScopeOfItsVenueBookTimeframeTickerAndTheStateOfItsEvent() {
        assertThat(PmModules.buyScope(position("hyperliquid", "perps", "ETH"), "S2.dip_buy"))
                .isEqualTo(new Scope("perps", "hyperliquid", "1h", "ETH", "S2", "S2.dip_buy"));
        assertThat(PmModules.buyScope(position("solana", "social", "BONK"), "S3.reclaim_rebuy").entryState())
                .isEqualTo("S3");
    }

    @Test
    void lessonsOfHyperliquidPerpsMoveItsBuysAndLeaveSolanaSocialAtOne() {
        Database db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        try {
            Strands strands = new Strands(db, SimulatedClock.manual(T0));
            // Twelve S2 dip buys on perps at rr 3, twelve S1 entries at rr −1: the dip buys beat the book's mean.
            for (int i = 0; i < 24; i++) {
                boolean dip = i % 2 == 0;
                var scope = JsonNodeFactory.instance.objectNode().put("book_id", "perps")
                        .put("token_chain", "hyperliquid").put("timeframe", "1h").put("token_ticker", "ETH")
                        .put("entry_state", dip ? "S2" : "S1").put("entry_event", dip ? "S2.dip_buy" : "S1.retest_entry");
                var payload = JsonNodeFactory.instance.objectNode().put("trade_id", "t" + i)
                        .put("rr", dip ? 3.0 : -1.0).put("return", dip ? 0.06 : -0.02)
                        .put("closed_at_ms", T0 + i * 3_600_000L);
                strands.append("position_closed", scope, payload);
            }
            LearningSystem learning = new LearningSystem(new lotus.store.ClosedTradeStrands(strands), new LearningTables(db));
            learning.catchUp();
            double perps = learning.multiplier(PmModules.buyScope(position("hyperliquid", "perps", "ETH"),
                    "S2.dip_buy"));
            // Most specific lesson (1h, ETH, S2): n 12, mean rr 3 against the book's 1: 1 + 12/36 × (3 − 1)/4.
            assertThat(perps).isCloseTo(1 + 12.0 / 36 * (3.0 - 1.0) / 4, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(learning.multiplier(PmModules.buyScope(position("solana", "social", "ETH"), "S2.dip_buy")))
                    .isEqualTo(1.0);
            assertThat(learning.multiplier(PmModules.buyScope(position("hyperliquid", "spot", "ETH"),
                    "S2.dip_buy"))).isEqualTo(1.0);
        } finally {
            TestDatabases.dispose(db);
        }
    }
}
