package lotus.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import lotus.pm.FailPoint;
import lotus.solana.rpc.RpcClient;
import lotus.solana.rpc.RpcError;
import lotus.solana.rpc.SignatureStatus;
import lotus.store.SwapAttempts;
import lotus.store.SwapAttempts.State;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a journalled attempt and follows its signature until it is definitively finished (SOLANA.md §4.6): landed
 * (with or without an error), refused by the node's preflight on the first send, or expired because the chain passed
 * its {@code lastValidBlockHeight} with no trace of it even in the history. Nothing else ends it: a transport error or
 * a silent node is "unknown", and the same signed bytes are sent again until one of those three happens. Each end is
 * written to {@link SwapAttempts} as it is learnt.
 */
final class SwapWatcher {

    private static final Logger log = LoggerFactory.getLogger(SwapWatcher.class);
    /** The node refused the transaction in preflight: it was not forwarded, so it cannot land. */
    private static final int PREFLIGHT_FAILED = -32002;
    /** Its signature does not verify: no node will ever accept it. */
    private static final int SIGNATURE_FAILED = -32003;
    /**
     * Polls in a row the node did not answer before the watch is handed to the reconciler: the attempt stays
     * {@code sent} (it may still land), its position stays busy, and the tick is not held by a dead node.
     */
    static final int UNREADABLE_POLLS_TO_LEAVE = 40;

    /**
     * How an attempt ended, with the chain's or node's error when it ended without a fill; {@code SENT} when the node
     * could not be read for long and the attempt was left, unfinished, to the reconciler.
     */
    record Outcome(State state, String error) {
    }

    private final RpcClient rpc;
    private final SwapAttempts attempts;
    private final Clock clock;
    private final long pollIntervalMs;

    SwapWatcher(RpcClient rpc, SwapAttempts attempts, Clock clock, long pollIntervalMs) {
        this.rpc = rpc;
        this.attempts = attempts;
        this.clock = clock;
        this.pollIntervalMs = pollIntervalMs;
    }

    /** The first send (with preflight), then polls and re-sends until the attempt has ended. */
    Outcome sendAndWatch(SwapAttempts.Attempt a) throws InterruptedException {
        try {
            rpc.sendTransaction(a.transactionBase64(), false);
        } catch (RpcError e) {
            if (e.kind() == RpcError.Kind.RPC && (e.code() == PREFLIGHT_FAILED || e.code() == SIGNATURE_FAILED)) {
                // Only these two prove the node did not forward it; any other error may follow a forward.
                String error = e.err() != null ? describe(e.err()) : e.getMessage();
                attempts.advance(a.signature(), State.REJECTED, error);
                return new Outcome(State.REJECTED, error);
            }
            log.warn("swap {}: send answered {}; the signature is watched as it may have been received",
                    a.signature(), e.getMessage());
        }
        attempts.advance(a.signature(), State.SENT, null);
        FailPoint.hit("solana_after_send");
        int unreadable = 0;
        while (true) {
            clock.sleepUntil(clock.nowMs() + pollIntervalMs);
            Check c = check(a);
            if (c.end().isPresent()) {
                return c.end().get();
            }
            unreadable = c.readable() ? 0 : unreadable + 1;
            if (unreadable >= UNREADABLE_POLLS_TO_LEAVE) {
                return new Outcome(State.SENT, "the node did not answer " + unreadable + " polls in a row");
            }
        }
    }

    /** One look: the attempt's end if the chain shows one, and whether the node answered at all. */
    private record Check(Optional<Outcome> end, boolean readable) {
    }

    /**
     * One look at an unfinished attempt: its end when the chain shows one (written to the journal), else empty after
     * sending the same bytes again (a dropped transaction may still land while its blockhash is valid).
     */
    Optional<Outcome> checkOnce(SwapAttempts.Attempt a) {
        return check(a).end();
    }

    private Check check(SwapAttempts.Attempt a) {
        try {
            Optional<SignatureStatus> status = rpc.signatureStatuses(List.of(a.signature()), false).get(0);
            if (status.isEmpty() && rpc.blockHeight() > a.lastValidBlockHeight()) {
                // Past expiry: the recent-status cache no longer covers it, so ask the history once.
                status = rpc.signatureStatuses(List.of(a.signature()), true).get(0);
                if (status.isEmpty()) {
                    return new Check(Optional.of(end(a, State.EXPIRED, "block height passed "
                            + a.lastValidBlockHeight() + " unlanded")), true);
                }
            }
            if (status.isPresent()) {
                SignatureStatus s = status.get();
                // Only a confirmed status is final: at "processed" the block may still be dropped with its fork.
                if (!s.confirmed()) {
                    return new Check(Optional.empty(), true);
                }
                return new Check(Optional.of(s.failed() ? end(a, State.LANDED_ERR, describe(s.err()))
                        : end(a, State.LANDED_OK, null)), true);
            }
            resend(a);
            return new Check(Optional.empty(), true);
        } catch (RpcError e) {
            log.warn("swap {}: status unreadable ({}); asked again", a.signature(), e.getMessage());
            return new Check(Optional.empty(), false);
        }
    }

    private void resend(SwapAttempts.Attempt a) {
        try {
            rpc.sendTransaction(a.transactionBase64(), true);
        } catch (RpcError e) {
            // A re-send's error proves nothing (a landed transaction can fail preflight); the status decides.
            log.debug("swap {}: re-send answered {}", a.signature(), e.getMessage());
        }
    }

    private Outcome end(SwapAttempts.Attempt a, State state, String error) {
        attempts.advance(a.signature(), state, error);
        return new Outcome(state, error);
    }

    private static String describe(JsonNode err) {
        return err == null || err.isNull() ? null : err.toString();
    }
}
