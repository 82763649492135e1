package lotus.learning;

/**
 * Where learning stands: the last {@code position_closed} strand read, and how many were applied or skipped as
 * malformed since the database was created.
 */
public record LearningStatus(long lastStrandId, long strandsApplied, long strandsSkipped) {
}
