package lotus.hyperliquid.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.market.Decimals;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.utils.Numeric;

/**
 * Every entry of {@code shared/vectors/hyperliquid-signing.json} (a copy under src/test/resources), reproduced byte
 * for byte: msgpack, preimage, connection id, EIP-712 digest, r, s, v, and the recovered signer.
 */
class SigningVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> entries() throws IOException {
        try (InputStream in = SigningVectorsTest.class.getResourceAsStream("/vectors/hyperliquid-signing.json")) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out;
        }
    }

    static Stream<JsonNode> each() throws IOException {
        return entries().stream();
    }

    @Test
    void theFileHoldsTheTwentyEntriesWeKnow() throws IOException {
        assertThat(entries()).hasSize(20);
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("each")
    void vector(JsonNode e) {
        switch (e.path("kind").asText()) {
            case "l1_action" -> l1(e);
            case "user_signed_action" -> userSigned(e);
            case "number_conversion" -> numbers(e);
            case "eip712_constants" -> constants(e.get("values"));
            case "readme" -> assertThat(e.has("id")).isTrue();
            default -> fail("unknown vector kind " + e.path("kind").asText() + " in " + e.path("id").asText());
        }
    }

    private static String hex(byte[] b) {
        return Numeric.toHexString(b);
    }

    private static Long optLong(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    private static String optText(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private void l1(JsonNode e) {
        String id = e.get("id").asText();
        JsonNode action = e.get("action");
        long nonce = e.get("nonce").asLong();
        String vault = optText(e.get("vault_address"));
        Long expires = optLong(e.get("expires_after"));
        JsonNode d = e.get("derived");
        assertThat(hex(ActionEncoder.encode(action))).as(id).isEqualTo(d.get("msgpack_hex").asText());
        assertThat(hex(L1Signer.preimage(action, nonce, vault, expires))).as(id)
                .isEqualTo(d.get("hash_preimage_hex").asText());
        byte[] connectionId = L1Signer.connectionId(action, nonce, vault, expires);
        assertThat(hex(connectionId)).as(id).isEqualTo(d.get("connection_id").asText());
        if (e.hasNonNull("expected_connection_id")) {
            assertThat(hex(connectionId)).as(id).isEqualTo(e.get("expected_connection_id").asText());
        }
        rebuilt(e).ifPresent(typed -> assertThat(hex(ActionEncoder.encode(typed))).as(id + " typed builder")
                .isEqualTo(d.get("msgpack_hex").asText()));
        if (e.hasNonNull("private_key")) {
            Signer signer = Signer.fromPrivateKey(e.get("private_key").asText());
            assertThat(signer.address()).as(id).isEqualToIgnoringCase(d.get("signer_address").asText());
            for (String network : List.of("mainnet", "testnet")) {
                boolean mainnet = network.equals("mainnet");
                JsonNode want = d.get("signatures_32byte_padded").get(network);
                byte[] digest = L1Signer.digest(connectionId, mainnet);
                assertThat(hex(digest)).as(id + " " + network).isEqualTo(want.get("eip712_digest").asText());
                Signature sig = L1Signer.sign(signer, action, nonce, vault, expires, mainnet);
                assertThat(sig.rHex()).as(id).isEqualTo(want.get("r").asText());
                assertThat(sig.sHex()).as(id).isEqualTo(want.get("s").asText());
                assertThat(sig.v()).as(id).isEqualTo(want.get("v").asInt());
                JsonNode asserted = e.path("expected_signatures_as_asserted_in_test").get(network);
                if (asserted != null) {
                    assertThat(sig.r()).isEqualTo(Numeric.toBigInt(asserted.get("r").asText()));
                    assertThat(sig.s()).isEqualTo(Numeric.toBigInt(asserted.get("s").asText()));
                    assertThat(sig.v()).isEqualTo(asserted.get("v").asInt());
                }
                assertThat(Signer.recover(digest, sig)).isEqualToIgnoringCase(signer.address());
                // The verifier side: any single change recovers somebody else.
                assertThat(Signer.recover(L1Signer.digest(connectionId, !mainnet), sig)).as(id + " other network")
                        .isNotEqualToIgnoringCase(signer.address());
                assertThat(Signer.recover(L1Signer.digest(L1Signer.connectionId(action, nonce + 1, vault, expires),
                        mainnet), sig)).as(id + " nonce+1").isNotEqualToIgnoringCase(signer.address());
                ObjectNode changed = action.deepCopy();
                changed.put("type", action.get("type").asText() + "x");
                assertThat(Signer.recover(L1Signer.digest(L1Signer.connectionId(changed, nonce, vault, expires),
                        mainnet), sig)).as(id + " changed action").isNotEqualToIgnoringCase(signer.address());
            }
        }
    }

    /** The same action rebuilt with our typed builders: from the SDK's inputs where given, else from the wire. */
    private static java.util.Optional<JsonNode> rebuilt(JsonNode e) {
        JsonNode action = e.get("action");
        String type = action.get("type").asText();
        if (type.equals("scheduleCancel")) {
            return java.util.Optional.of(ExchangeActions.scheduleCancel(optLong(action.get("time"))));
        }
        if (!type.equals("order")) {
            return java.util.Optional.empty();
        }
        JsonNode in = e.get("sdk_input_before_wire_conversion");
        JsonNode o = action.get("orders").get(0);
        ExchangeActions.Order order;
        if (in != null && !in.isNull()) {
            JsonNode t = in.get("order_type");
            ExchangeActions.OrderType ot = t.has("limit")
                    ? new ExchangeActions.Limit(ExchangeActions.Tif.valueOf(t.get("limit").get("tif").asText().toUpperCase()))
                    : new ExchangeActions.Trigger(t.get("trigger").get("isMarket").asBoolean(),
                            new BigDecimal(t.get("trigger").get("triggerPx").asText()), t.get("trigger").get("tpsl").asText());
            order = new ExchangeActions.Order(in.get("asset").asInt(), in.get("is_buy").asBoolean(),
                    new BigDecimal(in.get("limit_px").asText()), new BigDecimal(in.get("sz").asText()),
                    in.get("reduce_only").asBoolean(), ot, optText(in.get("cloid")));
        } else {
            order = new ExchangeActions.Order(o.get("a").asInt(), o.get("b").asBoolean(), new BigDecimal(o.get("p").asText()),
                    new BigDecimal(o.get("s").asText()), o.get("r").asBoolean(),
                    new ExchangeActions.Limit(ExchangeActions.Tif.valueOf(o.get("t").get("limit").get("tif").asText().toUpperCase())),
                    optText(o.get("c")));
        }
        return java.util.Optional.of(ExchangeActions.order(List.of(order)));
    }

    private void userSigned(JsonNode e) {
        String id = e.get("id").asText();
        List<UserSigner.Field> fields = new ArrayList<>();
        e.get("types").forEach(t -> fields.add(new UserSigner.Field(t.get("name").asText(), t.get("type").asText())));
        long chainId = e.get("domain").get("chainId").asLong();
        assertThat(Numeric.toBigInt(e.get("message").get("signatureChainId").asText()).longValue()).isEqualTo(chainId);
        byte[] digest = UserSigner.digest(e.get("primary_type").asText(), fields, e.get("message"), chainId);
        JsonNode d = e.get("derived");
        assertThat(hex(digest)).as(id).isEqualTo(d.get("eip712_digest").asText());
        Signer signer = Signer.fromPrivateKey(e.get("private_key").asText());
        Signature sig = UserSigner.sign(signer, e.get("primary_type").asText(), fields, e.get("message"), chainId);
        assertThat(sig.rHex()).as(id).isEqualTo(d.get("r").asText());
        assertThat(sig.sHex()).as(id).isEqualTo(d.get("s").asText());
        assertThat(sig.v()).as(id).isEqualTo(d.get("v").asInt());
        JsonNode asserted = e.get("expected_signature_as_asserted_in_test");
        assertThat(sig.r()).isEqualTo(Numeric.toBigInt(asserted.get("r").asText()));
        assertThat(Signer.recover(digest, sig)).isEqualToIgnoringCase(d.get("signer_address").asText());
    }

    private void numbers(JsonNode e) {
        for (JsonNode c : e.get("cases")) {
            BigDecimal input = new BigDecimal(c.get("input").asText());
            String output = c.get("output").asText();
            if (output.startsWith("ValueError")) {
                assertThatThrownBy(() -> ActionEncoder.toIntForHashing(input)).isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(ActionEncoder.toIntForHashing(input)).isEqualTo(new BigInteger(output));
            }
        }
        for (JsonNode c : e.get("float_to_wire_cases_used_by_vectors_above")) {
            assertThat(Decimals.plain(new BigDecimal(c.get("input").asText()))).isEqualTo(c.get("wire").asText());
        }
    }

    private void constants(JsonNode v) {
        assertThat(hex(Eip712.DOMAIN_TYPEHASH)).isEqualTo(v.get("EIP712Domain_typehash").asText());
        assertThat(hex(L1Signer.AGENT_TYPEHASH)).isEqualTo(v.get("Agent_typehash").asText());
        assertThat(hex(Eip712.keccak(v.get("Agent_type_string").asText()))).isEqualTo(v.get("Agent_typehash").asText());
        assertThat(hex(L1Signer.EXCHANGE_DOMAIN)).isEqualTo(v.get("Exchange_domain_separator").asText());
        assertThat(hex(Eip712.domainSeparator("HyperliquidSignTransaction", "1", 421614)))
                .isEqualTo(v.get("HyperliquidSignTransaction_domain_separator_0x66eee").asText());
        assertThat(hex(Eip712.keccak(v.get("UsdSend_type_string").asText()))).isEqualTo(v.get("UsdSend_typehash").asText());
    }

    @Test
    void theFastSignerEqualsWeb3jOnSeededDigests() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(99);
        Signer signer = Signer.fromPrivateKey("0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff");
        for (int i = 0; i < 300; i++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            assertThat(signer.sign(digest)).as("seed 99 digest %d", i).isEqualTo(signer.signWithWeb3j(digest));
        }
    }

    @Test
    void floatsAreRefusedInActions() throws IOException {
        assertThatThrownBy(() -> ActionEncoder.encode(JSON.readTree("{\"type\":\"order\",\"p\":100.5}")))
                .hasMessageContaining("floating-point number at action.p");
    }

    @Test
    void aMalformedKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> Signer.fromPrivateKey("0x1234zz")).hasMessage(
                "not a private key (value not shown): expected 64 hex digits");
        assertThat(Signer.fromPrivateKey("0x0123456789012345678901234567890123456789012345678901234567890123")
                .toString()).isEqualTo("Signer[0x14791697260E4c9A71f18484C9f997B308e59325]");
    }

    @Test
    void noncesAreStrictlyIncreasingAndUniqueAcrossThreads() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(1_767_571_200_000L);
        NonceAllocator nonces = new NonceAllocator(clock);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(nonces.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(80_000);
        assertThat(seen.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(1_767_571_200_000L);
        clock.advanceMs(1_000_000);
        assertThat(nonces.next()).isEqualTo(1_767_572_200_000L);
        Set<Long> sorted = new HashSet<>(seen);
        assertThat(sorted).doesNotContain(1_767_572_200_000L);
    }
}
