package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;

/** One learning record of {@code ad_strands}: a kind ({@code position_closed}, ...), its scope and its payload. */
public record Strand(long id, String kind, JsonNode scope, JsonNode payload, long createdAtMs) {
}
