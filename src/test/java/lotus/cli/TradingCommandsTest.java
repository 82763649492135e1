package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lotus.engine.EngineOutput;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.store.EngineJson;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.market.MarketCapBucket;
import lotus.store.BucketMembers;
import lotus.store.PriceBars;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.store.PriceTable;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** positions, tick and engine replay as an operator meets them: exit codes, what they print, rows written. */
class TradingCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private Path config(String extra) throws Exception {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, "data_dir: " + dir.resolve("data") + "\n" + extra);
        return p;
    }

    /** A decline then a rise, so the replay visits several states; bar open times an hour apart. */
    private static List<Bar> series(String token, String chain, long firstOpenMs, int n) {
        List<Bar> bars = new ArrayList<>();
        double px = 100;
        for (int i = 0; i < n; i++) {
            double open = px;
            px *= i < n / 2 ? 0.997 + (i % 3) * 0.001 : 1.003 - (i % 3) * 0.001;
            bars.add(new Bar(token, chain, Timeframe.H1, firstOpenMs + i * 3_600_000L, dec(open),
                    dec(Math.max(open, px) * 1.002), dec(Math.min(open, px) * 0.998), dec(px), dec(50 + i % 11), 0));
        }
        return bars;
    }

    private static BigDecimal dec(double v) {
        return new BigDecimal(v).round(new java.math.MathContext(10));
    }

    @Test
    void positionsAreAddedWithTheDefaultBudgetAndListed() throws Exception {
        Path yaml = config("");
        Run add = lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book", "perps",
                "--token", "ETH", "--timeframe", "1h");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("added hyperliquid/perps ETH 1h #1: status watchlist, 6% of the perps wallet"
                + " (the default, which timeframe weights re-split); dormant until the engine has 333 1h bars"
                + System.lineSeparator());
        Run custom = lotus("--config", yaml.toString(), "positions", "add", "--chain", "solana", "--book", "social",
                "--token", "So1Mint", "--ticker", "BONK", "--timeframe", "15m", "--alloc-pct", "2.5");
        assertThat(custom.out()).contains("solana/social BONK 15m #2", "2.5% of the social wallet (as given, kept)");

        Run twice = lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book", "spot",
                "--token", "ETH", "--timeframe", "1h");
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).contains("already exists");
        Run chain = lotus("--config", yaml.toString(), "positions", "add", "--chain", "ethereum", "--book", "spot",
                "--token", "ETH", "--timeframe", "1h");
        assertThat(chain.exit()).isEqualTo(2);
        assertThat(chain.err()).contains("--chain must be hyperliquid or solana, got 'ethereum'");
        assertThat(lotus("--config", yaml.toString(), "positions", "add", "--chain", "solana", "--book", "social",
                "--token", "X", "--timeframe", "2h").err()).contains("--timeframe");
        assertThat(lotus("--config", yaml.toString(), "positions", "add", "--chain", "solana", "--book", "social",
                "--token", "X", "--timeframe", "1h", "--alloc-pct", "120").err())
                .contains("--alloc-pct must be between 0 and 100");

        Run list = lotus("--config", yaml.toString(), "positions", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).containsPattern("(?m)^1\\s+hyperliquid/perps\\s+ETH\\s+1h\\s+watchlist\\s+-")
                .containsPattern("(?m)^2\\s+solana/social\\s+BONK\\s+15m\\s+watchlist")
                .contains("2 position(s)");
    }

    @Test
    void positionsListShowsGrossPnlFeesAndNetPnl() {
        // Bought 2 at 100 and 3 at 110 (530), sold 1.5 at 120 (180), paying 0.3195 in fees; marked at 130.
        lotus.pm.Position p = lotus.pm.Position.watching(4, "ETH", "hyperliquid", "ETH", Timeframe.H1, "spot",
                new BigDecimal("6"), BigDecimal.ZERO, 0).withHoldings(lotus.pm.PositionStatus.ACTIVE,
                        new BigDecimal("3.5"), new BigDecimal("530"), new BigDecimal("180"), new BigDecimal("5"),
                        new BigDecimal("1.5"), new BigDecimal("106"), "4-1").withFees(new BigDecimal("0.3195"));
        p = p.withFeatures(p.features().withPnl(lotus.pm.PositionAccounting.pnl(p, new BigDecimal("130"))));
        String out = PositionsCommand.render(List.of(p));
        assertThat(out).containsPattern("(?m)^id .* pnl_usd +pnl_pct +fees_usd +net_pnl_usd$")
                .containsPattern("(?m)^4\\s+hyperliquid/spot\\s+ETH\\s+1h\\s+active .* 530\\.00\\s+105\\.00\\s+19\\.81%"
                        + "\\s+0\\.32\\s+104\\.68$");
    }

    @Test
    void anAddThatWouldTakeATokenOverItsFifteenPercentIsRefusedInOneLine() throws Exception {
        Path yaml = config("");
        for (String tf : List.of("15m", "1h", "4h")) { // 3 + 6 + 6 = 15 %: the token's whole allocation
            Run ok = lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book",
                    "perps", "--token", "ETH", "--timeframe", tf);
            assertThat(ok.exit()).as(ok.err()).isZero();
        }
        Run over = lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book", "perps",
                "--token", "ETH", "--timeframe", "1d", "--alloc-pct", "0.5");
        assertThat(over.exit()).isEqualTo(1);
        assertThat(over.out()).isEmpty();
        assertThat(over.err().strip()).doesNotContain("\n").doesNotContain("Exception")
                .endsWith("ETH on hyperliquid/perps: 1d at 0.5% would take the token to 15.5% of the wallet, over its"
                        + " 15% (15m 3%, 1h 6%, 4h 6% already); no room is left for it");
        // Another book's wallet, or another token, has its own 15 %; 10 % by hand on 1h leaves 5 for 4h.
        assertThat(lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book", "perps",
                "--token", "BTC", "--timeframe", "1h", "--alloc-pct", "10").exit()).isZero();
        Run btc = lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book", "perps",
                "--token", "BTC", "--timeframe", "4h");
        assertThat(btc.exit()).isEqualTo(1);
        assertThat(btc.err()).contains("4h at 6% would take the token to 16% of the wallet, over its 15% (1h 10%"
                + " already); give --alloc-pct 5 or less");
        assertThat(lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book", "perps",
                "--token", "BTC", "--timeframe", "4h", "--alloc-pct", "5").exit()).isZero();
        assertThat(lotus("--config", yaml.toString(), "positions", "list").out()).contains("5 position(s)");
    }

    @Test
    void engineReplayPrintsOneJsonLinePerBarEqualToTheEngine() throws Exception {
        List<Bar> bars = series("X", "replay", 1_767_225_600_000L, 420);
        ArrayNode file = JSON.createArrayNode();
        for (Bar b : bars) {
            file.addObject().put("t", b.openTimeMs()).put("o", b.open().toPlainString()).put("h", b.high())
                    .put("l", b.low()).put("c", b.close()).put("v", b.volume());
        }
        Path path = dir.resolve("bars.json");
        Files.writeString(path, file.toString());

        Run r = lotus("engine", "replay", "--bars", path.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(420);
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("state").isNull()).isTrue();
        assertThat(first.get("bars_needed").asInt()).isEqualTo(333);
        JsonNode last = JSON.readTree(lines[419]);
        for (String key : List.of("state", "prev_state", "flags", "scores", "ema", "atr", "atr_mean_20", "rsi",
                "rsi_slope_10", "adx", "adx_slope_10", "vo_z", "levels", "gates")) {
            assertThat(last.has(key)).as(key).isTrue();
        }
        for (String flag : List.of("buy_signal", "buy_flag", "trim_flag", "emergency_exit", "exit_position",
                "reclaimed_ema333")) {
            assertThat(last.get("flags").has(flag)).as(flag).isTrue();
        }
        for (String score : List.of("ts", "sr_boost", "ox", "dx", "edx")) {
            assertThat(last.get("scores").has(score)).as(score).isTrue();
        }
        assertThat(last.get("ema").fieldNames()).toIterable().containsExactly("20", "30", "50", "60", "144", "250",
                "333");
        // Exactly what the engine says for the same bars (prices as parsed from the file's decimal strings).
        EngineTracker t = new EngineTracker();
        EngineOutput o = null;
        for (Bar b : bars) {
            o = t.advance(b);
        }
        assertThat(last).isEqualTo(JSON.readTree(JSON.writeValueAsString(EngineJson.toJson(o))));
        assertThat(last.get("state").asText()).isEqualTo(o.state().name());
    }

    @Test
    void engineReplayRefusesBrokenBarsWithTheBarThatBrokeIt() throws Exception {
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "[{\"t\":3600000,\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1},{\"t\":7200000,\"o\":1,\"h\":1,\"l\":1,\"v\":1}]");
        Run r = lotus("engine", "replay", "--bars", missing.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bar 1 has no 'c'");

        Path nan = dir.resolve("nan.json");
        Files.writeString(nan, "[{\"t\":3600000,\"o\":\"NaN\",\"h\":1,\"l\":1,\"c\":1,\"v\":1}]");
        assertThat(lotus("engine", "replay", "--bars", nan.toString()).err()).contains("bar 0");

        Path order = dir.resolve("order.json");
        Files.writeString(order, "[{\"t\":3600000,\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1},{\"t\":3600000,\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1}]");
        assertThat(lotus("engine", "replay", "--bars", order.toString()).err())
                .contains("bar 1 (t=3600000) is not after the bar before it");

        Path notJson = dir.resolve("bad.json");
        Files.writeString(notJson, "{oops");
        assertThat(lotus("engine", "replay", "--bars", notJson.toString()).err()).contains("is not valid JSON");
    }

    @Test
    void tickPrintsEachPositionsRouteStateAndDecisionAgainstTheSimulator() throws Exception {
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(3).withTradesPerSecond(10), Clock.system(), 0)) {
            Path yaml = config("hyperliquid:\n  network: local\n  rest_url: " + sim.restUrl() + "\n  ws_url: "
                    + sim.wsUrl() + "\n");
            lotus("--config", yaml.toString(), "positions", "add", "--chain", "hyperliquid", "--book", "perps",
                    "--token", "ETH", "--timeframe", "1h");
            lotus("--config", yaml.toString(), "positions", "add", "--chain", "solana", "--book", "social",
                    "--token", "So1Young", "--timeframe", "1h");
            // The command ticks for the last closed hour of the real clock, so the bars end there. Started within a
            // minute of the next hour, the command could tick for an hour the bars do not reach: wait for it first.
            long lastClose = hourThatStaysClosedForAMinute();
            try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("data/lotus.db"), 2)) {
                new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid",
                        series("ETH", "hyperliquid", lastClose - 400 * 3_600_000L, 400));
                new PriceBars(db).upsert(PriceTable.LOWCAP, "solana",
                        series("So1Young", "solana", lastClose - 20 * 3_600_000L, 20));
            }
            Run r = lotus("--config", yaml.toString(), "tick", "--timeframe", "1h", "--dry-run");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("tick 1h for the bar closed at", "(dry run, Hyperliquid local)",
                    "regime: A 0.500, E 0.500")
                    .containsPattern("hyperliquid/perps ETH 1h #1\\s+-> hyperliquid/perps\\s+planned\\s+state S\\d")
                    .containsPattern("solana/social So1Young 1h #2\\s+-> solana/social\\s+dormant\\s+dormant: 20 of 333 bars")
                    .contains("2 position(s): routed {hyperliquid/perps=1, solana/social=1}, 0 without a module, "
                            + "1 dormant, 0 failed");
            Run list = lotus("--config", yaml.toString(), "positions", "list");
            assertThat(list.out()).containsPattern("(?m)^1\\s+hyperliquid/perps\\s+ETH\\s+1h\\s+watchlist\\s+S\\d\\s")
                    .containsPattern("(?m)^2\\s+solana/social\\s+So1Young\\s+1h\\s+watchlist\\s+dormant 20/333");

            // Dominance and a bucket with history, USDT dominance too young, So1Young counted in the small bucket
            // today: the verbose tick shows each driver's part, the dormant one, and the token's own A/E.
            try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("data/lotus.db"), 2)) {
                RegimeBars regime = new RegimeBars(db);
                for (String driver : List.of("btc.d", "bucket.small")) {
                    regime.upsert(series(driver, RegimeBar.CHAIN, lastClose - 400 * 3_600_000L, 400).stream()
                            .map(b -> RegimeBar.of(b, null, "test")).toList());
                }
                regime.upsert(series("usdt.d", RegimeBar.CHAIN, lastClose - 100 * 3_600_000L, 100).stream()
                        .map(b -> RegimeBar.of(b, null, "test")).toList());
                new BucketMembers(db).record(List.of(new BucketMembers.Member(Timeframe.D1.floor(lastClose - 1),
                        "solana", "So1Young", MarketCapBucket.SMALL)));
            }
            Run verbose = lotus("--config", yaml.toString(), "tick", "--timeframe", "1h", "--dry-run", "--verbose");
            assertThat(verbose.exit()).as(verbose.err()).isZero();
            // Weights: btc.d −1.0 × 1h 0.40 × (1h execution) 0.55; bucket 3.0 × 0.40 × 0.55; usdt.d has 100 bars, of which
            // the tick reads 99 (the regime store's drivers are read one bar behind).
            assertThat(verbose.out())
                    .containsPattern("regime: A \\d\\.\\d{3}, E \\d\\.\\d{3}; bucket small A \\d\\.\\d{3}, E \\d\\.\\d{3}")
                    .contains("  driver        hz  state flags                   weight     dA     dE   A part   E part")
                    .containsPattern("(?m)^  btc\\.d\\s+1h\\s+S\\d\\s+\\S+\\s+-0\\.2200 ")
                    .containsPattern("(?m)^  bucket\\.small\\s+1h\\s+S\\d\\s+\\S+\\s+\\+0\\.6600 ")
                    .contains("dormant (contribute 0): usdt.d 1h (99 of 333 bars)")
                    .containsPattern("So1Young 1h #2\\s+-> solana/social\\s+dormant\\s+bucket small A");
            assertThat(verbose.out()).doesNotContainPattern("ETH 1h #1.*bucket");
        }
    }

    /** The last hour close of the real clock, from a moment at least a minute before the next one. */
    private static long hourThatStaysClosedForAMinute() throws InterruptedException {
        long now = System.currentTimeMillis();
        long nextClose = Timeframe.H1.floor(now) + Timeframe.H1.durationMs();
        if (nextClose - now < 60_000) {
            Thread.sleep(nextClose - now + 1_000);
        }
        return Timeframe.H1.floor(System.currentTimeMillis());
    }
}
