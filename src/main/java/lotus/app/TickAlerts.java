package lotus.app;

import java.util.HashMap;
import java.util.Map;
import lotus.alert.Alert;
import lotus.alert.AlertSink;
import lotus.pm.ExecutionResult;
import lotus.pm.Position;
import lotus.pm.PositionReport;
import lotus.pm.TickReport;
import lotus.pm.TradeClosure;

/**
 * The alerts a tick's report shows: an order the venue refused, a buy refused on a stale feed (the stream behind the
 * bars stopped), and with {@code alerts.closed_trades} each trade closed.
 */
final class TickAlerts {

    /**
     * One stale-feed alert per book per this long: a stopped stream refuses every buy of every tick until it is
     * fixed, and one tick an hour (1h) would otherwise alert every hour.
     */
    static final long STALE_REPEAT_MS = 6 * 3_600_000L;

    private final AlertSink alerts;
    private final boolean closedTrades;
    private final Map<String, Long> lastStaleMs = new HashMap<>();
    /**
     * One refusal alert per position and reason per {@link #STALE_REPEAT_MS}: a position the venue refuses every
     * minute (insufficient margin) would otherwise fill the queue and crowd out a halt.
     */
    private final Map<String, Long> lastRejectedMs = new HashMap<>();

    TickAlerts(AlertSink alerts, boolean closedTrades) {
        this.alerts = alerts;
        this.closedTrades = closedTrades;
    }

    /** True (and remembered) when {@code key} was not alerted within {@link #STALE_REPEAT_MS}. */
    private static boolean due(Map<String, Long> last, String key, long nowMs) {
        Long at = last.get(key);
        if (at != null && nowMs - at < STALE_REPEAT_MS) {
            return false;
        }
        last.put(key, nowMs);
        return true;
    }

    synchronized void observe(TickReport report, long nowMs) {
        for (PositionReport r : report.positions()) {
            Position p = r.before();
            ExecutionResult x = r.execution();
            if (x != null && x.status() == ExecutionResult.Status.REJECTED
                    && due(lastRejectedMs, p.id() + " " + x.reason(), nowMs)) {
                alerts.send(new Alert(Alert.Kind.ORDER_REJECTED, p.bookId(), "the venue refused " + x.type().label()
                        + " " + p.tokenContract() + " (" + p.tokenChain() + "/" + p.bookId() + ", position " + p.id()
                        + "): " + x.reason(), nowMs));
            }
            if (x != null && x.status() == ExecutionResult.Status.REFUSED && x.reason() != null
                    && x.reason().startsWith("stale_feed")) {
                if (due(lastStaleMs, p.bookId(), nowMs)) {
                    alerts.send(new Alert(Alert.Kind.STALE_FEED, p.bookId(), p.tokenContract() + " "
                            + report.timeframe().label() + ": " + x.reason(), nowMs));
                }
            }
            if (closedTrades && r.after() != null
                    && r.after().completedTrades().size() > p.completedTrades().size()) {
                TradeClosure.ClosedTrade t = r.after().completedTrades().getLast();
                alerts.send(new Alert(Alert.Kind.TRADE_CLOSED, p.bookId(), p.tokenContract() + " "
                        + report.timeframe().label() + " closed " + t.outcome() + ": PnL " + usd(t.netPnlUsd())
                        + " USD net of " + usd(t.feesUsd()) + " fees over " + t.bars() + " bars (" + t.closedBy()
                        + ")", nowMs));
            }
        }
    }

    private static String usd(java.math.BigDecimal v) {
        return v == null ? "?" : v.stripTrailingZeros().toPlainString();
    }
}
