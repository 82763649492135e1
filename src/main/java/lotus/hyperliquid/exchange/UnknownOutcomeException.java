package lotus.hyperliquid.exchange;

/**
 * The request may or may not have been applied (timeout, dropped connection, 5xx). Never resend blindly: look the
 * order up by cloid first (HYPERLIQUID.md §8, pitfall 22).
 */
public final class UnknownOutcomeException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnknownOutcomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
