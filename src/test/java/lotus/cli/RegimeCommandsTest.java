package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lotus.app.ConfigLoader;
import lotus.store.Database;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** regime import and regime status as an operator meets them: exit codes, what they print, rows written. */
class RegimeCommandsTest {

    private static final long D0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final long DAY = 86_400_000L;
    private static final String NL = System.lineSeparator();

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
        Files.writeString(p, "data_dir: " + dir.resolve("data") + "\n");
        return p;
    }

    private List<RegimeBar> stored(Path yaml, String driver, Timeframe tf) {
        try (Database db = Database.open(ConfigLoader.load(yaml, java.util.Map.of()).config().db().url(), 2)) {
            return new RegimeBars(db).bars(driver, tf, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    @Test
    void aGoodFileIsWrittenAsFlatBarsAndReImportingItChangesNothing() throws Exception {
        Path yaml = config();
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int i = 0; i < 340; i++) {
            // Epoch ms and ISO-8601 mixed, as files from different sources are.
            String time = i % 2 == 0 ? Long.toString(D0 + i * DAY) : java.time.Instant.ofEpochMilli(D0 + i * DAY)
                    .toString();
            csv.append(time).append(',').append("5").append(i % 10).append(".2").append(i % 7).append('\n');
        }
        Path file = dir.resolve("btcd.csv");
        Files.writeString(file, csv);

        Run first = lotus("--config", yaml.toString(), "regime", "import", "--driver", "btc.d", "--csv",
                file.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("imported btc.d 1d from btcd.csv: rows=340 written=340 rejected=0" + NL);
        List<RegimeBar> bars = stored(yaml, "btc.d", Timeframe.D1);
        assertThat(bars).hasSize(340);
        BigDecimal v = new BigDecimal("53.23");
        assertThat(bars.get(3)).isEqualTo(new RegimeBar("btc.d", Timeframe.D1, D0 + 3 * DAY, v, v, v, v,
                BigDecimal.ZERO, null, "import"));

        Run again = lotus("--config", yaml.toString(), "regime", "import", "--driver", "btc.d", "--csv",
                file.toString(), "--timeframe", "1d");
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(stored(yaml, "btc.d", Timeframe.D1)).isEqualTo(bars);

        Run status = lotus("--config", yaml.toString(), "regime", "status");
        assertThat(status.exit()).as(status.err()).isZero();
        // The engine's state on every imported bar (all closed long ago), as a replay gives it.
        lotus.engine.EngineTracker replay = new lotus.engine.EngineTracker();
        bars.forEach(b -> replay.advance(b.bar()));
        assertThat(replay.last().dormant()).isFalse();
        String state = replay.last().state().name() + (replay.last().flags().buyFlag() ? " buy_flag" : "");
        assertThat(status.out()).isEqualTo(
                "driver        tf     bars first                last                 engine" + NL
                + "btc.d         1d      340 2025-01-01T00:00:00Z 2025-12-06T00:00:00Z " + state + NL
                + "BTC (majors)   1d: no bars  1h: no bars  1m: no bars" + NL
                + "ALT (majors)   1d: no bars  1h: no bars  1m: no bars" + NL);
    }

    @Test
    void badRowsAreReportedWithTheirLineNumbersAndTheGoodOnesKept() throws Exception {
        Path yaml = config();
        Path file = dir.resolve("usdtd.csv");
        Files.writeString(file, String.join("\n",
                "time,value",
                "2025-01-01T00:00:00Z,4.10",
                "2025-01-02,4.20",
                "2025-01-02T00:00:00Z,4.25",
                "2025-01-03T12:00:00Z,4.3",
                "2025-01-04T00:00:00Z,-1",
                "2025-01-05T00:00:00Z,NaN",
                "yesterday,4.4",
                "2025-01-06T00:00:00Z",
                "",
                "1736294400000,4.5") + "\n");

        Run r = lotus("--config", yaml.toString(), "regime", "import", "--driver", "usdt.d", "--csv",
                file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(String.join(NL,
                "line 4 rejected: time 2025-01-02T00:00:00Z is not after line 3's 2025-01-02T00:00:00Z",
                "line 5 rejected: time 2025-01-03T12:00:00Z is not on a 1d boundary",
                "line 6 rejected: value -1 is not positive",
                "line 7 rejected: value 'NaN' is not a finite number",
                "line 8 rejected: time 'yesterday' is neither epoch seconds or milliseconds nor ISO-8601",
                "line 9 rejected: expected 2 columns (time,value), got 1",
                "imported usdt.d 1d from usdtd.csv: rows=9 written=3 rejected=6") + NL);
        assertThat(stored(yaml, "usdt.d", Timeframe.D1)).extracting(RegimeBar::openTimeMs, RegimeBar::close)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(D0, new BigDecimal("4.10")),
                        org.assertj.core.groups.Tuple.tuple(D0 + DAY, new BigDecimal("4.20")),
                        org.assertj.core.groups.Tuple.tuple(D0 + 7 * DAY, new BigDecimal("4.5")));

        Run status = lotus("--config", yaml.toString(), "regime", "status");
        assertThat(status.out()).contains(
                "usdt.d        1d        3 2025-01-01T00:00:00Z 2025-01-08T00:00:00Z dormant 3/333" + NL);
    }

    @Test
    void aWrongDriverOrTimeframeOrMissingFileIsOneLineAndExitTwo() throws Exception {
        Path yaml = config();
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "time,value\n");
        Run driver = lotus("--config", yaml.toString(), "regime", "import", "--driver", "eth.d", "--csv",
                file.toString());
        assertThat(driver.exit()).isEqualTo(2);
        assertThat(driver.err()).isEqualTo("lotus regime import: --driver must be one of btc.d, usdt.d, bucket.nano,"
                + " bucket.small, bucket.mid, bucket.big, got 'eth.d'" + NL);
        Run tf = lotus("--config", yaml.toString(), "regime", "import", "--driver", "btc.d", "--csv",
                file.toString(), "--timeframe", "2h");
        assertThat(tf.exit()).isEqualTo(2);
        assertThat(tf.err()).startsWith("lotus regime import: --timeframe").doesNotContain("Exception");
        Run missing = lotus("--config", yaml.toString(), "regime", "import", "--driver", "btc.d", "--csv",
                dir.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("is not a readable file").hasLineCount(1);
        Run empty = lotus("--config", yaml.toString(), "regime", "status");
        assertThat(empty.exit()).isZero();
        assertThat(empty.out()).startsWith("no regime bars yet");
    }
}
