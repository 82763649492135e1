package lotus.learning;

/**
 * Where learning keeps its aggregates and strand cursor: the learning tables for the live PM ({@code store.LearningTables}),
 * nowhere for a backtest ({@link #NONE}), whose lessons live as long as its run.
 */
public interface LearningStore {

    /** Keeps nothing: starts empty, and every save succeeds. */
    LearningStore NONE = new LearningStore() {
        @Override
        public Lessons load() {
            return Lessons.empty();
        }

        @Override
        public boolean save(long expectedLastStrandId, Lessons.Changes changes) {
            return true;
        }
    };

    /** Everything stored, as a snapshot. */
    Lessons load();

    /**
     * Stores a page's changed rows and moves the cursor from {@code expectedLastStrandId}, in one transaction.
     *
     * @return false, with nothing written, when another writer moved the cursor first
     */
    boolean save(long expectedLastStrandId, Lessons.Changes changes);
}
