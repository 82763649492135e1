package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import lotus.market.Bar;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** bars import, export and status as an operator meets them, on SQLite and PostgreSQL: output, exit codes, rows. */
class BarsCommandsTest {

    private static final long H0 = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final long HOUR = 3_600_000L;
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    private Database db;
    private Path yaml;

    private record Run(int exit, String out, String err) {
    }

    @AfterEach
    void dispose() {
        TestDatabases.dispose(db);
    }

    /** The test's own handle on a fresh database, and a config pointing the command line at the same one. */
    private void open(TestDatabases.Kind kind) throws Exception {
        String url;
        if (kind == TestDatabases.Kind.POSTGRESQL) {
            String schema = "b_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            db = Database.open(TestDatabases.postgresUrl(), 2, schema);
            url = TestDatabases.postgresUrl() + "&currentSchema=" + schema;
        } else {
            url = "jdbc:sqlite:" + dir.resolve("bars.db");
            db = Database.open(url, 2);
        }
        db.migrate();
        yaml = dir.resolve("lotus.yaml");
        Files.writeString(yaml, "data_dir: " + dir.resolve("data") + "\ndb:\n  url: \"" + url + "\"\n");
    }

    private Run lotus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--config", yaml.toString()));
        all.addAll(List.of(args));
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private List<Bar> stored(PriceTable table, String token, String chain, Timeframe tf) {
        List<Bar> out = new ArrayList<>();
        new PriceDataReader(db).forEachBar(table, token, chain, tf, Long.MIN_VALUE, Long.MAX_VALUE, out::add);
        return out;
    }

