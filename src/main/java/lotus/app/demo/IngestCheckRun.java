package lotus.app.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.ingest.FeedIngester;
import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;
import lotus.market.Bar;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.ScratchDatabase;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * {@code lotus demo --ingest-check}: the market-data half of Lotus end to end, on one machine with no set-up. An
 * in-process simulator on an accelerated clock, ten watchlist positions on simulated Hyperliquid tokens (perps and
 * spot), both ingesters into a fresh embedded database, one forced disconnect and one burst of bad frames; then every
 * stored bar is checked against the simulator's own candles.
 */
public final class IngestCheckRun {

    private static final List<String> MAJORS = List.of("BTC", "ETH", "BNB", "SOL", "HYPE");
    private static final Timeframe[] POSITION_TIMEFRAMES = {Timeframe.M1, Timeframe.M5, Timeframe.M15};
    private static final int MALFORMED_FRAMES = 40;

    public record Options(long seed, double speed, long liveMinutes, Path dbFile) {
    }

    /** What the run reports while it runs. */
    public sealed interface Event {
    }

    public record Started(String restUrl, long seed, int assets, double speed, Path dbFile) implements Event {
    }

    /** @param timeframes each watched token's timeframe, in the order they were added */
    public record Watchlist(Map<String, Timeframe> timeframes) implements Event {
    }

    public record DroppedConnections() implements Event {
    }

    public record MalformedFrames(int frames) implements Event {
    }

    public record Status(Instant at, String ingest) implements Event {
    }

    /** One stored series checked against the simulator. */
    public record Row(String token, String book, Timeframe tf, int stored, int missing, int differing,
            BigDecimal lastClose) {
    }

    /**
     * What the run ended with.
     *
     * @param examples  the first few stored bars that differ from the simulator's, each beside the truth
     * @param rollups   the majors' and the trading tokens' rollup outcome counts
     */
    public record Result(List<Row> rows, long reconnects, long repairs, long malformedFrames, long rejectedTrades,
            long barsWritten, List<String> examples, List<String> rollups, long wallNanos) {

        /** Bars missing from the database, over every series. */
        public long missing() {
            return rows.stream().mapToLong(Row::missing).sum();
        }

        /** Stored bars that differ from the simulator's truth, over every series. */
        public long differing() {
            return rows.stream().mapToLong(Row::differing).sum();
        }

        public boolean clean() {
            return missing() == 0 && differing() == 0;
        }
    }

    private final Options options;
    private final Consumer<Event> events;
    private final List<String> examples = new ArrayList<>();

    public IngestCheckRun(Options options, Consumer<Event> events) {
        this.options = options;
        this.events = events;
    }

    public Result run() throws Exception {
        ScratchDatabase.deleteFiles(options.dbFile());
        SimulatedClock clock = SimulatedClock.accelerated(TradingDemoRun.START_MS, options.speed());
        SimConfig simConfig = SimConfig.defaults(options.seed()).withHistoryMinutes(6_000);
        long wallStart = System.nanoTime();
        try (HlSimulator sim = HlSimulator.start(simConfig, clock, 0);
                Database db = Database.open("jdbc:sqlite:" + options.dbFile(), 4)) {
            db.migrate();
            events.accept(new Started(sim.restUrl(), options.seed(), sim.market().assets().size(), options.speed(),
                    options.dbFile()));
            List<SimAsset> tokens = pickTokens(sim.market().assets());
            Positions positions = new Positions(db, clock);
            Map<String, Timeframe> timeframeOf = new HashMap<>();
            Map<String, Timeframe> watched = new LinkedHashMap<>();
            for (int i = 0; i < tokens.size(); i++) {
                SimAsset a = tokens.get(i);
                Timeframe tf = POSITION_TIMEFRAMES[i % POSITION_TIMEFRAMES.length];
                timeframeOf.put(a.apiCoin(), tf);
                watched.put(a.name(), tf);
                String book = a.kind() == SimAsset.Kind.SPOT ? "spot" : "perps";
                positions.insert(new NewPosition(a.name(), "hyperliquid", a.name(), tf, book, new BigDecimal("5"),
                        new BigDecimal("500")));
            }
            events.accept(new Watchlist(watched));

            IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                    .withIngest(IngestConfig.defaults())
                    .withStream(StreamConfig.hyperliquid().forClockSpeed(options.speed()));
            try (IngestService ingest = IngestService.start(db, clock, settings)) {
                live(sim, clock, ingest);
                // Let the repairs of the last closed bars land before comparing.
                long settleUntil = clock.nowMs() + 20_000;
                while (clock.nowMs() < settleUntil || !ingest.candleJobsIdle()) {
                    Thread.sleep(20);
                    if (clock.nowMs() > settleUntil + 600_000) {
                        break;
                    }
                }
                events.accept(new Status(clock.now(), ingest.statusLine()));
                ingest.writer().drain();
                long reconnects = ingest.majorsStatus().reconnects() + ingest.tradingStatus().reconnects();
                long end = clock.nowMs() - 30_000;
                List<Row> rows = compare(sim, new PriceDataReader(db), tokens, timeframeOf, end);
                FeedIngester.Status m = ingest.majorsStatus();
                FeedIngester.Status t = ingest.tradingStatus();
                return new Result(rows, reconnects, m.repairs() + t.repairs(),
                        m.malformedFrames() + t.malformedFrames(), m.rejectedTrades() + t.rejectedTrades(),
                        ingest.writer().barsWritten(), List.copyOf(examples),
                        List.of(String.valueOf(ingest.majorsRollupCounts()),
                                String.valueOf(ingest.tradingRollupCounts())), System.nanoTime() - wallStart);
            }
        }
    }

