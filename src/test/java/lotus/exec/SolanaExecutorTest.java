package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import lotus.pm.OrderTicket;
import lotus.pm.Settlement;
import lotus.sim.solana.JupiterSim;
import lotus.sim.solana.SolanaRpcSim;
import lotus.sim.solana.TxScenario;
import lotus.solana.common.Mints;
import lotus.solana.jupiter.PriorityFee;
import lotus.solana.jupiter.Quote;
import lotus.solana.jupiter.QuoteRequest;
import lotus.solana.jupiter.SwapResponse;
import lotus.solana.tx.TxSigner;
import lotus.store.SwapAttempts;
import lotus.store.SwapAttempts.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SolanaExecutor against the simulated Jupiter and chain: dry runs quote only; live swaps are journalled before they
 * are sent, filled from the chain's balances, never sent twice while a signature may land, and laddered only after an
 * attempt has definitively ended; a restart settles what a dead process left.
 */
class SolanaExecutorTest {

    private static final MathContext MC = MathContext.DECIMAL128;
    /** $25 into a $9,975 pool: 0.25 % impact, so 24.9375 / 0.002 = 12,468.75 tokens (9 decimals). */
    private static final BigInteger TOKENS_FOR_25 = new BigInteger("12468750000000");

    @TempDir
    Path dir;

    SolanaVenue venue;

    @BeforeEach
    void start() {
        venue = new SolanaVenue(dir);
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private static Decision buy25() {
        return Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("25"), List.of("test"), 0);
    }

    /** The PM's ticket: the intent is journalled under the cloid when the executor asks. */
    private OrderTicket ticket(String cloid) {
        return new OrderTicket(cloid, (v, request) -> venue.orders.recordIntent(cloid, v, 1L, "entry", request));
    }

    private List<String> sends() {
        return venue.chain.requests().stream().filter(r -> r.method().equals("sendTransaction"))
                .map(SolanaRpcSim.Request::signature).toList();
    }

