package lotus.solana.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Why an RPC call gave no usable answer (SOLANA.md §4.5–4.6). The kind says what the caller may conclude: a JSON-RPC
 * error or an HTTP status is the node's definite answer, while no answer or an unreadable one proves nothing about a
 * {@code sendTransaction} (the transaction may still land). Messages name the host only, never the URL (it may carry
 * an API key).
 */
public final class RpcError extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No answer: outcome unknown. */
        TRANSPORT,
        /** Non-200, incl. 429. */
        HTTP,
        /** A JSON-RPC error object. */
        RPC,
        /** An unreadable answer. */
        MALFORMED
    }

    private final Kind kind;
    private final int code;
    private final transient JsonNode err;
    private final List<String> logs;

    RpcError(Kind kind, int code, JsonNode err, List<String> logs, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.err = err;
        this.logs = List.copyOf(logs);
    }

    static RpcError transport(String message) {
        return new RpcError(Kind.TRANSPORT, 0, null, List.of(), message);
    }

    static RpcError http(int status, String message) {
        return new RpcError(Kind.HTTP, status, null, List.of(), message);
    }

    static RpcError malformed(String message) {
        return new RpcError(Kind.MALFORMED, 0, null, List.of(), message);
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC code or the HTTP status; 0 for TRANSPORT and MALFORMED. */
    public int code() {
        return code;
    }

    /** {@code data.err} of a preflight failure (-32002), or null. */
    public JsonNode err() {
        return err;
    }

    /** {@code data.logs} of a preflight failure; empty otherwise. */
    public List<String> logs() {
        return logs;
    }

    /** Nothing proves the request had no effect: TRANSPORT and MALFORMED. */
    public boolean outcomeUnknown() {
        return kind == Kind.TRANSPORT || kind == Kind.MALFORMED;
    }
}
