package lotus.sim.solana;

/**
 * The simulated chain's clock as Jupiter's side needs it: the blockhash a new transaction carries and the height after
 * which it expires. Heights advance with the injected clock.
 */
public interface SimChain {

    long blockHeight();

    /** The current recent blockhash, base58 of 32 bytes. */
    String latestBlockhash();

    /** The last height at which a transaction carrying the current blockhash may land. */
    long lastValidBlockHeight();
}
