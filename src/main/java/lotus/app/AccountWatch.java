package lotus.app;

import java.util.List;
import lotus.alert.Alert;
import lotus.alert.AlertSink;
import lotus.exec.AccountCheck;
import lotus.risk.RiskGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The venue's account read against the book at every reconcile while live: a token whose quantity differs by more
 * than one size step puts its book in {@code reducing} (exits only) until the operator looks and resumes it.
 */
final class AccountWatch {

    private static final Logger log = LoggerFactory.getLogger(AccountWatch.class);

    private final java.util.function.Supplier<AccountCheck> check;
    private final RiskGate gate;
    private final String master;
    private final AlertSink alerts;
    private final lotus.time.Clock clock;
    /** book/token of the drifts the last check found. */
    private java.util.Set<String> drifting = java.util.Set.of();

    /** @param check a check on the catalog current at the time (listings change) */
    AccountWatch(java.util.function.Supplier<AccountCheck> check, RiskGate gate, String master, AlertSink alerts,
            lotus.time.Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
        this.check = check;
        this.gate = gate;
        this.master = master;
    }

    /** Reads the account and trips the drifting books; returns the drifting rows. */
    List<AccountCheck.Row> check() {
        List<AccountCheck.Row> drifts = check.get().check(master).drifts();
        for (AccountCheck.Row r : drifts) {
            String detail = r.token() + ": venue " + r.venue().toPlainString() + ", book "
                    + r.bookQty().toPlainString() + " (step " + r.step().toPlainString() + ")";
            log.warn("ACCOUNT DRIFT in book {}: {}; the book is set to reducing", r.book(), detail);
            gate.accountDrift(r.book(), detail);
            // Once per drift: the check runs every reconcile interval, and the same drift each minute is noise.
            if (!drifting.contains(r.book() + "/" + r.token())) {
                alerts.send(new Alert(Alert.Kind.ACCOUNT_DRIFT, r.book(), detail, clock.nowMs()));
            }
        }
        drifting = drifts.stream().map(r -> r.book() + "/" + r.token()).collect(java.util.stream.Collectors.toSet());
        return drifts;
    }
}
