package lotus.hyperliquid.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import org.web3j.utils.Numeric;

/**
 * L1 actions (order, cancel, updateLeverage, scheduleCancel, ...): msgpack of the action, then the nonce, the vault
 * flag and the optional expiry, hashed into a connection id, which a phantom agent {@code {source, connectionId}}
 * carries into an EIP-712 signature (HYPERLIQUID.md §6.1). The network is explicit: signing for the other one
 * yields a valid signature that recovers a stranger.
 */
public final class L1Signer {

    static final byte[] AGENT_TYPEHASH = Eip712.keccak("Agent(string source,bytes32 connectionId)");
    static final byte[] EXCHANGE_DOMAIN = Eip712.domainSeparator("Exchange", "1", 1337);

    private L1Signer() {
    }

    /** The bytes hashed into the connection id. */
    public static byte[] preimage(JsonNode action, long nonce, String vaultAddress, Long expiresAfter) {
        byte[] packed = ActionEncoder.encode(action);
        int size = packed.length + 8 + (vaultAddress == null ? 1 : 21) + (expiresAfter == null ? 0 : 9);
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(packed).putLong(nonce);
        if (vaultAddress == null) {
            b.put((byte) 0);
        } else {
            byte[] vault = Numeric.hexStringToByteArray(vaultAddress);
            if (vault.length != 20) {
                throw new IllegalArgumentException("vault address is not 20 bytes: " + vaultAddress);
            }
            b.put((byte) 1).put(vault);
        }
        if (expiresAfter != null) {
            b.put((byte) 0).putLong(expiresAfter);
        }
        return b.array();
    }

    public static byte[] connectionId(JsonNode action, long nonce, String vaultAddress, Long expiresAfter) {
        return Eip712.keccak(preimage(action, nonce, vaultAddress, expiresAfter));
    }

    /** The EIP-712 digest of the phantom agent: source {@code a} on mainnet, {@code b} on testnet. */
    public static byte[] digest(byte[] connectionId, boolean mainnet) {
        byte[] agent = Eip712.keccak(AGENT_TYPEHASH, Eip712.keccak(mainnet ? "a" : "b"), connectionId);
        return Eip712.digest(EXCHANGE_DOMAIN, agent);
    }

    public static Signature sign(Signer signer, JsonNode action, long nonce, String vaultAddress, Long expiresAfter,
            boolean mainnet) {
        return signer.sign(digest(connectionId(action, nonce, vaultAddress, expiresAfter), mainnet));
    }
}
