package lotus.pm;

/**
 * A settlement for an order the journal already settled (or never had): the position write that carried it was
 * rolled back, so the same fill is never applied twice.
 */
public final class AlreadySettledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AlreadySettledException(String message) {
        super(message);
    }
}
