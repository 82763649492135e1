package lotus.sim;

import java.util.HexFormat;

/**
 * The wire-only parts of a simulated trade (transaction hash, buyer and seller addresses), derived from the seed and
 * the tid rather than stored: {@link lotus.market.Trade} has no room for them and every frame that repeats a trade
 * (snapshot, duplicate, delayed copy) must show the same values.
 */
final class TradeTags {

    /** Distinct trader addresses; few enough that the same users trade again, as market makers do. */
    private static final int USERS = 64;

    private final long seed;
    private final String[] users;

    TradeTags(long seed) {
        this.seed = seed;
        this.users = new String[USERS];
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < USERS; i++) {
            long a = mix(seed ^ (0xA11CEL + i));
            long b = mix(a);
            long c = mix(b);
            users[i] = "0x" + hex.toHexDigits(a) + hex.toHexDigits(b) + hex.toHexDigits((int) c);
        }
    }

    /** {@code 0x} + 64 lowercase hex. */
    String hash(long tid) {
        HexFormat hex = HexFormat.of();
        long a = mix(seed ^ tid);
        long b = mix(a);
        long c = mix(b);
        long d = mix(c);
        return "0x" + hex.toHexDigits(a) + hex.toHexDigits(b) + hex.toHexDigits(c) + hex.toHexDigits(d);
    }

    String buyer(long tid) {
        return users[userIndex(tid)];
    }

    /** Never the buyer: self-trades are not what a public trade feed shows. */
    String seller(long tid) {
        int buyer = userIndex(tid);
        int offset = 1 + (int) Long.remainderUnsigned(mix(tid ^ 0x5E11L ^ seed), USERS - 1);
        return users[(buyer + offset) % USERS];
    }

    private int userIndex(long tid) {
        return (int) Long.remainderUnsigned(mix(tid ^ 0xB0B0L ^ seed), USERS);
    }

    /** SplitMix64's finaliser: a cheap bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
