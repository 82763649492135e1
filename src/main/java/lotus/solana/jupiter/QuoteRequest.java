package lotus.solana.jupiter;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An ExactIn quote request (SOLANA.md §3.1): {@code amount} raw units of the input, sent as an integer. The client adds
 * {@code restrictIntermediateTokens=true} (only liquid intermediates) and {@code maxAccounts=64}.
 */
public record QuoteRequest(String inputMint, String outputMint, BigInteger amount, int slippageBps) {

    public QuoteRequest {
        Objects.requireNonNull(inputMint, "inputMint");
        Objects.requireNonNull(outputMint, "outputMint");
        Objects.requireNonNull(amount, "amount");
        if (inputMint.isBlank() || outputMint.isBlank() || inputMint.equals(outputMint)) {
            throw new IllegalArgumentException("a quote needs two distinct mints, got " + inputMint + " → "
                    + outputMint);
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("quote amount must be positive raw units, got " + amount);
        }
        if (slippageBps < 0 || slippageBps > 10_000) {
            throw new IllegalArgumentException("slippageBps must be 0..10000, got " + slippageBps);
        }
    }
}
