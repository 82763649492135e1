package lotus.hyperliquid.exchange;

/**
 * The exchange's refusals by what Lotus should do about them (HYPERLIQUID.md §7). Texts are matched on their prefix;
 * anything new is {@link #OTHER}, never a failure to parse.
 */
public enum RejectKind {
    /** IOC found nothing to match: position unchanged, try next tick. */
    NO_IMMEDIATE_MATCH("Order could not immediately match"),
    NO_LIQUIDITY("No liquidity available for market order"),
    /** Our local minimum-notional check was too lax or the price moved: skip and log. */
    MIN_NOTIONAL("Order must have minimum value of"),
    /** Our formatting bug: stop and alert, never retry. */
    INVALID_PRICE("Order has invalid price"),
    INVALID_TICK("Price must be divisible by tick size"),
    INVALID_SIZE("Order has invalid size"),
    /** Refresh account state, then decide. */
    INSUFFICIENT_MARGIN("Insufficient margin to place order"),
    INSUFFICIENT_SPOT_BALANCE("(Spot-only) Order has insufficient spot balance"),
    REDUCE_ONLY_WOULD_INCREASE("Reduce only order would increase position"),
    POST_ONLY_WOULD_MATCH("Post only order would have immediately matched"),
    PRICE_TOO_FAR_FROM_ORACLE("Order price too far from oracle"),
    /** Signing or agent fault: halt live trading. */
    UNKNOWN_SIGNER("User or API Wallet"),
    NOT_DEPOSITED("Must deposit before performing actions"),
    /** Allocator bug. */
    INVALID_NONCE("Invalid nonce"),
    ADDRESS_BUDGET("Too many cumulative requests sent"),
    CANCEL_NOT_FOUND("Order was never placed, already canceled, or filled"),
    OTHER("");

    private final String prefix;

    RejectKind(String prefix) {
        this.prefix = prefix;
    }

    public static RejectKind of(String text) {
        String t = text.startsWith("L1 error: ") ? text.substring("L1 error: ".length()) : text;
        for (RejectKind k : values()) {
            if (!k.prefix.isEmpty() && t.startsWith(k.prefix)) {
                return k;
            }
        }
        return OTHER;
    }

    /** True for refusals that mean our own code or keys are wrong: live trading must stop. */
    public boolean isOurFault() {
        return switch (this) {
            case INVALID_PRICE, INVALID_TICK, INVALID_SIZE, UNKNOWN_SIGNER, NOT_DEPOSITED, INVALID_NONCE -> true;
            default -> false;
        };
    }
}
