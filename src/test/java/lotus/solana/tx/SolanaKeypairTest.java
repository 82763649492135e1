package lotus.solana.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import lotus.solana.common.Base58;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and signatures (SOLANA.md §4.4): the document's vectors, and the JDK's Ed25519 as a second opinion. */
class SolanaKeypairTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RFC_SEED = HEX.parseHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    @TempDir
    Path dir;

    @Test
    void theDocumentsVectors() {
        assertThat(SolanaKeypair.fromSeed(new byte[32]).address())
                .isEqualTo("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS");
        SolanaKeypair rfc = SolanaKeypair.fromSeed(RFC_SEED);
        assertThat(HEX.formatHex(rfc.publicKey()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(HEX.formatHex(rfc.sign(new byte[0]))).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974"
                + "d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void signaturesAreTheJdksOnSeededKeysAndMessages() throws Exception {
        SplittableRandom r = new SplittableRandom(25519);
        for (int i = 0; i < 50; i++) {
            byte[] seed = new byte[32];
            byte[] message = new byte[r.nextInt(0, 600)];
            fill(r, seed);
            fill(r, message);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(
                    new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
            jdk.update(message);
            assertThat(SolanaKeypair.fromSeed(seed).sign(message)).isEqualTo(jdk.sign());
        }
    }

    @Test
    void aKeygenFileAndAWalletExportGiveTheSameKey() throws Exception {
        SolanaKeypair k = SolanaKeypair.fromSeed(RFC_SEED);
        byte[] full = new byte[64];
        System.arraycopy(RFC_SEED, 0, full, 0, 32);
        System.arraycopy(k.publicKey(), 0, full, 32, 32);
        Path file = keygenFile(full, "rw-------");
        assertThat(SolanaKeypair.fromFile(file).address()).isEqualTo(k.address());
        assertThat(SolanaKeypair.fromBase58(Base58.encode(full)).address()).isEqualTo(k.address());
        assertThat(k.toString()).isEqualTo("SolanaKeypair[" + k.address() + "]");
    }

    @Test
    void aReadableFileAMismatchedHalfAndBadTextAreRefusedWithoutTheKey() throws Exception {
        byte[] full = new byte[64];
        System.arraycopy(RFC_SEED, 0, full, 0, 32);
        System.arraycopy(SolanaKeypair.fromSeed(RFC_SEED).publicKey(), 0, full, 32, 32);
        assertThatThrownBy(() -> SolanaKeypair.fromFile(keygenFile(full, "rw-r--r--")))
                .hasMessageContaining("can be read by its group or others");
        byte[] wrong = full.clone();
        wrong[40] ^= 1;
        assertThatThrownBy(() -> SolanaKeypair.of(wrong))
                .hasMessage("the keypair's public key is not the one its seed derives");
        String export = Base58.encode(full);
        assertThatThrownBy(() -> SolanaKeypair.fromBase58(export + "0"))
                .hasMessage("the exported Solana key is not base58")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(export.substring(0, 16)));
        assertThatThrownBy(() -> SolanaKeypair.of(new byte[63])).hasMessageContaining("64 bytes");
    }

    private Path keygenFile(byte[] bytes, String perms) throws Exception {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (byte b : bytes) {
            j.add(Integer.toString(b & 0xFF));
        }
        Path file = Files.createTempFile(dir, "id", ".json");
        Files.writeString(file, j.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }

    private static void fill(SplittableRandom r, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
    }
}
