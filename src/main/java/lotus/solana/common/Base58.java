package lotus.solana.common;

import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, as Solana writes addresses, mints and signatures (SOLANA.md §4.4): each leading
 * zero byte is one leading {@code 1}. Case-sensitive; a character outside the alphabet is an error that names it.
 */
public final class Base58 {

    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEX[ALPHABET[i]] = i;
        }
    }

    private Base58() {
    }

    public static String encode(byte[] in) {
        int zeros = 0;
        while (zeros < in.length && in[zeros] == 0) {
            zeros++;
        }
        byte[] digits = Arrays.copyOf(in, in.length); // divided in place, base 256 → base 58
        char[] out = new char[in.length * 2];
        int pos = out.length;
        for (int start = zeros; start < digits.length;) {
            int remainder = 0;
            for (int i = start; i < digits.length; i++) {
                int value = (remainder << 8) | (digits[i] & 0xFF);
                digits[i] = (byte) (value / 58);
                remainder = value % 58;
            }
            out[--pos] = ALPHABET[remainder];
            while (start < digits.length && digits[start] == 0) {
                start++;
            }
        }
        for (int i = 0; i < zeros; i++) {
            out[--pos] = '1';
        }
        return new String(out, pos, out.length - pos);
    }

    /** @throws IllegalArgumentException naming the first character outside the alphabet */
    public static byte[] decode(String in) {
        byte[] digits = new byte[in.length()];
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            int d = c < 128 ? INDEX[c] : -1;
            if (d < 0) {
                throw new IllegalArgumentException("not base58: character '" + c + "' at position " + i);
            }
            digits[i] = (byte) d;
        }
        int zeros = 0;
        while (zeros < digits.length && digits[zeros] == 0) {
            zeros++;
        }
        byte[] out = new byte[in.length()];
        int pos = out.length;
        for (int start = zeros; start < digits.length;) {
            int remainder = 0;
            for (int i = start; i < digits.length; i++) {
                int value = remainder * 58 + (digits[i] & 0xFF);
                digits[i] = (byte) (value / 256);
                remainder = value % 256;
            }
            out[--pos] = (byte) remainder;
            while (start < digits.length && digits[start] == 0) {
                start++;
            }
        }
        while (pos < out.length && out[pos] == 0) {
            pos++;
        }
        byte[] result = new byte[zeros + out.length - pos];
        System.arraycopy(out, pos, result, zeros, out.length - pos);
        return result;
    }
}
