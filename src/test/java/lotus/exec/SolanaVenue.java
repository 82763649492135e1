package lotus.exec;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lotus.market.Bar;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.sim.solana.FixedPrices;
import lotus.sim.solana.JupiterSim;
import lotus.sim.solana.Ledger;
import lotus.sim.solana.RpcSimSettings;
import lotus.sim.solana.SolanaRpcSim;
import lotus.sim.solana.SwapRegistry;
import lotus.solana.common.Mints;
import lotus.solana.jupiter.JupiterClient;
import lotus.solana.rpc.RpcClient;
import lotus.solana.tx.SolanaKeypair;
import lotus.store.Database;
import lotus.store.MemoryPriceHistory;
import lotus.store.Orders;
import lotus.store.PriceTable;
import lotus.store.SwapAttempts;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * The simulated Solana venue (Jupiter and the chain, on loopback ports, sharing one price source) with an embedded
 * database for the swap journal, a funded wallet and a clock whose sleeps jump to their end: the executor's polling
 * runs at once and in order, the chain's heights moving with it.
 */
final class SolanaVenue implements AutoCloseable {

    static final String TOKEN = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";
    static final SolanaKeypair WALLET = SolanaKeypair.fromSeed(new byte[32]);
    static final long START_MS = 1_767_225_600_000L;

    final SimulatedClock sim = SimulatedClock.manual(START_MS);
    /** Sleeps move the simulated clock to their end: nothing else moves it, so every run is the same. */
    final Clock clock = new Clock() {
        @Override
        public long nowMs() {
            return sim.nowMs();
        }

        @Override
        public void sleepUntil(long epochMs) {
            if (epochMs > sim.nowMs()) {
                sim.setMs(epochMs);
            }
        }
    };
    final FixedPrices prices = new FixedPrices(TOKEN, "0.002", 9, "9975");
    final SwapRegistry registry = new SwapRegistry();
    final Ledger ledger = new Ledger();
    final SolanaRpcSim chain;
    final JupiterSim jupiterSim;
    final JupiterClient jupiter;
    final RpcClient rpc;
    final Database db;
    final Orders orders;
    final SwapAttempts attempts;
    final MemoryPriceHistory bars = new MemoryPriceHistory();

    SolanaVenue(Path dir) {
        chain = new SolanaRpcSim(clock, 7, prices, registry, ledger, RpcSimSettings.defaults());
        String rpcUrl = chain.start(0);
        jupiterSim = new JupiterSim(clock, 7, prices, chain, registry, JupiterSim.Settings.defaults()).start(0);
        jupiter = new JupiterClient(jupiterSim.baseUrl(), Optional.empty(), new RateBudget("jupiter", 600, clock),
                clock, Duration.ofSeconds(5));
        rpc = new RpcClient(rpcUrl, new RateBudget("rpc", 100_000, clock), clock, Duration.ofSeconds(5));
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        orders = new Orders(db, clock);
        attempts = new SwapAttempts(db, clock);
        ledger.fundSol(WALLET.address(), 1_000_000_000L);
        ledger.fundToken(WALLET.address(), Mints.USDC, java.math.BigInteger.valueOf(100_000_000));
        // The paper fallback's price: the last 1m bar before the clock's.
        bars.put(PriceTable.LOWCAP, List.of(new Bar(TOKEN, "solana", Timeframe.M1, START_MS - 60_000,
                new BigDecimal("0.002"), new BigDecimal("0.002"), new BigDecimal("0.002"), new BigDecimal("0.002"),
                BigDecimal.ONE, 1)));
    }

    SolanaExecutor executor(boolean live) {
        return new SolanaExecutor(jupiter, rpc, Optional.of(WALLET), attempts, new PaperExecutor(bars, clock),
                () -> prices.usd(Mints.WSOL), clock, SolanaExecutor.Settings.dryRun().withLive(live));
    }

    SolanaReconciler reconciler() {
        return new SolanaReconciler(orders, attempts, rpc, WALLET.address(), () -> prices.usd(Mints.WSOL), clock);
    }

    static Position watching() {
        return Position.watching(1, TOKEN, "solana", "TOK", Timeframe.M1, "social", BigDecimal.ONE, BigDecimal.ZERO,
                0);
    }

    static Position holding(String quantity) {
        return watching().withHoldings(PositionStatus.ACTIVE, new BigDecimal(quantity), new BigDecimal("25"),
                BigDecimal.ZERO, new BigDecimal(quantity), BigDecimal.ZERO, new BigDecimal("0.002"), null);
    }

    @Override
    public void close() {
        jupiterSim.close();
        chain.close();
        TestDatabases.dispose(db);
    }
}
