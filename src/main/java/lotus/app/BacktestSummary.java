package lotus.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a backtest an operator reads: its trades as a whole and per entry state and event, and the
 * equity curve's largest drawdown.
 *
 * @param byEntry per {@code "<entry state> <entry event>"}, in their natural order
 */
public record BacktestSummary(Group all, Map<String, Group> byEntry, BigDecimal maxDrawdownUsd) {

    private static final MathContext MC = new MathContext(34);

    /** Trades, wins (rr > 0), summed rr, summed PnL of one group. */
    public record Group(int trades, int wins, double sumRr, BigDecimal pnlUsd) {

        static final Group EMPTY = new Group(0, 0, 0, BigDecimal.ZERO);

        Group add(JsonNode t) {
            double rr = t.get("rr").asDouble();
            return new Group(trades + 1, wins + (rr > 0 ? 1 : 0), sumRr + rr,
                    pnlUsd.add(new BigDecimal(t.get("pnl_usd").asText()), MC));
        }

        Group plus(Group b) {
            return new Group(trades + b.trades, wins + b.wins, sumRr + b.sumRr, pnlUsd.add(b.pnlUsd, MC));
        }
    }

    public static BacktestSummary of(Backtest.Result r) {
        Group all = Group.EMPTY;
        Map<String, Group> byEntry = new TreeMap<>();
        for (JsonNode t : r.trades()) {
            all = all.add(t);
            byEntry.merge(t.path("entry_state").asText("?") + " " + t.path("entry_event").asText("?"),
                    Group.EMPTY.add(t), Group::plus);
        }
        return new BacktestSummary(all, byEntry, maxDrawdownUsd(r.equity()));
    }

    /** Largest fall of the equity curve from a previous peak, in USD (0 for a curve that never falls). */
    static BigDecimal maxDrawdownUsd(List<Backtest.EquityPoint> equity) {
        BigDecimal peak = BigDecimal.ZERO;
        BigDecimal worst = BigDecimal.ZERO;
        for (Backtest.EquityPoint p : equity) {
            peak = peak.max(p.equityUsd());
            worst = worst.max(peak.subtract(p.equityUsd(), MC));
        }
        return worst;
    }
}
