package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import lotus.exec.PaperExecutor;
import lotus.learning.ClosedTrade;
import lotus.learning.ClosedTrades;
import lotus.learning.LearningSystem;
import lotus.learning.Scope;
import lotus.market.Bar;
import lotus.pm.PmCoreTick;
import lotus.pm.PmModule;
import lotus.pm.PositionReport;
import lotus.pm.RegimeFeed;
import lotus.pm.TickReport;
import lotus.pm.Venue;
import lotus.store.MemoryPositionLedger;
import lotus.store.MemoryPriceHistory;
import lotus.store.NewPosition;
import lotus.store.PriceTable;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/**
 * STRATEGY.md §7 wired into the live PM: learning's timeframe weights of the book split a token's 15 % across its
 * timeframes, so a book whose 1h trades did better than its 4h trades gives the next 1h entry more of the token's
 * budget.
 */
class TimeframeBudgetTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final Timeframe TF = Timeframe.H1;
    private static final BigDecimal WALLET = new BigDecimal("10000");

    /** Two closed trades of the spot book, on another token, closed at the same time: 1h rr 3, 4h rr 1. */
    private static LearningSystem learned(boolean anything) {
        List<ClosedTrade.Parsed> trades = !anything ? List.of() : List.of(
                closed(1, "1h", "3"),
                closed(2, "4h", "1"));
        ClosedTrades strands = (after, limit) -> after == 0 ? trades : List.of();
        LearningSystem learning = LearningSystem.inMemory(strands);
        learning.catchUp();
        return learning;
    }

    private static ClosedTrade.Parsed closed(long id, String tf, String rr) {
        return new ClosedTrade.Valid(new ClosedTrade(id, new Scope("spot", "hyperliquid", tf, "BBB", "S2",
                "S2.dip_buy"), "t" + id, new BigDecimal(rr), new BigDecimal("0.1"), T0));
    }

    /** The reasons of the first buy the 1h position of AAA (beside its 15m and 4h positions) plans. */
    private static List<String> firstBuy(List<Bar> bars, LearningSystem learning) {
        SimulatedClock clock = SimulatedClock.manual(T0);
        MemoryPriceHistory prices = new MemoryPriceHistory();
        prices.put(PriceTable.HYPERLIQUID, bars);
        MemoryPositionLedger ledger = new MemoryPositionLedger(clock);
        for (Timeframe tf : List.of(Timeframe.M15, Timeframe.H1, Timeframe.H4)) {
            ledger.insert(new NewPosition("AAA", "hyperliquid", "AAA", tf, "spot",
                    lotus.pm.AllocationPolicy.defaultPct(tf), BigDecimal.ZERO));
        }
        List<PmModule> modules = PmModules.build(List.of(new PmModules.Route(new Venue("hyperliquid", "spot"),
                new PaperExecutor(prices, clock), p -> 0)), learning, WALLET, 1, prices, ledger);
        try (PmCoreTick tick = new PmCoreTick(ledger, modules, new RegimeFeed(prices), 0)) {
            for (Bar b : bars) {
                long close = b.openTimeMs() + TF.durationMs();
                clock.setMs(close + 2_000);
                TickReport r = tick.run(TF, close, close + 2_000);
                for (PositionReport pr : r.positions()) {
                    if (pr.decision() != null && pr.decision().type().isBuy()) {
                        return pr.reasons();
                    }
                }
            }
        }
        return List.of();
    }

    @Test
    void aBookWhose1hTradesDidBetterGivesThe1hEntryMoreOfTheTokensBudget() {
        // Weights: book EWMA (3 + 1) / 2 = 2, so 1h 3 / 2 = 1.5, 4h 1 / 2 = 0.5, 15m (no trades) 1.0. Share × weight
        // 15m 0.2, 1h 0.6, 4h 0.2, sum 1.0: 1h gets 15 × 0.6 / 1.0 = 9 % of 10000 = 900 (its default: 6 % = 600),
        // 15m and 4h 3 % each: 15 % together.
        LearningSystem learning = learned(true);
        assertThat(learning.timeframeWeights("spot", "hyperliquid").weights())
                .isEqualTo(java.util.Map.of("1h", 1.5, "4h", 0.5));
        List<Bar> bars = null;
        List<String> withLessons = List.of();
        for (long seed = 1; seed <= 40 && withLessons.isEmpty(); seed++) {
            bars = BacktestTest.cycles("AAA", seed, TF, T0, 3000);
            withLessons = firstBuy(bars, learning);
        }
        assertThat(withLessons).isNotEmpty();
        assertThat(String.join("\n", withLessons)).contains("of remaining $900,");

        assertThat(String.join("\n", firstBuy(bars, learned(false)))).contains("of remaining $600,");
    }
}
