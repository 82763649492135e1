package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import lotus.store.Database;
import lotus.store.TraderLock;
import lotus.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes and what it prints. */
class MainTest {

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

    private Path config(String yaml) throws Exception {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void helpListsEveryCommandWithADescription() {
        Run r = lotus("--help");
        assertThat(r.exit()).isZero();
        for (String command : List.of("config", "db", "bench", "test", "help")) {
            assertThat(r.out()).containsPattern("(?m)^  " + command + "\\s+\\S");
        }
        assertThat(lotus("db", "--help").out()).contains("migrate").contains("status");
        assertThat(lotus("bench", "--help").out()).contains("rollup").contains("store");
    }

    @Test
    void dbMigrateCreatesTheEmbeddedDatabaseWithEveryTable() throws Exception {
        Path yaml = config("data_dir: " + dir.resolve("data") + "\n");
        Run migrate = lotus("--config", yaml.toString(), "db", "migrate");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("applied 13 migration(s); schema is at version 13");
        Path file = dir.resolve("data/lotus.db");
        assertThat(file).exists();

        List<String> tables = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
                var rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("hyperliquid_price_data_ohlc", "majors_price_data_ohlc", "lowcap_price_data_ohlc",
                "majors_trades_ticks", "lowcap_positions", "ad_strands", "order_journal", "learning_lessons",
                "learning_timeframes", "learning_cursor", "lowcap_price_data_1m");

        Run again = lotus("--config", yaml.toString(), "db", "migrate");
        assertThat(again.out()).contains("applied 0 migration(s)");
        Run status = lotus("--config", yaml.toString(), "db", "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).containsPattern("(?m)^1\\s+initial schema\\s+Success")
                .containsPattern("(?m)^2\\s+learning\\s+Success");
    }

    @Test
    void configPrintsEffectiveValuesWithTheirSource() throws Exception {
        Path yaml = config("hyperliquid:\n  network: testnet\n");
        Run r = lotus("--config", yaml.toString(), "config");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("# configuration file: " + yaml)
                .containsPattern("hyperliquid.network\\s+= testnet   \\(file\\)")
                .containsPattern("hyperliquid.private_key\\s+= \\(not set\\)");
    }

    @Test
    void brokenConfigurationIsOneLineAndExitTwo() throws Exception {
        Path yaml = config("hyperliquid:\n  network: moon\n");
        Run r = lotus("--config", yaml.toString(), "config");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lotus: configuration error: hyperliquid.network (HL_NETWORK): 'moon' is "
                + "not accepted; accepted: mainnet, testnet, local");
    }

    @Test
    void aTickIsRefusedWhileAnotherProcessHoldsTheTraderLockEvenADryRun() throws Exception {
        Path yaml = config("data_dir: " + dir.resolve("data") + "\n");
        Path file = dir.resolve("data/lotus.db");
        try (Database db = Database.open("jdbc:sqlite:" + file, 1);
                TraderLock held = TraderLock.acquire(db, Clock.fixed(Instant.parse("2026-12-03T08:00:00Z").toEpochMilli()))) {
            Run r = lotus("--config", yaml.toString(), "tick", "--timeframe", "1h");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).matches("lotus: another trading process holds " + Pattern.quote(file.toString())
                    + " \\(pid " + ProcessHandle.current().pid() + " on host \\S+ since 2026-12-03T08:00:00Z\\); "
                    + "stop it first\\R");
            // A dry run writes paper fills into the same rows: it waits its turn too, and says so at once.
            Run dry = lotus("--config", yaml.toString(), "tick", "--timeframe", "1h", "--dry-run");
            assertThat(dry.exit()).isEqualTo(1);
            assertThat(dry.err()).startsWith("lotus: another trading process holds ");
        }
    }

    @Test
    void testFromTheJarPointsToTheLauncher() {
        Run r = lotus("test");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("use ./lotus test");
    }
}
