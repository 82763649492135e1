package lotus.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Nonces per signer (HYPERLIQUID.md §6.3, §9): the 100 highest are kept; a new one must not be among them, must exceed
 * their smallest once there are 100, and must lie within (T − maxAge, T + 1 day) of the simulated clock T. Signers
 * are the recovered addresses (an agent's nonces are its own, not its master's). Not thread-safe: {@link SimExchange}
 * holds its lock.
 */
final class NonceBook {

    static final int WINDOW = 100;
    private static final long MAX_AHEAD_MS = 24 * 3_600_000L;

    private final long maxAgeMs;
    private final Map<String, TreeSet<Long>> bySigner = new HashMap<>();

    NonceBook(long maxAgeMs) {
        this.maxAgeMs = maxAgeMs;
    }

    /** Records the nonce and returns null, or returns the refusal text and records nothing. */
    String use(String signer, long nonce, long nowMs) {
        TreeSet<Long> used = bySigner.computeIfAbsent(signer, s -> new TreeSet<>());
        if (used.contains(nonce)) {
            return "Invalid nonce: duplicate nonce " + nonce;
        }
        // The texts below are ours: the venue's wording for them is unverified.
        if (nonce <= nowMs - maxAgeMs || nonce >= nowMs + MAX_AHEAD_MS) {
            return "Invalid nonce: nonce " + nonce + " is outside the allowed time window around " + nowMs;
        }
        if (used.size() >= WINDOW && nonce <= used.first()) {
            return "Invalid nonce: nonce " + nonce + " is not greater than the smallest of the last " + WINDOW
                    + " (" + used.first() + ")";
        }
        used.add(nonce);
        if (used.size() > WINDOW) {
            used.pollFirst();
        }
        return null;
    }
}
