package lotus.pm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the PM hands an executor with a decision: the client order id the order must carry and the journal it must be
 * written to before it is sent.
 *
 * <p>The cloid is derived from the decision itself (position, bar, decision type, attempt), never drawn at random, so
 * an order found at the venue after a crash names the decision it executed, and a decision planned again for the
 * same bar is recognisable as a second attempt rather than a new order.
 */
public record OrderTicket(String cloid, OrderJournal journal) {

    public OrderTicket {
        Objects.requireNonNull(cloid, "cloid");
        Objects.requireNonNull(journal, "journal");
    }

    /**
     * {@code 0x} and the first 16 bytes of SHA-256 over the decision's identity: Hyperliquid's cloid format
     * (HYPERLIQUID.md §7).
     *
     * @param attempt how many orders this decision already sent (0 for the first)
     */
    public static String cloid(long positionId, long barCloseMs, DecisionType type, int attempt) {
        return cloid(positionId, 0, barCloseMs, type, attempt);
    }

    /**
     * The cloid of a position's decision. The position's creation time is part of it: position ids start at 1 in
     * every database, and a new database trading the same account must not name its orders as an old one did.
     */
    public static String cloid(long positionId, long positionCreatedMs, long barCloseMs, DecisionType type,
            int attempt) {
        String identity = "lotus/1|" + positionId + "@" + positionCreatedMs + "|" + barCloseMs + "|" + type.label()
                + "|" + attempt;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A ticket for a caller with no journal, such as a dry run: sending live with it is refused. */
    public static OrderTicket unjournalled(String cloid) {
        return new OrderTicket(cloid, OrderJournal.NONE);
    }
}
