package lotus.hyperliquid.signing;

import java.math.BigInteger;
import org.web3j.utils.Numeric;

/**
 * An ECDSA signature as the exchange takes it: {@code r} and {@code s} as 32-byte values, {@code v} 27 or 28.
 */
public record Signature(BigInteger r, BigInteger s, int v) {

    public Signature {
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("v must be 27 or 28, got " + v);
        }
    }

    /** {@code 0x} + 64 hex digits, zero-padded (the Python SDK drops leading zeros; both are accepted). */
    public String rHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(r, 64);
    }

    public String sHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(s, 64);
    }
}
