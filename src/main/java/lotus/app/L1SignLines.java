package lotus.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import lotus.hyperliquid.common.HlNetwork;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import org.web3j.utils.Numeric;

/**
 * What {@code lotus hl sign} does with each line: one JSON {@code {action, nonce, vaultAddress?, expiresAfter?}} in,
 * {@code {actionHash, signature}} or {@code {error}} out, with the key and network the command was given.
 */
public record L1SignLines(Signer signer, boolean mainnet) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The key from {@code keyFile}, else the configured one; the network named, else the configured one.
     *
     * @throws ConfigException no key, an unreadable key file (never echoed: it may be the key), or no network
     */
    public static L1SignLines configured(LotusConfig config, Path keyFile, String network) throws Exception {
        Signer signer = signer(config, keyFile);
        return new L1SignLines(signer, mainnet(config, network));
    }

    /** The answer to one line: a signature, or an error naming the line. */
    public String sign(String line, int lineNo) {
        ObjectNode result = JSON.createObjectNode();
        try {
            JsonNode req = JSON.readTree(line);
            if (req == null || !req.path("action").isObject() || !req.path("nonce").canConvertToLong()
                    || !req.path("nonce").isIntegralNumber()) {
                throw new IllegalArgumentException("expected {\"action\":{...},\"nonce\":<integer>, ...}");
            }
            String vault = req.hasNonNull("vaultAddress") ? req.get("vaultAddress").asText() : null;
            Long expires = req.hasNonNull("expiresAfter") ? req.get("expiresAfter").asLong() : null;
            byte[] connectionId = L1Signer.connectionId(req.get("action"), req.get("nonce").asLong(), vault, expires);
            Signature sig = signer.sign(L1Signer.digest(connectionId, mainnet));
            result.put("actionHash", Numeric.toHexString(connectionId));
            ObjectNode s = result.putObject("signature");
            s.put("r", sig.rHex());
            s.put("s", sig.sHex());
            s.put("v", sig.v());
        } catch (Exception e) {
            result.put("error", "line " + lineNo + ": " + firstLine(e.getMessage()));
        }
        return result.toString();
    }

    /** Whether {@link #sign} answered with an error. */
    public static boolean failed(String answer) {
        return answer.startsWith("{\"error\"");
    }

    private static Signer signer(LotusConfig config, Path keyFile) throws Exception {
        if (keyFile != null) {
            if (!Files.isReadable(keyFile)) {
                throw new ConfigException("--key-file: cannot read " + Secret.quoted(keyFile.toString()));
            }
            try {
                return Signer.fromPrivateKey(Files.readString(keyFile).strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--key-file " + Secret.quoted(keyFile.toString()) + ": " + e.getMessage());
            }
        }
        Secret key = config.hyperliquid().privateKey().orElseThrow(() -> new ConfigException(
                "no signing key: give --key-file F, or set HL_PRIVATE_KEY or HL_PRIVATE_KEY_FILE"));
        return Signer.fromPrivateKey(key.reveal());
    }

    private static boolean mainnet(LotusConfig config, String network) {
        HlNetwork n = network != null ? parseNetwork(network) : config.hyperliquid().network();
        if (n == HlNetwork.LOCAL) {
            throw new ConfigException("--network: the local simulator plays mainnet or testnet; say which");
        }
        return n == HlNetwork.MAINNET;
    }

    private static HlNetwork parseNetwork(String text) {
        try {
            return HlNetwork.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--network: '" + text + "' is not accepted; accepted: mainnet, testnet");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
