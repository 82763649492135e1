package lotus.exec;

import lotus.pm.Executor;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lotus.risk.RiskGate;
import lotus.risk.RiskLimits;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.store.TradingState;
import lotus.store.TradingStates;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate in front of an executor: refusals send nothing, live buys go out scaled, outcomes feed the trips. */
class GatedExecutorTest {

    private static final OrderTicket TICKET = OrderTicket.unjournalled(OrderTicket.cloid(1, 0, DecisionType.ENTRY, 0));

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;
    TradingStates states;
    RiskGate gate;
    Position position;
    final List<Decision> sent = new ArrayList<>();

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, tempDir);
        clock = SimulatedClock.manual(1_767_268_800_000L);
        states = new TradingStates(db, clock);
        Positions positions = new Positions(db, clock);
        position = positions.insert(new NewPosition("ETH", "hyperliquid", "ETH", Timeframe.H1, "perps",
                new BigDecimal("6"), BigDecimal.ZERO));
        gate = new RiskGate(RiskLimits.defaults(), states, positions, clock, new BigDecimal("10000"));
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    private Executor answering(ExecutionResult.Status status, String reason, boolean dryRun) {
        return (d, p, t) -> {
            sent.add(d);
            boolean filled = status == ExecutionResult.Status.FILLED;
            return new ExecutionResult(status, d.type(), d.type().isBuy(), filled ? BigDecimal.ONE : BigDecimal.ZERO,
                    filled ? BigDecimal.TEN : null, filled ? BigDecimal.TEN : BigDecimal.ZERO, BigDecimal.ZERO, "0x1",
                    dryRun, reason, null);
        };
    }

    private static Decision entry(String notional) {
        return Decision.buy(DecisionType.ENTRY, new BigDecimal("0.5"), new BigDecimal(notional), List.of("s1"), 0);
    }

    @Test
    void aRefusalIsReturnedAsRefusedAndNothingIsSent() {
        GatedExecutor ex = new GatedExecutor(answering(ExecutionResult.Status.FILLED, null, true), gate, false);
        ExecutionResult r = ex.execute(entry("150"), position, TICKET);
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.REFUSED);
        assertThat(r.reason()).isEqualTo("max_order_notional_usd: 150.00 > 100");
        assertThat(r.filledAnything()).isFalse();
        assertThat(r.dryRun()).isTrue();
        assertThat(sent).isEmpty();
    }

    @Test
    void aLiveBuyGoesOutScaledAndADryOneUnchanged() {
        new GatedExecutor(answering(ExecutionResult.Status.FILLED, null, false), gate, true)
                .execute(entry("500"), position, TICKET);
        new GatedExecutor(answering(ExecutionResult.Status.FILLED, null, true), gate, false)
                .execute(entry("50"), position, TICKET);
        assertThat(sent).extracting(Decision::notionalUsd).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("50"), new BigDecimal("50"));
        assertThat(sent.get(0).sizeFrac()).isEqualByComparingTo("0.5");
        assertThat(sent.get(0).reasons()).containsExactly("s1");
    }

    @Test
    void unknownOutcomesInARowHaltTrading() {
        GatedExecutor ex = new GatedExecutor(answering(ExecutionResult.Status.UNKNOWN, "timeout", false), gate, true);
        for (int i = 0; i < 3; i++) {
            assertThat(ex.execute(entry("100"), position, TICKET).status()).isEqualTo(ExecutionResult.Status.UNKNOWN);
        }
        assertThat(states.current("global").state()).isEqualTo(TradingState.HALTED);
        assertThat(ex.execute(entry("100"), position, TICKET).status()).isEqualTo(ExecutionResult.Status.REFUSED);
        assertThat(sent).hasSize(3);
    }

    @Test
    void aLiveRejectionThatIsOurFaultHaltsButAMarketOneDoesNot() {
        new GatedExecutor(answering(ExecutionResult.Status.REJECTED,
                "Order could not immediately match against any resting orders", false), gate, true)
                .execute(entry("100"), position, TICKET);
        assertThat(states.current("global").state()).isEqualTo(TradingState.ACTIVE);
        new GatedExecutor(answering(ExecutionResult.Status.REJECTED, "Invalid nonce: duplicate nonce", false), gate,
                true).execute(entry("100"), position, TICKET);
        assertThat(states.current("global").state()).isEqualTo(TradingState.HALTED);
        assertThat(states.current("global").reason())
                .isEqualTo("own_fault_rejection: Invalid nonce: duplicate nonce");
    }
}
