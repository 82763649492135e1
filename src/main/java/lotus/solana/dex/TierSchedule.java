package lotus.solana.dex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which tokens are collected in which minute (SOLANA.md §2.6). With N tokens, each is collected every
 * {@code k = max(1, ceil(N / tierSize))} minutes, in the minutes {@code c} with {@code c mod k == slot}, where the
 * cycle {@code c} is the clock's minute and the slot comes from SHA-256 of the mint: restarts and slow cycles cannot
 * move the schedule (the predecessor's slots came from a per-process salted hash).
 */
public final class TierSchedule {

    /** The predecessor's tiers: 1–250 tokens every minute, 251–500 every 2, and so on. */
    public static final int DEFAULT_TIER_SIZE = 250;

    private TierSchedule() {
    }

    /** Minutes between two collections of one token when {@code tokens} are tracked. */
    public static int interval(int tokens, int tierSize) {
        if (tierSize < 1) {
            throw new IllegalArgumentException("tierSize must be at least 1, got " + tierSize);
        }
        return Math.max(1, (tokens + tierSize - 1) / tierSize);
    }

    /** The clock's minute: the cycle number. */
    public static long cycle(long epochMs) {
        return Math.floorDiv(epochMs, 60_000L);
    }

    /** The token's slot among {@code interval} minutes: the first 8 bytes of SHA-256("solana:" + mint), unsigned. */
    public static int slot(String mint, int interval) {
        byte[] h = sha256(("solana:" + mint).getBytes(StandardCharsets.UTF_8));
        long first = 0;
        for (int i = 0; i < 8; i++) {
            first = (first << 8) | (h[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(first, interval);
    }

    /** Whether a token that is not hot is collected in cycle {@code cycle}. */
    public static boolean due(String mint, long cycle, int interval) {
        return Math.floorMod(cycle, interval) == slot(mint, interval);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
