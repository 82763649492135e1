package lotus.exec;

import lotus.pm.Executor;
import lotus.pm.Decision;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import java.util.Objects;
import lotus.hyperliquid.exchange.RejectKind;
import lotus.risk.OrderRequest;
import lotus.risk.RiskGate;
import lotus.risk.Verdict;
import lotus.pm.Position;

/**
 * Puts the risk gate in front of a venue's executor. A refused decision comes back {@code REFUSED} with the gate's
 * reason and nothing is sent; a passing buy goes on with the notional the gate allows (scaled by {@code live_scale}
 * when live). What the venue answers feeds the gate's trips: an unknown outcome lengthens the streak that halts, a
 * known one ends it, and a rejection that is our own fault (HYPERLIQUID.md §7: signing, nonce, formatting) halts.
 */
public final class GatedExecutor implements Executor {

    private final Executor inner;
    private final RiskGate gate;
    private final boolean live;

    /** @param live whether {@code inner} sends real orders: live buys are scaled, dry ones are not */
    public GatedExecutor(Executor inner, RiskGate gate, boolean live) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.live = live;
    }

    @Override
    public ExecutionResult execute(Decision decision, Position position, OrderTicket ticket) {
        boolean buy = decision.type().isBuy();
        Verdict v = gate.check(new OrderRequest(position.tokenChain(), position.bookId(), position.tokenContract(),
                position.id(), buy, decision.type().label(), decision.notionalUsd(), live, position.quantity()));
        if (!v.passed()) {
            return ExecutionResult.refused(decision.type(), buy, !live, v.reason());
        }
        Decision toSend = buy && v.notionalUsd().compareTo(decision.notionalUsd()) != 0
                ? Decision.buy(decision.type(), decision.sizeFrac(), v.notionalUsd(), decision.reasons(),
                        decision.leverage())
                : decision;
        ExecutionResult result = inner.execute(toSend, position, ticket);
        switch (result.status()) {
            case UNKNOWN -> gate.recordUnknownOutcome();
            case FILLED, PARTIALLY_FILLED -> gate.recordSettled();
            case REJECTED -> {
                gate.recordSettled();
                if (!result.dryRun() && result.reason() != null && RejectKind.of(result.reason()).isOurFault()) {
                    gate.recordOwnFaultRejection(result.reason());
                }
            }
            case SKIPPED, REFUSED -> {
                // Nothing was sent: no outcome to count.
            }
        }
        return result;
    }
}
