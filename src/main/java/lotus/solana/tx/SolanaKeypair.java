package lotus.solana.tx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import lotus.solana.common.Base58;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A wallet's Ed25519 key (SOLANA.md §4.4): 64 bytes, the seed then the public key, as {@code solana-keygen} writes
 * them (a JSON array of 64 numbers) or a wallet exports them (base58 of the same bytes). The public key is checked
 * against the one derived from the seed. The key never appears in a message, log or {@link #toString()}.
 */
public final class SolanaKeypair {

    private final byte[] seed;
    private final byte[] publicKey;
    private final String address;

    private SolanaKeypair(byte[] seed, byte[] publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
        this.address = Base58.encode(publicKey);
    }

    /** From the 64 bytes of a keypair: refused when the public half is not the seed's. */
    public static SolanaKeypair of(byte[] keypair) {
        if (keypair.length != 64) {
            throw new IllegalArgumentException("a Solana keypair is 64 bytes (seed, public key), got "
                    + keypair.length);
        }
        byte[] seed = Arrays.copyOfRange(keypair, 0, 32);
        byte[] derived = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        if (!Arrays.equals(derived, Arrays.copyOfRange(keypair, 32, 64))) {
            throw new IllegalArgumentException("the keypair's public key is not the one its seed derives");
        }
        return new SolanaKeypair(seed, derived);
    }

    /** From a 32-byte seed alone. */
    public static SolanaKeypair fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, got " + seed.length);
        }
        return new SolanaKeypair(seed.clone(), new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey()
                .getEncoded());
    }

    /** From a wallet export: base58 of the 64 bytes. The message never repeats the text. */
    public static SolanaKeypair fromBase58(String exported) {
        byte[] bytes;
        try {
            bytes = Base58.decode(exported.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the exported Solana key is not base58");
        }
        return of(bytes);
    }

    /**
     * From a {@code solana-keygen} file (a JSON array of 64 numbers 0-255). Refused when the file can be read by its
     * group or others, as ssh refuses a private key.
     */
    public static SolanaKeypair fromFile(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("keypair file " + file + " can be read by its group or others;"
                        + " chmod 600 it first");
            }
        }
        String text = Files.readString(file).strip();
        if (!text.startsWith("[") || !text.endsWith("]")) {
            throw new IllegalArgumentException("keypair file " + file + " is not a JSON array of 64 numbers");
        }
        String[] parts = text.substring(1, text.length() - 1).split(",");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int v;
            try {
                v = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("keypair file " + file + " holds something that is not a number");
            }
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("keypair file " + file + " holds a number outside 0-255");
            }
            bytes[i] = (byte) v;
        }
        return of(bytes);
    }

    /** The wallet's address: base58 of the public key. */
    public String address() {
        return address;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Ed25519 over the bytes exactly as given (deterministic). */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "SolanaKeypair[" + address + "]";
    }
}
