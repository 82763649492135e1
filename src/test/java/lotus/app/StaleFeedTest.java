package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import lotus.pm.ExecutionResult;
import lotus.exec.PaperExecutor;
import lotus.market.Bar;
import lotus.pm.ActionPlanner;
import lotus.pm.LearningMultipliers;
import lotus.pm.LeveragePolicy;
import lotus.pm.PmCoreTick;
import lotus.pm.PmModule;
import lotus.pm.Venue;
import lotus.pm.PositionReport;
import lotus.pm.RegimeFeed;
import lotus.pm.TickReport;
import lotus.store.MemoryPositionLedger;
import lotus.store.MemoryPriceHistory;
import lotus.store.NewPosition;
import lotus.store.PriceTable;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/**
 * A stale feed takes no new entries: the same bars ticked on time buy, ticked three bars late (the newest bar is old)
 * every buy is refused with {@code stale_feed}, and the exits of what is held still go.
 */
class StaleFeedTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final Timeframe TF = Timeframe.H1;

    private record Counts(int bought, int refusedStale, int sold) {
    }

    private static Counts replay(List<Bar> bars, long lateMs) {
        SimulatedClock clock = SimulatedClock.manual(T0);
        MemoryPriceHistory prices = new MemoryPriceHistory();
        prices.put(PriceTable.HYPERLIQUID, bars);
        MemoryPositionLedger ledger = new MemoryPositionLedger(clock);
        ledger.insert(new NewPosition("AAA", "hyperliquid", "AAA", TF, "spot", new BigDecimal("6"), BigDecimal.ZERO));
        PmModule module = new PmModule(new Venue("hyperliquid", "spot"), new PaperExecutor(prices, clock),
                new ActionPlanner(LearningMultipliers.NONE, LeveragePolicy.SPOT), new BigDecimal("10000"), p -> 0,
                prices, ledger);
        int bought = 0;
        int stale = 0;
        int sold = 0;
        try (PmCoreTick tick = new PmCoreTick(ledger, List.of(module), new RegimeFeed(prices), 0)) {
            for (Bar b : bars) {
                long close = b.openTimeMs() + TF.durationMs();
                clock.setMs(close + lateMs);
                TickReport r = tick.run(TF, close, close + lateMs);
                for (PositionReport pr : r.positions()) {
                    ExecutionResult x = pr.execution();
                    if (x == null) {
                        continue;
                    }
                    if (x.buy() && x.filledAnything()) {
                        bought++;
                    } else if (x.status() == ExecutionResult.Status.REFUSED && x.reason().startsWith("stale_feed: ")) {
                        stale++;
                    } else if (!x.buy() && x.filledAnything()) {
                        sold++;
                    }
                }
            }
        }
        return new Counts(bought, stale, sold);
    }

    @Test
    void buysOnTimeAndRefusesEveryEntryOnAnOldBar() {
        // The first seeded walk whose on-time replay buys (most walks of this length buy; the seed is fixed by it).
        List<Bar> bars = null;
        Counts onTime = null;
        for (long seed = 1; seed <= 40 && (onTime == null || onTime.bought() == 0); seed++) {
            bars = BacktestTest.cycles("AAA", seed, TF, T0, 3000);
            onTime = replay(bars, 2_000);
        }
        assertThat(onTime.bought()).isPositive();
        assertThat(onTime.refusedStale()).isZero();

        Counts late = replay(bars, 3 * TF.durationMs());
        assertThat(late.bought()).isZero();
        assertThat(late.refusedStale()).isPositive();
        assertThat(late.sold()).isZero(); // nothing was bought, so nothing to sell

        // Exactly at the limit (two bars) it still buys.
        assertThat(replay(bars, 2 * TF.durationMs()).bought()).isPositive();
    }
}
