package lotus.hyperliquid.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The few EIP-712 pieces Hyperliquid needs, written out: its type names contain {@code :}, which generic helpers may
 * refuse (HYPERLIQUID.md §6.2), and the structs are flat.
 */
final class Eip712 {

    static final byte[] DOMAIN_TYPEHASH = keccak(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    private Eip712() {
    }

    static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] keccak(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return Hash.sha3(all);
    }

    /** Domain {name, version, chainId, verifyingContract = 0x0}. */
    static byte[] domainSeparator(String name, String version, long chainId) {
        return keccak(DOMAIN_TYPEHASH, keccak(name), keccak(version), uint256(BigInteger.valueOf(chainId)), new byte[32]);
    }

    /** keccak(0x19 0x01 ‖ domainSeparator ‖ hashStruct): the bytes that are signed. */
    static byte[] digest(byte[] domainSeparator, byte[] structHash) {
        return keccak(new byte[] {0x19, 0x01}, domainSeparator, structHash);
    }

    static byte[] uint256(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + v);
        }
        return Numeric.toBytesPadded(v, 32);
    }

    /** An address as a 32-byte word (left-padded). */
    static byte[] address(String hex) {
        byte[] raw = Numeric.hexStringToByteArray(hex);
        if (raw.length != 20) {
            throw new IllegalArgumentException("not a 20-byte address: " + hex);
        }
        byte[] word = new byte[32];
        System.arraycopy(raw, 0, word, 12, 20);
        return word;
    }
}
