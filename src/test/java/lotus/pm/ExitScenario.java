package lotus.pm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.UptrendEngine;
import lotus.market.Bar;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.time.Timeframe;

/**
 * A position the PM must exit at its next tick: it holds a quantity, its stored engine says S1 at the next-to-last
 * bar, and the last bar completes a bearish EMA order, so the engine falls S1 → S0 with exit_position and the planner
 * sells everything.
 */
public final class ExitScenario {

    public static final int ENTRY_BARS_AGO = 11;

    private ExitScenario() {
    }

    /** A steady decline with a small wobble from {@code t0}: every EMA ends in bearish order. */
    public static List<Bar> decline(String token, String chain, Timeframe tf, long t0, int n, double start) {
        List<Bar> bars = new ArrayList<>();
        double px = start;
        for (int i = 0; i < n; i++) {
            double open = px;
            px = px * (1 - 0.002 + (i % 2 == 0 ? 0.0005 : -0.0005));
            bars.add(new Bar(token, chain, tf, t0 + i * tf.durationMs(), dec(open), dec(open * 1.001),
                    dec(px * 0.999), dec(px), dec(100 + i % 7), 0));
        }
        return bars;
    }

    private static BigDecimal dec(double v) {
        return new BigDecimal(v).round(new MathContext(12));
    }

    /** Stores the bars, and a position holding {@code quantity} whose stored engine says S1 at the next-to-last bar. */
    public static Position holding(Database db, Positions positions, String token, String chain, String book,
            List<Bar> bars, BigDecimal quantity) {
        new PriceBars(db).upsert(PriceTable.forChain(chain), chain, bars);
        Timeframe tf = bars.get(0).timeframe();
        Position p = positions.insert(new NewPosition(token, chain, token, tf, book, new BigDecimal("6"),
                BigDecimal.ZERO));
        EngineOutput before = UptrendEngine.evaluate(bars.subList(0, bars.size() - 1), null);
        EngineOutput inS1 = new EngineOutput(before.barOpenTimeMs(), before.bars(), EngineState.S1, EngineState.S0,
                before.features(), EngineOutput.Flags.NONE, before.scores(), before.levels(), null, null, List.of());
        PositionFeatures features = p.features().withEngine(inS1).withCurrentTrade(new CurrentTrade(p.id() + "-1",
                new TradeClosure.Entry(bars.get(bars.size() - ENTRY_BARS_AGO).openTimeMs(), "S1",
                        "S1.retest_entry")));
        BigDecimal price = bars.get(bars.size() - 2).close();
        return positions.update(new Position(p.id(), p.tokenContract(), p.tokenChain(), p.tokenTicker(),
                p.timeframe(), p.bookId(), PositionStatus.ACTIVE, EngineState.S1, features, quantity, p.dust(),
                p.totalAllocationPct(), quantity.multiply(price), BigDecimal.ZERO, quantity, BigDecimal.ZERO,
                BigDecimal.ZERO, price,
                p.id() + "-1", p.completedTrades(), p.version(), p.createdAtMs(), p.updatedAtMs()));
    }
}
