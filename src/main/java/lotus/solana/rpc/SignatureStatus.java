package lotus.solana.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code getSignatureStatuses} (SOLANA.md §4.5).
 *
 * @param confirmations null once finalized
 * @param err           null when the transaction succeeded; otherwise it landed and failed (fee paid, no swap)
 */
public record SignatureStatus(long slot, Long confirmations, JsonNode err, String confirmationStatus) {

    /** confirmed or finalized */
    public boolean confirmed() {
        return "confirmed".equals(confirmationStatus) || "finalized".equals(confirmationStatus);
    }

    /** err != null (landed and failed) */
    public boolean failed() {
        return err != null;
    }
}
