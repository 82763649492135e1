package lotus.solana.tx;

import java.util.Arrays;
import java.util.Base64;
import lotus.solana.common.Base58;
import lotus.solana.common.CompactU16;

/**
 * Signs a transaction as Jupiter built it (SOLANA.md §4.2–4.3): our Ed25519 signature over the message bytes exactly
 * as received, written into the one signature slot; every other byte untouched (re-encoding the message would change
 * it). Legacy and v0 transactions lead with their signatures, v1 ones end with them. A transaction that needs another
 * signer, is not paid by us, or already carries a signature is refused: a tampered or foreign one must not spend our
 * funds. Pure.
 */
public final class TxSigner {

    /** Why a transaction was not signed; nothing is sent. */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param signature the transaction id, base58 of our signature: known before sending, so it is journalled first
     */
    public record Signed(byte[] transaction, String signature) {

        public String base64() {
            return Base64.getEncoder().encodeToString(transaction);
        }
    }

    private static final int SIG = 64;
    private static final int KEY = 32;

    private TxSigner() {
    }

    public static Signed sign(String swapTransactionBase64, SolanaKeypair key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(swapTransactionBase64);
        } catch (IllegalArgumentException e) {
            throw new Refused("the transaction is not base64");
        }
        return sign(raw, key);
    }

    public static Signed sign(byte[] raw, SolanaKeypair key) {
        if (raw.length < 4) {
            throw new Refused("the transaction is " + raw.length + " bytes: too short");
        }
        int messageStart;
        int messageEnd;
        int slot;
        int signatures;
        int required;
        int key0;
        try {
            if ((raw[0] & 0xFF) == 0x81) { // v1: header after the version byte, signatures last with no count
                required = raw[1] & 0xFF;
                signatures = required;
                messageStart = 0;
                messageEnd = raw.length - SIG * signatures;
                slot = messageEnd;
                key0 = 1 + 3 + 4 + KEY + 1 + 1; // version, header, config mask, lifetime, two counts
            } else {
                CompactU16.Read n = CompactU16.decode(raw, 0);
                signatures = n.value();
                slot = n.length();
                messageStart = n.length() + SIG * signatures;
                messageEnd = raw.length;
                boolean v0 = (raw[messageStart] & 0xFF) == 0x80;
                int header = messageStart + (v0 ? 1 : 0);
                required = raw[header] & 0xFF;
                CompactU16.Read keys = CompactU16.decode(raw, header + 3);
                if (keys.value() < 1) {
                    throw new Refused("the transaction names no account");
                }
                key0 = header + 3 + keys.length();
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            if (e instanceof Refused r) {
                throw r;
            }
            throw new Refused("the transaction cannot be read: " + e.getMessage());
        }
        if (messageEnd <= messageStart || key0 + KEY > messageEnd || slot + SIG > raw.length) {
            throw new Refused("the transaction is truncated");
        }
        if (required != signatures) {
            throw new Refused("the transaction has " + signatures + " signature slots but needs " + required);
        }
        if (signatures != 1) {
            throw new Refused("the transaction needs " + signatures + " signers; only ours can be given");
        }
        byte[] payer = Arrays.copyOfRange(raw, key0, key0 + KEY);
        if (!Arrays.equals(payer, key.publicKey())) {
            throw new Refused("the transaction is paid by " + Base58.encode(payer) + ", not by our wallet "
                    + key.address());
        }
        for (int i = slot; i < slot + SIG; i++) {
            if (raw[i] != 0) {
                throw new Refused("the transaction's signature slot is already filled");
            }
        }
        byte[] sig = key.sign(Arrays.copyOfRange(raw, messageStart, messageEnd));
        byte[] signed = raw.clone();
        System.arraycopy(sig, 0, signed, slot, SIG);
        return new Signed(signed, Base58.encode(sig));
    }
}
