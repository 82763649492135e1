package lotus.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import lotus.pm.Pnl;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.pm.TradeClosure;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** A book's realised and marked PnL are net of fees: the daily loss stop and the equity count what trading cost. */
class BookUsageTest {

    private static final long DAY = 86_400_000L;
    private static final long TODAY = 20 * DAY;

    private static TradeClosure.ClosedTrade closed(long exitMs, String gross, String fees, String net) {
        return new TradeClosure.ClosedTrade("t" + exitMs, new TradeClosure.Entry(exitMs - 60_000, "S1",
                "S1.retest_entry"), exitMs, BigDecimal.ONE, BigDecimal.ONE, 0.01, 0.009, 0, 0.01, 1, "small_win",
                "short", new BigDecimal("100"), new BigDecimal("101"), new BigDecimal(gross), new BigDecimal(fees),
                new BigDecimal(net), "trim", 5);
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void realisedAndMarkedPnlAreNetOfFees() {
        Position flat = Position.watching(1, "AAA", "hyperliquid", "AAA", Timeframe.H1, "spot", d("6"),
                BigDecimal.ZERO, 0);
        flat = flat.withRecords(null, flat.features(), List.of(closed(TODAY - DAY, "5", "0.5", "4.5"),
                closed(TODAY + 1_000, "-2", "0.25", "-2.25")));
        Position open = Position.watching(2, "BBB", "hyperliquid", "BBB", Timeframe.H1, "spot", d("6"),
                BigDecimal.ZERO, 0);
        open = open.withHoldings(PositionStatus.ACTIVE, d("10"), d("100"), BigDecimal.ZERO, d("10"), BigDecimal.ZERO,
                d("10"), "2-1").withFees(d("0.07"));
        open = open.withFeatures(open.features().withPnl(new Pnl(d("103"), d("3"), d("3"), d("3"), d("3"),
                BigDecimal.ZERO, BigDecimal.ZERO, d("0.07"), d("2.93"), d("2.93"))));

        BookUsage u = BookUsage.of("spot", List.of(flat, open), TODAY);

        assertThat(u.realisedTodayUsd()).isEqualByComparingTo("-2.25");
        assertThat(u.realisedAllTimeUsd()).isEqualByComparingTo("2.25");
        assertThat(u.markedUsd()).isEqualByComparingTo("2.93");
        assertThat(u.exposureUsd()).isEqualByComparingTo("103");
    }
}
