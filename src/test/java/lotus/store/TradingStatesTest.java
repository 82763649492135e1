package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** trading_states and risk_equity_peaks on SQLite and PostgreSQL, including across a reopen of the database. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class TradingStatesTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    String schema;
    Database db;
    SimulatedClock clock;

    @BeforeEach
    void open() {
        schema = "t_risk_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                .toLowerCase(Locale.ROOT);
        db = openDatabase();
        db.migrate();
        clock = SimulatedClock.manual(T0);
    }

    /** The same database each time: a fixed SQLite file, or a fixed PostgreSQL schema. */
    private Database openDatabase() {
        return switch (kind) {
            case SQLITE -> Database.open("jdbc:sqlite:" + tempDir.resolve("risk.db"), 2);
            case POSTGRESQL -> Database.open(TestDatabases.postgresUrl(), 2, schema);
        };
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    @Test
    void aScopeWithoutARowIsActive() {
        TradingStates states = new TradingStates(db, clock);
        assertThat(states.current("global")).isEqualTo(ScopeState.implicitActive("global"));
        assertThat(states.effective("perps")).isEqualTo(TradingState.ACTIVE);
        assertThat(states.all()).isEmpty();
    }

    @Test
    void setIsAnUpsertAndAllListsGlobalFirst() {
        TradingStates states = new TradingStates(db, clock);
        states.set("spot", TradingState.REDUCING, "account_drift: ETH", "risk_gate");
        states.set("global", TradingState.HALTED, "maintenance", "operator");
        clock.advanceMs(5_000);
        states.set("spot", TradingState.ACTIVE, null, "operator");
        assertThat(states.all()).containsExactly(
                new ScopeState("global", TradingState.HALTED, "maintenance", T0, "operator"),
                new ScopeState("spot", TradingState.ACTIVE, null, T0 + 5_000, "operator"));
    }

    @Test
    void aBookTradesUnderTheStricterOfGlobalAndItsOwnState() {
        TradingStates states = new TradingStates(db, clock);
        states.set("perps", TradingState.REDUCING, "daily loss", "risk_gate");
        assertThat(states.effective("perps")).isEqualTo(TradingState.REDUCING);
        assertThat(states.effective("spot")).isEqualTo(TradingState.ACTIVE);
        states.set("global", TradingState.HALTED, "stop", "operator");
        assertThat(states.effective("perps")).isEqualTo(TradingState.HALTED);
        assertThat(states.effective("spot")).isEqualTo(TradingState.HALTED);
        states.set("global", TradingState.ACTIVE, null, "operator");
        assertThat(states.effective("perps")).isEqualTo(TradingState.REDUCING);
    }

    @Test
    void aStateWrittenByAnotherInstanceIsReadAtOnce() {
        TradingStates mine = new TradingStates(db, clock);
        assertThat(mine.effective("spot")).isEqualTo(TradingState.ACTIVE);
        new TradingStates(db, clock).set("global", TradingState.HALTED, "operator halt", "operator");
        assertThat(mine.effective("spot")).isEqualTo(TradingState.HALTED);
    }

    @Test
    void statesAndPeaksSurviveReopeningTheDatabase() {
        TradingStates states = new TradingStates(db, clock);
        states.set("social", TradingState.HALTED, "own_fault_rejection: Invalid nonce", "risk_gate");
        states.raiseEquityPeak("social", new BigDecimal("10250.5"));
        db.close();
        db = openDatabase();
        TradingStates reopened = new TradingStates(db, clock);
        assertThat(reopened.current("social")).isEqualTo(
                new ScopeState("social", TradingState.HALTED, "own_fault_rejection: Invalid nonce", T0, "risk_gate"));
        assertThat(reopened.equityPeak("social")).hasValueSatisfying(
                p -> assertThat(p).isEqualByComparingTo("10250.5"));
    }

    @Test
    void theEquityPeakOnlyRises() {
        TradingStates states = new TradingStates(db, clock);
        assertThat(states.equityPeak("spot")).isEmpty();
        assertThat(states.raiseEquityPeak("spot", new BigDecimal("10000"))).isEqualByComparingTo("10000");
        assertThat(states.raiseEquityPeak("spot", new BigDecimal("9999.99"))).isEqualByComparingTo("10000");
        assertThat(states.raiseEquityPeak("spot", new BigDecimal("10000.01"))).isEqualByComparingTo("10000.01");
        assertThat(states.equityPeak("spot")).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("10000.01"));
        assertThat(states.equityPeak("perps")).isEmpty();
    }
}
