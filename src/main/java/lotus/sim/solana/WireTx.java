package lotus.sim.solana;

import java.util.Arrays;
import lotus.solana.common.Base58;
import lotus.solana.common.CompactU16;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A sent legacy or v0 transaction as the simulated chain reads it (SOLANA.md §4.2): its one signature, the message
 * bytes it covers, the fee payer (static key 0) and the recent blockhash.
 */
record WireTx(byte[] signature, byte[] message, String payer, String blockhash) {

    private static final int SIG = 64;
    private static final int KEY = 32;

    /** @throws IllegalArgumentException naming what cannot be read */
    static WireTx read(byte[] raw) {
        try {
            CompactU16.Read n = CompactU16.decode(raw, 0);
            if (n.value() != 1) {
                throw new IllegalArgumentException("the simulator takes one signature, this has " + n.value());
            }
            int start = n.length() + SIG;
            byte[] message = Arrays.copyOfRange(raw, start, raw.length);
            int header = (message[0] & 0xFF) == 0x80 ? 1 : 0;
            CompactU16.Read keys = CompactU16.decode(message, header + 3);
            int key0 = header + 3 + keys.length();
            int hash = key0 + KEY * keys.value();
            if (keys.value() < 1 || hash + KEY > message.length) {
                throw new IllegalArgumentException("the message is truncated");
            }
            return new WireTx(Arrays.copyOfRange(raw, n.length(), start), message,
                    Base58.encode(Arrays.copyOfRange(message, key0, key0 + KEY)),
                    Base58.encode(Arrays.copyOfRange(message, hash, hash + KEY)));
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the transaction is truncated");
        }
    }

    String signatureBase58() {
        return Base58.encode(signature);
    }

    /** Ed25519 over the message bytes against the fee payer's key. */
    boolean signedByPayer() {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(Base58.decode(payer), 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
