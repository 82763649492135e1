package lotus.pm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Objects;

/**
 * What a venue says of one open journal row, found by its cloid.
 *
 * @param status   the row's next status: settled ({@code filled}, {@code cancelled}, {@code rejected}), or still open
 *                 when the venue cannot tell yet
 * @param result   the order's fills as one execution (nothing filled when none); accounting applies it once
 * @param response what the venue answered, for the journal
 * @param fills    the venue's fills of this cloid, for the journal: {@code [{tid, px, sz, fee, time}]}
 */
public record Settlement(JournalEntry entry, OrderStatus status, ExecutionResult result, JsonNode response,
        ArrayNode fills) {

    public Settlement {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
    }

    public boolean settled() {
        return !status.isOpen();
    }
}
