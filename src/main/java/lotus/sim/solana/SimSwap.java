package lotus.sim.solana;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A swap the simulated Jupiter built into a transaction, remembered by its message so the simulated chain can execute
 * it when the signed transaction lands.
 *
 * @param owner                the wallet (fee payer, {@code userPublicKey})
 * @param inAmount             raw units of the input mint
 * @param quotedOut            the quote's {@code outAmount}
 * @param minOut               the quote's {@code otherAmountThreshold}: landing below it fails with 6001
 * @param blockhash            the recent blockhash written into the message (base58)
 * @param lastValidBlockHeight after this height the transaction can no longer land
 * @param priorityFeeLamports  what the transaction pays above the base fee
 */
public record SimSwap(String owner, String inputMint, BigInteger inAmount, String outputMint, BigInteger quotedOut,
        BigInteger minOut, String blockhash, long lastValidBlockHeight, long priorityFeeLamports) {

    public SimSwap {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(inputMint, "inputMint");
        Objects.requireNonNull(inAmount, "inAmount");
        Objects.requireNonNull(outputMint, "outputMint");
        Objects.requireNonNull(quotedOut, "quotedOut");
        Objects.requireNonNull(minOut, "minOut");
        Objects.requireNonNull(blockhash, "blockhash");
    }
}
