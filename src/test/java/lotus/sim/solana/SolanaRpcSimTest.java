package lotus.sim.solana;

import static lotus.sim.solana.SolanaChainFixture.PRIORITY_FEE;
import static lotus.sim.solana.SolanaChainFixture.TOKEN;
import static lotus.sim.solana.SolanaChainFixture.WALLET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import lotus.solana.common.Mints;
import lotus.solana.rpc.Fill;
import lotus.solana.rpc.FillParser;
import lotus.solana.rpc.RpcError;
import lotus.solana.rpc.SignatureStatus;
import lotus.solana.rpc.TxMeta;
import lotus.solana.tx.TxSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the simulated chain over a loopback socket, on a simulated clock (SOLANA.md §4.5–4.7, §6). */
class SolanaRpcSimTest {

    private static final long SOL = 1_000_000_000L;
    private static final long RENT = 2_039_280;
    private static final long FEE = 5_000 + PRIORITY_FEE;
    /** $25 of USDC at $0.002 less 0.25 % impact (25 / (9975 + 25)), in TOKEN's 9 decimals. */
    private static final BigInteger OUT_25_USDC = new BigInteger("12468750000000");

    private SolanaChainFixture chain;

    private SolanaChainFixture chain(RpcSimSettings settings) {
        chain = new SolanaChainFixture(settings);
        chain.ledger.fundSol(WALLET.address(), SOL);
        chain.ledger.fundToken(WALLET.address(), Mints.USDC, BigInteger.valueOf(100_000_000));
        return chain;
    }

    @AfterEach
    void stop() {
        if (chain != null) {
            chain.close();
        }
    }

    private SignatureStatus status(String signature, boolean history) throws RpcError {
        return chain.client.signatureStatuses(List.of(signature), history).getFirst().orElse(null);
    }

    @Test
    void aSignedSwapLandsNextBlockAndConfirmsAsBlocksPass() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        long sentAt = chain.client.blockHeight();

        assertThat(chain.client.sendTransaction(signed.base64(), false)).isEqualTo(signed.signature());
        assertThat(status(signed.signature(), false)).isNull();

