package lotus.store;

/** An update was based on an old copy of the row: someone else wrote it first. Re-read and decide again. */
public final class StalePositionException extends StoreException {

    private static final long serialVersionUID = 1L;

    StalePositionException(String message) {
        super(message);
    }
}
