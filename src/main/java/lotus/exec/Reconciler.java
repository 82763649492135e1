package lotus.exec;

import java.util.List;
import lotus.pm.Settlement;

/**
 * Asks one venue what became of its open journal rows. It only reads (and, where the venue needs it, cancels or
 * re-sends what was already journalled): applying a settlement to its position is the PM's.
 */
public interface Reconciler {

    /** What the venue says of each of its open rows, oldest first; rows it cannot settle yet stay open. */
    List<Settlement> settlements();
}
