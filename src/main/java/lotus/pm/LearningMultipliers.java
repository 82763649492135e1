package lotus.pm;


/**
 * Size multipliers learned from closed trades (STRATEGY.md §7), applied to entries and adds only: exits and trims
 * never depend on what was learned.
 */
@FunctionalInterface
public interface LearningMultipliers {

    /** No lessons: every multiplier is 1. */
    LearningMultipliers NONE = (position, entryEvent) -> 1.0;

    /**
     * The multiplier for a buy of pattern {@code entryEvent} (e.g. {@code S2.dip_buy}) on {@code position}; finite
     * and not negative (0 suppresses the buy).
     */
    double multiplier(Position position, String entryEvent);
}
