package lotus.hyperliquid.info;

/** An {@code /info} request failed after its retries, or was refused as malformed (HTTP 422: our bug). */
public final class InfoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InfoException(String message) {
        super(message);
    }

    public InfoException(String message, Throwable cause) {
        super(message, cause);
    }
}
