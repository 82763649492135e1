package lotus.hyperliquid.signing;

import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A secp256k1 key that signs 32-byte digests as they are (no re-hashing), deterministic k and low s, and recovers
 * signers for verification. {@link #toString()} never shows the key.
 */
public final class Signer {

    private static final ECDomainParameters CURVE;

    static {
        org.bouncycastle.asn1.x9.X9ECParameters p = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256k1");
        CURVE = new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH());
    }

    private static final BigInteger HALF_N = CURVE.getN().shiftRight(1);
    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    private final ECKeyPair keyPair;
    private final String address;

    private Signer(ECKeyPair keyPair) {
        this.keyPair = keyPair;
        this.address = Keys.toChecksumAddress(Keys.getAddress(keyPair));
    }

    /** From {@code 0x} + 64 hex digits. The message of a failure never contains the key. */
    public static Signer fromPrivateKey(String hex) {
        String h = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (!h.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("not a private key (value not shown): expected 64 hex digits");
        }
        return new Signer(Credentials.create(h).getEcKeyPair());
    }

    /** A throwaway key, for dry runs without a configured one: the requests look exactly like live ones. */
    public static Signer ephemeral() {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        k[0] &= 0x7f; // below the curve order
        k[31] |= 1;
        return fromPrivateKey(Numeric.toHexStringNoPrefixZeroPadded(new BigInteger(1, k), 64));
    }

    /** The signer's address, EIP-55 checksummed. */
    public String address() {
        return address;
    }

    /**
     * Signs with BouncyCastle directly: RFC 6979 k, {@code R = k·G} on the fixed-point comb, low s, and v from R.y's
     * parity (flipped when s is negated). web3j's {@code Sign.signMessage} gives the same signature but finds v by
     * recovering the public key up to four times, about 760 µs against about 140 µs (HYPERLIQUID.md §6.1).
     */
    public Signature sign(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a digest is 32 bytes, got " + digest.length);
        }
        BigInteger n = CURVE.getN();
        BigInteger d = keyPair.getPrivateKey();
        BigInteger e = new BigInteger(1, digest);
        HMacDSAKCalculator kCalc = new HMacDSAKCalculator(new SHA256Digest());
        kCalc.init(n, d, digest);
        while (true) {
            BigInteger k = kCalc.nextK();
            ECPoint r1 = COMB.multiply(CURVE.getG(), k).normalize();
            BigInteger rx = r1.getAffineXCoord().toBigInteger();
            BigInteger r = rx.mod(n);
            if (r.signum() == 0 || rx.compareTo(n) >= 0) {
                continue; // never seen in practice; RFC 6979 draws the next k
            }
            BigInteger s = k.modInverse(n).multiply(e.add(d.multiply(r))).mod(n);
            if (s.signum() == 0) {
                continue;
            }
            boolean odd = r1.getAffineYCoord().toBigInteger().testBit(0);
            if (s.compareTo(HALF_N) > 0) {
                s = n.subtract(s);
                odd = !odd;
            }
            return new Signature(r, s, 27 + (odd ? 1 : 0));
        }
    }

    /** The slow reference path (web3j), kept for the benchmark's comparison. */
    public Signature signWithWeb3j(byte[] digest) {
        Sign.SignatureData d = Sign.signMessage(digest, keyPair, false);
        return new Signature(Numeric.toBigInt(d.getR()), Numeric.toBigInt(d.getS()), d.getV()[0] & 0xff);
    }

    /** The address (checksummed) whose key made {@code signature} over {@code digest}. */
    public static String recover(byte[] digest, Signature signature) {
        Sign.SignatureData d = new Sign.SignatureData((byte) signature.v(),
                Numeric.toBytesPadded(signature.r(), 32), Numeric.toBytesPadded(signature.s(), 32));
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, d);
            return Keys.toChecksumAddress(Keys.getAddress(publicKey));
        } catch (java.security.SignatureException e) {
            throw new IllegalArgumentException("signature does not recover to any key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Signer[" + address + "]";
    }
}
