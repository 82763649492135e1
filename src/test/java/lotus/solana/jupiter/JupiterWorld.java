package lotus.solana.jupiter;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import lotus.sim.solana.JupiterSim;
import lotus.sim.solana.SimChain;
import lotus.sim.solana.FixedPrices;
import lotus.sim.solana.SolanaPrices;
import lotus.sim.solana.SwapRegistry;
import lotus.solana.common.Base58;
import lotus.solana.common.Mints;
import lotus.solana.tx.SolanaKeypair;
import lotus.time.Clock;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;

/**
 * A simulated Jupiter on a free port over fixed prices and a fixed chain, and a client for it. The clock is a manual
 * {@link SimulatedClock} whose sleeps jump it to their target at once and are recorded, so budget waits and 429
 * backoffs are exact and take no real time.
 */
final class JupiterWorld implements AutoCloseable {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    /** A 6-decimal token at $0.0013 with a $9,975 pool: $25 in suffers 25 / (9975 + 25) = 0.0025 impact. */
    static final String TOKEN = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";
    static final String UNKNOWN = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";
    static final SolanaKeypair WALLET = SolanaKeypair.fromSeed(new byte[32]);
    static final String BLOCKHASH = Base58.encode(filled(7));
    static final long HEIGHT = 279_632_325L;
    static final long LAST_VALID = HEIGHT + 150;

    /** A manual simulated clock whose sleeps move it to their target at once, remembering how long each was. */
    static final class JumpingClock implements Clock {
        final SimulatedClock clock = SimulatedClock.manual(T0);
        final List<Long> sleepsMs = new CopyOnWriteArrayList<>();

        @Override
        public long nowMs() {
            return clock.nowMs();
        }

        @Override
        public void sleepUntil(long epochMs) {
            long now = clock.nowMs();
            if (epochMs > now) {
                sleepsMs.add(epochMs - now);
                clock.setMs(epochMs);
            }
        }
    }

    static final SolanaPrices PRICES = new FixedPrices(TOKEN, "0.0013", 6, "9975");

    static final SimChain CHAIN = new SimChain() {
        @Override
        public long blockHeight() {
            return HEIGHT;
        }

        @Override
        public String latestBlockhash() {
            return BLOCKHASH;
        }

        @Override
        public long lastValidBlockHeight() {
            return LAST_VALID;
        }
    };

    final JumpingClock clock = new JumpingClock();
    final SwapRegistry registry = new SwapRegistry();
    final JupiterSim sim;

    JupiterWorld() {
        this(JupiterSim.Settings.defaults());
    }

    JupiterWorld(JupiterSim.Settings settings) {
        sim = new JupiterSim(clock, 42, PRICES, CHAIN, registry, settings).start(0);
    }

    /** Keyless, the default 30/min budget, four 429 retries from 1 s. */
    JupiterClient client() {
        return client(Optional.empty(), 30, JupiterClient.Backoff.defaults());
    }

    JupiterClient client(Optional<String> apiKey, int perMinute, JupiterClient.Backoff backoff) {
        return new JupiterClient(sim.baseUrl(), apiKey, new RateBudget("jupiter", perMinute, clock), clock,
                Duration.ofSeconds(5), backoff, new SplittableRandom(7));
    }

    static QuoteRequest buy25() {
        return new QuoteRequest(Mints.USDC, TOKEN, BigInteger.valueOf(25_000_000), 50);
    }

    private static byte[] filled(int b) {
        byte[] out = new byte[32];
        Arrays.fill(out, (byte) b);
        return out;
    }

    @Override
    public void close() {
        sim.close();
    }
}
