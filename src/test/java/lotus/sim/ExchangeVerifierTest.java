package lotus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's verifier runs the signing vectors backwards (HYPERLIQUID.md §6.4): from each order and
 * scheduleCancel entry's action, nonce and signature it recovers the vector's signer on its network, and a stranger
 * after any single change.
 */
class ExchangeVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SIMULATED = Set.of("order", "scheduleCancel");

    static Stream<JsonNode> signedEntries() throws IOException {
        try (InputStream in = ExchangeVerifierTest.class.getResourceAsStream("/vectors/hyperliquid-signing.json")) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode e : JSON.readTree(in)) {
                if ("l1_action".equals(e.path("kind").asText()) && !e.path("private_key").isNull()
                        && SIMULATED.contains(e.get("action").get("type").asText())) {
                    out.add(e);
                }
            }
            assertThat(out).hasSize(6);
            return out.stream();
        }
    }

    private static String recover(String actionJson, long nonce, JsonNode sig, boolean mainnet) throws IOException {
        String body = "{\"action\":" + actionJson + ",\"nonce\":" + nonce + ",\"signature\":" + sig
                + ",\"vaultAddress\":null}";
        ExchangeRoutes.Envelope envelope = ExchangeRoutes.envelope(JSON.readTree(body));
        return ExchangeRoutes.recoverSigner(ActionParser.parse(envelope.action()), envelope, mainnet);
    }

    private static JsonNode json(Signature signature) {
        return JSON.createObjectNode().put("r", signature.rHex()).put("s", signature.sHex()).put("v", signature.v());
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("signedEntries")
    void recoversTheVectorSignerAndAStrangerAfterAnyChange(JsonNode e) throws IOException {
        String signer = e.get("derived").get("signer_address").asText().toLowerCase(Locale.ROOT);
        String action = e.get("action").toString();
        long nonce = e.get("nonce").asLong();
        Signer key = Signer.fromPrivateKey(e.get("private_key").asText());
        assertThat(key.address().toLowerCase(Locale.ROOT)).isEqualTo(signer);
        for (boolean mainnet : new boolean[] {true, false}) {
            JsonNode full = e.get("derived").get("signatures_32byte_padded").get(mainnet ? "mainnet" : "testnet");
            JsonNode sig = JSON.createObjectNode().put("r", full.get("r").asText()).put("s", full.get("s").asText())
                    .put("v", full.get("v").asInt());
            String id = e.get("id").asText() + (mainnet ? " mainnet" : " testnet");
            assertThat(recover(action, nonce, sig, mainnet)).as(id).isEqualTo(signer);
            assertThat(recover(action, nonce, sig, !mainnet)).as(id + " other network").isNotEqualTo(signer);
            assertThat(recover(action, nonce + 1, sig, mainnet)).as(id + " nonce + 1").isNotEqualTo(signer);
            if (action.contains("\"orders\"")) {
                String trailingZero = action.replaceFirst("\"p\":\"([0-9.]+)\"", "\"p\":\"$1.0\"");
                String swapped = action.replaceFirst("\"a\":(\\d+),\"b\":(true|false)", "\"b\":$2,\"a\":$1");
                for (String other : List.of(trailingZero, swapped)) {
                    assertThat(other).isNotEqualTo(action);
                    Signature otherBytes = L1Signer.sign(key, JSON.readTree(other), nonce, null, null, mainnet);
                    assertThat(recover(other, nonce, json(otherBytes), mainnet)).as(id + " signed " + other)
                            .isNotEqualTo(signer);
                    // What counts is what was signed: the posted text is rebuilt canonically before hashing.
                    assertThat(recover(other, nonce, sig, mainnet)).as(id + " posted " + other).isEqualTo(signer);
                }
            }
            // Python's SDK drops leading zeros of r and s; the verifier reads them as integers.
            JsonNode unpadded = JSON.createObjectNode()
                    .put("r", "0x" + new BigInteger(full.get("r").asText().substring(2), 16).toString(16))
                    .put("s", full.get("s").asText()).put("v", full.get("v").asInt());
            assertThat(recover(action, nonce, unpadded, mainnet)).as(id + " unpadded r").isEqualTo(signer);
        }
    }
}
