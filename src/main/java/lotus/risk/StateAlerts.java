package lotus.risk;

import java.util.HashMap;
import java.util.Map;
import lotus.alert.Alert;
import lotus.alert.AlertSink;
import lotus.store.ScopeState;
import lotus.store.TradingState;
import lotus.store.TradingStates;

/**
 * Alerts when a scope (a book or {@code global}) enters {@code reducing} or {@code halted}, whoever set it: the risk
 * gate's trips, an operator's {@code lotus halt} or {@code POST /api/halt}, another process on the same database. It
 * reads {@code trading_states} at each {@link #poll} and compares with what it saw last; the first poll only
 * remembers, so a restart does not repeat what was alerted before it.
 */
public final class StateAlerts {

    private final TradingStates states;
    private final AlertSink alerts;
    private Map<String, TradingState> seen;

    public StateAlerts(TradingStates states, AlertSink alerts) {
        this.states = states;
        this.alerts = alerts;
    }

    /** Reads the states and alerts on each scope that became stricter than it was; returns how many alerts. */
    public synchronized int poll() {
        Map<String, TradingState> now = new HashMap<>();
        int sent = 0;
        for (ScopeState s : states.all()) {
            now.put(s.scope(), s.state());
            if (seen == null) {
                continue;
            }
            TradingState before = seen.getOrDefault(s.scope(), TradingState.ACTIVE);
            if (s.state() != TradingState.ACTIVE && s.state().compareTo(before) > 0) {
                Alert.Kind kind = s.state() == TradingState.HALTED ? Alert.Kind.HALTED : Alert.Kind.REDUCING;
                alerts.send(new Alert(kind, s.scope(), s.scope() + " is " + s.state().dbValue() + " (by "
                        + s.changedBy() + "): " + s.reason(), s.changedAtMs()));
                sent++;
            }
        }
        seen = now;
        return sent;
    }
}
