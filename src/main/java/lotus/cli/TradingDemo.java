package lotus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lotus.app.demo.DemoBooks;
import lotus.app.demo.DemoEvent;
import lotus.app.demo.DriverBars;
import lotus.app.demo.TradingDemoRun;
import lotus.learning.Lesson;
import lotus.store.Strand;
import lotus.web.ApiServer;

/** Prints {@code lotus demo} (the whole loop, run by {@link TradingDemoRun}) as it goes, and its summary. */
record TradingDemo(TradingDemoRun.Options options, Optional<ApiServer.Settings> server, PrintWriter out) {

    TradingDemo(TradingDemoRun.Options options, PrintWriter out) {
        this(options, Optional.empty(), out);
    }

    TradingDemoRun.Summary run() throws Exception {
        TradingDemoRun.Summary s = new TradingDemoRun(options, server, this::print).run();
        print(s);
        return s;
    }

    private void print(DemoEvent event) {
        switch (event) {
            case DemoEvent.Started e -> out.printf(Locale.ROOT, "demo: simulator on %s (seed %d), clock x%.0f between "
                    + "ticks, database %s%n", e.restUrl(), e.seed(), e.speed(), e.dbFile());
            case DemoEvent.Serving e -> PortOption.print(out, "demo", e.server());
            case DemoEvent.Watchlist e -> out.printf(Locale.ROOT, "demo: %d watchlist positions on 1m: %s%n",
                    e.positions(), e.byVenue());
            case DemoEvent.Backfilled e -> out.printf(Locale.ROOT, "demo: every position has its %d bars of history "
                    + "at %s; first tick at %s%n", e.bars(), e.at(), e.firstTick());
            case DemoEvent.Drivers e -> out.printf(Locale.ROOT, "demo: regime drivers' 1m bars before the first tick "
                    + "at %s: BTC %d, ALT %d, BUCKET %s, BTC.d %d, USDT.d %d%n", e.firstTick(), e.bars().btc(),
                    e.bars().alt(), e.bars().bucketCounts(), e.bars().btcD(), e.bars().usdtD());
            case DemoEvent.SlowingStartup e -> out.printf(Locale.ROOT, "demo: backfill not done at %s (%d of %d "
                    + "positions); slowing the clock to x%.0f%n", e.at(), e.ready(), e.positions(), e.speed());
            case DemoEvent.LateBars e -> out.printf(Locale.ROOT, "demo: %s; ticking with what is stored%n",
                    e.mismatch());
            case DemoEvent.Status e -> out.printf(Locale.ROOT, "  %s  %4d sim min | ticks %d | decisions %d | trades "
                    + "closed %d of %d | %s%n", e.close(), e.simMinutes(), e.ticks(), e.decisions(), e.closed(),
                    e.target(), e.ingest());
            case DemoEvent.WallLimit e -> out.printf(Locale.ROOT, "demo: stopped by the %d s wall-time limit%n",
                    e.seconds());
            case DemoEvent.Finished e -> {
                out.printf(Locale.ROOT, "demo: wall time between ticks %.1f s, checking bars %.1f s, ticking %.1f s%n",
                        e.runningNs() / 1e9, e.checkNs() / 1e9, e.tickNs() / 1e9);
                if (e.lateTicks() > 0) {
                    out.printf(Locale.ROOT, "demo: %d tick(s) ran with bars still incomplete; this run may not "
                            + "repeat exactly%n", e.lateTicks());
                }
            }
        }
        out.flush();
    }

    private void print(TradingDemoRun.Summary s) {
        out.println();
        out.println("positions:");
        out.print(PositionsCommand.render(s.positions()));

        out.println();
        out.printf(Locale.ROOT, "closed trades (%d):%n", s.closed().size());
        out.printf(Locale.ROOT, "%-20s %-18s %-18s %8s %-11s %12s%n", "token", "venue", "entry", "rr", "outcome",
                "pnl_usd");
        for (Strand c : s.closed()) {
            JsonNode sc = c.scope();
            JsonNode pl = c.payload();
            out.printf(Locale.ROOT, "%-20s %-18s %-18s %8.2f %-11s %12s%n", sc.path("token_ticker").asText(),
                    DemoBooks.venue(c), sc.path("entry_event").asText(), pl.path("rr").asDouble(),
                    pl.path("outcome").asText(), new BigDecimal(pl.path("pnl_usd").asText("0"))
                            .setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        }

        out.println();
        out.println("strands by kind and scope:");
        for (Map.Entry<String, Map<String, Integer>> kind : s.strandsByScope().entrySet()) {
            kind.getValue().forEach((venue, n) -> out.printf(Locale.ROOT, "  %-40s %6d%n",
                    String.format(Locale.ROOT, "%-18s %s", kind.getKey(), venue), n));
        }

        out.println();
        List<Lesson> shown = s.lessons().stream().filter(l -> l.subset().size() == 0 || l.multiplier().isPresent())
                .toList();
        out.printf(Locale.ROOT, "lessons: %d across every scope subset; per book and pattern, and every one with a "
                + "multiplier (n ≥ 12):%n", s.lessons().size());
        for (Lesson l : shown) {
            out.println("  " + l.line());
        }

        out.println();
        DriverBars d = s.drivers();
        out.printf(Locale.ROOT, "regime drivers (1m bars stored; under 333 a driver is dormant and contributes 0):%n");
        out.printf(Locale.ROOT, "  %-8s %6d%n", "BTC", d.btc());
        out.printf(Locale.ROOT, "  %-8s %6d  (the fewest of SOL, ETH, BNB, HYPE)%n", "ALT", d.alt());
        out.printf(Locale.ROOT, "  %-8s %s%n", "BUCKET", d.bucketCounts());
        out.printf(Locale.ROOT, "  %-8s %6d%n", "BTC.d", d.btcD());
        out.printf(Locale.ROOT, "  %-8s %6d%n", "USDT.d", d.usdtD());

        out.println();
        out.printf(Locale.ROOT, "check: %d trades closed (%s) in %d simulated minutes, %.1f s; hyperliquid and "
                + "solana scopes stayed apart: %s%n", s.closed().size(), s.closedByVenue(), s.simMinutes(),
                s.wallNs() / 1e9, s.scopesApart() ? "OK" : "FAILED");
        out.flush();
    }
}