    private Path write(String name, String... lines) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private static Bar bar(long timeMs, String o, String h, String l, String c, String v) {
        return new Bar("ETH", "hyperliquid", Timeframe.H1, timeMs, new BigDecimal(o), new BigDecimal(h),
                new BigDecimal(l), new BigDecimal(c), new BigDecimal(v), 0);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aHeaderedFileIsReadBackExactlyAndReImportingWritesTheSameRows(TestDatabases.Kind kind) throws Exception {
        open(kind);
        // Columns in another order, an extra one, and times as epoch ms, epoch s, ISO instant and local date-time.
        Path file = write("eth.csv",
                "Volume,Close,Low,High,Open,trades,timestamp",
                "12.50,3300.10,3290.00,3310.5,3300.00,7," + H0,
                "0,3301.2,3299,3305,3300.10,0," + (H0 + HOUR) / 1000,
                "",
                "1.000000001,3302,3301.20,3302.00000,3301.2,3,2025-01-01T02:00:00Z",
                "2,3300,3299.5,3302.5,3302,1,2025-01-01 03:00:00");

        Run first = lotus("bars", "import", "--csv", file.toString(), "--chain", "hyperliquid", "--token", "ETH",
                "--timeframe", "1h");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("imported ETH hyperliquid 1h into hyperliquid_price_data_ohlc from eth.csv:"
                + " rows=4 written=4 rejected=0 gaps=0" + NL);
        List<Bar> expected = List.of(
                bar(H0, "3300.00", "3310.5", "3290.00", "3300.10", "12.50"),
                bar(H0 + HOUR, "3300.10", "3305", "3299", "3301.2", "0"),
                bar(H0 + 2 * HOUR, "3301.2", "3302.00000", "3301.20", "3302", "1.000000001"),
                bar(H0 + 3 * HOUR, "3302", "3302.5", "3299.5", "3300", "2"));
        // equals, not compareTo: the decimals come back with the scale they were written with.
        assertThat(stored(PriceTable.HYPERLIQUID, "ETH", "hyperliquid", Timeframe.H1)).isEqualTo(expected);

        Run again = lotus("bars", "import", "--csv", file.toString(), "--chain", "hyperliquid", "--token", "ETH",
                "--timeframe", "1h", "--table", "hyperliquid");
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(stored(PriceTable.HYPERLIQUID, "ETH", "hyperliquid", Timeframe.H1)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void everyBadRowIsRejectedWithItsLineNumberAndGapsAreCounted(TestDatabases.Kind kind) throws Exception {
        open(kind);
        Path file = write("bad.csv",
                "open_time,open,high,low,close,volume",
                H0 + ",10,11,9,10.5,100",
                (H0 + HOUR) + ",10,11,9",
                "yesterday,10,11,9,10.5,100",
                (H0 + 2 * HOUR) + ",ten,11,9,10.5,100",
                (H0 + 2 * HOUR) + ",0,11,0,10.5,100",
                (H0 + 2 * HOUR) + ",10,11,-9,10.5,100",
                (H0 + 2 * HOUR) + ",10,11,9,10.5,-1",
                (H0 + 2 * HOUR) + ",10,10.4,9,10.5,100",
                (H0 + 2 * HOUR) + ",8,11,9,10.5,100",
                (H0 + 2 * HOUR + 60_000) + ",10,11,9,10.5,100",
                H0 + ",10,11,9,10.5,100",
                (H0 + 3 * HOUR) + ",10,11,9,10.5,100",
                (H0 + 4 * HOUR) + ",10,11,9,10.5,100",
                (H0 + 9 * HOUR) + ",10,11,9,10.5,100");

        Run r = lotus("bars", "import", "--csv", file.toString(), "--chain", "solana", "--token", "So1Mint",
                "--timeframe", "1h");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(String.join(NL,
                "line 3 rejected: expected at least 6 columns, got 4",
                "line 4 rejected: time 'yesterday' is neither epoch seconds or milliseconds nor ISO-8601",
                "line 5 rejected: open 'ten' is not a number",
                "line 6 rejected: open 0 is not positive",
                "line 7 rejected: low -9 is not positive",
                "line 8 rejected: volume -1 is negative",
                "line 9 rejected: low 9 and high 10.4 do not hold open 10 and close 10.5",
                "line 10 rejected: low 9 and high 11 do not hold open 8 and close 10.5",
                "line 11 rejected: time 2025-01-01T02:01:00Z is not on a 1h boundary",
                "line 12 rejected: time 2025-01-01T00:00:00Z is not after line 2's 2025-01-01T00:00:00Z",
                "gap: 2 bars missing between 2025-01-01T00:00:00Z and 2025-01-01T03:00:00Z",
                "gap: 4 bars missing between 2025-01-01T04:00:00Z and 2025-01-01T09:00:00Z",
                "imported So1Mint solana 1h into lowcap_price_data_ohlc from bad.csv: rows=14 written=4 rejected=10"
                        + " gaps=6") + NL);
        assertThat(stored(PriceTable.LOWCAP, "So1Mint", "solana", Timeframe.H1)).extracting(Bar::openTimeMs)
                .containsExactly(H0, H0 + 3 * HOUR, H0 + 4 * HOUR, H0 + 9 * HOUR);

        Run status = lotus("bars", "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).isEqualTo(String.join(NL,
                "table       token        chain       tf  first                last                     bars   gaps",
                "lowcap      So1Mint      solana      1h  2025-01-01T00:00:00Z 2025-01-01T09:00:00Z        4      6")
                + NL);
    }

    /** Binance's kline layout: open time, OHLCV, close time, quote volume, trades, taker base, taker quote, ignore. */
    private static String binanceKlines(long seed, Timeframe tf, long startMs, int n) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder();
        long price = 4_200_000_000L; // cents * 1e4, so every value has Binance's eight decimals
        for (int i = 0; i < n; i++) {
            long open = price;
            long close = Math.max(1_000_000, open + random.nextLong(-40_000_000, 40_000_001));
            long high = Math.max(open, close) + random.nextLong(0, 10_000_000);
            long low = Math.max(1, Math.min(open, close) - random.nextLong(0, 10_000_000));
            String volume = new BigDecimal(random.nextLong(0, 100_000_000_000L)).movePointLeft(8).toPlainString();
            long t = startMs + i * tf.durationMs();
            sb.append(t).append(',').append(dec(open)).append(',').append(dec(high)).append(',').append(dec(low))
                    .append(',').append(dec(close)).append(',').append(volume).append(',')
                    .append(t + tf.durationMs() - 1).append(",123456.78901234,").append(random.nextInt(5000))
                    .append(",1.00000000,4200.00000000,0\n");
            price = close;
        }
        return sb.toString();
    }

    private static String dec(long scaled) {
        return BigDecimal.valueOf(scaled, 8).toPlainString();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aBinanceKlineExportRoundTripsExactlyThroughImportAndExport(TestDatabases.Kind kind) throws Exception {
        open(kind);
        long seed = 20_250_101L;
        String klines = binanceKlines(seed, Timeframe.H1, H0, 500);
        Path file = dir.resolve("BTCUSDT-1h-2025-01.csv");
        Files.writeString(file, klines);

        Run in = lotus("bars", "import", "--csv", file.toString(), "--chain", "hyperliquid", "--token", "BTC",
                "--timeframe", "1h", "--table", "majors");
        assertThat(in.exit()).as(in.err()).isZero();
        assertThat(in.out()).isEqualTo("imported BTC hyperliquid 1h into majors_price_data_ohlc from "
                + "BTCUSDT-1h-2025-01.csv: rows=500 written=500 rejected=0 gaps=0" + NL);

        StringBuilder expected = new StringBuilder("open_time,open,high,low,close,volume\n");
        for (String line : klines.split("\n")) {
            String[] c = line.split(",");
            expected.append(String.join(",", c[0], c[1], c[2], c[3], c[4], c[5])).append('\n');
        }
        Path out = dir.resolve("out.csv");
        Run export = lotus("bars", "export", "--chain", "hyperliquid", "--token", "BTC", "--timeframe", "1h",
                "--table", "majors", "--out", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).isEqualTo("exported BTC hyperliquid 1h from majors_price_data_ohlc to " + out
                + ": bars=500" + NL);
        assertThat(Files.readString(out)).as("seed %d", seed).isEqualTo(expected.toString());

        // The export imports again as it is, and a window goes to stdout: from inclusive, to exclusive.
        Run back = lotus("bars", "import", "--csv", out.toString(), "--chain", "hyperliquid", "--token", "BTC",
                "--timeframe", "1h", "--table", "majors");
        assertThat(back.out()).endsWith("rows=500 written=500 rejected=0 gaps=0" + NL);
        Run window = lotus("bars", "export", "--chain", "hyperliquid", "--token", "BTC", "--timeframe", "1h",
                "--table", "majors", "--from", "2025-01-01T01:00:00Z", "--to", Long.toString(H0 + 3 * HOUR));
        String[] lines = expected.toString().split("\n");
        assertThat(window.out()).isEqualTo(lines[0] + "\n" + lines[2] + "\n" + lines[3] + "\n");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void statusGivesEachTableTokenAndTimeframeItsFirstLastCountAndGaps(TestDatabases.Kind kind) throws Exception {
        open(kind);
        Path btc = dir.resolve("btc.csv");
        Files.writeString(btc, binanceKlines(1, Timeframe.D1, H0, 10));
        Path eth = write("eth.csv", "date,open,high,low,close,volume",
                "2025-01-01,1,1,1,1,0", "2025-01-02,1,1,1,1,0", "2025-01-05,1,1,1,1,0", "2025-01-31,1,1,1,1,0");
        Path hype = write("hype.csv", "time,open,high,low,close,volume", "1735689600,2,2,2,2,1",
                "1735689900,2,2,2,2,1", "1735690500,2,2,2,2,1");
        assertThat(lotus("bars", "import", "--csv", btc.toString(), "--chain", "hyperliquid", "--token", "BTC",
                "--timeframe", "1d", "--table", "majors").exit()).isZero();
        assertThat(lotus("bars", "import", "--csv", eth.toString(), "--chain", "hyperliquid", "--token", "ETH",
                "--timeframe", "1d", "--table", "majors").exit()).isZero();
        assertThat(lotus("bars", "import", "--csv", hype.toString(), "--chain", "hyperliquid", "--token", "HYPE",
                "--timeframe", "5m").exit()).isZero();

        Run status = lotus("bars", "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).isEqualTo(String.join(NL,
                "table       token        chain       tf  first                last                     bars   gaps",
                "hyperliquid HYPE         hyperliquid 5m  2025-01-01T00:00:00Z 2025-01-01T00:15:00Z        3      1",
                "majors      BTC          hyperliquid 1d  2025-01-01T00:00:00Z 2025-01-10T00:00:00Z       10      0",
                "majors      ETH          hyperliquid 1d  2025-01-01T00:00:00Z 2025-01-31T00:00:00Z        4     27")
                + NL);
    }

    @Test
    void aLargeFileReportsProgressEveryHundredThousandRows() throws Exception {
        open(TestDatabases.Kind.SQLITE);
        Path file = dir.resolve("big.csv");
        Files.writeString(file, binanceKlines(7, Timeframe.M1, H0, 100_001));
        Run r = lotus("bars", "import", "--csv", file.toString(), "--chain", "hyperliquid", "--token", "BTC",
                "--timeframe", "1m");
        assertThat(r.exit()).as(r.err()).isZero();
        // The progress line counts bars upserted so far, in batches of 10,000.
        assertThat(r.out()).isEqualTo("... 100000 rows read, 90000 written" + NL
                + "imported BTC hyperliquid 1m into hyperliquid_price_data_ohlc from big.csv: rows=100001"
                + " written=100001 rejected=0 gaps=0" + NL);
        assertThat(stored(PriceTable.HYPERLIQUID, "BTC", "hyperliquid", Timeframe.M1)).hasSize(100_001);
    }

    @Test
    void binanceMicrosecondTimesAndASpreadsheetsByteOrderMarkAreRead() throws Exception {
        open(TestDatabases.Kind.SQLITE);
        // Binance's spot archives give microseconds from 2025 on.
        Path micros = write("micros.csv",
                H0 + "000,1.5,2,1,1.75,10," + (H0 + HOUR - 1) + "999,0,1,0,0,0",
                (H0 + HOUR) + "000,1.75,2,1,1.25,20," + (H0 + 2 * HOUR - 1) + "999,0,1,0,0,0");
        Run r = lotus("bars", "import", "--csv", micros.toString(), "--chain", "hyperliquid", "--token", "SOL",
                "--timeframe", "1h");
        assertThat(r.out()).endsWith("rows=2 written=2 rejected=0 gaps=0" + NL);
        assertThat(stored(PriceTable.HYPERLIQUID, "SOL", "hyperliquid", Timeframe.H1)).extracting(Bar::openTimeMs)
                .containsExactly(H0, H0 + HOUR);
        Path bom = write("bom.csv", "\uFEFFdate,open,high,low,close,volume", "2025-01-01,1,1,1,1,0");
        Run b = lotus("bars", "import", "--csv", bom.toString(), "--chain", "hyperliquid", "--token", "SOL",
                "--timeframe", "1d");
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out()).endsWith("rows=1 written=1 rejected=0 gaps=0" + NL);
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() throws Exception {
        open(TestDatabases.Kind.SQLITE);
        Path good = write("x.csv", "open_time,open,high,low,close,volume");
        String[] series = {"--chain", "hyperliquid", "--token", "BTC"};
        Run missing = lotus(join(new String[] {"bars", "import", "--csv", dir.resolve("nope.csv").toString(),
            "--timeframe", "1h"}, series));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("lotus bars import: --csv " + dir.resolve("nope.csv")
                + " is not a readable file" + NL);
        Run tf = lotus(join(new String[] {"bars", "import", "--csv", good.toString(), "--timeframe", "2h"}, series));
        assertThat(tf.exit()).isEqualTo(2);
        assertThat(tf.err()).isEqualTo("lotus bars import: --timeframe unknown timeframe '2h'; accepted: 1m, 5m, 15m,"
                + " 1h, 4h, 1d" + NL);
        Run table = lotus(join(new String[] {"bars", "export", "--timeframe", "1h", "--table", "regime"}, series));
        assertThat(table.exit()).isEqualTo(2);
        assertThat(table.err()).isEqualTo("lotus bars export: --table must be hyperliquid, majors or lowcap, got"
                + " 'regime'" + NL);
        Run from = lotus(join(new String[] {"bars", "export", "--timeframe", "1h", "--from", "soon"}, series));
        assertThat(from.exit()).isEqualTo(2);
        assertThat(from.err()).isEqualTo("lotus bars export: --from time 'soon' is neither epoch seconds or"
                + " milliseconds nor ISO-8601" + NL);
        Path noVolume = write("nv.csv", "time,open,high,low,close", "1735689600000,1,1,1,1");
        Run header = lotus(join(new String[] {"bars", "import", "--csv", noVolume.toString(), "--timeframe", "1h"},
                series));
        assertThat(header.exit()).isEqualTo(2);
        assertThat(header.err()).isEqualTo("lotus bars import: nv.csv: the header has no 'volume' column" + NL);
        Path empty = write("empty.csv", "");
        Run nothing = lotus(join(new String[] {"bars", "import", "--csv", empty.toString(), "--timeframe", "1h"},
                series));
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).isEqualTo("lotus bars import: " + empty + " is empty" + NL);

        // Not a usage error, but nothing good in the file: exit 1 after the rejections and the summary.
        Path allBad = write("bad.csv", "open_time,open,high,low,close,volume", "1735689600001,1,1,1,1,0");
        Run bad = lotus(join(new String[] {"bars", "import", "--csv", allBad.toString(), "--timeframe", "1h"},
                series));
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).isEqualTo("line 2 rejected: time 2025-01-01T00:00:00.001Z is not on a 1h boundary" + NL
                + "imported BTC hyperliquid 1h into hyperliquid_price_data_ohlc from bad.csv: rows=1 written=0"
                + " rejected=1 gaps=0" + NL);
        Run status = lotus("bars", "status");
        assertThat(status.out()).isEqualTo("no bars yet: lotus ingest writes them, lotus bars import loads a file"
                + NL);
    }

