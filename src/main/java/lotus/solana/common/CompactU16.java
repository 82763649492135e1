package lotus.solana.common;

import java.util.Arrays;

/**
 * Solana's compact-u16 length prefix (SOLANA.md §4.2): seven bits a byte, low group first, the high bit meaning
 * "more", one to three bytes.
 */
public final class CompactU16 {

    /** A value read at an offset, and how many bytes it took. */
    public record Read(int value, int length) {
    }

    private CompactU16() {
    }

    public static byte[] encode(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("compact-u16 holds 0..65535, got " + value);
        }
        byte[] out = new byte[3];
        int n = 0;
        int v = value;
        while (true) {
            int low = v & 0x7F;
            v >>>= 7;
            if (v == 0) {
                out[n++] = (byte) low;
                return Arrays.copyOf(out, n);
            }
            out[n++] = (byte) (low | 0x80);
        }
    }

    /** @throws IllegalArgumentException when the bytes end early or run past three */
    public static Read decode(byte[] in, int offset) {
        int value = 0;
        for (int i = 0; i < 3; i++) {
            if (offset + i >= in.length) {
                throw new IllegalArgumentException("compact-u16 at " + offset + " runs past the end");
            }
            int b = in[offset + i] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (value > 0xFFFF) {
                    throw new IllegalArgumentException("compact-u16 at " + offset + " is over 65535");
                }
                return new Read(value, i + 1);
            }
        }
        throw new IllegalArgumentException("compact-u16 at " + offset + " is longer than three bytes");
    }
}
