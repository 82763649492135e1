package lotus.app;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lotus.exec.PaperExecutor;
import lotus.exec.Reconciler;
import lotus.exec.SolanaExecutor;
import lotus.exec.SolanaReconciler;
import lotus.market.Bar;
import lotus.pm.PriceHistory;
import lotus.solana.common.Mints;
import lotus.solana.jupiter.JupiterClient;
import lotus.solana.jupiter.PriorityFee;
import lotus.solana.rpc.RpcClient;
import lotus.solana.tx.SolanaKeypair;
import lotus.store.Database;
import lotus.store.Orders;
import lotus.store.SwapAttempts;
import lotus.time.Clock;
import lotus.time.RateBudget;
import lotus.time.Timeframe;

/**
 * The Solana venue as the configuration asks for it (SOLANA.md §5): Jupiter and the RPC node behind their own
 * budgets, the wallet's key when one is configured, the executor, and, when live, the reconciler that settles the
 * swaps a previous process left. Live only with {@code execution.live}, {@code solana.live}, a key and a node of
 * one's own (the configuration refuses the rest); otherwise a dry run, which needs no key.
 */
final class SolanaAssembly implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SolanaExecutor executor;
    private final Optional<Reconciler> reconciler;
    private final boolean live;
    private final JupiterClient jupiter;
    private final String banner;

    private SolanaAssembly(SolanaExecutor executor, Optional<Reconciler> reconciler, boolean live,
            JupiterClient jupiter, String banner) {
        this.executor = executor;
        this.reconciler = reconciler;
        this.live = live;
        this.jupiter = jupiter;
        this.banner = banner;
    }

    /**
     * @param executionLive {@code execution.live}, false under {@code --dry-run}
     * @param prices        the bar close a dry run fills at when Jupiter cannot be reached, and SOL's price for fees
     */
    static SolanaAssembly build(LotusConfig.Solana config, Database db, Clock clock, boolean executionLive,
            PriceHistory prices, io.micrometer.core.instrument.MeterRegistry meters) {
        boolean live = executionLive && config.live();
        Optional<SolanaKeypair> key = config.key().map(SolanaKeys::load);
        RateBudget jupiterBudget = new RateBudget("jupiter", config.jupiterCallsPerMinute(), clock);
        RateBudget rpcBudget = new RateBudget("solana-rpc", config.rpcCallsPerMinute(), clock);
        ProcessMeters.bindBudget(meters, jupiterBudget);
        ProcessMeters.bindBudget(meters, rpcBudget);
        JupiterClient jupiter = new JupiterClient(config.jupiterUrl().toString(),
                config.jupiterApiKey().map(Secret::reveal), jupiterBudget, clock, TIMEOUT);
        RpcClient rpc = new RpcClient(config.rpcUrl().map(Secret::reveal).orElse(LotusConfig.Solana.PUBLIC_RPC),
                rpcBudget, clock, TIMEOUT);
        SwapAttempts attempts = new SwapAttempts(db, clock);
        SolanaExecutor.SolUsd solUsd = () -> solUsd(prices, clock);
        SolanaExecutor executor = new SolanaExecutor(jupiter, rpc, live ? key : Optional.empty(), attempts,
                new PaperExecutor(prices, clock, LotusConfig.paperCosts(config.swaps())), solUsd, clock,
                settings(config.swaps()).withLive(live));
        Optional<Reconciler> reconciler = live ? Optional.of(new SolanaReconciler(new Orders(db, clock), attempts, rpc,
                key.orElseThrow().address(), solUsd, clock)) : Optional.empty();
        String banner = live ? "LIVE TRADING on Solana: swaps by " + key.orElseThrow().address() + " through "
                + rpc.host() + " and " + config.jupiterUrl().getHost() : null;
        return new SolanaAssembly(executor, reconciler, live, jupiter, banner);
    }

    static SolanaExecutor.Settings settings(LotusConfig.Swaps s) {
        SolanaExecutor.Settings d = SolanaExecutor.Settings.dryRun();
        return new SolanaExecutor.Settings(false, s.slippageLadderBps(), s.maxPriceImpact(),
                BigInteger.valueOf(s.solReserveLamports()), new PriorityFee(s.priorityLevel(), s.priorityMaxLamports()),
                d.pollIntervalMs(), d.transactionPolls());
    }

    /** SOL's last 1m close from the collector's WSOL bars; empty when none is stored. */
    private static Optional<BigDecimal> solUsd(PriceHistory prices, Clock clock) {
        List<Bar> last = prices.barsBefore(Mints.WSOL, "solana", Timeframe.M1, 1, clock.nowMs());
        return last.isEmpty() || last.get(0).close().signum() <= 0 ? Optional.empty()
                : Optional.of(last.get(0).close());
    }

    SolanaExecutor executor() {
        return executor;
    }

    Optional<Reconciler> reconciler() {
        return reconciler;
    }

    boolean live() {
        return live;
    }

    Optional<String> banner() {
        return Optional.ofNullable(banner);
    }

    @Override
    public void close() {
        jupiter.close();
    }
}
