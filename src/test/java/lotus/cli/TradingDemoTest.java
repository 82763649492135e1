package lotus.cli;

import lotus.store.PositionJson;
import lotus.pm.TradeClosure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.app.Backtest;
import lotus.app.demo.DemoBooks;
import lotus.app.demo.TradingDemoRun;
import lotus.store.Database;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.RegimeBars;
import lotus.store.Strand;
import lotus.store.Strands;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop over real sockets: simulator → ingest → engine → PM → dry-run executors → accounting → closure →
 * learning, in lockstep on an accelerated clock, until every book has trimmed and closed a trade. Run twice with one
 * seed, it must write the same executions, transitions and closed trades; replayed by the backtest, the Solana bars
 * the collector stored must give the social book's trades, decision for decision. Slow (two runs of about 50 s each).
 */
@Tag("slow")
class TradingDemoTest {

    private static final long SEED = 7;

    @TempDir
    Path dir;

    @Test
    void theLoopTradesInEveryBookRepeatsExactlyForItsSeedAndTheBacktestOfItsBarsGivesItsTrades() throws Exception {
        String first = run("a.db", false);
        String second = run("b.db", true);

        try (Database a = open("a.db"); Database b = open("b.db")) {
            List<String> history = history(a);
            assertThat(history).as(first).isNotEmpty();
            assertThat(history(b)).as(second).containsExactlyElementsOf(history);
            assertThat(closedTrades(b)).containsExactlyElementsOf(closedTrades(a));

            Strands strands = new Strands(a, Clock.system());
            assertThat(DemoBooks.booksThatFilled(strands, "trim")).as(first)
                    .containsExactly("hyperliquid/perps", "hyperliquid/spot", "solana/social");
            assertThat(DemoBooks.everyBookTrimmedAndClosed(strands)).isTrue();
            assertEveryBookBoughtThroughItsOwnExecutor(a, strands, first);
            assertTheRegimeDriversHadTheirHistoryAtTheFirstTick(a, first);
            assertClosedScopesNameTheirPosition(a, strands);
            assertTheBacktestOfTheSocialBarsGivesTheLiveTrades(a, first);
        }
    }