    @Test
    void aDryRunFillsAtTheQuoteAndSendsNothing() {
        ExecutionResult r = venue.executor(false).execute(buy25(), SolanaVenue.watching(),
                OrderTicket.unjournalled("0xdry"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.dryRun()).isTrue();
        assertThat(r.filledSize()).isEqualByComparingTo("12468.75");
        assertThat(r.notionalUsd()).isEqualByComparingTo("25");
        assertThat(r.avgPrice()).isEqualByComparingTo(new BigDecimal("25").divide(new BigDecimal("12468.75"), MC));
        // The base fee at SOL's $150: 5,000 lamports = $0.00075.
        assertThat(r.feeUsd()).isEqualByComparingTo("0.00075");
        assertThat(r.request().path("price_impact").asText()).isEqualTo("0.0025");
        assertThat(new BigDecimal(r.request().path("price_native").asText())).isEqualByComparingTo(
                r.avgPrice().divide(new BigDecimal("150"), MC));
        assertThat(venue.jupiterSim.requests(JupiterSim.Endpoint.SWAP)).isEmpty();
        assertThat(venue.jupiterSim.requests(JupiterSim.Endpoint.QUOTE)).hasSize(1);
        assertThat(sends()).isEmpty();
        assertThat(venue.ledger.token(SolanaVenue.WALLET.address(), Mints.USDC)).isEqualTo(100_000_000);
    }

    @Test
    void aDryRunIsJournalledAsDryWithTheQuoteItFilledAt() {
        ExecutionResult r = venue.executor(false).execute(buy25(), SolanaVenue.watching(), ticket("0xdryrow"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        JournalEntry row = venue.orders.find("0xdryrow").orElseThrow();
        assertThat(row.request().path("mode").asText()).isEqualTo("DRY");
        assertThat(row.request().path("amount").asText()).isEqualTo("25000000");
        assertThat(row.request().path("quote").path("outAmount").asText()).isEqualTo(TOKENS_FOR_25.toString());
        assertThat(venue.attempts.of("0xdryrow")).isEmpty();
        assertThat(sends()).isEmpty();
    }

    @Test
    void aDryRunWithoutJupiterFallsBackToThePaperFillAtTheBarClose() {
        venue.jupiterSim.close();

        ExecutionResult r = venue.executor(false).execute(buy25(), SolanaVenue.watching(),
                OrderTicket.unjournalled("0xdry"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.avgPrice()).isEqualByComparingTo("0.002");
        assertThat(r.filledSize()).isEqualByComparingTo("12500");
        assertThat(r.dryRun()).isTrue();
    }

    @Test
    void aRoutelessTokenIsAnAnswerNotACrash() {
        venue.jupiterSim.routeless(SolanaVenue.TOKEN, java.time.Duration.ofMinutes(5));

        ExecutionResult r = venue.executor(false).execute(buy25(), SolanaVenue.watching(),
                OrderTicket.unjournalled("0xdry"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.REJECTED);
        assertThat(r.reason()).startsWith("noRoute: ");
    }

    @Test
    void aLiveBuyIsJournalledSignedSentAndFilledFromTheChainsBalances() {
        ExecutionResult r = venue.executor(true).execute(buy25(), SolanaVenue.watching(), ticket("0xbuy"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.dryRun()).isFalse();
        assertThat(r.filledSize()).isEqualByComparingTo("12468.75");
        assertThat(r.notionalUsd()).isEqualByComparingTo("25");
        String wallet = SolanaVenue.WALLET.address();
        assertThat(venue.ledger.token(wallet, SolanaVenue.TOKEN)).isEqualTo(TOKENS_FOR_25);
        assertThat(venue.ledger.token(wallet, Mints.USDC)).isEqualTo(75_000_000);
        long fee = r.request().path("fee_lamports").asLong();
        long rent = r.request().path("rent_lamports").asLong();
        assertThat(rent).isEqualTo(2_039_280);
        assertThat(fee).isGreaterThan(5_000);
        assertThat(venue.ledger.lamports(wallet)).isEqualTo(1_000_000_000L - fee - rent);
        assertThat(r.feeUsd()).isEqualByComparingTo(BigDecimal.valueOf(fee).movePointLeft(9)
                .multiply(new BigDecimal("150")));

        List<SwapAttempts.Attempt> attempts = venue.attempts.of("0xbuy");
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(State.LANDED_OK);
            assertThat(a.signature()).isEqualTo(r.request().path("signature").asText());
            assertThat(a.slippageBps()).isEqualTo(50);
        });
        assertThat(venue.orders.find("0xbuy")).get().extracting(JournalEntry::venue).isEqualTo("solana");
        assertThat(sends()).allMatch(s -> s.equals(attempts.get(0).signature()));
    }

    @Test
    void aSwapLandingLateIsWaitedForAndNeverBoughtTwice() {
        venue.chain.scenarios(new TxScenario.LandAfter(100));

        ExecutionResult r = venue.executor(true).execute(buy25(), SolanaVenue.watching(), ticket("0xlate"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(venue.attempts.of("0xlate")).singleElement().extracting(SwapAttempts.Attempt::state)
                .isEqualTo(State.LANDED_OK);
        // Re-sent while unlanded, but always the same signature: one swap.
        assertThat(sends()).hasSizeGreaterThan(1).containsOnly(venue.attempts.of("0xlate").get(0).signature());
        assertThat(venue.jupiterSim.requests(JupiterSim.Endpoint.SWAP)).hasSize(1);
        assertThat(venue.ledger.token(SolanaVenue.WALLET.address(), SolanaVenue.TOKEN)).isEqualTo(TOKENS_FOR_25);
    }

    @Test
    void aDroppedSwapIsRetriedWithAFreshQuoteAtTheSameSlippageOnlyAfterItsBlockhashExpired() {
        venue.chain.scenarios(new TxScenario.Drop());

        ExecutionResult r = venue.executor(true).execute(buy25(), SolanaVenue.watching(), ticket("0xdrop"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        List<SwapAttempts.Attempt> attempts = venue.attempts.of("0xdrop");
        assertThat(attempts).extracting(SwapAttempts.Attempt::state).containsExactly(State.EXPIRED, State.LANDED_OK);
        // Expiry says nothing of the price: the ladder does not climb for it.
        assertThat(attempts).extracting(SwapAttempts.Attempt::slippageBps).containsExactly(50, 50);
        // The second attempt was signed only after the first one had ended (expired by height).
        assertThat(attempts.get(1).createdAtMs()).isGreaterThanOrEqualTo(attempts.get(0).updatedAtMs());
        assertThat(venue.jupiterSim.requests(JupiterSim.Endpoint.QUOTE)).hasSize(2);
        assertThat(venue.ledger.token(SolanaVenue.WALLET.address(), SolanaVenue.TOKEN)).isEqualTo(TOKENS_FOR_25);
    }

    @Test
    void aSlippageFailureOnChainPaysItsFeeAndClimbsTheLadder() {
        ExecutionResult r = filledOnTheSecondStep(new TxScenario.LandWithErr(6001), "0xslip");

        assertThat(venue.attempts.of("0xslip").get(0).error()).contains("6001");
        // The failed landing moved no token and no USDC and paid its fee (the same as the second's): two fees and
        // one token account's rent in all.
        String wallet = SolanaVenue.WALLET.address();
        assertThat(venue.ledger.token(wallet, Mints.USDC)).isEqualTo(75_000_000);
        assertThat(venue.ledger.token(wallet, SolanaVenue.TOKEN))
                .isEqualTo(new BigInteger(r.request().path("out_amount").asText()));
        long fee = r.request().path("fee_lamports").asLong();
        assertThat(venue.ledger.lamports(wallet)).isEqualTo(1_000_000_000L - 2 * fee - 2_039_280);
        // Both fees are the position's: the failed landing's as well as the fill's, at SOL's price.
        assertThat(r.request().path("failed_fee_lamports").asLong()).isEqualTo(fee);
        assertThat(r.feeUsd()).isEqualByComparingTo(usd(2 * fee));
    }

    @Test
    void aFailedLandingWhoseTransactionIsNeverReadableStillClimbsTheLadderWithItsFeeUncounted() throws Exception {
        ExecutionResult r = filledOnTheSecondStep(new TxScenario.LandWithErrUnreadable(6001), "0xpruned");

        assertThat(venue.rpc.transaction(venue.attempts.of("0xpruned").get(0).signature())).isEmpty();
        // The chain charged both fees; only the one it shows is counted (the other is logged, not guessed).
        long fee = r.request().path("fee_lamports").asLong();
        assertThat(venue.ledger.lamports(SolanaVenue.WALLET.address()))
                .isEqualTo(1_000_000_000L - 2 * fee - 2_039_280);
        assertThat(r.request().has(ExecutionResult.FAILED_FEE_LAMPORTS)).isFalse();
        assertThat(r.feeUsd()).isEqualByComparingTo(usd(fee));
    }

    @Test
    void aSwapThatLandsAndFailsForGoodIsRejectedWithTheFeeItPaid() {
        venue.chain.scenarios(new TxScenario.LandWithErr(6024)); // not slippage: no retry

        ExecutionResult r = venue.executor(true).execute(buy25(), SolanaVenue.watching(), ticket("0xfailed"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.REJECTED);
        assertThat(r.filledSize()).isZero();
        assertThat(venue.attempts.of("0xfailed")).extracting(SwapAttempts.Attempt::state)
                .containsExactly(State.LANDED_ERR);
        long paid = 1_000_000_000L - venue.ledger.lamports(SolanaVenue.WALLET.address());
        assertThat(paid).isPositive();
        assertThat(r.feeUsd()).isEqualByComparingTo(BigDecimal.valueOf(paid).movePointLeft(9)
                .multiply(venue.prices.usd(Mints.WSOL).orElseThrow()));
        assertThat(r.reason()).contains(paid + " lamports of network fees paid by failed landings");
    }

    @Test
    void anEmergencyExitSellsWhatTheWalletHoldsSoNoDustIsLeft() {
        String wallet = SolanaVenue.WALLET.address();
        venue.ledger.fundToken(wallet, SolanaVenue.TOKEN, new BigInteger("12468750000123"));

        ExecutionResult r = venue.executor(true).execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE,
                List.of("test")), SolanaVenue.holding("12468.75"), ticket("0xexit"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.filledSize()).isEqualByComparingTo("12468.750000123");
        assertThat(venue.ledger.token(wallet, SolanaVenue.TOKEN)).isZero();
        assertThat(r.buy()).isFalse();
    }

    @Test
    void anEmergencyExitLeavesWhatAnotherPositionOfTheTokenHolds() {
        String wallet = SolanaVenue.WALLET.address();
        // This position's 12,468.75 and another timeframe's 1,000 of the same token.
        venue.ledger.fundToken(wallet, SolanaVenue.TOKEN, new BigInteger("13468750000000"));

        ExecutionResult r = venue.executor(true).execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE,
                List.of("test")), SolanaVenue.holding("12468.75"), ticket("0xexit"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.filledSize()).isEqualByComparingTo("12468.75");
        assertThat(venue.ledger.token(wallet, SolanaVenue.TOKEN)).isEqualTo(new BigInteger("1000000000000"));
    }

    @Test
    void aSendWhoseAnswerIsLostIsWatchedAndLandsOnce() {
        // The node takes the transaction, then its answer is cut off: received or not, nobody knows.
        venue.chain.faultsOn("sendTransaction", SolanaRpcSim.Fault.TRUNCATED);

        ExecutionResult r = venue.executor(true).execute(buy25(), SolanaVenue.watching(), ticket("0xlost"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(venue.attempts.of("0xlost")).singleElement().extracting(SwapAttempts.Attempt::state)
                .isEqualTo(State.LANDED_OK);
        assertThat(venue.ledger.token(SolanaVenue.WALLET.address(), SolanaVenue.TOKEN)).isEqualTo(TOKENS_FOR_25);
    }

    @Test
    void aQuoteForAnotherAmountIsNeverSigned() {
        venue.jupiterSim.addQuoteField("inAmount", JsonNodeFactory.instance.textNode("26000000"));

        ExecutionResult r = venue.executor(true).execute(buy25(), SolanaVenue.watching(), ticket("0xodd"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.REJECTED);
        assertThat(r.reason()).startsWith("Jupiter quoted 26000000 ");
        assertThat(venue.jupiterSim.requests(JupiterSim.Endpoint.SWAP)).isEmpty();
        assertThat(venue.attempts.of("0xodd")).isEmpty();
    }

    @Test
    void aBuyBeyondTheWalletsUsdcIsNotSent() {
        ExecutionResult r = venue.executor(true).execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE,
                new BigDecimal("250"), List.of("test"), 0), SolanaVenue.watching(), ticket("0xbig"));

        assertThat(r.status()).isEqualTo(ExecutionResult.Status.SKIPPED);
        assertThat(r.reason()).contains("USDC balance 100000000");
        assertThat(venue.orders.find("0xbig")).isEmpty();
        assertThat(sends()).isEmpty();
    }

    /** What a process journals before it sends a $25 buy: the intent and its signed first attempt. */
    private TxSigner.Signed journalledAttempt(String cloid) throws Exception {
        venue.orders.recordIntent(cloid, "solana", 1L, "entry", JsonNodeFactory.instance.objectNode()
                .put("input_mint", Mints.USDC).put("output_mint", SolanaVenue.TOKEN).put("amount", "25000000"));
        return signedAttempt(cloid, 0, 50);
    }

    /** Attempt {@code number} of the $25 buy at {@code bps}: quoted, built, signed and journalled, not sent. */
    private TxSigner.Signed signedAttempt(String cloid, int number, int bps) throws Exception {
        Quote quote = venue.jupiter.quote(new QuoteRequest(Mints.USDC, SolanaVenue.TOKEN,
                BigInteger.valueOf(25_000_000), bps));
        SwapResponse swap = venue.jupiter.swap(quote, SolanaVenue.WALLET.address(), PriorityFee.defaults());
        TxSigner.Signed signed = TxSigner.sign(swap.swapTransaction(), SolanaVenue.WALLET);
        venue.attempts.recordSigned(cloid, number, signed.signature(), swap.lastValidBlockHeight(), signed.base64(),
                quote.raw(), bps);
        return signed;
    }

    /**
     * A live $25 buy whose first attempt follows {@code first} (a landing that fails on slippage): filled by the
     * second, one ladder step wider (50 then 300 bps).
     */
    private ExecutionResult filledOnTheSecondStep(TxScenario first, String cloid) {
        venue.chain.scenarios(first);
        ExecutionResult r = venue.executor(true).execute(buy25(), SolanaVenue.watching(), ticket(cloid));
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        List<SwapAttempts.Attempt> attempts = venue.attempts.of(cloid);
        assertThat(attempts).extracting(SwapAttempts.Attempt::state).containsExactly(State.LANDED_ERR,
                State.LANDED_OK);
        assertThat(attempts).extracting(SwapAttempts.Attempt::slippageBps).containsExactly(50, 300);
        return r;
    }

    /** The fee a landed transaction paid, as the chain shows it. */
    private long feeOf(String signature) throws Exception {
        return venue.rpc.transaction(signature).orElseThrow().fee();
    }

    private BigDecimal usd(long lamports) {
        return BigDecimal.valueOf(lamports).movePointLeft(9).multiply(venue.prices.usd(Mints.WSOL).orElseThrow());
    }

    /**
     * A dead process's ladder: its first attempt landed and failed on slippage, its second (at the next step) was
     * sent, and the process died before it saw the second land.
     */
    private List<TxSigner.Signed> deadLadder(String cloid) throws Exception {
        venue.chain.scenarios(new TxScenario.LandWithErr(6001));
        TxSigner.Signed failed = journalledAttempt(cloid);
        venue.rpc.sendTransaction(failed.base64(), true);
        venue.sim.advanceMs(3 * 400L);
        // It watched the first land and fail (one unfinished attempt at a time), then signed and sent the next.
        venue.attempts.advance(failed.signature(), State.LANDED_ERR, "{\"InstructionError\":[2,{\"Custom\":6001}]}");
        TxSigner.Signed filled = signedAttempt(cloid, 1, 300);
        venue.rpc.sendTransaction(filled.base64(), false);
        venue.sim.advanceMs(3 * 400L);
        return List.of(failed, filled);
    }

    @Test
    void aRestartChargesTheFeeOfALandingThatFailedBeforeTheProcessDied() throws Exception {
        List<TxSigner.Signed> ladder = deadLadder("0xladder");

        Settlement s = venue.reconciler().settlements().get(0);

        assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(venue.attempts.of("0xladder")).extracting(SwapAttempts.Attempt::state)
                .containsExactly(State.LANDED_ERR, State.LANDED_OK);
        long failedFee = feeOf(ladder.get(0).signature());
        long fillFee = feeOf(ladder.get(1).signature());
        assertThat(failedFee).isPositive();
        // Both fees are the position's, as they are when the process lives to see the fill.
        assertThat(s.result().feeUsd()).isEqualByComparingTo(usd(failedFee + fillFee));
        assertThat(s.result().request().path(ExecutionResult.FAILED_FEE_LAMPORTS).asLong()).isEqualTo(failedFee);
        assertThat(s.result().filledSize()).isPositive();
    }

    @Test
    void aRestartDoesNotChargeAgainTheFeesAnUnknownResultCharged() throws Exception {
        List<TxSigner.Signed> ladder = deadLadder("0xcharged");
        long failedFee = feeOf(ladder.get(0).signature());
        // The process lived to report the swap unknown, charging the failed landing's fee with the answer.
        venue.orders.settle("0xcharged", OrderStatus.UNKNOWN, JsonNodeFactory.instance.objectNode()
                .put("status", "unknown").put(ExecutionResult.FAILED_FEE_LAMPORTS, failedFee), null);

        Settlement s = venue.reconciler().settlements().get(0);

        assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(s.result().feeUsd()).isEqualByComparingTo(usd(feeOf(ladder.get(1).signature())));
        assertThat(s.result().request().has(ExecutionResult.FAILED_FEE_LAMPORTS)).isFalse();
    }

    @Test
    void aRestartCancelsAnIntentWhoseOnlyLandingFailedAndChargesItsFee() throws Exception {
        venue.chain.scenarios(new TxScenario.LandWithErr(6024));
        TxSigner.Signed failed = journalledAttempt("0xlost");
        venue.rpc.sendTransaction(failed.base64(), true);
        venue.sim.advanceMs(200 * 400L); // past the blockhash: no attempt may still land

        Settlement s = venue.reconciler().settlements().get(0);

        assertThat(s.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(s.result().filledAnything()).isFalse();
        long paid = 1_000_000_000L - venue.ledger.lamports(SolanaVenue.WALLET.address());
        assertThat(paid).isPositive().isEqualTo(feeOf(failed.signature()));
        assertThat(s.result().feeUsd()).isEqualByComparingTo(usd(paid));
    }

    @Test
    void aRestartCancelsAnIntentWhoseFailedLandingIsNeverReadableInsteadOfWaitingForIt() throws Exception {
        venue.chain.scenarios(new TxScenario.LandWithErrUnreadable(6024));
        TxSigner.Signed failed = journalledAttempt("0xunreadable");
        venue.rpc.sendTransaction(failed.base64(), true);
        venue.sim.advanceMs(200 * 400L); // past the blockhash: no attempt may still land

        Settlement s = venue.reconciler().settlements().get(0);

        assertThat(s.settled()).isTrue();
        assertThat(s.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.attempts.of("0xunreadable")).singleElement().extracting(SwapAttempts.Attempt::state)
                .isEqualTo(State.LANDED_ERR);
        assertThat(venue.ledger.lamports(SolanaVenue.WALLET.address())).isLessThan(1_000_000_000L);
        assertThat(s.result().feeUsd()).isZero();
        assertThat(s.result().request().has(ExecutionResult.FAILED_FEE_LAMPORTS)).isFalse();
    }

    @Test
    void aRestartSettlesASwapADeadProcessSentWithoutSendingAnother() throws Exception {
        // The dead process: intent and signed attempt journalled, sent once, then nothing (kill -9).
        venue.chain.scenarios(new TxScenario.LandAfter(20));
        String cloid = "0xdead";
        TxSigner.Signed signed = journalledAttempt(cloid);
        venue.rpc.sendTransaction(signed.base64(), false);

        // The new process: the swap has not landed yet, so the intent stays open (its position busy).
        List<Settlement> first = venue.reconciler().settlements();
        assertThat(first).singleElement().satisfies(s -> assertThat(s.settled()).isFalse());

        venue.sim.advanceMs(30 * 400L);
        List<Settlement> second = venue.reconciler().settlements();
        assertThat(second).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(s.result().filledSize()).isEqualByComparingTo("12468.75");
            assertThat(s.result().notionalUsd()).isEqualByComparingTo("25");
        });
        assertThat(venue.attempts.of(cloid)).singleElement().extracting(SwapAttempts.Attempt::state)
                .isEqualTo(State.LANDED_OK);
        assertThat(sends()).containsOnly(signed.signature());
        assertThat(venue.ledger.token(SolanaVenue.WALLET.address(), SolanaVenue.TOKEN)).isEqualTo(TOKENS_FOR_25);
    }

    @Test
    void aRestartEndsAnAttemptThatNeverLeftAndCancelsItsIntent() throws Exception {
        String cloid = "0xnever";
        journalledAttempt(cloid);
        // Died before sending; the restart comes after the blockhash expired.
        venue.sim.advanceMs(200 * 400L);

        List<Settlement> found = venue.reconciler().settlements();

        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(s.result().filledAnything()).isFalse();
        });
        assertThat(venue.attempts.of(cloid)).singleElement().extracting(SwapAttempts.Attempt::state)
                .isEqualTo(State.EXPIRED);
        assertThat(sends()).isEmpty();
        assertThat(venue.ledger.token(SolanaVenue.WALLET.address(), Mints.USDC)).isEqualTo(100_000_000);
        assertThat(venue.ledger.tokenAccount(SolanaVenue.WALLET.address(), SolanaVenue.TOKEN)).isEmpty();
    }
}
