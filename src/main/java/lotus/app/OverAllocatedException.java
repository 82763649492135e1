package lotus.app;

/** A position the operator adds would take its token over its per-token allocation (STRATEGY.md §5). */
public final class OverAllocatedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OverAllocatedException(String message) {
        super(message);
    }
}