    /** The live minutes: every connection dropped a third of the way in, a burst of bad frames half way. */
    private void live(HlSimulator sim, SimulatedClock clock, IngestService ingest) throws InterruptedException {
        long liveStart = clock.nowMs();
        long liveEnd = liveStart + options.liveMinutes() * 60_000;
        boolean dropped = false;
        boolean garbage = false;
        long nextStatus = 0;
        while (clock.nowMs() < liveEnd) {
            long now = clock.nowMs();
            if (!dropped && now >= liveStart + (liveEnd - liveStart) / 3) {
                sim.faults().dropAllConnections();
                dropped = true;
                events.accept(new DroppedConnections());
            }
            if (!garbage && now >= liveStart + (liveEnd - liveStart) / 2) {
                sim.faults().sendMalformedFrames(MALFORMED_FRAMES);
                garbage = true;
                events.accept(new MalformedFrames(MALFORMED_FRAMES));
            }
            if (System.nanoTime() >= nextStatus) {
                events.accept(new Status(clock.now(), ingest.statusLine()));
                nextStatus = System.nanoTime() + 3_000_000_000L;
            }
            Thread.sleep(50);
        }
    }

    /** One stored series checked against the simulator. */
    private record Series(SimAsset asset, Timeframe tf, boolean major) {
    }

    private List<Row> compare(HlSimulator sim, PriceDataReader reader, List<SimAsset> tokens,
            Map<String, Timeframe> timeframeOf, long endMs) {
        List<Series> series = new ArrayList<>();
        for (SimAsset a : tokens) {
            series.add(new Series(a, timeframeOf.get(a.apiCoin()), false));
        }
        for (String major : MAJORS) {
            for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M15, Timeframe.H1)) {
                series.add(new Series(sim.market().asset(major).orElseThrow(), tf, true));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Series x : series) {
            long to = x.tf().floor(endMs) - x.tf().durationMs() + 1;
            // Backfilled: the last 340 closed bars (as many as the simulator's history holds, for the majors' 1h).
            List<Bar> truth = sim.market().candles(x.asset().apiCoin(), x.tf(), 0, to);
            truth = truth.subList(Math.max(0, truth.size() - 340), truth.size());
            if (truth.isEmpty()) {
                continue;
            }
            long first = truth.get(0).openTimeMs();
            String name = x.asset().name();
            List<Bar> stored = x.major() ? reader.majorBars(name, x.tf(), first, to)
                    : reader.bars(name, "hyperliquid", x.tf(), first, to);
            Map<Long, Bar> byOpen = new HashMap<>();
            stored.forEach(b -> byOpen.put(b.openTimeMs(), b));
            int missing = 0;
            int differing = 0;
            for (Bar t : truth) {
                Bar got = byOpen.get(t.openTimeMs());
                if (got == null) {
                    missing++;
                } else if (!got.samePrices(t)) {
                    differing++;
                    if (examples.size() < 5) {
                        examples.add("stored " + got + "\n    truth  " + t);
                    }
                }
            }
            String book = x.major() ? "majors" : x.asset().kind() == SimAsset.Kind.SPOT ? "spot" : "perps";
            rows.add(new Row(name, book, x.tf(), stored.size(), missing, differing,
                    stored.isEmpty() ? null : stored.get(stored.size() - 1).close()));
        }
        return rows;
    }

    /** Six perps that are not majors and four spot pairs. */
    private static List<SimAsset> pickTokens(List<SimAsset> assets) {
        List<SimAsset> perps = assets.stream()
                .filter(a -> a.kind() == SimAsset.Kind.PERP && !MAJORS.contains(a.name())).limit(6).toList();
        List<SimAsset> spots = assets.stream().filter(a -> a.kind() == SimAsset.Kind.SPOT).limit(4).toList();
        List<SimAsset> out = new ArrayList<>(perps);
        out.addAll(spots);
        return out;
    }
}
