package lotus.sim.solana;

/**
 * What the simulated chain does with a newly received transaction (SOLANA.md §6), chosen by the test per signature.
 * Nothing lands after the blockhash's last valid height, whatever the scenario.
 */
public sealed interface TxScenario {

    /** Received, never lands: the signature's status stays null until and after expiry. */
    record Drop() implements TxScenario {
    }

    /** Lands in the block after the one that received it (the default). */
    record LandNextBlock() implements TxScenario {
    }

    /** Lands {@code blocks} blocks after receipt: after a client's timeout would have fired, still before expiry. */
    record LandAfter(int blocks) implements TxScenario {
        public LandAfter {
            if (blocks < 1) {
                throw new IllegalArgumentException("blocks must be at least 1: " + blocks);
            }
        }
    }

    /** Lands next block, failing in the swap instruction with {@code Custom(customCode)}: only the fee is charged. */
    record LandWithErr(int customCode) implements TxScenario {
    }

    /**
     * Lands next block, but the node answers every status request naming it with an error (a node behind the
     * cluster) until {@link SolanaRpcSim#answerStatuses()}: the sender cannot tell whether it landed.
     */
    record LandUnseen() implements TxScenario {
    }

    /**
     * Lands and fails as {@link LandWithErr}, and the fee is charged, but getTransaction never shows the transaction
     * (a node without that part of the history): its status tells the failure, the fee it paid cannot be read.
     */
    record LandWithErrUnreadable(int customCode) implements TxScenario {
    }
}
