package lotus.pm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** A change to {@code order_journal} that commits in the same transaction as its position's row, or not at all. */
public sealed interface JournalWrite {

    String cloid();

    /** The order is about to be sent: journalled as {@code sent}, with the position that now waits for it. */
    record Intent(String cloid, String venue, long barCloseMs, String action, JsonNode request)
            implements JournalWrite {

        public Intent {
            Objects.requireNonNull(cloid, "cloid");
            Objects.requireNonNull(venue, "venue");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * What became of it. A settled status applies only to an open row, so the fills it carries reach the position
     * once; an open status ({@code unknown}, {@code resting}) only records what is known so far.
     *
     * @param fills the venue's fills applied to the position with this write (null when none)
     */
    record Settle(String cloid, OrderStatus status, JsonNode response, JsonNode fills) implements JournalWrite {

        public Settle {
            Objects.requireNonNull(cloid, "cloid");
            Objects.requireNonNull(status, "status");
        }
    }
}
