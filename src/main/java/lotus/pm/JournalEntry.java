package lotus.pm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One row of {@code order_journal}.
 *
 * @param cloid      the client order id sent with the order: the key that makes a resend detectable
 * @param positionId null for orders not tied to a position (manual, reconcile)
 * @param response   null until the venue answered
 * @param barCloseMs the bar the decision was planned on; null for orders not planned on a bar
 * @param fills      the venue's fills applied to the position when the row was settled; null before
 */
public record JournalEntry(String cloid, String venue, Long positionId, String action, JsonNode request,
        OrderStatus status, JsonNode response, long createdAtMs, long updatedAtMs, Long barCloseMs, JsonNode fills) {

    public JournalEntry {
        if (cloid == null || cloid.isBlank() || venue == null || venue.isBlank() || action == null || action.isBlank()) {
            throw new IllegalArgumentException("a journal entry needs a cloid, a venue and an action");
        }
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
    }
}
