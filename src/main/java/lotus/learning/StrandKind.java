package lotus.learning;

/**
 * The kinds of strand the PM writes to {@code ad_strands} and learning reads: one name for each, shared by both
 * sides instead of a string literal in each.
 */
public enum StrandKind {
    /** The engine changed state on a bar. */
    ENGINE_TRANSITION("engine_transition"),
    /** An order of the PM was executed (or refused, or its outcome is unknown). */
    PM_EXECUTION("pm_execution"),
    /** A trade closed: what learning learns from. */
    POSITION_CLOSED("position_closed");

    private final String wire;

    StrandKind(String wire) {
        this.wire = wire;
    }

    /** The name stored in {@code ad_strands.kind}. */
    public String wire() {
        return wire;
    }
}
