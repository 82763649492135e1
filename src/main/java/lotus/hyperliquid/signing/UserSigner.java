package lotus.hyperliquid.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * User-signed actions (usdSend, withdraw3, approveAgent, ...): an EIP-712 struct
 * {@code HyperliquidTransaction:<Name>(...)} under the domain {@code HyperliquidSignTransaction} with the chain id the
 * action names in {@code signatureChainId} (HYPERLIQUID.md §6.2). Only for moving funds and approving agents;
 * trading never needs it.
 */
public final class UserSigner {

    /** One typed field, in the struct's order. */
    public record Field(String name, String type) {
    }

    private UserSigner() {
    }

    /** The digest of {@code message} as {@code primaryType} with {@code fields}, under chain {@code chainId}. */
    public static byte[] digest(String primaryType, List<Field> fields, JsonNode message, long chainId) {
        StringBuilder typeString = new StringBuilder(primaryType).append('(');
        for (int i = 0; i < fields.size(); i++) {
            typeString.append(i == 0 ? "" : ",").append(fields.get(i).type()).append(' ').append(fields.get(i).name());
        }
        typeString.append(')');
        List<byte[]> words = new ArrayList<>();
        words.add(Eip712.keccak(typeString.toString()));
        for (Field f : fields) {
            JsonNode v = message.get(f.name());
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("message has no field " + f.name());
            }
            words.add(switch (f.type()) {
                case "string" -> Eip712.keccak(v.asText());
                case "address" -> Eip712.address(v.asText());
                case "uint64", "uint256" -> Eip712.uint256(new BigInteger(v.asText()));
                case "bool" -> Eip712.uint256(v.asBoolean() ? BigInteger.ONE : BigInteger.ZERO);
                default -> throw new IllegalArgumentException("unsupported EIP-712 field type " + f.type());
            });
        }
        byte[] structHash = Eip712.keccak(words.toArray(byte[][]::new));
        return Eip712.digest(Eip712.domainSeparator("HyperliquidSignTransaction", "1", chainId), structHash);
    }

    public static Signature sign(Signer signer, String primaryType, List<Field> fields, JsonNode message, long chainId) {
        return signer.sign(digest(primaryType, fields, message, chainId));
    }
}
