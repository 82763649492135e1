package lotus.pm;

/** An update was based on an old copy of the row: someone else wrote it first. Re-read and decide again. */
public final class StalePositionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StalePositionException(String message) {
        super(message);
    }
}
