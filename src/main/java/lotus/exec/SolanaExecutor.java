package lotus.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.Executor;
import lotus.pm.FailPoint;
import lotus.pm.OrderJournal;
import lotus.pm.OrderTicket;
import lotus.pm.Position;
import lotus.solana.common.Mints;
import lotus.solana.jupiter.JupiterClient;
import lotus.solana.jupiter.JupiterError;
import lotus.solana.jupiter.PriorityFee;
import lotus.solana.jupiter.Quote;
import lotus.solana.jupiter.QuoteRequest;
import lotus.solana.jupiter.SwapResponse;
import lotus.solana.rpc.RpcClient;
import lotus.solana.rpc.RpcError;
import lotus.solana.tx.SolanaKeypair;
import lotus.solana.tx.TxSigner;
import lotus.exec.SwapFills.Leg;
import lotus.store.SwapAttempts;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solana swaps through Jupiter (SOLANA.md §5): entry and add buy the token with the decision's USDC notional, trim
 * sells {@code quantity × size_frac}, emergency exit sells what the wallet holds, each routed by Jupiter's swap v1.
 *
 * <p>Dry run (the default) asks for a quote only (no {@code /swap}, no signature, nothing sent) and fills at it; when
 * Jupiter cannot be reached it falls back to the paper fill at the bar close. Live, each decision's intent is the
 * ticket's journal row, and every attempt is journalled signed before it is sent ({@link SwapAttempts}); an attempt
 * ends only when it lands or its blockhash expires (never on a wall-clock timeout, which once bought twice), and a new
 * attempt, with a fresh quote and the next step of the slippage ladder, starts only after the previous one ended
 * without a fill. The fill is what the chain's balances say (§4.7), never the quote. One swap at a time per wallet.
 */
