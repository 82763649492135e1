package lotus.solana.rpc;

import static lotus.sim.solana.SolanaChainFixture.TOKEN;
import static lotus.sim.solana.SolanaChainFixture.WALLET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.javalin.Javalin;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lotus.sim.solana.RpcSimSettings;
import lotus.sim.solana.SolanaChainFixture;
import lotus.sim.solana.SolanaRpcSim;
import lotus.solana.common.Mints;
import lotus.solana.tx.TxSigner;
import lotus.time.RateBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's errors (SOLANA.md §4.5–4.6): what it can conclude from each kind of failure, and that the key an RPC
 * URL carries never shows. The node is the simulator, mounted under a path that holds a key, as vendors do.
 */
class RpcClientTest {

    private static final String KEY = "k3y-5ecret-0f-the-vendor";

    private SolanaChainFixture chain;
    private Javalin app;
    private RateBudget budget;
    private RpcClient keyed;

    @BeforeEach
    void start() {
        chain = new SolanaChainFixture(RpcSimSettings.defaults());
        chain.ledger.fundSol(WALLET.address(), 1_000_000_000L);
        chain.ledger.fundToken(WALLET.address(), Mints.USDC, BigInteger.valueOf(100_000_000));
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
        });
        chain.sim.mount(app, "/v2/" + KEY);
        app.start("127.0.0.1", 0);
        budget = new RateBudget("rpc", 100, chain.clock);
        keyed = new RpcClient("http://127.0.0.1:" + app.port() + "/v2/" + KEY, budget, chain.clock,
                Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        app.stop();
        chain.close();
    }

    private static void assertNoKey(RpcError e) {
        assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain(KEY);
        assertThat(e.toString()).doesNotContain(KEY);
    }

    @Test
    void aDeadPortIsATransportErrorWithAnUnknownOutcome() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        RpcClient client = new RpcClient("http://127.0.0.1:" + dead + "/?api-key=" + KEY, budget, chain.clock,
                Duration.ofSeconds(2));

        RpcError e = catchThrowableOfType(RpcError.class, () -> client.sendTransaction("AQ==", false));

        assertThat(e.kind()).isEqualTo(RpcError.Kind.TRANSPORT);
        assertThat(e.code()).isZero();
        assertThat(e.outcomeUnknown()).isTrue();
        assertNoKey(e);
        assertThat(client.host()).isEqualTo("127.0.0.1");
        assertThat(client.toString()).isEqualTo("RpcClient[127.0.0.1]");
    }

    @Test
    void aSlowAnswerTimesOutAsUnknownAndTheTransactionLandsAnyway() throws Exception {
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.sim.slowAnswers(Duration.ofMillis(1_500));

        RpcError e = catchThrowableOfType(RpcError.class, () -> keyed.sendTransaction(signed.base64(), false));

        assertThat(e.kind()).isEqualTo(RpcError.Kind.TRANSPORT);
        assertThat(e.outcomeUnknown()).isTrue();
        assertNoKey(e);
        chain.sim.slowAnswers(Duration.ZERO);
        chain.blocks(2);
        assertThat(keyed.signatureStatuses(List.of(signed.signature()), false).getFirst()).get()
                .matches(SignatureStatus::confirmed);
    }

    @Test
    void http429IsAnHttpErrorThatSpendsTheWholeBudgetMinute() {
        chain.sim.faults(SolanaRpcSim.Fault.THROTTLE);

        RpcError e = catchThrowableOfType(RpcError.class, keyed::blockHeight);

        assertThat(e.kind()).isEqualTo(RpcError.Kind.HTTP);
        assertThat(e.code()).isEqualTo(429);
        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(budget.usedLastMinute()).isEqualTo(100);
        assertNoKey(e);
    }

    @Test
    void anHtmlPageOrATruncatedAnswerIsMalformedAndProvesNothing() throws Exception {
        chain.sim.faults(SolanaRpcSim.Fault.HTML, SolanaRpcSim.Fault.TRUNCATED);
        RpcError html = catchThrowableOfType(RpcError.class, keyed::latestBlockhash);
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        RpcError truncated = catchThrowableOfType(RpcError.class,
                () -> keyed.sendTransaction(signed.base64(), false));

        for (RpcError e : List.of(html, truncated)) {
            assertThat(e.kind()).isEqualTo(RpcError.Kind.MALFORMED);
            assertThat(e.outcomeUnknown()).isTrue();
            assertNoKey(e);
        }
        assertThat(html.getMessage()).isEqualTo("getLatestBlockhash at 127.0.0.1: answer is not JSON (50 chars)");
        chain.blocks(2);
        assertThat(keyed.tokenBalance(WALLET.address(), TOKEN)).isEqualTo(new BigInteger("12468750000000"));
    }

    @Test
    void aPreflightFailureCarriesItsErrAndLogs() throws Exception {
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.clock.advanceMs(151 * 400L);

        RpcError e = catchThrowableOfType(RpcError.class, () -> keyed.sendTransaction(signed.base64(), false));

        assertThat(e.kind()).isEqualTo(RpcError.Kind.RPC);
        assertThat(e.code()).isEqualTo(-32002);
        assertThat(e.err().asText()).isEqualTo("BlockhashNotFound");
        assertThat(e.logs()).isEmpty();
        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(e.getMessage()).isEqualTo("sendTransaction at 127.0.0.1: error -32002 Transaction simulation "
                + "failed: Blockhash not found");
    }

    @Test
    void statusesAboveTheLimitAreSplitIntoCallsOf256() throws Exception {
        List<String> signatures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            signatures.add("sig" + i);
        }

        List<Optional<SignatureStatus>> statuses = keyed.signatureStatuses(signatures, true);

        assertThat(statuses).hasSize(300).allMatch(Optional::isEmpty);
        assertThat(chain.sim.requests()).extracting(SolanaRpcSim.Request::method)
                .containsExactly("getSignatureStatuses", "getSignatureStatuses");
    }

    @Test
    void mintDecimalsAreReadOnceAndAnAccountThatIsNoMintIsMalformed() throws Exception {
        assertThat(keyed.mintDecimals(Mints.USDC)).isEqualTo(6);
        assertThat(keyed.mintDecimals(Mints.USDC)).isEqualTo(6);
        RpcError unknown = catchThrowableOfType(RpcError.class, () -> keyed.mintDecimals(WALLET.address()));

        assertThat(unknown.kind()).isEqualTo(RpcError.Kind.MALFORMED);
        assertThat(chain.sim.requests()).extracting(SolanaRpcSim.Request::method)
                .containsExactly("getAccountInfo", "getAccountInfo");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> new RpcClient("ftp://host/" + KEY, budget, chain.clock, Duration.ofSeconds(1)));
        assertThat(e.getMessage()).doesNotContain(KEY);
    }
}
