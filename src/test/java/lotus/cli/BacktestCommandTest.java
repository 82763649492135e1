package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import lotus.app.BacktestPng;
import lotus.app.BacktestTest;
import lotus.app.ConfigLoader;
import lotus.market.Bar;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lotus backtest --out DIR} as an operator meets it: what it prints, and the report and chart it writes. */
class BacktestCommandTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final MathContext MC = new MathContext(34);

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

    @Test
    void theReportShowsWhatTheTerminalPrintedWithChartsTradesAndTheBenchmark() throws Exception {
        Path yaml = dir.resolve("lotus.yaml");
        Files.writeString(yaml, "data_dir: " + dir.resolve("data") + "\npm:\n  wallet_usd: 10000\n");
        Run migrate = lotus("--config", yaml.toString(), "db", "migrate");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        List<Bar> aaa = BacktestTest.cycles("AAA", 5, Timeframe.H1, T0, 2000);
        List<Bar> bbb = BacktestTest.cycles("BBB", 9, Timeframe.H1, T0, 2000);
        try (Database db = Database.open(ConfigLoader.load(yaml, Map.of()).config().db().url(), 2)) {
            new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid", aaa);
            new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid", bbb);
        }
        Path out = dir.resolve("report");

        Run r = lotus("--config", yaml.toString(), "backtest", "--tokens", "AAA,BBB", "--timeframe", "1h",
                "--alloc-pct", "6", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        // The naive benchmark: 600 USD of each token at its first close less the spot taker fee the strategy's own
        // paper fills pay, worth what it bought × last / first at the end.
        BigDecimal part = new BigDecimal("600").multiply(BigDecimal.ONE.subtract(
                lotus.exec.HyperliquidExecutor.Settings.dryRun().spotTakerFee()), MC);
        BigDecimal hold = BigDecimal.ZERO;
        for (List<Bar> bars : List.of(aaa, bbb)) {
            hold = hold.add(part.multiply(bars.get(bars.size() - 1).close(), MC)
                    .divide(bars.get(0).close(), MC), MC);
        }
        BigDecimal holdPnl = hold.subtract(new BigDecimal("1200")).setScale(2, RoundingMode.HALF_EVEN);
        String signed = (holdPnl.signum() >= 0 ? "+" : "") + holdPnl.toPlainString();
        Matcher versus = Pattern.compile("(?m)^vs holding:    (strategy [+-][0-9.]+ USD \\([+-][0-9.]+ %\\) vs "
                + "buy-and-hold ([+-][0-9.]+) USD \\([+-][0-9.]+ %\\)) on a 1200 USD budget bought at the first tick$")
                .matcher(r.out());
        assertThat(versus.find()).as(r.out()).isTrue();
        assertThat(versus.group(2)).isEqualTo(signed);

        String html = Files.readString(out.resolve("report.html"));
        // Self-contained: nothing for a browser to fetch (the only address is the SVG namespace's name).
        assertThat(html).doesNotContain("<link", "src=", "@import", "url(").contains(versus.group(1));
        Matcher row = Pattern.compile("(?m)^(trades|mean rr|gross PnL|fees|net PnL|final equity|max drawdown|exposure"
                + "|vs holding):"
                + " +(.+)$").matcher(r.out());
        int rows = 0;
        while (row.find()) {
            rows++;
            assertThat(html).as(row.group(1)).contains("<th>" + row.group(1) + "</th><td>" + row.group(2) + "</td>");
        }
        assertThat(rows).isEqualTo(9);
        // Fees by default: Hyperliquid's spot taker rate on every fill.
        assertThat(r.out()).containsPattern("(?m)^fees: +(?!0\\.00 )[0-9]+\\.[0-9]{2} USD \\(closed trades\\)$");

        List<String> equityCsv = Files.readAllLines(out.resolve("equity.csv"));
        Matcher equityLine = Pattern.compile("data-series=\"equity\"[^>]* points=\"([^\"]*)\"").matcher(html);
        assertThat(equityLine.find()).isTrue();
        assertThat(equityLine.group(1).split(" ")).hasSize(equityCsv.size() - 1).hasSize(2000);
        assertThat(html).contains("data-series=\"buy-and-hold\"", "data-series=\"drawdown\"",
                "data-series=\"price-AAA\"", "data-series=\"price-BBB\"");

        Matcher trades = Pattern.compile("(?m)^trades: +(\\d+) ").matcher(r.out());
        assertThat(trades.find()).isTrue();
        int closed = Integer.parseInt(trades.group(1));
        assertThat(closed).as("the bars must trade for the markers to mean anything").isPositive();
        assertThat(Files.readAllLines(out.resolve("trades.csv"))).hasSize(closed + 1);
        assertThat(count(html, "class=\"marker entry\"")).isEqualTo(closed);
        assertThat(count(html, "class=\"marker exit\"")).isEqualTo(closed);
        assertThat(count(html, "<svg")).isEqualTo(4);
        assertThat(html).containsPattern("class=\"x-tick\"[^>]*>2026-0[1-3]-\\d\\d<").contains("time (UTC)");

        BufferedImage png = ImageIO.read(out.resolve("equity.png").toFile());
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isEqualTo(BacktestPng.WIDTH);
        assertThat(png.getHeight()).isEqualTo(BacktestPng.HEIGHT);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 3) {
            for (int x = 0; x < png.getWidth(); x += 3) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertThat(colours).as("a blank image has one colour").hasSizeGreaterThan(10);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
