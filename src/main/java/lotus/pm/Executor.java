package lotus.pm;


/** Turns a decision into orders on one venue. Dry-run unless explicitly built live. */
public interface Executor {

    /**
     * @param ticket the cloid the order carries and, live, the journal it is written to before it is sent; an
     *               executor never sends an order it could not journal
     */
    ExecutionResult execute(Decision decision, Position position, OrderTicket ticket);
}
