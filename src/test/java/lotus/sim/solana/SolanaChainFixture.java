package lotus.sim.solana;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import lotus.solana.rpc.RpcClient;
import lotus.solana.tx.SolanaKeypair;
import lotus.solana.tx.TxSigner;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;

/**
 * A simulated chain on a free loopback port with a client pointed at it, a wallet and fixed prices: USDC $1 (6),
 * WSOL $150 (9), TOKEN $0.002 (9) with a $9,975 pool, so $25 in suffers 0.25 % impact. Swaps are built the way the
 * simulated Jupiter builds them: an unsigned v0 transaction on the chain's current blockhash, remembered in the
 * registry, then signed by {@link TxSigner}.
 */
public final class SolanaChainFixture implements AutoCloseable {

    public static final String TOKEN = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";
    public static final SolanaKeypair WALLET = SolanaKeypair.fromSeed(new byte[32]);
    public static final long START_MS = 1_750_000_000_000L;
    public static final long PRIORITY_FEE = 10_000;

    public final SimulatedClock clock = SimulatedClock.manual(START_MS);
    public final FixedPrices prices = new FixedPrices(TOKEN, "0.002", 9, "9975");
    public final SwapRegistry registry = new SwapRegistry();
    public final Ledger ledger = new Ledger();
    public final SolanaRpcSim sim;
    public final String url;
    public final RpcClient client;
    private int swaps;

    public SolanaChainFixture(RpcSimSettings settings) {
        sim = new SolanaRpcSim(clock, 7, prices, registry, ledger, settings);
        url = sim.start(0);
        client = new RpcClient(url, new RateBudget("rpc", 600, clock), clock, Duration.ofSeconds(5));
    }

    /** A swap as Jupiter would build it now: quote at current prices, minOut after {@code slippageBps}. */
    public record Built(byte[] unsigned, SimSwap swap) {
        public TxSigner.Signed sign() {
            return TxSigner.sign(unsigned, WALLET);
        }
    }

    public Built swap(String in, long inAmount, String out, int slippageBps) {
        BigInteger quoted = SimPricing.swap(prices, in, BigInteger.valueOf(inAmount), out).orElseThrow().amount();
        BigInteger minOut = new BigDecimal(quoted).multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(slippageBps,
                4))).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        String blockhash = sim.latestBlockhash();
        // 1.4 M CU × 7142 µlamports ≈ the 10,000 lamport priority fee; the swap data only makes each message unique.
        byte[] unsigned = SimTransactions.unsignedV0(WALLET.address(), in, out, blockhash, 1_400_000, 7_142,
                new byte[] {(byte) 0xE5, (byte) ++swaps});
        SimSwap swap = new SimSwap(WALLET.address(), in, BigInteger.valueOf(inAmount), out, quoted, minOut, blockhash,
                sim.lastValidBlockHeight(), PRIORITY_FEE);
        registry.remember(SimTransactions.message(unsigned), swap);
        return new Built(unsigned, swap);
    }

    /** Moves the chain on by {@code n} blocks. */
    public void blocks(int n) {
        clock.advanceMs(n * 400L);
    }

    @Override
    public void close() {
        sim.close();
    }
}
