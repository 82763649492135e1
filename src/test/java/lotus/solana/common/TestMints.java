package lotus.solana.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Valid mints for tests (base58 of 32 bytes), each named by a seed so a test reads as what it means. */
public final class TestMints {

    private TestMints() {
    }

    public static String of(String seed) {
        try {
            return Base58.encode(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
