package lotus.hyperliquid.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * MessagePack bytes of an action, as the exchange hashes them (HYPERLIQUID.md §6.1): maps in the order their keys were
 * inserted (the signed order of §7), the smallest integer encoding, no floats anywhere. msgpack-core's packer chooses
 * the smallest encoding itself; an encoder that always wrote 64-bit ints would hash other bytes and sign for a
 * stranger.
 */
public final class ActionEncoder {

    private ActionEncoder() {
    }

    public static byte[] encode(JsonNode action) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(packer, action, "action");
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Python SDK's {@code float_to_int_for_hashing}: {@code x · 10^8} as an integer, refused when that is not
     * whole (we take exact decimals, so "not whole" is exact too).
     */
    public static java.math.BigInteger toIntForHashing(java.math.BigDecimal x) {
        try {
            return x.movePointRight(8).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(x.toPlainString() + " has more than 8 decimals", e);
        }
    }

    private static void pack(MessagePacker p, JsonNode node, String path) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                p.packMapHeader(node.size());
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    p.packString(e.getKey());
                    pack(p, e.getValue(), path + "." + e.getKey());
                }
            }
            case ARRAY -> {
                p.packArrayHeader(node.size());
                int i = 0;
                for (JsonNode item : node) {
                    pack(p, item, path + "[" + i++ + "]");
                }
            }
            case STRING -> p.packString(node.textValue());
            case BOOLEAN -> p.packBoolean(node.booleanValue());
            case NULL -> p.packNil();
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    // Prices and sizes travel as canonical strings; a float here is a bug upstream.
                    throw new IllegalArgumentException("floating-point number at " + path + ": use a decimal string");
                }
                if (node.canConvertToLong()) {
                    p.packLong(node.longValue());
                } else {
                    p.packBigInteger(node.bigIntegerValue());
                }
            }
            default -> throw new IllegalArgumentException("cannot encode " + node.getNodeType() + " at " + path);
        }
    }
}
