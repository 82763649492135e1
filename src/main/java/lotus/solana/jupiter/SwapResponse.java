package lotus.solana.jupiter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Jupiter's {@code /swap} answer (SOLANA.md §3.2): the unsigned transaction (base64) and the height after which its
 * blockhash expires are guaranteed; the rest is optional. {@link JupiterClient#swap} throws
 * {@link JupiterError.Kind#SIMULATION_FAILED} instead of returning an answer whose simulation failed.
 */
public record SwapResponse(String swapTransaction, long lastValidBlockHeight,
        OptionalLong prioritizationFeeLamports, OptionalLong computeUnitLimit,
        Optional<JsonNode> simulationError) {

    public SwapResponse {
        Objects.requireNonNull(swapTransaction, "swapTransaction");
        Objects.requireNonNull(prioritizationFeeLamports, "prioritizationFeeLamports");
        Objects.requireNonNull(computeUnitLimit, "computeUnitLimit");
        Objects.requireNonNull(simulationError, "simulationError");
        if (swapTransaction.isEmpty()) {
            throw new IllegalArgumentException("swapTransaction is empty");
        }
    }
}
