package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import lotus.solana.rpc.RpcClient;
import lotus.store.SwapAttempts.State;
import lotus.time.RateBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch of one attempt when the node is gone, and which errors a next attempt can cure. */
class SwapWatcherTest {

    @TempDir
    Path dir;

    @Test
    void aDeadNodeLeavesTheAttemptUnfinishedForTheReconcilerInsteadOfHoldingTheTick() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (SolanaVenue venue = new SolanaVenue(dir)) {
            RpcClient dead = new RpcClient("http://127.0.0.1:" + port + "/rpc", new RateBudget("rpc", 100_000,
                    venue.clock), venue.clock, Duration.ofSeconds(1));
            venue.orders.recordIntent("0xi", "solana", 1L, "entry", JsonNodeFactory.instance.objectNode());
            var attempt = venue.attempts.recordSigned("0xi", 0, "sig", 1_000, "AQID",
                    JsonNodeFactory.instance.objectNode(), 50);

            SwapWatcher.Outcome o = new SwapWatcher(dead, venue.attempts, venue.clock, 1_500).sendAndWatch(attempt);

            assertThat(o.state()).isEqualTo(State.SENT);
            assertThat(o.error()).contains(SwapWatcher.UNREADABLE_POLLS_TO_LEAVE + " polls");
            assertThat(venue.attempts.of("0xi").get(0).state()).isEqualTo(State.SENT);
            assertThat(venue.sim.nowMs() - SolanaVenue.START_MS).isEqualTo(SwapWatcher.UNREADABLE_POLLS_TO_LEAVE
                    * 1_500L);
        }
    }

    @Test
    void onlyTheExactSlippageCodeClimbsTheLadder() {
        assertThat(SwapErrors.isSlippage("{\"InstructionError\":[2,{\"Custom\":6001}]}")).isTrue();
        assertThat(SwapErrors.isSlippage("{\"InstructionError\":[2,{\"Custom\":60010}]}")).isFalse();
        assertThat(SwapErrors.isSlippage("{\"InstructionError\":[2,{\"Custom\":6008}]}")).isFalse();
        assertThat(SwapErrors.isSlippage("custom program error: 0x1771")).isTrue();
        assertThat(SwapErrors.isSlippage(null)).isFalse();
        assertThat(SwapErrors.isStaleBlockhash("\"BlockhashNotFound\"")).isTrue();
    }
}
