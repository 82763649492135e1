package lotus.store;

/** A position with the same (token_contract, token_chain, timeframe) already exists. */
public final class PositionExistsException extends StoreException {

    private static final long serialVersionUID = 1L;

    PositionExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
