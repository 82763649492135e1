package lotus.pm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import lotus.engine.EngineOutput;
import lotus.exec.Decision;
import lotus.exec.ExecutionResult;

/** What the PM writes into a position's {@code features}: PnL and the last action, money as decimal strings. */
final class PmJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PmJson() {
    }

    static ObjectNode pnlJson(Pnl pnl) {
        return JSON.objectNode()
                .put("current_usd_value", plain(pnl.currentUsdValue()))
                .put("total_pnl_usd", plain(pnl.totalPnlUsd()))
                .put("total_pnl_pct", plain(pnl.totalPnlPct()))
                .put("unrealised_pnl_usd", plain(pnl.unrealisedPnlUsd()))
                .put("unrealised_pnl_pct", plain(pnl.unrealisedPnlPct()))
                .put("rpnl_usd", plain(pnl.rpnlUsd()))
                .put("rpnl_pct", plain(pnl.rpnlPct()));
    }

    static ObjectNode actionJson(Decision d, ExecutionResult r, Plan plan, EngineOutput out) {
        return withExecution(decisionJson(d, plan, out), r);
    }

    /** The decision as planned, before anything is known of its execution. */
    static ObjectNode decisionJson(Decision d, Plan plan, EngineOutput out) {
        ObjectNode n = JSON.objectNode();
        n.put("t", out.barOpenTimeMs());
        n.put("decision_type", d.type().label());
        n.put("size_frac", plain(d.sizeFrac()));
        if (d.notionalUsd() != null) {
            n.put("notional_usd", plain(d.notionalUsd()));
        }
        n.put("leverage", d.leverage());
        if (plan.entryEvent() != null) {
            n.put("entry_event", plan.entryEvent());
        }
        return n;
    }

    /** A copy of the decision's record with its execution. */
    static ObjectNode withExecution(ObjectNode decision, ExecutionResult r) {
        ObjectNode n = decision.deepCopy();
        n.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        n.put("dry_run", r.dryRun());
        n.put("filled", plain(r.filledSize()));
        if (r.avgPrice() != null) {
            n.put("avg_price", plain(r.avgPrice()));
        }
        n.put("fee_usd", plain(r.feeUsd()));
        if (r.reason() != null) {
            n.put("reason", r.reason());
        }
        if (r.cloid() != null) {
            n.put("cloid", r.cloid());
        }
        return n;
    }

    /** Money goes into JSON as a decimal string: a JSON number is read back as a double. */
    static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}
