package lotus.solana.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import lotus.solana.common.Base58;
import lotus.solana.common.CompactU16;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/** Signing legacy, v0 and v1 transactions in place, and refusing foreign ones (SOLANA.md §4.2–4.3). */
class TxSignerTest {

    private static final SolanaKeypair OURS = SolanaKeypair.fromSeed(seed(7));
    private static final SolanaKeypair THEIRS = SolanaKeypair.fromSeed(seed(9));

    private static byte[] seed(int v) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) v);
        return s;
    }

    /** A legacy (v0 = false) or v0 message: header, keys, blockhash, one instruction, (v0) no lookups. */
    private static byte[] message(boolean v0, int required, byte[]... keys) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        if (v0) {
            m.write(0x80);
        }
        m.writeBytes(new byte[] {(byte) required, 0, 1});
        m.writeBytes(CompactU16.encode(keys.length));
        for (byte[] k : keys) {
            m.writeBytes(k);
        }
        m.writeBytes(seed(3)); // recent blockhash
        m.writeBytes(CompactU16.encode(1));
        m.writeBytes(new byte[] {1, 1, 0, 2, 9, 9}); // program 1, accounts [0], data [9, 9]
        if (v0) {
            m.writeBytes(CompactU16.encode(0));
        }
        return m.toByteArray();
    }

    private static byte[] withSlots(int slots, byte[] message) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(CompactU16.encode(slots));
        t.writeBytes(new byte[64 * slots]);
        t.writeBytes(message);
        return t.toByteArray();
    }

    /** A v1 message: 0x81, header, config mask, lifetime, counts, our key and a program, no instructions. */
    private static byte[] v1(byte[] payer) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(new byte[] {(byte) 0x81, 1, 0, 1, 0, 0, 0, 0});
        t.writeBytes(seed(3));
        t.writeBytes(new byte[] {0, 2});
        t.writeBytes(payer);
        t.writeBytes(seed(5));
        t.writeBytes(new byte[64]);
        return t.toByteArray();
    }

    private static boolean verifies(byte[] message, byte[] sig) {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, new Ed25519PublicKeyParameters(OURS.publicKey(), 0));
        v.update(message, 0, message.length);
        return v.verifySignature(sig);
    }

    @Test
    void legacyAndV0AreSignedInTheirFirstSlotOverTheMessageAsReceived() {
        for (boolean v0 : new boolean[] {false, true}) {
            byte[] message = message(v0, 1, OURS.publicKey(), seed(5));
            byte[] tx = withSlots(1, message);
            TxSigner.Signed s = TxSigner.sign(java.util.Base64.getEncoder().encodeToString(tx), OURS);
            byte[] sig = Arrays.copyOfRange(s.transaction(), 1, 65);
            assertThat(verifies(message, sig)).as("v0=" + v0).isTrue();
            assertThat(Arrays.copyOfRange(s.transaction(), 65, s.transaction().length)).isEqualTo(message);
            assertThat(s.signature()).isEqualTo(Base58.encode(sig));
            assertThat(s.base64()).isEqualTo(java.util.Base64.getEncoder().encodeToString(s.transaction()));
        }
    }

    @Test
    void v1IsSignedInItsTrailingSlot() {
        byte[] tx = v1(OURS.publicKey());
        TxSigner.Signed s = TxSigner.sign(tx, OURS);
        int slot = tx.length - 64;
        assertThat(verifies(Arrays.copyOfRange(tx, 0, slot), Arrays.copyOfRange(s.transaction(), slot, tx.length)))
                .isTrue();
        assertThat(Arrays.copyOfRange(s.transaction(), 0, slot)).isEqualTo(Arrays.copyOfRange(tx, 0, slot));
    }

    @Test
    void aForeignOrMultiSignerOrSignedOrBrokenTransactionIsRefused() {
        assertThatThrownBy(() -> TxSigner.sign(withSlots(1, message(true, 1, THEIRS.publicKey())), OURS))
                .isInstanceOf(TxSigner.Refused.class).hasMessageContaining("is paid by " + THEIRS.address());
        assertThatThrownBy(() -> TxSigner.sign(withSlots(2, message(true, 2, OURS.publicKey(),
                THEIRS.publicKey())), OURS)).hasMessage("the transaction needs 2 signers; only ours can be given");
        assertThatThrownBy(() -> TxSigner.sign(withSlots(1, message(false, 2, OURS.publicKey(),
                THEIRS.publicKey())), OURS)).hasMessage("the transaction has 1 signature slots but needs 2");
        byte[] signed = TxSigner.sign(withSlots(1, message(true, 1, OURS.publicKey())), OURS).transaction();
        assertThatThrownBy(() -> TxSigner.sign(signed, OURS))
                .hasMessage("the transaction's signature slot is already filled");
        byte[] whole = withSlots(1, message(true, 1, OURS.publicKey()));
        assertThatThrownBy(() -> TxSigner.sign(Arrays.copyOf(whole, 90), OURS)).isInstanceOf(TxSigner.Refused.class);
        assertThatThrownBy(() -> TxSigner.sign(v1(THEIRS.publicKey()), OURS)).hasMessageContaining("is paid by");
        assertThatThrownBy(() -> TxSigner.sign("not base64!", OURS)).hasMessage("the transaction is not base64");
    }
}
