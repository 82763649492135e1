package lotus.sim.solana;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lotus.solana.common.Base58;

/**
 * The simulated chain's balances (SOLANA.md §6): lamports per owner and raw token amounts per owner and mint, one
 * token account per pair (an absent account differs from an empty one: creating it costs rent). Balances, fills and
 * {@code getTokenAccountsByOwner} all read this one ledger, so they agree. Tests fund wallets through it. Thread-safe.
 */
public final class Ledger {

    private final Map<String, Long> lamports = new HashMap<>();
    private final Map<String, TreeMap<String, BigInteger>> tokens = new HashMap<>();

    /** Adds lamports to {@code owner}. */
    public synchronized void fundSol(String owner, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("funding must not be negative: " + amount);
        }
        lamports.merge(owner, amount, Math::addExact);
    }

    /** Adds raw units to {@code owner}'s account of {@code mint}, opening the account if it had none. */
    public synchronized void fundToken(String owner, String mint, BigInteger raw) {
        if (raw.signum() < 0) {
            throw new IllegalArgumentException("funding must not be negative: " + raw);
        }
        tokens.computeIfAbsent(owner, o -> new TreeMap<>()).merge(mint, raw, BigInteger::add);
    }

    public synchronized long lamports(String owner) {
        return lamports.getOrDefault(owner, 0L);
    }

    /** The raw amount in {@code owner}'s account of {@code mint}; empty when there is no such account. */
    public synchronized Optional<BigInteger> tokenAccount(String owner, String mint) {
        TreeMap<String, BigInteger> accounts = tokens.get(owner);
        return Optional.ofNullable(accounts == null ? null : accounts.get(mint));
    }

    /** The raw amount of {@code mint} {@code owner} holds, 0 without an account. */
    public BigInteger token(String owner, String mint) {
        return tokenAccount(owner, mint).orElse(BigInteger.ZERO);
    }

    /** The mints {@code owner} has an account of, sorted. */
    public synchronized List<String> mintsOf(String owner) {
        TreeMap<String, BigInteger> accounts = tokens.get(owner);
        return accounts == null ? List.of() : List.copyOf(accounts.keySet());
    }

    synchronized void setLamports(String owner, long amount) {
        if (amount < 0) {
            throw new IllegalStateException(owner + " would hold " + amount + " lamports");
        }
        lamports.put(owner, amount);
    }

    /** Sets the account's amount, opening it if needed; null closes it. */
    synchronized void setToken(String owner, String mint, BigInteger raw) {
        TreeMap<String, BigInteger> accounts = tokens.computeIfAbsent(owner, o -> new TreeMap<>());
        if (raw == null) {
            accounts.remove(mint);
        } else if (raw.signum() < 0) {
            throw new IllegalStateException(owner + " would hold " + raw + " of " + mint);
        } else {
            accounts.put(mint, raw);
        }
    }

    /** The address of {@code owner}'s account of {@code mint}: derived, so the same pair always has the same one. */
    public static String tokenAccountAddress(String owner, String mint) {
        return hashAddress("token-account:" + owner + ":" + mint);
    }

    /** A deterministic 32-byte address (base58) named by {@code text}. */
    static String hashAddress(String text) {
        try {
            return Base58.encode(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
