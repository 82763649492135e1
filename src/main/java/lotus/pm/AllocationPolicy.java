package lotus.pm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lotus.time.Timeframe;

/**
 * How much of a book's wallet a position may use (STRATEGY.md §5): the default per timeframe that {@code positions
 * add} and backtests give, the learned split of a token's allocation across its timeframes (§7), and the per-token
 * total an add must stay within.
 */
public final class AllocationPolicy {

    /** §5: a token's positions in one book share 15 % of its wallet. */
    public static final BigDecimal PER_TOKEN_PCT = new BigDecimal("15");

    private static final MathContext MC = new MathContext(34);

    private AllocationPolicy() {
    }

    /**
     * STRATEGY.md §5: 15 % of the wallet per token, split 15m 20 %, 1h 40 %, 4h 40 %. Ambiguity: §5 names only those
     * three timeframes; 1m and 5m take the 15m share and 1d the 4h share.
     */
    public static BigDecimal defaultPct(Timeframe tf) {
        return PER_TOKEN_PCT.multiply(share(tf)).stripTrailingZeros();
    }

    /** The timeframe's default share of the token's total. */
    static BigDecimal share(Timeframe tf) {
        return switch (tf) {
            case M1, M5, M15 -> new BigDecimal("0.20");
            case H1, H4, D1 -> new BigDecimal("0.40");
        };
    }

    /** True when the position has its timeframe's default pct, so the learned split may move it. */
    // Ambiguity: the store keeps no "set by hand" mark; a pct other than the default is taken as the user's choice,
    // and one equal to it as the default (positions add says which it took).
    public static boolean isDefault(Position p) {
        return p.totalAllocationPct().compareTo(defaultPct(p.timeframe())) == 0;
    }

    /**
     * The pct {@code p}'s budget is computed from (§7): the token's default-sized positions in the book that are not
     * closed share the sum of their default pcts in proportion to share × the book's timeframe weight, so the sum
     * stays what it was and no position gets more than it. A pct the user chose is returned as stored, and its
     * position is left out of the split.
     *
     * @param token the token's positions in {@code p}'s book (chain, book and contract alike), {@code p} included
     *              or not
     */
    public static BigDecimal budgetPct(Position p, List<Position> token, AllocationWeights weights) {
        if (!isDefault(p)) {
            return p.totalAllocationPct();
        }
        // Ambiguity: a token with positions on some timeframes only splits what those have (a missing 15m's 3 % is
        // not handed to 1h and 4h), as without weights; a closed position's share is not handed on either.
        List<Position> split = new ArrayList<>();
        split.add(p);
        for (Position q : token) {
            if (q.id() != p.id() && sameToken(p, q) && q.status() != PositionStatus.CLOSED && isDefault(q)) {
                split.add(q);
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal own = null;
        for (Position q : split) {
            double w = weights.weight(q.bookId(), q.tokenChain(), q.timeframe());
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalStateException("timeframe weight of " + q.label() + " must be finite and positive,"
                        + " got " + w);
            }
            BigDecimal part = share(q.timeframe()).multiply(BigDecimal.valueOf(w), MC);
            total = total.add(defaultPct(q.timeframe()), MC);
            weighted = weighted.add(part, MC);
            if (q == p) {
                own = part;
            }
        }
        return total.multiply(own, MC).divide(weighted, MC);
    }

    /**
     * What the token's default-sized positions that are not closed ({@code p} and those of {@code token} in its book)
     * have left together: wallet × the sum of their default pcts, less what they have committed (allocated less
     * extracted). The learned split moves shares between them; this keeps their sum within the token's total.
     */
    public static BigDecimal tokenHeadroomUsd(Position p, List<Position> token, BigDecimal walletUsd) {
        BigDecimal pct = defaultPct(p.timeframe());
        BigDecimal committed = p.totalAllocationUsd().subtract(p.totalExtractedUsd(), MC);
        for (Position q : token) {
            if (q.id() != p.id() && sameToken(p, q) && q.status() != PositionStatus.CLOSED && isDefault(q)) {
                pct = pct.add(defaultPct(q.timeframe()), MC);
                committed = committed.add(q.totalAllocationUsd().subtract(q.totalExtractedUsd(), MC), MC);
            }
        }
        return walletUsd.multiply(pct, MC).divide(new BigDecimal("100"), MC).subtract(committed, MC)
                .max(BigDecimal.ZERO);
    }

    /**
     * Why adding a position of {@code pct} on {@code tf} to {@code token} (its positions in the book) is refused, or
     * empty when the token's positions that are not closed stay within {@link #PER_TOKEN_PCT} with it.
     */
    public static Optional<String> overTokenTotal(List<Position> token, Timeframe tf, BigDecimal pct) {
        BigDecimal used = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (Position q : token) {
            if (q.status() != PositionStatus.CLOSED) {
                used = used.add(q.totalAllocationPct());
                parts.add(q.timeframe().label() + " " + plain(q.totalAllocationPct()) + "%");
            }
        }
        if (used.add(pct).compareTo(PER_TOKEN_PCT) <= 0) {
            return Optional.empty();
        }
        BigDecimal room = PER_TOKEN_PCT.subtract(used).max(BigDecimal.ZERO);
        return Optional.of(tf.label() + " at " + plain(pct) + "% would take the token to " + plain(used.add(pct))
                + "% of the wallet, over its " + plain(PER_TOKEN_PCT) + "% (" + (parts.isEmpty() ? "none"
                        : String.join(", ", parts)) + " already); " + (room.signum() > 0
                                ? "give --alloc-pct " + plain(room) + " or less" : "no room is left for it"));
    }

    private static boolean sameToken(Position p, Position q) {
        return p.tokenChain().equals(q.tokenChain()) && p.bookId().equals(q.bookId())
                && p.tokenContract().equals(q.tokenContract());
    }

    private static String plain(BigDecimal x) {
        return x.stripTrailingZeros().toPlainString();
    }
}