        chain.blocks(1);
        assertThat(status(signed.signature(), false)).isEqualTo(new SignatureStatus(sentAt + 1 + 20_000_000, 0L,
                null, "processed"));
        chain.blocks(1);
        SignatureStatus confirmed = status(signed.signature(), false);
        assertThat(confirmed.confirmationStatus()).isEqualTo("confirmed");
        assertThat(confirmed.confirmations()).isEqualTo(1L);
        assertThat(confirmed.confirmed()).isTrue();
        assertThat(confirmed.failed()).isFalse();
        chain.blocks(31);
        assertThat(status(signed.signature(), false)).isEqualTo(new SignatureStatus(sentAt + 1 + 20_000_000, null,
                null, "finalized"));

        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(SOL - FEE - RENT));
        assertThat(chain.client.tokenBalance(WALLET.address(), Mints.USDC)).isEqualTo(BigInteger.valueOf(75_000_000));
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isEqualTo(OUT_25_USDC);
        TxMeta meta = chain.client.transaction(signed.signature()).orElseThrow();
        assertThat(meta.slot()).isEqualTo(sentAt + 1 + 20_000_000);
        assertThat(meta.blockTime()).isEqualTo((SolanaChainFixture.START_MS + 400) / 1000);
        assertThat(FillParser.parse(meta, WALLET.address(), Mints.USDC, TOKEN)).isEqualTo(new Fill(
                BigInteger.valueOf(25_000_000), 6, OUT_25_USDC, 9, FEE, RENT));
        assertThat(chain.client.mintDecimals(TOKEN)).isEqualTo(9);
        assertThat(chain.client.mintDecimals(Mints.USDC)).isEqualTo(6);
    }

    @Test
    void theChainClockGivesHeightsAndBlockhashesValidFor150Blocks() throws Exception {
        chain(RpcSimSettings.defaults());
        long h = chain.client.blockHeight();
        assertThat(chain.client.latestBlockhash().lastValidBlockHeight()).isEqualTo(h + 150);
        assertThat(chain.client.latestBlockhash().blockhash()).isEqualTo(chain.sim.latestBlockhash());
        String before = chain.sim.latestBlockhash();
        chain.clock.advanceMs(399);
        assertThat(chain.client.blockHeight()).isEqualTo(h);
        chain.clock.advanceMs(1);
        assertThat(chain.client.blockHeight()).isEqualTo(h + 1);
        assertThat(chain.client.latestBlockhash().blockhash()).isNotEqualTo(before);
    }

    @Test
    void aBadSignatureOrAChangedMessageByteIsRefusedWith32003() throws Exception {
        chain(RpcSimSettings.defaults());
        byte[] tx = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign().transaction();
        byte[] badSignature = tx.clone();
        badSignature[5] ^= 1;
        byte[] changedMessage = tx.clone();
        changedMessage[tx.length - 1] ^= 1;

        for (byte[] bad : List.of(badSignature, changedMessage)) {
            RpcError e = catchThrowableOfType(RpcError.class, () -> chain.client.sendTransaction(
                    java.util.Base64.getEncoder().encodeToString(bad), true));
            assertThat(e.kind()).isEqualTo(RpcError.Kind.RPC);
            assertThat(e.code()).isEqualTo(-32003);
            assertThat(e.outcomeUnknown()).isFalse();
        }
        chain.blocks(2);
        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(SOL));
    }

    @Test
    void aReSignedChangedMessageIsUnknownToTheProgramAndFailsLike6008() throws Exception {
        chain(RpcSimSettings.defaults());
        byte[] unsigned = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).unsigned().clone();
        unsigned[unsigned.length - 1] ^= 1; // a byte of the swap's data: the message the program would see changed
        TxSigner.Signed resigned = TxSigner.sign(unsigned, WALLET);

        RpcError preflight = catchThrowableOfType(RpcError.class,
                () -> chain.client.sendTransaction(resigned.base64(), false));
        assertThat(preflight.code()).isEqualTo(-32002);
        assertThat(preflight.err()).isEqualTo(json("{\"InstructionError\":[2,{\"Custom\":6008}]}"));

        chain.client.sendTransaction(resigned.base64(), true);
        chain.blocks(2);
        SignatureStatus landed = status(resigned.signature(), false);
        assertThat(landed.failed()).isTrue();
        assertThat(landed.err()).isEqualTo(json("{\"InstructionError\":[2,{\"Custom\":6008}]}"));
        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(SOL - 5_000));
    }

    @Test
    void preflightFailsWith6001WhenThePriceMovedPastTheMinimum() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.prices.set(TOKEN, "0.002011"); // +0.55 %: 0.547 % less out, past the 50 bps minimum

        RpcError e = catchThrowableOfType(RpcError.class, () -> chain.client.sendTransaction(signed.base64(), false));

        assertThat(e.kind()).isEqualTo(RpcError.Kind.RPC);
        assertThat(e.code()).isEqualTo(-32002);
        assertThat(e.err()).isEqualTo(json("{\"InstructionError\":[2,{\"Custom\":6001}]}"));
        assertThat(e.logs()).anyMatch(l -> l.endsWith("custom program error: 0x1771"));
        chain.blocks(3);
        assertThat(status(signed.signature(), true)).isNull();
        assertThat(chain.client.tokenBalance(WALLET.address(), Mints.USDC)).isEqualTo(BigInteger.valueOf(100_000_000));
    }

    @Test
    void insufficientInputFailsPreflightWithACustomError() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 100_000_001, TOKEN, 50).sign();

        RpcError e = catchThrowableOfType(RpcError.class, () -> chain.client.sendTransaction(signed.base64(), false));

        assertThat(e.code()).isEqualTo(-32002);
        assertThat(e.err()).isEqualTo(json("{\"InstructionError\":[2,{\"Custom\":1}]}"));
    }

    @Test
    void duplicatesOfOneSignatureLandOnce() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();

        chain.client.sendTransaction(signed.base64(), false);
        assertThat(chain.client.sendTransaction(signed.base64(), true)).isEqualTo(signed.signature());
        chain.blocks(1);
        assertThat(chain.client.sendTransaction(signed.base64(), true)).isEqualTo(signed.signature());
        RpcError again = catchThrowableOfType(RpcError.class,
                () -> chain.client.sendTransaction(signed.base64(), false));
        chain.blocks(5);

        assertThat(again.code()).isEqualTo(-32002);
        assertThat(again.err().asText()).isEqualTo("AlreadyProcessed");
        assertThat(chain.client.tokenBalance(WALLET.address(), Mints.USDC)).isEqualTo(BigInteger.valueOf(75_000_000));
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isEqualTo(OUT_25_USDC);
        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(SOL - FEE - RENT));
        assertThat(chain.sim.requests()).filteredOn(r -> r.method().equals("sendTransaction"))
                .extracting(SolanaRpcSim.Request::signature).containsExactly(signed.signature(), signed.signature(),
                        signed.signature(), signed.signature());
    }

    @Test
    void aDroppedTransactionExpiresByHeightAndNeverLands() throws Exception {
        chain(RpcSimSettings.defaults());
        SolanaChainFixture.Built built = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50);
        TxSigner.Signed signed = built.sign();
        chain.sim.scenarios(new TxScenario.Drop());

        chain.client.sendTransaction(signed.base64(), false);
        while (chain.client.blockHeight() <= built.swap().lastValidBlockHeight()) {
            assertThat(status(signed.signature(), false)).isNull();
            chain.client.sendTransaction(signed.base64(), true); // re-sent every block, as the executor does
            chain.blocks(1);
        }

        assertThat(chain.client.blockHeight()).isEqualTo(built.swap().lastValidBlockHeight() + 1);
        assertThat(status(signed.signature(), true)).isNull();
        RpcError expired = catchThrowableOfType(RpcError.class,
                () -> chain.client.sendTransaction(signed.base64(), false));
        assertThat(expired.err().asText()).isEqualTo("BlockhashNotFound");
        chain.client.sendTransaction(signed.base64(), true); // accepted, but too late to land
        chain.blocks(3);
        assertThat(status(signed.signature(), true)).isNull();
        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(SOL));
    }

    @Test
    void aLateLandingArrivesAfterTheClientWouldHaveGivenUpAndBeforeExpiry() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.sim.scenarios(new TxScenario.LandAfter(100)); // 40 s: past a fixed 30 s confirm timeout
        long sentAt = chain.client.blockHeight();

        chain.client.sendTransaction(signed.base64(), false);
        chain.blocks(99);
        assertThat(status(signed.signature(), true)).isNull();
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isZero();
        chain.blocks(1);

        SignatureStatus landed = status(signed.signature(), false);
        assertThat(landed.slot()).isEqualTo(sentAt + 100 + 20_000_000);
        assertThat(landed.err()).isNull();
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isEqualTo(OUT_25_USDC);
    }

    @Test
    void aLandingExecutesAtThePricesOfItsBlockNotOfTheQuote() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 100).sign();
        chain.client.sendTransaction(signed.base64(), false);
        chain.prices.set(TOKEN, "0.0020025"); // within 100 bps: lands with less than quoted

        chain.blocks(2);

        // 24.9375 USD / 0.0020025 = 12453.183520599... tokens, rounded down in raw units.
        BigInteger expected = new BigInteger("12453183520599");
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isEqualTo(expected);
        TxMeta meta = chain.client.transaction(signed.signature()).orElseThrow();
        assertThat(FillParser.parse(meta, WALLET.address(), Mints.USDC, TOKEN).receivedRaw()).isEqualTo(expected);
    }

    @Test
    void aLandedWithErrTransactionChargesTheFeeOnly() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.sim.scenarios(new TxScenario.LandWithErr(6024));

        chain.client.sendTransaction(signed.base64(), false);
        chain.blocks(2);

        SignatureStatus status = status(signed.signature(), false);
        assertThat(status.confirmed()).isTrue();
        assertThat(status.failed()).isTrue();
        assertThat(status.err()).isEqualTo(json("{\"InstructionError\":[2,{\"Custom\":6024}]}"));
        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(SOL - FEE));
        assertThat(chain.client.tokenBalance(WALLET.address(), Mints.USDC)).isEqualTo(BigInteger.valueOf(100_000_000));
        assertThat(chain.ledger.tokenAccount(WALLET.address(), TOKEN)).isEmpty();
        TxMeta meta = chain.client.transaction(signed.signature()).orElseThrow();
        assertThat(meta.err()).isEqualTo(status.err());
        // TOKEN's decimals come from the pool's vault entry: the wallet's account was never created.
        assertThat(FillParser.parse(meta, WALLET.address(), Mints.USDC, TOKEN)).isEqualTo(new Fill(BigInteger.ZERO,
                6, BigInteger.ZERO, 9, FEE, 0));
    }

    @Test
    void getTransactionIsNullUntilIndexedAndRefusesAClientWithoutTheVersion() throws Exception {
        chain(RpcSimSettings.defaults().withTransactionNullPolls(2));
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.client.sendTransaction(signed.base64(), false);
        chain.blocks(1);
        assertThat(status(signed.signature(), false).confirmationStatus()).isEqualTo("processed");
        assertThat(chain.client.transaction(signed.signature())).isEmpty(); // not yet confirmed
        chain.blocks(1);

        assertThat(chain.client.transaction(signed.signature())).isEmpty();
        assertThat(chain.client.transaction(signed.signature())).isEmpty();
        assertThat(chain.client.transaction(signed.signature())).isPresent();

        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getTransaction\",\"params\":[\""
                + signed.signature() + "\",{\"encoding\":\"json\",\"commitment\":\"confirmed\"}]}";
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chain.url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(new ObjectMapper().readTree(raw.body()).path("error").path("code").asInt()).isEqualTo(-32015);
        assertThat(chain.sim.requests()).filteredOn(r -> r.method().equals("getTransaction")).hasSize(5)
                .allMatch(r -> r.signature().equals(signed.signature()));
    }

    @Test
    void aToken2022TransferFeeDeliversLessThanTheSwapGave() throws Exception {
        chain(RpcSimSettings.defaults().withToken2022(Map.of(TOKEN, 100)));
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.client.sendTransaction(signed.base64(), false);
        chain.blocks(2);

        BigInteger delivered = OUT_25_USDC.subtract(OUT_25_USDC.divide(BigInteger.valueOf(100)));
        TxMeta meta = chain.client.transaction(signed.signature()).orElseThrow();
        assertThat(FillParser.parse(meta, WALLET.address(), Mints.USDC, TOKEN).receivedRaw()).isEqualTo(delivered);
        assertThat(meta.postTokenBalances()).filteredOn(b -> b.mint().equals(TOKEN)).extracting(b -> b.programId())
                .containsOnly("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isEqualTo(delivered);
        assertThat(chain.client.mintDecimals(TOKEN)).isEqualTo(9);
    }

    @Test
    void aSolLegMovesLamportsThroughAnInvisibleWsolAccount() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed buy = chain.swap(Mints.WSOL, 100_000_000, TOKEN, 50).sign(); // 0.1 SOL = $15
        chain.client.sendTransaction(buy.base64(), false);
        chain.blocks(2);

        // $15 less 15 / (9975 + 15) impact, at $0.002, in 9 decimals.
        BigInteger out = SimPricing.swap(chain.prices, Mints.WSOL, BigInteger.valueOf(100_000_000), TOKEN)
                .orElseThrow().amount();
        assertThat(out).isEqualTo(new BigInteger("7488738738738"));
        TxMeta meta = chain.client.transaction(buy.signature()).orElseThrow();
        assertThat(meta.preTokenBalances()).noneMatch(b -> b.owner().equals(WALLET.address())
                && b.mint().equals(Mints.WSOL));
        assertThat(FillParser.parse(meta, WALLET.address(), Mints.WSOL, TOKEN)).isEqualTo(new Fill(
                BigInteger.valueOf(100_000_000), 9, out, 9, FEE, RENT));
        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(
                SOL - 100_000_000 - FEE - RENT));
    }

    @Test
    void sellingEverythingCanCloseTheAccountWhichThenHasNoPostEntry() throws Exception {
        chain(RpcSimSettings.defaults().withCloseEmptiedAccounts(true));
        chain.ledger.fundToken(WALLET.address(), TOKEN, BigInteger.valueOf(5_000_000_000_000L)); // 5,000 = $10
        TxSigner.Signed sell = chain.swap(TOKEN, 5_000_000_000_000L, Mints.USDC, 50).sign();
        chain.client.sendTransaction(sell.base64(), false);
        chain.blocks(2);

        TxMeta meta = chain.client.transaction(sell.signature()).orElseThrow();
        assertThat(meta.postTokenBalances()).noneMatch(b -> b.mint().equals(TOKEN) && b.owner().equals(
                WALLET.address()));
        // $10 less 10 / (9975 + 10) impact = 9.98998... USDC, rounded down in 6 decimals.
        assertThat(FillParser.parse(meta, WALLET.address(), TOKEN, Mints.USDC)).isEqualTo(new Fill(
                BigInteger.valueOf(5_000_000_000_000L), 9, BigInteger.valueOf(9_989_984), 6, FEE, 0));
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isZero();
        assertThat(chain.client.balance(WALLET.address())).isEqualTo(BigInteger.valueOf(SOL - FEE + RENT));
    }

    @Test
    void statusesWithoutHistoryForgetTransactionsOlderThan150Blocks() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        chain.client.sendTransaction(signed.base64(), false);
        chain.blocks(151);
        assertThat(status(signed.signature(), false)).isNotNull();
        chain.blocks(1);

        assertThat(status(signed.signature(), false)).isNull();
        assertThat(status(signed.signature(), true).confirmationStatus()).isEqualTo("finalized");
    }

    @Test
    void withoutAnEncodingTheTransactionIsReadAsBase58() throws Exception {
        chain(RpcSimSettings.defaults());
        TxSigner.Signed signed = chain.swap(Mints.USDC, 25_000_000, TOKEN, 50).sign();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"sendTransaction\",\"params\":[\""
                + lotus.solana.common.Base58.encode(signed.transaction()) + "\"]}";

        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(chain.url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(new ObjectMapper().readTree(raw.body()).path("result").asText()).isEqualTo(signed.signature());
        chain.blocks(2);
        assertThat(chain.client.tokenBalance(WALLET.address(), TOKEN)).isEqualTo(OUT_25_USDC);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
