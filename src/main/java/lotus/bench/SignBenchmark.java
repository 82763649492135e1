package lotus.bench;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;

/**
 * {@code lotus bench sign}: seeded orders through the whole signing path on one thread: typed order → JSON in signed
 * key order → msgpack → connection id → EIP-712 digest → secp256k1 signature.
 */
public final class SignBenchmark extends Benchmark<SignBenchmark.Options> {

    private static final String TEST_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";

    public record Options(int orders) {
    }

    public SignBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() {
        Signer signer = Signer.fromPrivateKey(TEST_KEY);
        measure(signer, 20_000); // warm-up: the JIT needs a few thousand signatures
        double micros = measure(signer, o.orders());
        out.line("bench sign: %,d signed orders, %.1f µs per order, %,.0f orders/s on one thread", o.orders(), micros,
                1e6 / micros);
        out.line("  the signature alone: %.1f µs ours, %.1f µs web3j Sign.signMessage", signOnly(signer, false),
                signOnly(signer, true));
    }

    private static double signOnly(Signer signer, boolean web3j) {
        byte[] digest = new byte[32];
        new SplittableRandom(3).nextBytes(digest);
        int n = 2_000;
        long nanos = Bench.nanos(() -> {
            for (int i = 0; i < n; i++) {
                digest[0] = (byte) i;
                if (web3j) {
                    signer.signWithWeb3j(digest);
                } else {
                    signer.sign(digest);
                }
            }
        });
        return nanos / 1_000.0 / n;
    }

    private static double measure(Signer signer, int n) {
        SplittableRandom r = new SplittableRandom(17);
        long nonce = 1_767_571_200_000L;
        int checksum = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ExchangeActions.Order o = new ExchangeActions.Order(r.nextInt(0, 200), r.nextBoolean(),
                    BigDecimal.valueOf(r.nextLong(10_000, 99_999), r.nextInt(0, 4)),
                    BigDecimal.valueOf(r.nextLong(1, 100_000), 4), false,
                    new ExchangeActions.Limit(ExchangeActions.Tif.IOC), null);
            Signature s = L1Signer.sign(signer, ExchangeActions.order(List.of(o)), nonce++, null, null, true);
            checksum += s.v();
        }
        long nanos = System.nanoTime() - t0;
        if (checksum == 0) {
            throw new IllegalStateException("no signature made");
        }
        return nanos / 1_000.0 / n;
    }
}
