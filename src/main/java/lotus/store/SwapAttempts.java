package lotus.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import lotus.time.Clock;

/**
 * {@code swap_attempts}: the signed transactions of a Solana swap's intent (its {@code order_journal} row), each
 * written before it is sent (SOLANA.md §4.6). An attempt moves {@code signed → sent → landed_ok | landed_err |
 * rejected | expired} and never back; the database allows one unfinished attempt per intent.
 */
public final class SwapAttempts {

    public enum State {
        SIGNED, SENT, LANDED_OK, LANDED_ERR, REJECTED, EXPIRED;

        String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }

        /** Still able to land: its signature must be watched until it lands or its blockhash expires. */
        public boolean unfinished() {
            return this == SIGNED || this == SENT;
        }
    }

    /**
     * @param transactionBase64 the signed bytes: re-sent as they are while the attempt is unfinished
     * @param quote             Jupiter's quote the transaction was built from, as received
     * @param error             why it ended without a fill (the chain's or RPC's error), null otherwise
     */
    public record Attempt(String cloid, int attempt, String signature, State state, long lastValidBlockHeight,
            String transactionBase64, JsonNode quote, int slippageBps, String error, long createdAtMs,
            long updatedAtMs) {

        public Attempt {
            Objects.requireNonNull(cloid, "cloid");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(transactionBase64, "transactionBase64");
            Objects.requireNonNull(quote, "quote");
        }
    }

    private final Database db;
    private final Clock clock;

    public SwapAttempts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Journals a signed attempt, committed before returning: only then may it be sent.
     *
     * @throws StoreException when another attempt of the intent is unfinished, the signature is known, or the intent
     *                        is not journalled
     */
    public Attempt recordSigned(String cloid, int attempt, String signature, long lastValidBlockHeight,
            String transactionBase64, JsonNode quote, int slippageBps) {
        long now = clock.nowMs();
        Dialect d = db.dialect();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO swap_attempts (cloid, attempt, signature,"
                    + " state, last_valid_block_height, transaction_b64, quote, slippage_bps, error, created_at,"
                    + " updated_at) VALUES (?, ?, ?, 'signed', ?, ?, ?, ?, NULL, ?, ?)")) {
                ps.setString(1, cloid);
                ps.setInt(2, attempt);
                ps.setString(3, signature);
                ps.setLong(4, lastValidBlockHeight);
                ps.setString(5, transactionBase64);
                d.setJson(ps, 6, quote);
                ps.setInt(7, slippageBps);
                d.setTime(ps, 8, now);
                d.setTime(ps, 9, now);
                ps.executeUpdate();
            }
            return null;
        });
        return new Attempt(cloid, attempt, signature, State.SIGNED, lastValidBlockHeight, transactionBase64, quote,
                slippageBps, null, now, now);
    }

    /**
     * Moves an unfinished attempt on. A finished attempt never changes again, so two watchers of one signature (the
     * executor and a reconcile after a restart) cannot undo each other.
     *
     * @return false when the attempt was already finished (or is unknown)
     */
    public boolean advance(String signature, State next, String error) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE swap_attempts SET state = ?, error = ?,"
                    + " updated_at = ? WHERE signature = ? AND state IN ('signed', 'sent')")) {
                ps.setString(1, next.dbValue());
                ps.setString(2, error);
                db.dialect().setTime(ps, 3, clock.nowMs());
                ps.setString(4, signature);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Every attempt of one intent, in order. */
    public List<Attempt> of(String cloid) {
        return select("WHERE cloid = ? ORDER BY attempt", ps -> ps.setString(1, cloid));
    }

    private List<Attempt> select(String where, Binder binder) {
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cloid, attempt, signature, state,"
                    + " last_valid_block_height, transaction_b64, quote, slippage_bps, error, created_at, updated_at"
                    + " FROM swap_attempts " + where)) {
                binder.bind(ps);
                List<Attempt> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs, d));
                    }
                }
                return out;
            }
        });
    }

    private static Attempt read(ResultSet rs, Dialect d) throws SQLException {
        return new Attempt(rs.getString("cloid"), rs.getInt("attempt"), rs.getString("signature"),
                State.fromDb(rs.getString("state")), rs.getLong("last_valid_block_height"),
                rs.getString("transaction_b64"), d.getJson(rs, "quote"), rs.getInt("slippage_bps"),
                rs.getString("error"), d.getTime(rs, "created_at"), d.getTime(rs, "updated_at"));
    }
}
