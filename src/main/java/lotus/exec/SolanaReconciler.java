package lotus.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lotus.exec.SwapFills.Leg;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import lotus.pm.Settlement;
import lotus.solana.common.Mints;
import lotus.solana.jupiter.Quote;
import lotus.solana.rpc.RpcClient;
import lotus.solana.rpc.RpcError;
import lotus.store.Orders;
import lotus.store.SwapAttempts;
import lotus.store.SwapAttempts.State;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the open Solana intents a process left behind (SOLANA.md §4.6, restart): each unfinished attempt is asked
 * after once (with the history), re-sent while its blockhash is valid, and ended when the chain says so; an intent
 * with a landed attempt settles as filled from that transaction's balances, and one whose attempts all ended without
 * landing (or that never signed one) settles as cancelled, nothing filled. Either way it charges the fees of the
 * attempts that landed and failed, less what the process that sent them already charged. An intent with an attempt
 * that may still land stays open, and its position with it: nothing is bought twice.
 */
public final class SolanaReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(SolanaReconciler.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Orders journal;
    private final SwapAttempts attempts;
    private final RpcClient rpc;
    private final String wallet;
    private final SolanaExecutor.SolUsd solUsd;
    private final Clock clock;
    private final SwapWatcher watcher;

    public SolanaReconciler(Orders journal, SwapAttempts attempts, RpcClient rpc, String wallet,
            SolanaExecutor.SolUsd solUsd, Clock clock) {
        this.journal = journal;
        this.attempts = attempts;
        this.rpc = rpc;
        this.wallet = wallet;
        this.solUsd = solUsd;
        this.clock = clock;
        this.watcher = new SwapWatcher(rpc, attempts, clock, 0);
    }

    @Override
    public List<Settlement> settlements() {
        List<Settlement> out = new ArrayList<>();
        for (JournalEntry e : journal.open()) {
            if (!SolanaExecutor.VENUE.equals(e.venue())) {
                continue;
            }
            try {
                out.add(settle(e));
            } catch (RpcError ex) {
                log.warn("swap {}: the chain could not be read ({}); left open", e.cloid(), ex.getMessage());
                out.add(open(e, "chain unreadable: " + ex.getMessage()));
            } catch (RuntimeException ex) {
                // One row that cannot be read must not stop the others, nor Hyperliquid's settlements.
                log.error("swap {}: could not be settled ({}); left open", e.cloid(), ex.toString());
                out.add(open(e, "unreadable: " + ex.getMessage()));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                out.add(open(e, "interrupted"));
                break;
            }
        }
        return out;
    }

    private Settlement settle(JournalEntry e) throws RpcError, InterruptedException {
        SwapAttempts.Attempt landed = null;
        long failedFees = 0;
        for (SwapAttempts.Attempt a : attempts.of(e.cloid())) {
            State state = a.state();
            if (state.unfinished()) {
                Optional<SwapWatcher.Outcome> end = watcher.checkOnce(a);
                if (end.isEmpty()) {
                    return open(e, a.signature() + " may still land");
                }
                state = end.get().state();
            }
            if (state == State.LANDED_OK) {
                landed = a;
            } else if (state == State.LANDED_ERR) {
                // A landing that failed paid its fee; the order's settlement charges it unless already charged.
                failedFees += SwapFills.failedLandingFee(rpc, a.signature());
            }
        }
        // What an earlier process charged when its result was unknown (PmModule's answer keeps the count).
        long charged = e.response() == null ? 0 : e.response().path(ExecutionResult.FAILED_FEE_LAMPORTS).asLong(0);
        long uncharged = Math.max(0, failedFees - charged);
        DecisionType type = DecisionType.valueOf(e.action().toUpperCase(Locale.ROOT));
        if (landed == null) {
            ObjectNode response = JSON.objectNode().put("reason", "no attempt landed");
            return new Settlement(e, OrderStatus.CANCELLED,
                    SwapFills.withFailedFees(nothing(e, type, "no attempt landed"), uncharged, solUsd.now()),
                    response, JSON.arrayNode());
        }
        Leg leg = leg(e.request());
        Optional<SwapFills.Swapped> s = SwapFills.read(rpc, landed.signature(), wallet, leg, clock, 1);
        if (s.isEmpty()) {
            return open(e, landed.signature() + " landed; its transaction is not readable yet");
        }
        ExecutionResult result = SwapFills.result(type, s.get(), new Quote(landed.quote()), landed.signature(),
                e.cloid(), false, solUsd.now());
        if (!result.filledAnything()) {
            log.error("swap {}: {}", e.cloid(), result.reason());
            return open(e, result.reason());
        }
        result = SwapFills.withFailedFees(result, uncharged, solUsd.now());
        ObjectNode response = JSON.objectNode().put("signature", landed.signature());
        return new Settlement(e, OrderStatus.FILLED, result, response, JSON.arrayNode().add(result.request()));
    }

    private Leg leg(JsonNode intent) throws RpcError {
        String in = intent.path("input_mint").asText();
        String out = intent.path("output_mint").asText();
        String token = Mints.USDC.equals(in) ? out : in;
        return new Leg(in, out, new BigInteger(intent.path("amount").asText("0")), rpc.mintDecimals(token));
    }

    private static Settlement open(JournalEntry e, String why) {
        DecisionType type = DecisionType.valueOf(e.action().toUpperCase(Locale.ROOT));
        ExecutionResult r = new ExecutionResult(ExecutionResult.Status.UNKNOWN, type, type.isBuy(), BigDecimal.ZERO,
                null, BigDecimal.ZERO, BigDecimal.ZERO, e.cloid(), false, why, e.request());
        return new Settlement(e, e.status(), r, JSON.objectNode().put("pending", why), JSON.arrayNode());
    }

    private static ExecutionResult nothing(JournalEntry e, DecisionType type, String why) {
        return new ExecutionResult(ExecutionResult.Status.REJECTED, type, type.isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, e.cloid(), false, "reconciled: " + why + ", nothing filled",
                e.request());
    }
}