public final class SolanaExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SolanaExecutor.class);
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final String VENUE = "solana";
    /** What a signature costs, before any priority fee. */
    public static final long BASE_FEE_LAMPORTS = 5_000;

    /**
     * @param slippageLadderBps one attempt per step, each with a fresh quote (SOLANA.md §3.3)
     * @param maxPriceImpact    a quote moving the price more than this (a fraction) is not taken
     * @param solReserveLamports SOL kept for fees and token-account rent: live swaps refuse to eat into it
     * @param pollIntervalMs    how often an unlanded signature is asked after and re-sent
     * @param transactionPolls  how many times a landed transaction is asked for before its fill is left to the
     *                          reconciler
     */
    public record Settings(boolean live, List<Integer> slippageLadderBps, BigDecimal maxPriceImpact,
            BigInteger solReserveLamports, PriorityFee priorityFee, long pollIntervalMs, int transactionPolls) {

        public Settings {
            slippageLadderBps = List.copyOf(slippageLadderBps);
            if (slippageLadderBps.isEmpty()) {
                throw new IllegalArgumentException("the slippage ladder needs at least one step");
            }
            Objects.requireNonNull(maxPriceImpact, "maxPriceImpact");
            Objects.requireNonNull(solReserveLamports, "solReserveLamports");
            Objects.requireNonNull(priorityFee, "priorityFee");
        }

        public static Settings dryRun() {
            return new Settings(false, List.of(50, 300, 600), new BigDecimal("0.05"), BigInteger.valueOf(20_000_000),
                    PriorityFee.defaults(), 1_500, 30);
        }

        public Settings withLive(boolean on) {
            return new Settings(on, slippageLadderBps, maxPriceImpact, solReserveLamports, priorityFee,
                    pollIntervalMs, transactionPolls);
        }
    }

    /** SOL's USD price now, for fees paid in lamports; empty when unknown (the fee is then reported as 0 USD). */
    @FunctionalInterface
    public interface SolUsd {
        Optional<BigDecimal> now();
    }

    private final JupiterClient jupiter;
    private final RpcClient rpc;
    private final Optional<SolanaKeypair> wallet;
    private final SwapAttempts attempts;
    private final Executor paper;
    private final SolUsd solUsd;
    private final Clock clock;
    private final Settings settings;
    private final SwapWatcher watcher;
    private final Object oneSwapAtATime = new Object();

    /**
     * @param rpc    reads mint decimals (dry and live) and, live, balances and the chain
     * @param wallet the signing key: required live, unused dry
     * @param paper  the dry-run fill when Jupiter cannot be reached
     */
    public SolanaExecutor(JupiterClient jupiter, RpcClient rpc, Optional<SolanaKeypair> wallet,
            SwapAttempts attempts, Executor paper, SolUsd solUsd, Clock clock, Settings settings) {
        if (settings.live() && wallet.isEmpty()) {
            throw new IllegalArgumentException("live Solana swaps need a keypair");
        }
        this.jupiter = jupiter;
        this.rpc = rpc;
        this.wallet = wallet;
        this.attempts = attempts;
        this.paper = paper;
        this.solUsd = solUsd;
        this.clock = clock;
        this.settings = settings;
        this.watcher = new SwapWatcher(rpc, attempts, clock, settings.pollIntervalMs());
        if (settings.live()) {
            log.warn("LIVE TRADING on Solana: swaps signed by {} through {}", wallet.get().address(), rpc.host());
        }
    }

    @Override
    public ExecutionResult execute(Decision decision, Position position, OrderTicket ticket) {
        if (!settings.live()) {
            return dryRun(decision, position, ticket);
        }
        synchronized (oneSwapAtATime) {
            return live(decision, position, ticket);
        }
    }

    private static Leg leg(Decision d, Position p, int tokenDecimals, BigInteger heldRaw) {
        String mint = p.tokenContract();
        if (d.type().isBuy()) {
            BigInteger usdc = d.notionalUsd().movePointRight(Mints.USDC_DECIMALS).setScale(0, RoundingMode.DOWN)
                    .toBigInteger();
            return new Leg(Mints.USDC, mint, usdc, tokenDecimals);
        }
        BigDecimal qty = d.type() == DecisionType.EMERGENCY_EXIT ? p.quantity() : p.quantity().multiply(d.sizeFrac());
        BigInteger raw = qty.movePointRight(tokenDecimals).setScale(0, RoundingMode.DOWN).toBigInteger();
        boolean all = d.type() == DecisionType.EMERGENCY_EXIT || d.sizeFrac().compareTo(BigDecimal.ONE) >= 0;
        if (heldRaw != null) {
            // A full exit sweeps the rounding dust the wallet holds beyond the position, but no more: another
            // position (another timeframe of the same token) may hold the rest. No sell asks for more than is held.
            BigInteger rest = heldRaw.subtract(raw);
            boolean dust = rest.signum() > 0 && rest.multiply(BigInteger.valueOf(100)).compareTo(raw) <= 0;
            raw = all && dust ? heldRaw : raw.min(heldRaw);
        }
        return new Leg(mint, Mints.USDC, raw, tokenDecimals);
    }

    private ExecutionResult dryRun(Decision d, Position p, OrderTicket ticket) {
        boolean buy = d.type().isBuy();
        int decimals;
        try {
            decimals = rpc.mintDecimals(p.tokenContract());
        } catch (RpcError e) {
            log.warn("mint decimals of {} unreadable ({}); paper fill at the bar close", p.tokenContract(),
                    e.getMessage());
            return paper.execute(d, p, ticket);
        }
        Leg leg = leg(d, p, decimals, null);
        if (leg.amount().signum() <= 0) {
            return ExecutionResult.skipped(d.type(), buy, true, nothingToSwap(p, buy));
        }
        Quote quote;
        try {
            quote = jupiter.quote(new QuoteRequest(leg.inputMint(), leg.outputMint(), leg.amount(),
                    settings.slippageLadderBps().get(0)));
        } catch (JupiterError e) {
            if (e.kind() == JupiterError.Kind.UNREACHABLE) {
                log.warn("Jupiter unreachable ({}); paper fill at the bar close", e.getMessage());
                return paper.execute(d, p, ticket);
            }
            return refusedByJupiter(d, e, true, null);
        }
        Optional<String> impact = impactTooHigh(quote);
        if (impact.isPresent()) {
            return ExecutionResult.skipped(d.type(), buy, true, impact.get());
        }
        try {
            journalDry(d, leg, quote, ticket);
        } catch (RuntimeException e) {
            return ExecutionResult.skipped(d.type(), buy, true, "the dry swap could not be journalled: "
                    + e.getMessage());
        }
        SwapFills.Swapped s = new SwapFills.Swapped(leg, quote.inAmount(), quote.outAmount(), BASE_FEE_LAMPORTS, 0);
        return SwapFills.result(d.type(), s, quote, null, ticket.cloid(), true, solUsd.now());
    }

    /**
     * A dry swap is journalled too, marked {@code DRY} with the quote it filled at (SOLANA.md §5), so a dry run leaves
     * the same record of what it would have done; the PM settles the row with the fill at once, and nothing ever
     * reconciles it with the chain. A caller with no journal (a one-off dry fill) goes without.
     */
    private static void journalDry(Decision d, Leg leg, Quote quote, OrderTicket ticket) {
        if (ticket.journal() == OrderJournal.NONE) {
            return;
        }
        ObjectNode dry = JSON.objectNode().put("venue", VENUE).put("mode", "DRY").put("decision", d.type().label())
                .put("input_mint", leg.inputMint()).put("output_mint", leg.outputMint())
                .put("amount", leg.amount().toString());
        dry.set("quote", quote.raw());
        ticket.journal().beforeSend(VENUE, dry);
    }

    private ExecutionResult live(Decision d, Position p, OrderTicket ticket) {
        boolean buy = d.type().isBuy();
        String owner = wallet.get().address();
        Leg leg;
        try {
            int decimals = rpc.mintDecimals(p.tokenContract());
            BigInteger lamports = rpc.balance(owner);
            if (lamports.compareTo(settings.solReserveLamports()) < 0) {
                return ExecutionResult.skipped(d.type(), buy, false, "SOL balance " + lamports
                        + " lamports is below the reserve of " + settings.solReserveLamports() + " for fees and rent");
            }
            BigInteger held = buy ? null : rpc.tokenBalance(owner, p.tokenContract());
            leg = leg(d, p, decimals, held);
            if (buy) {
                BigInteger usdc = rpc.tokenBalance(owner, Mints.USDC);
                if (usdc.compareTo(leg.amount()) < 0) {
                    return ExecutionResult.skipped(d.type(), true, false, "USDC balance " + usdc
                            + " (raw) is below the buy's " + leg.amount());
                }
            }
        } catch (RpcError e) {
            return ExecutionResult.skipped(d.type(), buy, false, "pre-checks could not read the chain: "
                    + e.getMessage());
        }
        if (leg.amount().signum() <= 0) {
            return ExecutionResult.skipped(d.type(), buy, false, nothingToSwap(p, buy));
        }
        ObjectNode intent = JSON.objectNode().put("venue", VENUE).put("decision", d.type().label())
                .put("input_mint", leg.inputMint()).put("output_mint", leg.outputMint())
                .put("amount", leg.amount().toString()).put("wallet", owner);
        settings.slippageLadderBps().forEach(intent.putArray("slippage_ladder_bps")::add);
        try {
            ticket.journal().beforeSend(VENUE, intent);
        } catch (RuntimeException e) {
            return rejected(d, ticket.cloid(), "not sent: the swap could not be journalled: " + e.getMessage(),
                    intent);
        }
        List<String> failures = new ArrayList<>();
        List<Integer> ladder = settings.slippageLadderBps();
        int step = 0;
        long failedFees = 0;
        // An expired or unknown blockhash is retried at the same slippage (it says nothing of the price); two such
        // retries at most beyond the ladder, so a decision ends.
        for (int attempt = 0; step < ladder.size() && attempt < ladder.size() + 2; attempt++) {
            Attempted a = attempt(d, leg, ticket.cloid(), attempt, ladder.get(step), intent);
            failedFees += a.failedFeeLamports();
            if (a.result() != null) {
                return withFailedFees(a.result(), failedFees);
            }
            failures.add(a.failure());
            if (a.next() == Next.STOP) {
                break;
            }
            step += a.next() == Next.WIDER ? 1 : 0;
        }
        return withFailedFees(rejected(d, ticket.cloid(), "no fill after " + failures.size() + " attempt(s): "
                + String.join("; ", failures), intent), failedFees);
    }

    private ExecutionResult withFailedFees(ExecutionResult r, long lamports) {
        return SwapFills.withFailedFees(r, lamports, solUsd.now());
    }

    /** The fee a landed transaction paid, from the chain; 0 (logged) if it cannot be read. */
    private long landedFee(String signature) {
        try {
            return SwapFills.failedLandingFee(rpc, signature);
        } catch (RpcError e) {
            log.warn("swap {} landed and failed; its fee could not be read ({}) and is not counted", signature,
                    e.getMessage());
        }
        return 0;
    }

    /** What follows an attempt that ended without a fill: the next ladder step, the same step again, or nothing. */
    private enum Next {
        WIDER, SAME, STOP
    }

    /**
     * One attempt's end: a result to return, or why it did not fill and what follows.
     *
     * @param failedFeeLamports the network fee the attempt paid if it landed and failed; 0 otherwise (a landed fill's
     *                          fee is in its result)
     */
    private record Attempted(ExecutionResult result, String failure, Next next, long failedFeeLamports) {

        static Attempted done(ExecutionResult r) {
            return new Attempted(r, null, Next.STOP, 0);
        }

        static Attempted failed(String why, Next next) {
            return new Attempted(null, why, next, 0);
        }

        Attempted paid(long lamports) {
            return new Attempted(result, failure, next, lamports);
        }
    }

    private Attempted attempt(Decision d, Leg leg, String cloid, int number, int bps, ObjectNode intent) {
        Quote quote;
        SwapResponse swap;
        try {
            quote = jupiter.quote(new QuoteRequest(leg.inputMint(), leg.outputMint(), leg.amount(), bps));
            if (!quote.inputMint().equals(leg.inputMint()) || !quote.outputMint().equals(leg.outputMint())
                    || !quote.inAmount().equals(leg.amount())) {
                // Signing a quote for another swap would spend what the decision never asked for.
                return Attempted.done(rejected(d, cloid, "Jupiter quoted " + quote.inAmount() + " "
                        + quote.inputMint() + " → " + quote.outputMint() + " for " + leg.amount() + " "
                        + leg.inputMint() + " → " + leg.outputMint(), intent));
            }
            Optional<String> impact = impactTooHigh(quote);
            if (impact.isPresent()) {
                return Attempted.done(rejected(d, cloid, impact.get(), intent));
            }
            swap = jupiter.swap(quote, wallet.get().address(), settings.priorityFee());
        } catch (JupiterError e) {
            if (e.kind() == JupiterError.Kind.SIMULATION_FAILED && SwapErrors.isSlippage(e.getMessage())) {
                return Attempted.failed("attempt " + number + " at " + bps + " bps would exceed its slippage",
                        Next.WIDER);
            }
            return Attempted.done(refusedByJupiter(d, e, false, cloid));
        }
        TxSigner.Signed signed;
        try {
            signed = TxSigner.sign(swap.swapTransaction(), wallet.get());
        } catch (TxSigner.Refused e) {
            return Attempted.done(rejected(d, cloid, "Jupiter's transaction refused unsigned: " + e.getMessage(),
                    intent));
        }
        SwapAttempts.Attempt attempt;
        try {
            attempt = attempts.recordSigned(cloid, number, signed.signature(), swap.lastValidBlockHeight(),
                    signed.base64(), quote.raw(), bps);
        } catch (RuntimeException e) {
            return Attempted.done(rejected(d, cloid, "not sent: the attempt could not be journalled: "
                    + e.getMessage(), intent));
        }
        FailPoint.hit("solana_after_signed");
        SwapWatcher.Outcome outcome;
        try {
            outcome = watcher.sendAndWatch(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempted.done(unknown(d, cloid, "interrupted while " + signed.signature()
                    + " may still land; the reconciler settles it", intent));
        }
        String ended = "attempt " + number + " " + outcome.state().name().toLowerCase(Locale.ROOT) + ": "
                + outcome.error();
        return switch (outcome.state()) {
            case LANDED_OK -> Attempted.done(fillOf(d, leg, quote, signed.signature(), cloid, intent));
            case LANDED_ERR, REJECTED -> {
                Attempted a = SwapErrors.isSlippage(outcome.error()) ? Attempted.failed(ended, Next.WIDER)
                        : SwapErrors.isStaleBlockhash(outcome.error()) ? Attempted.failed(ended, Next.SAME)
                        : Attempted.done(rejected(d, cloid, ended, intent));
                // Only a landed failure is in a block and paid its fee; a rejected send paid nothing.
                yield outcome.state() == SwapAttempts.State.LANDED_ERR ? a.paid(landedFee(signed.signature())) : a;
            }
            case EXPIRED -> Attempted.failed(ended, Next.SAME);
            case SENT -> Attempted.done(unknown(d, cloid, signed.signature() + " may still land ("
                    + outcome.error() + "); the reconciler settles it", intent));
            default -> throw new IllegalStateException("a watched attempt ended " + outcome.state());
        };
    }

    /** The landed transaction's fill from the chain; unknown (the reconciler's) if it cannot be read yet. */
    private ExecutionResult fillOf(Decision d, Leg leg, Quote quote, String signature, String cloid,
            ObjectNode intent) {
        try {
            Optional<SwapFills.Swapped> s = SwapFills.read(rpc, signature, wallet.get().address(), leg, clock,
                    settings.transactionPolls());
            if (s.isEmpty()) {
                return unknown(d, cloid, "landed as " + signature + " but its transaction is not readable yet",
                        intent);
            }
            return SwapFills.result(d.type(), s.get(), quote, signature, cloid, false, solUsd.now());
        } catch (RpcError e) {
            return unknown(d, cloid, "landed as " + signature + "; reading it failed: " + e.getMessage(), intent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(d, cloid, "landed as " + signature + "; interrupted before reading it", intent);
        }
    }

    private Optional<String> impactTooHigh(Quote quote) {
        BigDecimal impact = quote.priceImpact();
        return impact.compareTo(settings.maxPriceImpact()) > 0
                ? Optional.of("price impact " + impact.toPlainString() + " is above the cap "
                        + settings.maxPriceImpact().toPlainString())
                : Optional.empty();
    }

    private ExecutionResult refusedByJupiter(Decision d, JupiterError e, boolean dry, String cloid) {
        String reason = e.kind() == JupiterError.Kind.NO_ROUTE ? "noRoute: " + e.getMessage()
                : "Jupiter " + e.kind().name().toLowerCase() + ": " + e.getMessage();
        return new ExecutionResult(ExecutionResult.Status.REJECTED, d.type(), d.type().isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, cloid, dry, reason, null);
    }

    private static String nothingToSwap(Position p, boolean buy) {
        return buy ? "notional too small to swap" : "nothing to sell (quantity " + p.quantity().toPlainString() + ")";
    }

    private static ExecutionResult rejected(Decision d, String cloid, String reason, JsonNode request) {
        return new ExecutionResult(ExecutionResult.Status.REJECTED, d.type(), d.type().isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, cloid, false, reason, request);
    }

    private static ExecutionResult unknown(Decision d, String cloid, String reason, JsonNode request) {
        log.warn("swap {}: {}", cloid, reason);
        return new ExecutionResult(ExecutionResult.Status.UNKNOWN, d.type(), d.type().isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, cloid, false, reason, request);
    }
}
