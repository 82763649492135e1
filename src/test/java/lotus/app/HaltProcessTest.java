package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lotus.risk.OrderRequest;
import lotus.risk.RiskGate;
import lotus.risk.RiskLimits;
import lotus.risk.Verdict;
import lotus.store.Database;
import lotus.store.Positions;
import lotus.store.TradingStates;
import lotus.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lotus halt} and {@code lotus resume} from another process reach a trading process's gate at its next order:
 * the state is read from the database at every check, and it outlives both processes.
 */
class HaltProcessTest {

    @TempDir
    Path dir;

    private static final OrderRequest BUY = new OrderRequest("hyperliquid", "perps", "ETH", 1L, true, "entry",
            new BigDecimal("50"), false, BigDecimal.ZERO);
    private static final OrderRequest EXIT = new OrderRequest("hyperliquid", "perps", "ETH", 1L, false,
            "emergency_exit", null, false, BigDecimal.ONE);

    @Test
    void aHaltFromAnotherProcessStopsTheNextOrderAndResumeStartsItAgain() throws Exception {
        Path dbFile = dir.resolve("lotus.db");
        Path config = dir.resolve("lotus.yaml");
        Files.writeString(config, "db:\n  url: \"jdbc:sqlite:" + dbFile + "\"\nhyperliquid:\n  network: local\n",
                StandardCharsets.UTF_8);
        Database db = Database.open("jdbc:sqlite:" + dbFile, 2);
        try {
            db.migrate();
            RiskGate gate = new RiskGate(RiskLimits.defaults(), new TradingStates(db, Clock.system()),
                    new Positions(db, Clock.system()), Clock.system(), new BigDecimal("10000"));
            assertThat(gate.check(BUY).passed()).isTrue();

            ChildLotus.Ran halt = ChildLotus.run(dir.resolve("halt.log"), null, Map.of(), "--config",
                    config.toString(), "halt", "--book", "perps", "--reason", "fills look wrong");
            assertThat(halt.exitCode()).as(halt.output()).isZero();
            Verdict refused = gate.check(EXIT);
            assertThat(refused.passed()).isFalse();
            assertThat(refused.reason()).isEqualTo("trading_state: halted refuses every order (perps: fills look wrong)");

            ChildLotus.Ran resume = ChildLotus.run(dir.resolve("resume.log"), null, Map.of(), "--config",
                    config.toString(), "resume", "--book", "perps");
            assertThat(resume.exitCode()).as(resume.output()).isZero();
            assertThat(gate.check(EXIT).passed()).isTrue();
            assertThat(gate.check(BUY).passed()).isTrue();

            // Halted again by another process, the state outlives this one: a new gate on a reopened database obeys it.
            assertThat(ChildLotus.run(dir.resolve("halt2.log"), null, Map.of(), "--config", config.toString(),
                    "halt", "--reason", "going to bed").exitCode()).isZero();
        } finally {
            db.close();
        }
        Database again = Database.open("jdbc:sqlite:" + dbFile, 2);
        try {
            RiskGate gate = new RiskGate(RiskLimits.defaults(), new TradingStates(again, Clock.system()),
                    new Positions(again, Clock.system()), Clock.system(), new BigDecimal("10000"));
            assertThat(gate.check(BUY).reason()).isEqualTo("trading_state: halted refuses every order (global: going"
                    + " to bed)");
        } finally {
            again.close();
        }
    }
}
