package lotus.exec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.solana.common.Mints;
import lotus.solana.jupiter.Quote;
import lotus.solana.rpc.Fill;
import lotus.solana.rpc.FillParser;
import lotus.solana.rpc.RpcClient;
import lotus.solana.rpc.RpcError;
import lotus.solana.rpc.TxMeta;
import lotus.time.Clock;

/**
 * A swap's fill as accounting takes it, for the executor and the reconciler alike: read from the landed transaction's
 * balances (SOLANA.md §4.7), or, dry, from the quote; tokens bought or sold at USDC per token, the network fee in USD.
 */
final class SwapFills {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SwapFills.class);

    /** What a decision swaps: the mint that goes in, its raw amount, and the mint that comes out. */
    record Leg(String inputMint, String outputMint, BigInteger amount, int tokenDecimals) {

        boolean buy() {
            return Mints.USDC.equals(inputMint);
        }
    }

    /** What a swap moved: raw amounts out of and into the wallet, and its costs in lamports. */
    record Swapped(Leg leg, BigInteger spentRaw, BigInteger receivedRaw, long feeLamports, long rentLamports) {
    }

    private SwapFills() {
    }

    /**
     * The landed transaction's fill, asked for up to {@code polls} times a second apart (a node indexes a landed
     * transaction a little after confirming it); empty when it is still not readable.
     */
    static Optional<Swapped> read(RpcClient rpc, String signature, String owner, Leg leg, Clock clock, int polls)
            throws RpcError, InterruptedException {
        for (int i = 0; i < polls; i++) {
            if (i > 0) {
                clock.sleepUntil(clock.nowMs() + 1_000);
            }
            Optional<TxMeta> meta = rpc.transaction(signature);
            if (meta.isPresent()) {
                Fill f = FillParser.parse(meta.get(), owner, leg.inputMint(), leg.outputMint());
                return Optional.of(new Swapped(leg, f.spentRaw(), f.receivedRaw(), f.feeLamports(),
                        f.rentLamports()));
            }
        }
        return Optional.empty();
    }

    /**
     * @param signature the landed transaction's (null for a dry run's quote fill)
     * @param solUsd    SOL's price, for the fee in USD (0 when unknown)
     */
    static ExecutionResult result(DecisionType type, Swapped s, Quote quote, String signature, String cloid,
            boolean dry, Optional<BigDecimal> solUsd) {
        boolean buy = type.isBuy();
        BigDecimal tokens = new BigDecimal(buy ? s.receivedRaw() : s.spentRaw()).movePointLeft(s.leg().tokenDecimals());
        BigDecimal usdc = new BigDecimal(buy ? s.spentRaw() : s.receivedRaw()).movePointLeft(Mints.USDC_DECIMALS);
        if (tokens.signum() <= 0 || usdc.signum() <= 0) {
            String what = "the swap moved no " + (tokens.signum() <= 0 ? "tokens" : "USDC");
            // A landed swap did move something: a fill we cannot read is unknown, never "nothing happened", or the
            // position would be free to buy again.
            return new ExecutionResult(signature != null ? ExecutionResult.Status.UNKNOWN
                    : ExecutionResult.Status.REJECTED, type, buy, BigDecimal.ZERO, null, BigDecimal.ZERO,
                    BigDecimal.ZERO, cloid, dry, signature != null ? what + " in the wallet's balances of landed "
                            + signature + "; left open for a look" : what, null);
        }
        BigDecimal feeUsd = usd(s.feeLamports(), solUsd);
        ObjectNode report = JSON.objectNode().put("venue", SolanaExecutor.VENUE)
                .put("input_mint", s.leg().inputMint()).put("output_mint", s.leg().outputMint())
                .put("in_amount", s.spentRaw().toString()).put("out_amount", s.receivedRaw().toString())
                .put("quote_out_amount", quote.outAmount().toString())
                .put("price_impact", quote.priceImpact().toPlainString())
                .put("slippage_vs_quote", slippage(quote.outAmount(), s.receivedRaw()).toPlainString())
                .put("fee_lamports", s.feeLamports()).put("rent_lamports", s.rentLamports());
        if (signature != null) {
            report.put("signature", signature);
        }
        BigDecimal priceUsd = usdc.divide(tokens, MC);
        // The price in SOL of the same minute, as the bars store it (SOLANA.md §5).
        solUsd.filter(px -> px.signum() > 0).ifPresent(px -> report.put("price_native",
                priceUsd.divide(px, MC).toPlainString()));
        report.set("quote", quote.raw());
        return new ExecutionResult(ExecutionResult.Status.FILLED, type, buy, tokens, priceUsd, usdc, feeUsd, cloid,
                dry, null, report);
    }

    /**
     * {@code r} with the network fees its failed landings paid added to its fee: a transaction that lands and fails
     * (a slippage error on chain) still pays its fee, and the position pays it whether a later attempt filled or not.
     * The lamports are noted in the request as {@link ExecutionResult#FAILED_FEE_LAMPORTS}, so whoever settles the
     * order later knows they are charged. At an unknown SOL price the fee counts 0 USD, as a fill's does.
     */
    static ExecutionResult withFailedFees(ExecutionResult r, long lamports, Optional<BigDecimal> solUsd) {
        if (lamports <= 0) {
            return r;
        }
        String note = lamports + " lamports of network fees paid by failed landings";
        return new ExecutionResult(r.status(), r.type(), r.buy(), r.filledSize(), r.avgPrice(), r.notionalUsd(),
                r.feeUsd().add(usd(lamports, solUsd), MC), r.cloid(), r.dryRun(),
                r.reason() == null ? null : r.reason() + "; " + note,
                r.request() instanceof ObjectNode o ? o.deepCopy().put(ExecutionResult.FAILED_FEE_LAMPORTS, lamports)
                        : JSON.objectNode().put(ExecutionResult.FAILED_FEE_LAMPORTS, lamports),
                r.venueLeft());
    }

    /**
     * The fee a transaction that landed and failed paid, from the chain; 0, logged, when the node does not show the
     * transaction (a node without the history may never show it, and the swap must still end).
     */
    static long failedLandingFee(RpcClient rpc, String signature) throws RpcError {
        Optional<TxMeta> meta = rpc.transaction(signature);
        if (meta.isEmpty()) {
            log.warn("swap {} landed and failed, but its transaction is not readable: its fee is not counted",
                    signature);
        }
        return meta.map(TxMeta::fee).orElse(0L);
    }

    /** Lamports in USD at SOL's price; 0 when the price is unknown. */
    private static BigDecimal usd(long lamports, Optional<BigDecimal> solUsd) {
        return solUsd.map(px -> BigDecimal.valueOf(lamports).movePointLeft(9).multiply(px, MC))
                .orElse(BigDecimal.ZERO);
    }

    /** How much less than quoted arrived, as a fraction of the quote (negative when more arrived). */
    private static BigDecimal slippage(BigInteger quoted, BigInteger received) {
        if (quoted.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(quoted.subtract(received)).divide(new BigDecimal(quoted), MC);
    }
}
