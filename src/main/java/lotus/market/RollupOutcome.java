package lotus.market;

/** What {@link BarRollup} did with one trade. Every outcome is counted. */
public enum RollupOutcome {
    /** Rolled into the open bars. */
    ACCEPTED(false),
    /** Arrived after its bar had closed but within the grace: the corrected final bars were emitted again. */
    LATE_CORRECTION(false),
    /** A tid already seen for the coin: ignored. */
    DUPLICATE(false),
    /** Price text that is not a decimal (NaN, Infinity, garbage). */
    REJECTED_NOT_A_NUMBER(true),
    REJECTED_NON_POSITIVE_PRICE(true),
    REJECTED_NON_POSITIVE_SIZE(true),
    /** A coin outside the rollup's universe. */
    REJECTED_UNKNOWN_COIN(true),
    /** Its bar closed longer ago than the grace; gap repair from candles owns that period now. */
    REJECTED_TOO_LATE(true);

    private final boolean rejection;

    RollupOutcome(boolean rejection) {
        this.rejection = rejection;
    }

    public boolean isRejection() {
        return rejection;
    }
}
