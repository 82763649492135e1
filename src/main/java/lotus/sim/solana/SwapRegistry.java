package lotus.sim.solana;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message bytes → the swap they encode: what the simulated Jupiter's {@code /swap} built, for the simulated RPC to
 * execute. Keyed by the message's SHA-256, so a transaction whose message was changed by one byte is not found (the
 * real program then fails with 6008). Thread-safe.
 */
public final class SwapRegistry {

    private final ConcurrentHashMap<ByteBuffer, SimSwap> swaps = new ConcurrentHashMap<>();

    public void remember(byte[] message, SimSwap swap) {
        swaps.put(key(message), swap);
    }

    public Optional<SimSwap> find(byte[] message) {
        return Optional.ofNullable(swaps.get(key(message)));
    }

    private static ByteBuffer key(byte[] message) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