    /** @param serve with the operator's server, asked for the positions and the status while the demo runs */
    private String run(String db, boolean serve) throws Exception {
        StringWriter text = new StringWriter();
        java.util.concurrent.CompletableFuture<String[]> api = serve ? askTheApi(text)
                : java.util.concurrent.CompletableFuture.completedFuture(null);
        TradingDemoRun.Summary o = new TradingDemo(new TradingDemoRun.Options(SEED, 1200, 3, 24 * 60, 300,
                dir.resolve(db), true), serve ? java.util.Optional.of(lotus.web.ApiServer.Settings.loopback(0))
                        : java.util.Optional.empty(), new PrintWriter(text, true)).run();
        String out = text.toString();
        if (serve) {
            String[] answers = api.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answers[0]).contains("\"mode\":\"dry_run\"").contains("\"kind\":\"sqlite\"");
            JsonNode positions = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answers[1]);
            assertThat(positions).hasSize(50);
            // The running ingest's own figures, per stream, beside the tables' newest bars.
            JsonNode ingest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answers[2]);
            assertThat(ingest.get("streams")).extracting(st -> st.get("stream").asText())
                    .containsExactly("majors", "trading");
            assertThat(ingest.get("rest_weight").get("limit_per_minute").asInt()).isPositive();
        }
        assertThat(o.closed()).as(out).hasSizeGreaterThanOrEqualTo(3);
        assertThat(o.scopesApart()).as(out).isTrue();
        assertThat(out).contains("demo: 50 watchlist positions on 1m: {hyperliquid/perps=34, hyperliquid/spot=10, "
                + "solana/social=6}")
                .contains("demo: every position has its 1000 bars of history")
                .doesNotContain("ticking with what is stored")
                .containsPattern("(?m)^  position_closed\\s+solana/social\\s+\\d+")
                .contains("hyperliquid and solana scopes stayed apart: OK")
                .containsPattern("(?m)^demo: regime drivers' 1m bars before the first tick at \\S+: "
                        + "BTC \\d+, ALT \\d+, BUCKET nano \\d+, small \\d+, mid 0, big 0, BTC\\.d \\d+, USDT\\.d \\d+$")
                .containsPattern("(?m)^  BTC\\.d\\s+\\d+$").containsPattern("(?m)^  USDT\\.d\\s+\\d+$")
                .containsPattern("(?m)^  BUCKET\\s+nano \\d+, small \\d+, mid 0, big 0$");
        return out;
    }

    /** Waits for the demo to print its server's URL, then reads /api/status and /api/positions once, as it runs. */
    private static java.util.concurrent.CompletableFuture<String[]> askTheApi(StringWriter text) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            java.util.regex.Pattern url = java.util.regex.Pattern.compile("demo: operator API on (\\S+)api/status");
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                long deadline = System.nanoTime() + 120_000_000_000L;
                java.util.regex.Matcher m;
                while (!(m = url.matcher(text.toString())).find()) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("no operator API line in: " + text);
                    }
                    Thread.sleep(50);
                }
                String[] out = new String[3];
                int i = 0;
                for (String path : List.of("api/status", "api/positions", "api/ingest")) {
                    out[i++] = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(1) + path))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                }
                return out;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /**
     * The five drivers of STRATEGY.md §3 had data when the first tick read them: BTC.d, USDT.d and two bucket indexes
     * (the six Solana tokens, three nano and three small) with enough 1m bars that the engine's 1m horizon is active.
     */
    private static void assertTheRegimeDriversHadTheirHistoryAtTheFirstTick(Database db, String out) {
        RegimeBars regime = new RegimeBars(db);
        for (String driver : List.of("btc.d", "usdt.d", "bucket.nano", "bucket.small")) {
            assertThat(regime.barsBefore(driver, Timeframe.M1, 2_000, TradingDemoRun.FIRST_TICK_MS)).as(driver + "\n"
                    + out).hasSizeGreaterThanOrEqualTo(333);
        }
        for (String driver : List.of("bucket.mid", "bucket.big")) {
            assertThat(regime.barsBefore(driver, Timeframe.M1, 2_000, Long.MAX_VALUE)).as(driver).isEmpty();
        }
    }

    private Database open(String db) {
        return Database.open("jdbc:sqlite:" + dir.resolve(db), 1);
    }

    /** Every strand the run wrote, in order, without the random client order ids. */
    private static List<String> history(Database db) {
        List<String> lines = new ArrayList<>();
        Strands strands = new Strands(db, Clock.system());
        for (String kind : List.of("engine_transition", "pm_execution", "position_closed")) {
            for (Strand s : strands.byKind(kind, 0, 1_000_000)) {
                ObjectNode payload = s.payload().deepCopy();
                payload.remove("cloid");
                lines.add(s.createdAtMs() + " " + kind + " " + s.scope() + " " + payload);
            }
        }
        lines.sort(null); // positions of one tick are written in parallel, so ids interleave differently
        return lines;
    }

    private static List<String> closedTrades(Database db) {
        List<String> trades = new ArrayList<>();
        for (Position p : new Positions(db, Clock.system()).byTimeframe(Timeframe.M1)) {
            for (TradeClosure.ClosedTrade t : p.completedTrades()) {
                trades.add(p.tokenContract() + " " + PositionJson.closedTrade(t));
            }
        }
        return trades;
    }

    /**
     * Hyperliquid buys are signed orders filled against the simulator's book; Solana buys are dry-run swaps filled at
     * the simulated Jupiter's quote, not paper fills at the last bar's close (the executor's fallback when Jupiter or
     * the RPC cannot be reached), each journalled as a {@code DRY} swap with its quote.
     */
    private static void assertEveryBookBoughtThroughItsOwnExecutor(Database db, Strands strands, String out) {
        PriceDataReader reader = new PriceDataReader(db);
        Map<String, Integer> buys = new TreeMap<>();
        for (Strand s : strands.byKind("pm_execution", 0, 100_000)) {
            JsonNode p = s.payload();
            if (p.path("status").asText().equals("filled") && p.path("decision_type").asText().matches("entry|add")) {
                String chain = s.scope().path("token_chain").asText();
                String how;
                if (chain.equals("solana")) {
                    String mint = new Positions(db, Clock.system()).find(p.path("position_id").asLong()).orElseThrow()
                            .tokenContract();
                    BigDecimal close = reader.barsBefore(mint, chain, Timeframe.M1, 1, p.path("t").asLong()).get(0)
                            .close();
                    how = new BigDecimal(p.path("avg_price").asText()).compareTo(close) == 0 ? " paper" : " quoted";
                    // Journalled as a dry swap, settled with the fill, the quote it filled at kept.
                    var row = new lotus.store.Orders(db, Clock.system()).find(p.path("cloid").asText());
                    assertThat(row).as(out).hasValueSatisfying(e -> {
                        assertThat(e.request().path("mode").asText()).isEqualTo("DRY");
                        assertThat(e.status()).isEqualTo(lotus.pm.OrderStatus.FILLED);
                        assertThat(e.request().path("quote").path("outAmount").asText()).isNotEmpty();
                    });
                } else {
                    how = p.has("cloid") ? " signed" : " paper";
                }
                buys.merge(chain + "/" + s.scope().path("book_id").asText() + how, 1, Integer::sum);
            }
        }
        assertThat(buys.keySet()).as(out).containsExactly("hyperliquid/perps signed", "hyperliquid/spot signed",
                "solana/social quoted");
    }

    private static void assertClosedScopesNameTheirPosition(Database db, Strands strands) {
        Positions positions = new Positions(db, Clock.system());
        for (Strand s : strands.byKind("position_closed", 0, 1000)) {
            Position p = positions.find(s.payload().path("position_id").asLong()).orElseThrow();
            assertThat(s.scope().path("token_chain").asText()).isEqualTo(p.tokenChain());
            assertThat(s.scope().path("book_id").asText()).isEqualTo(p.bookId());
            assertThat(s.scope().path("token_ticker").asText()).isEqualTo(p.tokenTicker());
            assertThat(s.scope().path("entry_event").asText()).matches("S[123]\\..+");
        }
    }

    /**
     * Replaying the social book's stored bars (the collector's, after the stand-in history) from the live run's first
     * tick to its last must reproduce its closed trades decision for decision: the same entries, events, exits and
     * bars. Their prices differ: the live book fills at Jupiter's quote a settle after the close (the next minute's
     * price, less the impact), the backtest at the close.
     */
    private static void assertTheBacktestOfTheSocialBarsGivesTheLiveTrades(Database db, String out) {
        List<Position> social = new Positions(db, Clock.system()).byTimeframe(Timeframe.M1).stream()
                .filter(p -> p.bookId().equals("social")).toList();
        List<String> live = new ArrayList<>();
        long lastClose = Long.MIN_VALUE;
        for (Position p : social) {
            for (TradeClosure.ClosedTrade t : p.completedTrades()) {
                live.add(p.tokenContract() + " " + decisions(PositionJson.closedTrade(t)));
            }
            lastClose = Math.max(lastClose, new PriceDataReader(db)
                    .bars(p.tokenContract(), p.tokenChain(), Timeframe.M1, 1).get(0).openTimeMs()
                    + Timeframe.M1.durationMs());
        }
        assertThat(live).as(out).isNotEmpty();
        Backtest.Result result = Backtest.run(db, new Backtest.Settings(
                social.stream().map(Position::tokenContract).toList(), "solana", "social", Timeframe.M1,
                TradingDemoRun.FIRST_TICK_MS, lastClose, new BigDecimal("10000"), new BigDecimal("3"), 0),
                new PrintWriter(new StringWriter()));
        List<String> replayed = new ArrayList<>();
        for (Backtest.TokenTrade t : result.trades()) {
            replayed.add(t.token() + " " + decisions(PositionJson.closedTrade(t.trade())));
        }
        assertThat(replayed).containsExactlyInAnyOrderElementsOf(live);
    }

    /**
     * What the bars decided of a trade: not its trade id (the position id and the first fill's clock time: live
     * fills at the close plus {@code pm.settle_ms}, the backtest at the close itself), nor what the fill prices make.
     */
    private static JsonNode decisions(JsonNode trade) {
        ObjectNode kept = trade.deepCopy();
        assertThat(kept.remove("trade_id").asText()).matches("\\d+-\\d+");
        kept.retain("entry_time_ms", "exit_time_ms", "entry_state", "entry_event", "hold_class", "closed_by", "bars");
        return kept;
    }
}
