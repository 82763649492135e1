package lotus.sim;

import static lotus.sim.SignedClient.AGENT;
import static lotus.sim.SignedClient.AGENT_KEY;
import static lotus.sim.SignedClient.MASTER;
import static lotus.sim.SignedClient.MASTER_KEY;
import static lotus.sim.SimExchangeOrderTest.levels;
import static lotus.sim.SimExchangeOrderTest.user;
import static lotus.sim.SimTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.ExchangeActions.Tif;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

class SimExchangeAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}";
    private static final long DAY_MS = 24 * 3_600_000L;
    private final HttpClient http = HttpClient.newHttpClient();

    private static String doesNotExist(String address) {
        return "{\"status\":\"err\",\"response\":\"User or API Wallet " + address.toLowerCase(Locale.ROOT)
                + " does not exist.\"}";
    }

    /** The naive reference: whom the venue recovers from a signature over the canonical bytes. */
    private static String stranger(ObjectNode canonical, long nonce, Signature signature, boolean mainnet) {
        return Signer.recover(L1Signer.digest(L1Signer.connectionId(canonical, nonce, null, null), mainnet), signature);
    }

    @Test
    void anApprovedAgentTradesForItsMasterWithItsOwnNonces() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(71), clock, 0)) {
            sim.exchange().fundUsdc(MASTER.toUpperCase(Locale.ROOT).replace("0X", "0x"), new BigDecimal("50000"));
            SignedClient agent = new SignedClient(http, sim, AGENT_KEY, clock, false);
            SignedClient master = new SignedClient(http, sim, MASTER_KEY, clock, false);
            ObjectNode clear = ExchangeActions.scheduleCancel(null);
            assertThat(agent.send(clear, T0, null).body()).isEqualTo(doesNotExist(AGENT));

            sim.exchange().approveAgent(AGENT, MASTER);
            SimAsset sol = sim.market().asset("SOL").orElseThrow();
            SimExchangeOrderTest.Level ask = levels(agent.info("{\"type\":\"l2Book\",\"coin\":\"SOL\"}"), 1)
                    .getFirst();
            JsonNode filled = agent.first(SignedClient.order(sol.assetId(), true, ask.px(), ask.sz(), Tif.IOC,
                    SignedClient.cloid(5))).get("filled");
            assertThat(filled.get("totalSz").asText()).isEqualTo(ask.sz().stripTrailingZeros().toPlainString());

            assertThat(sim.exchange().position(MASTER, "SOL").orElseThrow().szi()).isEqualByComparingTo(ask.sz());
            assertThat(sim.exchange().position(AGENT, "SOL")).isEmpty();
            assertThat(agent.info(user("clearinghouseState", MASTER)).get("assetPositions").size()).isEqualTo(1);
            assertThat(agent.info(user("clearinghouseState", AGENT)).get("assetPositions").size())
                    .as("the agent has no account of its own").isZero();
            assertThat(agent.info(user("userFills", AGENT)).size()).isZero();
            assertThat(agent.info("{\"type\":\"orderStatus\",\"user\":\"" + MASTER + "\",\"oid\":\""
                    + SignedClient.cloid(5) + "\"}").get("order").get("status").asText()).isEqualTo("filled");
            // Nonces are per signer: the master may use the nonce its agent used.
            long used = T0 + 7;
            assertThat(agent.send(clear, used, null).body()).isEqualTo(OK);
            assertThat(master.send(clear, used, null).body()).isEqualTo(OK);
            assertThat(agent.send(clear, used, null).body())
                    .isEqualTo("{\"status\":\"err\",\"response\":\"Invalid nonce: duplicate nonce " + used + "\"}");
        }
    }

    @Test
    void theWrongNetworkOrOtherSignedBytesRecoverAStranger() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(72).withSigningMainnet(true), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("1000"));
            Signer key = Signer.fromPrivateKey(MASTER_KEY);
            SignedClient mainnet = new SignedClient(http, sim, MASTER_KEY, clock, true);
            SignedClient testnet = new SignedClient(http, sim, MASTER_KEY, clock, false);
            ObjectNode canonical = SignedClient.order(0, true, new BigDecimal("100"), new BigDecimal("1"), Tif.GTC,
                    null);

            long nonce = testnet.nextNonce();
            SimTesting.Reply wrongNetwork = testnet.send(canonical, nonce, null);
            String strangerA = stranger(canonical, nonce, L1Signer.sign(key, canonical, nonce, null, null, false),
                    true);
            assertThat(strangerA).isNotEqualToIgnoringCase(MASTER);
            assertThat(wrongNetwork.body()).isEqualTo(doesNotExist(strangerA));

            List<String> otherBytes = List.of(canonical.toString().replace("\"p\":\"100\"", "\"p\":\"100.0\""),
                    canonical.toString().replace("\"a\":0,\"b\":true", "\"b\":true,\"a\":0"));
            List<String> strangers = new ArrayList<>(List.of(strangerA));
            for (String signedText : otherBytes) {
                long n = mainnet.nextNonce();
                ObjectNode signed = (ObjectNode) JSON.readTree(signedText);
                SimTesting.Reply reply = mainnet.sendAltered(signed, signedText, n);
                String stranger = stranger(canonical, n, L1Signer.sign(key, signed, n, null, null, true), true);
                assertThat(reply.body()).as(signedText).isEqualTo(doesNotExist(stranger));
                strangers.add(stranger);
            }
            // A byte changed after signing: the size.
            long n = mainnet.nextNonce();
            String changed = canonical.toString().replace("\"s\":\"1\"", "\"s\":\"2\"");
            String stranger = stranger((ObjectNode) JSON.readTree(changed), n,
                    L1Signer.sign(key, canonical, n, null, null, true), true);
            assertThat(mainnet.sendAltered(canonical, changed, n).body()).isEqualTo(doesNotExist(stranger));
            strangers.add(stranger);
            assertThat(strangers).doesNotHaveDuplicates().noneMatch(s -> s.equalsIgnoreCase(MASTER));

            SignedClient unknown = new SignedClient(http, sim, AGENT_KEY, clock, true);
            assertThat(unknown.send(canonical).body()).isEqualTo(doesNotExist(AGENT));
            assertThat(mainnet.send(ExchangeActions.scheduleCancel(null)).body()).as("the right network").isEqualTo(OK);
            assertThat(sim.stats().exchangeActions()).isEqualTo(1);
        }
    }

    @Test
    void noncesAreUniqueAboveTheWindowAndNearTheClockAndExpiredActionsAreRefused() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(73), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("1000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            ObjectNode clear = ExchangeActions.scheduleCancel(null);
            assertThat(client.send(clear, T0, null).body()).isEqualTo(OK);
            assertThat(client.send(clear, T0, null).body())
                    .isEqualTo("{\"status\":\"err\",\"response\":\"Invalid nonce: duplicate nonce " + T0 + "\"}");
            assertThat(client.send(clear, T0 - 2 * DAY_MS, null).json().get("response").asText())
                    .startsWith("Invalid nonce: ");
            assertThat(client.send(clear, T0 - 2 * DAY_MS + 1, null).body()).isEqualTo(OK);
            assertThat(client.send(clear, T0 + DAY_MS, null).json().get("response").asText())
                    .startsWith("Invalid nonce: ");
            assertThat(client.send(clear, T0 + DAY_MS - 1, null).body()).isEqualTo(OK);
            for (long n = T0 + 1; n <= T0 + 100; n++) {
                assertThat(client.send(clear, n, null).body()).isEqualTo(OK);
            }
            // The 100 highest now run from T0 + 2 to T0 + 1 day - 1: T0 + 1 is at or below their smallest.
            assertThat(client.send(clear, T0 + 1, null).json().get("response").asText())
                    .startsWith("Invalid nonce: ").doesNotContain("duplicate");
            assertThat(client.send(clear, T0 + 101, null).body()).isEqualTo(OK);

            assertThat(client.send(clear, T0 + 200, T0 - 1).json().get("response").asText())
                    .startsWith("Action expired");
            assertThat(client.send(clear, T0 + 201, T0 + 1_000).body()).isEqualTo(OK);
            assertThat(client.send(clear, T0 + 200, T0 + 1_000).body()).as("an expired action used no nonce")
                    .isEqualTo(OK);
        }
    }

    @Test
    void exchangeWeightSharesThePerIpBudgetWithInfo() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        SimConfig config = SimTesting.config(74)
                .withLimits(SimConfig.Limits.hyperliquid().withRestWeightPerMinute(25).withIdleCloseMs(3_600_000));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("1000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            String info = sim.restUrl() + "/info";
            assertThat(SimTesting.post(http, info, "{\"type\":\"meta\"}").status()).isEqualTo(200);
            assertThat(client.send(ExchangeActions.scheduleCancel(null)).status()).isEqualTo(200);
            assertThat(sim.stats().restWeightUsed()).isEqualTo(21);
            List<ExchangeActions.Order> forty = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                forty.add(SignedClient.limit(0, true, "1", "0.0000001", false, Tif.GTC, null));
            }
            SimTesting.Reply batch = client.send(ExchangeActions.order(forty));
            assertThat(batch.json().get("response").get("data").get("statuses").size()).isEqualTo(40);
            assertThat(sim.stats().restWeightUsed()).as("1 + floor(40/40)").isEqualTo(23);
            assertThat(SimTesting.post(http, info, "{\"type\":\"allMids\"}").status()).isEqualTo(200);
            SimTesting.Reply refused = client.send(ExchangeActions.scheduleCancel(null));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body()).isEqualTo("Too many requests");
            assertThat(SimTesting.post(http, info, "{\"type\":\"allMids\"}").status()).isEqualTo(429);
            assertThat(sim.stats().http429()).isEqualTo(2);
            assertThat(sim.stats().restWeightUsed()).isEqualTo(25);
            assertThat(sim.stats().exchangeActions()).isEqualTo(2);
            clock.advanceMs(60_000);
            assertThat(client.send(ExchangeActions.scheduleCancel(null)).body()).isEqualTo(OK);
        }
    }

    @Test
    void malformedBodiesGet422AndUnsupportedActionsAnErr() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(75), clock, 0)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("1000"));
            SignedClient client = new SignedClient(http, sim, MASTER_KEY, clock, false);
            String sig = "{\"r\":\"0x1\",\"s\":\"0x2\",\"v\":27}";
            for (String body : List.of("not json", "[]", "{\"action\":{\"type\":\"scheduleCancel\"}}",
                    "{\"action\":{\"type\":\"scheduleCancel\"},\"nonce\":1,\"signature\":{\"r\":\"0x1\",\"s\":\"0x2\","
                            + "\"v\":29}}",
                    "{\"action\":{\"type\":\"scheduleCancel\"},\"nonce\":\"1\",\"signature\":" + sig + "}",
                    "{\"action\":{\"type\":\"scheduleCancel\"},\"nonce\":1,\"signature\":" + sig
                            + ",\"vaultAddress\":\"0x12\"}")) {
                SimTesting.Reply reply = client.post(body);
                assertThat(reply.status()).as(body).isEqualTo(422);
                assertThat(reply.body()).isEqualTo("Failed to deserialize the JSON body into the target type");
            }
            assertThat(sim.stats().restWeightUsed()).isZero();

            ObjectNode usdSend = JSON.createObjectNode().put("type", "usdSend").put("amount", "1");
            assertThat(client.send(usdSend).body())
                    .isEqualTo("{\"status\":\"err\",\"response\":\"Unsupported action type: usdSend\"}");
            String numericPrice = "{\"type\":\"order\",\"orders\":[{\"a\":0,\"b\":true,\"p\":100,\"s\":\"1\","
                    + "\"r\":false,"
                    + "\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}";
            assertThat(client.sendAltered(ExchangeActions.scheduleCancel(null), numericPrice, client.nextNonce())
                    .json().get("status").asText()).isEqualTo("err");
            ObjectNode tooHigh = ExchangeActions.updateLeverage(0, true,
                    sim.market().asset("BTC").orElseThrow().maxLeverage() + 1);
            assertThat(client.send(tooHigh).json().get("response").asText()).startsWith("Invalid leverage value");
            assertThat(client.send(ExchangeActions.updateLeverage(0, false, 3)).body()).isEqualTo(OK);
            assertThat(client.send(ExchangeActions.updateLeverage(10_000, true, 1)).json().get("status").asText())
                    .as("no leverage on spot").isEqualTo("err");
            assertThat(client.send(ExchangeActions.scheduleCancel(T0 + 4_999)).json().get("response").asText())
                    .startsWith("Scheduled cancel time too early");
        }
    }
}
