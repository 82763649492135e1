package lotus.solana.rpc;

import java.util.Objects;

/** {@code getLatestBlockhash}: a transaction carrying {@code blockhash} can land up to that height. */
public record LatestBlockhash(String blockhash, long lastValidBlockHeight) {

    public LatestBlockhash {
        Objects.requireNonNull(blockhash, "blockhash");
    }
}
