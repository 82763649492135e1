package lotus.pm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an executor did, in one shape for every venue and for dry runs alike, so accounting cannot tell them apart.
 *
 * @param filledSize base units the account received (a buy) or sold (0 unless filled): net of a fee charged in the
 *                   token bought (a Hyperliquid spot buy), so it is what the venue holds
 * @param avgPrice   volume-weighted fill price, null when nothing filled
 * @param notionalUsd filledSize × avgPrice
 * @param feeUsd     fees paid, in USD (a fee paid in tokens valued at the fill price)
 * @param cloid      the client order id, null when nothing was sent
 * @param request    the exact request sent (or, dry, that would have been sent); null when nothing was built
 * @param reason     why it was skipped, refused, rejected or unknown; null when filled
 * @param venueLeft  after a full exit, at most what the venue still holds of the token (its free balance before the
 *                   order less the fill) when the executor read it: the position's dust cannot be more; null when
 *                   unknown (the book's own remainder is taken)
 */
public record ExecutionResult(Status status, DecisionType type, boolean buy, BigDecimal filledSize,
        BigDecimal avgPrice, BigDecimal notionalUsd, BigDecimal feeUsd, String cloid, boolean dryRun, String reason,
        JsonNode request, BigDecimal venueLeft) {

    /**
     * A request's count of the lamports of network fees that failed Solana landings paid, already in {@link #feeUsd}:
     * the journal keeps it with an unknown result, so the order's later settlement does not charge them again.
     */
    public static final String FAILED_FEE_LAMPORTS = "failed_fee_lamports";

    public ExecutionResult(Status status, DecisionType type, boolean buy, BigDecimal filledSize, BigDecimal avgPrice,
            BigDecimal notionalUsd, BigDecimal feeUsd, String cloid, boolean dryRun, String reason, JsonNode request) {
        this(status, type, buy, filledSize, avgPrice, notionalUsd, feeUsd, cloid, dryRun, reason, request, null);
    }

    public enum Status {
        FILLED,
        /** An IOC that filled only part of its size. */
        PARTIALLY_FILLED,
        /** Not sent: below the minimum notional, nothing to sell, no price. */
        SKIPPED,
        REJECTED,
        /** Sent, answer lost: the order journal reconciles it. */
        UNKNOWN,
        /**
         * Not sent: the risk gate refused it (trading state or a limit; the reason names which). Nothing filled, so
         * like {@link #SKIPPED} it consumes nothing and the planner may ask again on a later bar.
         */
        REFUSED
    }

    public ExecutionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(filledSize, "filledSize");
        Objects.requireNonNull(notionalUsd, "notionalUsd");
        Objects.requireNonNull(feeUsd, "feeUsd");
    }

    public static ExecutionResult skipped(DecisionType type, boolean buy, boolean dryRun, String reason) {
        return new ExecutionResult(Status.SKIPPED, type, buy, BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO,
                null, dryRun, reason, null);
    }

    /** Nothing sent: the risk gate refused the order for {@code reason}. */
    public static ExecutionResult refused(DecisionType type, boolean buy, boolean dryRun, String reason) {
        return new ExecutionResult(Status.REFUSED, type, buy, BigDecimal.ZERO, null, BigDecimal.ZERO, BigDecimal.ZERO,
                null, dryRun, reason, null);
    }

    /** This result with what the venue still holds of the token after it. */
    public ExecutionResult withVenueLeft(BigDecimal left) {
        return new ExecutionResult(status, type, buy, filledSize, avgPrice, notionalUsd, feeUsd, cloid, dryRun, reason,
                request, left);
    }

    public boolean filledAnything() {
        return filledSize.signum() > 0;
    }
}
