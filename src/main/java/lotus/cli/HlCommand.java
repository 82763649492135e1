package lotus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lotus.app.ConfigException;
import lotus.app.LotusConfig;
import lotus.app.Secret;
import lotus.hyperliquid.common.HlNetwork;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hl", mixinStandardHelpOptions = true, description = "Hyperliquid tools (signing).",
        subcommands = {HlCommand.Sign.class})
final class HlCommand extends GroupCommand {

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign L1 actions: one JSON {action, nonce, vaultAddress?, expiresAfter?} per stdin line → "
                    + "{actionHash, signature} per line; exits 1 if any line could not be signed.")
    static final class Sign implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        CommandContext cli;

        @Option(names = "--key-file", paramLabel = "F", description = "File holding the private key (else HL_PRIVATE_KEY "
                + "or HL_PRIVATE_KEY_FILE).")
        Path keyFile;

        @Option(names = "--network", paramLabel = "mainnet|testnet",
                description = "Which network to sign for (default: the configured one, which must then not be local).")
        String network;

        @Override
        public Integer call() throws Exception {
            LotusConfig config = cli.config();
            Signer signer = signer(config);
            boolean mainnet = mainnet(config);
            PrintWriter out = cli.out();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int lineNo = 0;
            int failed = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String result = signLine(signer, mainnet, line, lineNo);
                if (result.startsWith("{\"error\"")) {
                    failed++;
                }
                out.println(result);
                out.flush();
            }
            // Every line is answered, but a script piping into us must see that some went unsigned.
            return failed == 0 ? 0 : 1;
        }

        static String signLine(Signer signer, boolean mainnet, String line, int lineNo) {
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

        private Signer signer(LotusConfig config) throws Exception {
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

        private boolean mainnet(LotusConfig config) {
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
}