    @Test
    void fetchWritesEachCoinsClosedCandlesFromTheConfiguredVenue() throws Exception {
        open(TestDatabases.Kind.SQLITE);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(9).withHistoryMinutes(600), Clock.system(), 0)) {
            Files.writeString(yaml, Files.readString(yaml) + "hyperliquid:\n  network: local\n  rest_url: \""
                    + sim.restUrl() + "\"\n");
            Run r = lotus("bars", "fetch", "--tokens", "BTC,ETH", "--timeframe", "1h", "--table", "majors");
            assertThat(r.exit()).as(r.err()).isZero();
            String[] lines = r.out().split(NL);
            assertThat(lines).hasSize(3);
            for (int i = 0; i < 2; i++) {
                String coin = i == 0 ? "BTC" : "ETH";
                List<Bar> bars = stored(PriceTable.MAJORS, coin, "hyperliquid", Timeframe.H1);
                assertThat(bars).hasSizeBetween(9, 11);
                // One page with the candles, and the empty one before the venue's oldest that ends the walk.
                assertThat(lines[i]).isEqualTo("fetched " + coin + " 1h into majors_price_data_ohlc: bars="
                        + bars.size() + " pages=2 from " + java.time.Instant.ofEpochMilli(bars.getFirst().openTimeMs())
                        + " to " + java.time.Instant.ofEpochMilli(bars.getLast().openTimeMs()));
            }
            assertThat(lines[2]).matches("weight spent=\\d+ \\(budget 1100 a minute\\), waits for room=0, retries=0");
        }
        Run table = lotus("bars", "fetch", "--tokens", "BTC", "--timeframe", "1h", "--table", "lowcap");
        assertThat(table.exit()).isEqualTo(2);
        assertThat(table.err()).isEqualTo("lotus bars fetch: --table must be hyperliquid or majors, got 'lowcap'" + NL);
        Run days = lotus("bars", "fetch", "--tokens", "BTC", "--timeframe", "1h", "--days", "0");
        assertThat(days.exit()).isEqualTo(2);
        assertThat(days.err()).isEqualTo("lotus bars fetch: --days must be positive, got 0" + NL);
    }

    private static String[] join(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
