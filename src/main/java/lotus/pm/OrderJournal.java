package lotus.pm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a live executor records an order just before it leaves. The PM writes it with the position that now waits
 * for it, in one transaction; if that fails, it throws and the executor sends nothing.
 */
@FunctionalInterface
public interface OrderJournal {

    void beforeSend(String venue, JsonNode request);

    /** For callers that never send (dry runs, paper fills): a live executor given it refuses to send. */
    OrderJournal NONE = (venue, request) -> {
        throw new IllegalStateException("no order journal: a live order is never sent unjournalled");
    };
}
