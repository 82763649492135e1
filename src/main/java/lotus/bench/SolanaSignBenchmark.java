package lotus.bench;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.sim.solana.SimTransactions;
import lotus.solana.common.Base58;
import lotus.solana.common.Mints;
import lotus.solana.tx.SolanaKeypair;
import lotus.solana.tx.TxSigner;

/**
 * {@code lotus bench solana-sign}: distinct unsigned v0 swap transactions, as the simulated Jupiter builds them,
 * through {@link TxSigner#sign} with one seeded wallet on one thread, several rounds after a warm-up; then the Ed25519
 * signature alone ({@link SolanaKeypair#sign}) over the same messages, so what the signer adds (reading the header,
 * checking the payer and the empty slot, copying, the base58 transaction id) shows as the difference.
 */
public final class SolanaSignBenchmark extends Benchmark<SolanaSignBenchmark.Options> {

    public record Options(int transactions, int rounds, long seed) {

        public Options {
            if (transactions < 1 || rounds < 1) {
                throw new IllegalArgumentException("transactions and rounds must be positive");
            }
        }
    }

    /** The signatures' first bytes, summed: a result the JIT cannot drop. */
    private int sink;

    public SolanaSignBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() {
        SplittableRandom random = new SplittableRandom(o.seed());
        SolanaKeypair wallet = SolanaKeypair.fromSeed(bytes(random, 32));
        List<byte[]> txs = transactions(wallet, random, o.transactions());
        List<byte[]> messages = txs.stream().map(SimTransactions::message).toList();
        out.line("bench solana-sign: %,d distinct unsigned v0 swap transactions (%d bytes, message %d) signed by one "
                + "seeded wallet on one thread, %d rounds after a warm-up", txs.size(), txs.get(0).length,
                messages.get(0).length, o.rounds());
        // Warm-up: the JIT needs a few thousand signatures before the rounds mean anything.
        for (int done = 0; done < 5_000; done += txs.size()) {
            signAll(txs, wallet);
            signOnly(messages, wallet);
        }
        double[] signed = new double[o.rounds()];
        double[] alone = new double[o.rounds()];
        for (int r = 0; r < o.rounds(); r++) {
            signed[r] = Bench.rate(txs.size(), Bench.nanos(() -> signAll(txs, wallet)));
            alone[r] = Bench.rate(messages.size(), Bench.nanos(() -> signOnly(messages, wallet)));
            out.line("  round %d: %,.0f signed tx/s, %,.0f signatures/s alone", r + 1, signed[r], alone[r]);
        }
        Bench.Rounds tx = Bench.Rounds.of(signed);
        Bench.Rounds sig = Bench.Rounds.of(alone);
        out.line("TxSigner.sign:       median %,.0f tx/s (%.1f µs per tx), best %,.0f tx/s", tx.median(),
                1e6 / tx.median(), tx.best());
        out.line("SolanaKeypair.sign:  median %,.0f signatures/s (%.1f µs each), best %,.0f/s", sig.median(),
                1e6 / sig.median(), sig.best());
        double overheadMicros = 1e6 / tx.median() - 1e6 / sig.median();
        out.line("the signer around the signature (slot, payer check, base58 id): %.1f µs per tx, %.0f%%",
                overheadMicros, 100 * overheadMicros * tx.median() / 1e6);
    }

    /** Swaps WSOL → a token or back, each with its own amount and blockhash: no two messages are alike. */
    private static List<byte[]> transactions(SolanaKeypair wallet, SplittableRandom random, int n) {
        List<String> tokens = List.of(Base58.encode(bytes(random, 32)), Base58.encode(bytes(random, 32)), Mints.USDC);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String token = tokens.get(i % tokens.size());
            boolean buy = random.nextBoolean();
            byte[] swap = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(i)
                    .putLong(random.nextLong(1_000_000, 10_000_000_000L)).putLong(random.nextLong(1, 10_000_000))
                    .array();
            out.add(SimTransactions.unsignedV0(wallet.address(), buy ? Mints.WSOL : token, buy ? token : Mints.WSOL,
                    Base58.encode(bytes(random, 32)), 1_400_000, random.nextLong(1_000, 200_000), swap));
        }
        return out;
    }

    private void signAll(List<byte[]> txs, SolanaKeypair wallet) {
        for (byte[] tx : txs) {
            sink += TxSigner.sign(tx, wallet).transaction()[1];
        }
    }

    private void signOnly(List<byte[]> messages, SolanaKeypair wallet) {
        for (byte[] m : messages) {
            sink += wallet.sign(m)[0];
        }
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
