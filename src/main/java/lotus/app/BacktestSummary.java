package lotus.app;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.pm.TradeClosure;

/**
 * The figures of a backtest an operator reads: its trades as a whole and per entry state and event, and the
 * equity curve's largest drawdown.
 *
 * @param byEntry per {@code "<entry state> <entry event>"}, in their natural order
 */
public record BacktestSummary(Group all, Map<String, Group> byEntry, BigDecimal maxDrawdownUsd) {

    private static final MathContext MC = new MathContext(34);

    /** Trades, wins (rr > 0, net of fees), summed rr, summed gross PnL and fees of one group. */
    public record Group(int trades, int wins, double sumRr, BigDecimal pnlUsd, BigDecimal feesUsd) {

        static final Group EMPTY = new Group(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

        Group add(TradeClosure.ClosedTrade t) {
            double rr = t.rr();
            return new Group(trades + 1, wins + (rr > 0 ? 1 : 0), sumRr + rr, pnlUsd.add(t.pnlUsd(), MC),
                    feesUsd.add(t.feesUsd(), MC));
        }

        Group plus(Group b) {
            return new Group(trades + b.trades, wins + b.wins, sumRr + b.sumRr, pnlUsd.add(b.pnlUsd, MC),
                    feesUsd.add(b.feesUsd, MC));
        }

        /** Gross PnL less fees. */
        public BigDecimal netPnlUsd() {
            return pnlUsd.subtract(feesUsd, MC);
        }
    }

    public static BacktestSummary of(Backtest.Result r) {
        Group all = Group.EMPTY;
        Map<String, Group> byEntry = new TreeMap<>();
        for (Backtest.TokenTrade tt : r.trades()) {
            TradeClosure.ClosedTrade t = tt.trade();
            all = all.add(t);
            byEntry.merge(orMark(t.entry().state()) + " " + orMark(t.entry().event()), Group.EMPTY.add(t),
                    Group::plus);
        }
        return new BacktestSummary(all, byEntry, maxDrawdownUsd(r.equity()));
    }

    private static String orMark(String s) {
        return s == null ? "?" : s;
    }

    /**
     * The equity curve's distance below its running peak after each point, in USD (zero or negative); the peak starts
     * at zero, the PnL before the first tick.
     */
    public static List<BigDecimal> drawdownUsd(List<Backtest.EquityPoint> equity) {
        BigDecimal peak = BigDecimal.ZERO;
        List<BigDecimal> out = new java.util.ArrayList<>(equity.size());
        for (Backtest.EquityPoint p : equity) {
            peak = peak.max(p.equityUsd());
            out.add(p.equityUsd().subtract(peak, MC));
        }
        return out;
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
