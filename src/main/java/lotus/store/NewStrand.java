package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;

/** A strand to append with a position change: its kind, scope (a JSON object) and payload. */
public record NewStrand(String kind, JsonNode scope, JsonNode payload) {

    public NewStrand {
        if (kind == null || kind.isBlank() || scope == null || !scope.isObject() || payload == null) {
            throw new IllegalArgumentException("a strand needs a kind, a JSON object scope and a payload");
        }
    }
}
