package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Optional;
import lotus.time.RateBudget;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.info.UserRole;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live start's signer check against the simulator's userRole. */
class AgentCheckTest {

    private static final String MASTER = "0x14791697260e4c9a71f18484c9f997b308e59325";
    private static final String AGENT = "0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901";
    private static final String OTHER = "0x00000000000000000000000000000000000000cc";
    private static final String STRANGER = "0x00000000000000000000000000000000000000dd";

    private HlSimulator sim;
    private HlInfoClient info;

    @BeforeEach
    void start() {
        SimulatedClock clock = SimulatedClock.manual(1_767_571_200_000L);
        sim = HlSimulator.start(SimConfig.defaults(12).withHistoryMinutes(10), clock, 0);
        sim.exchange().fundUsdc(MASTER, new BigDecimal("100"));
        sim.exchange().fundUsdc(OTHER, new BigDecimal("100"));
        sim.exchange().approveAgent(AGENT, MASTER);
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), new RateBudget("w", 1200, clock), clock);
    }

    @AfterEach
    void stop() {
        info.close();
        sim.close();
    }

    @Test
    void anAgentWithoutAConfiguredMasterTradesForTheMasterTheVenueNames() {
        AgentCheck.Resolved r = AgentCheck.resolveMaster(info, AGENT.toUpperCase().replace("0X", "0x"),
                Optional.empty());
        assertThat(r.master()).isEqualTo(MASTER);
        assertThat(r.role()).isEqualTo(new UserRole(UserRole.Kind.AGENT, MASTER));
        assertThat(r.note()).isEqualTo("signer " + AGENT + " is an agent of " + MASTER
                + "; no account configured, trading for " + MASTER);
        assertThat(AgentCheck.resolveMaster(info, AGENT, Optional.of(MASTER.toUpperCase().replace("0X", "0x")))
                .master()).isEqualTo(MASTER);
    }

    @Test
    void anAgentOfAnotherMasterIsRefusedNamingBothAddresses() {
        assertThatThrownBy(() -> AgentCheck.resolveMaster(info, AGENT, Optional.of(OTHER)))
                .isInstanceOf(AgentCheck.Refused.class)
                .hasMessage("signer " + AGENT + " is an agent of " + MASTER + ", not of the configured account "
                        + OTHER + "; refusing to start");
    }

    @Test
    void aPlainUserTradesForItselfAndAnUnknownSignerIsRefused() {
        AgentCheck.Resolved r = AgentCheck.resolveMaster(info, MASTER, Optional.empty());
        assertThat(r.master()).isEqualTo(MASTER);
        assertThat(r.role().kind()).isEqualTo(UserRole.Kind.USER);
        assertThat(AgentCheck.resolveMaster(info, MASTER, Optional.of(MASTER)).master()).isEqualTo(MASTER);
        assertThatThrownBy(() -> AgentCheck.resolveMaster(info, OTHER, Optional.of(MASTER)))
                .isInstanceOf(AgentCheck.Refused.class).hasMessageContaining(OTHER).hasMessageContaining(MASTER);
        assertThatThrownBy(() -> AgentCheck.resolveMaster(info, STRANGER, Optional.empty()))
                .isInstanceOf(AgentCheck.Refused.class)
                .hasMessageStartingWith("signer " + STRANGER + " is unknown to the venue (userRole missing)");
    }
}
