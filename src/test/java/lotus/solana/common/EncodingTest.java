package lotus.solana.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Base58 and compact-u16 (SOLANA.md §4.2, §4.4). */
class EncodingTest {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** The textbook form: the bytes as one big number in base 58, and a '1' per leading zero byte. */
    private static String reference(byte[] in) {
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, in);
        BigInteger b58 = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(b58);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < in.length && in[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    @Test
    void theDocumentsVectors() {
        assertThat(Base58.encode(new byte[32])).isEqualTo("11111111111111111111111111111111");
        assertThat(Base58.decode("11111111111111111111111111111111")).isEqualTo(new byte[32]);
        byte[] wsol = Base58.decode(Mints.WSOL);
        assertThat(wsol).hasSize(32);
        assertThat(Base58.encode(wsol)).isEqualTo(Mints.WSOL);
        byte[] rfcPub = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(Base58.encode(rfcPub)).isEqualTo(reference(rfcPub));
        assertThat(Base58.encode(new byte[0])).isEmpty();
        assertThat(Base58.decode("")).isEmpty();
    }

    @Test
    void seededBytesMatchTheBigIntegerReferenceAndRoundTrip() {
        SplittableRandom r = new SplittableRandom(58);
        for (int i = 0; i < 2_000; i++) {
            byte[] in = new byte[r.nextInt(0, 80)];
            for (int j = 0; j < in.length; j++) {
                in[j] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
            }
            String text = Base58.encode(in);
            assertThat(text).isEqualTo(reference(in));
            assertThat(Base58.decode(text)).isEqualTo(in);
        }
    }

    @Test
    void aCharacterOutsideTheAlphabetIsNamed() {
        assertThatThrownBy(() -> Base58.decode("abc0def")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not base58: character '0' at position 3");
        assertThatThrownBy(() -> Base58.decode("Il")).hasMessage("not base58: character 'I' at position 0");
    }

    @Test
    void compactU16VectorsAndEdges() {
        assertThat(CompactU16.encode(0)).containsExactly(0x00);
        assertThat(CompactU16.encode(1)).containsExactly(0x01);
        assertThat(CompactU16.encode(127)).containsExactly(0x7f);
        assertThat(CompactU16.encode(128)).containsExactly(0x80, 0x01);
        assertThat(CompactU16.encode(16384)).containsExactly(0x80, 0x80, 0x01);
        assertThat(CompactU16.encode(65535)).containsExactly(0xff, 0xff, 0x03);
        for (int v = 0; v <= 65535; v++) {
            byte[] e = CompactU16.encode(v);
            byte[] framed = new byte[e.length + 2];
            System.arraycopy(e, 0, framed, 1, e.length);
            assertThat(CompactU16.decode(framed, 1)).isEqualTo(new CompactU16.Read(v, e.length));
        }
        assertThatThrownBy(() -> CompactU16.encode(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactU16.decode(new byte[] {(byte) 0x80}, 0))
                .hasMessage("compact-u16 at 0 runs past the end");
        assertThatThrownBy(() -> CompactU16.decode(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80}, 0))
                .hasMessage("compact-u16 at 0 is longer than three bytes");
        assertThatThrownBy(() -> CompactU16.decode(new byte[] {(byte) 0xff, (byte) 0xff, 0x07}, 0))
                .hasMessage("compact-u16 at 0 is over 65535");
    }
}
