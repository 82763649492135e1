package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import lotus.store.Database;
import lotus.store.TradingState;
import lotus.store.TradingStates;
import lotus.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** halt, resume and risk as an operator meets them, against the configured (temporary) database. */
class RiskCommandsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run lotus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path config() throws Exception {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, "data_dir: " + dir.resolve("data") + "\nrisk:\n  max_order_notional_usd: 50\n");
        return p;
    }

    private TradingState stored(String scope) {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("data").resolve("lotus.db"), 1)) {
            return new TradingStates(db, Clock.system()).current(scope).state();
        }
    }

    @Test
    void haltAndResumeWriteTheStateThatRiskShows() throws Exception {
        String yaml = config().toString();
        Run halt = lotus("--config", yaml, "halt", "--reason", "venue maintenance");
        assertThat(halt.exit()).as(halt.err()).isZero();
        assertThat(halt.out()).isEqualTo("global halted: venue maintenance" + System.lineSeparator());
        assertThat(stored("global")).isEqualTo(TradingState.HALTED);

        Run book = lotus("--config", yaml, "halt", "--book", "perps", "--reason", "drift");
        assertThat(book.out()).isEqualTo("perps halted: drift" + System.lineSeparator());

        Run risk = lotus("--config", yaml, "risk");
        assertThat(risk.exit()).as(risk.err()).isZero();
        assertThat(risk.out()).containsPattern("global +halted +since \\S+ by operator: venue maintenance")
                .containsPattern("perps +halted +since \\S+ by operator: drift")
                .containsPattern("max_order_notional_usd +50\\R")
                .containsPattern("live_scale +0.1\\R")
                .containsPattern("perps +0.00 +0 +0.00 +10000.00 +- +0.00");

        Run resumeBook = lotus("--config", yaml, "resume", "--book", "perps");
        assertThat(resumeBook.out()).isEqualTo("perps active" + System.lineSeparator()
                + "perps still trades as halted: see lotus risk" + System.lineSeparator());
        Run resume = lotus("--config", yaml, "resume");
        assertThat(resume.out()).isEqualTo("global active" + System.lineSeparator());
        assertThat(stored("global")).isEqualTo(TradingState.ACTIVE);
        assertThat(stored("perps")).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void haltNeedsAReason() throws Exception {
        Run run = lotus("--config", config().toString(), "halt");
        assertThat(run.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("Missing required option: '--reason=TEXT'");
    }
}
