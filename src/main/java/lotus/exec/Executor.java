package lotus.exec;

import lotus.store.Position;

/** Turns a decision into orders on one venue. Dry-run unless explicitly built live. */
public interface Executor {

    ExecutionResult execute(Decision decision, Position position);
}
