package lotus.solana.jupiter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a Jupiter call gave no usable answer (SOLANA.md §3.4), typed so the executor can tell "try on a later tick"
 * from "our bug, stop". Messages never hold the API key.
 */
public final class JupiterError extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** 400 with a route code: untradable now, new pools need minutes. */
        NO_ROUTE,
        /** 422 (or another 4xx): our request's shape is wrong. */
        REQUEST_SHAPE,
        /** 500 {@code ParseIntError}: a decimal amount, our bug. */
        BAD_AMOUNT,
        /** 429 after the bounded backoff. */
        RATE_LIMITED,
        /** Another 5xx. */
        SERVER,
        /** Transport failure or timeout: no answer. */
        UNREACHABLE,
        /** An answer we cannot read: HTML, truncated JSON, a missing field. */
        MALFORMED,
        /** {@code /swap} answered with a non-null {@code simulationError}: the swap would fail now, do not sign. */
        SIMULATION_FAILED
    }

    private final Kind kind;
    private final int httpStatus;
    private final String errorCode;
    private final transient JsonNode simulationError;

    /**
     * @param httpStatus 0 when there was no answer
     * @param errorCode  Jupiter's {@code errorCode}, or null
     */
    public JupiterError(Kind kind, int httpStatus, String errorCode, String message) {
        this(kind, httpStatus, errorCode, message, null, null);
    }

    JupiterError(Kind kind, int httpStatus, String errorCode, String message, JsonNode simulationError,
            Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.simulationError = simulationError;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when none came back. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Jupiter's {@code errorCode} ({@code COULD_NOT_FIND_ANY_ROUTE}, a simulation's code) or null. */
    public String errorCode() {
        return errorCode;
    }

    /** The {@code simulationError} object of a {@link Kind#SIMULATION_FAILED} answer. */
    public Optional<JsonNode> simulationError() {
        return Optional.ofNullable(simulationError);
    }

    /** True when a later call may succeed; false for our own bugs (shape, amount) and failed simulations. */
    public boolean retryLater() {
        return switch (kind) {
            case NO_ROUTE, RATE_LIMITED, SERVER, UNREACHABLE, MALFORMED -> true;
            case REQUEST_SHAPE, BAD_AMOUNT, SIMULATION_FAILED -> false;
        };
    }

    @Override
    public String toString() {
        return "JupiterError[" + kind + (httpStatus == 0 ? "" : " HTTP " + httpStatus)
                + (errorCode == null ? "" : " " + errorCode) + "]: " + getMessage();
    }
}
