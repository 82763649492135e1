package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.market.Bar;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Simulator → WebSocket/REST → ingesters → database, over real sockets on 127.0.0.1, on both databases: what is
 * stored must equal the simulator's own candles exactly, whatever the simulator does to the connection.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class IngestEndToEndTest {

    private static final long START_MS = 1_767_571_200_000L; // 2026-01-05T00:00:00Z
    private static final List<String> MAJORS = List.of("BTC", "ETH");

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    private Database db;
    private HlSimulator sim;
    private IngestService ingest;
    private SimulatedClock clock;

    @AfterEach
    void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (sim != null) {
            sim.close();
        }
        TestDatabases.dispose(db);
    }

    private void startWorld(long seed, double speed, SimConfig config) {
        db = TestDatabases.open(kind, tempDir);
        clock = SimulatedClock.accelerated(START_MS, speed);
        sim = HlSimulator.start(config, clock, 0);
    }

    private void startIngest() {
        IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                .withIngest(new IngestConfig(4096, 1_000, 5_000, 340, Duration.ofSeconds(10), IngestConfig.NO_ANCHOR))
                .withUniverseRefreshMs(15_000)
                .withStream(StreamConfig.hyperliquid().forClockSpeed(clock.speed()));
        ingest = IngestService.start(db, clock, settings);
    }

    private List<SimAsset> tokens(int perps, int spots) {
        List<SimAsset> all = sim.market().assets();
        List<SimAsset> out = new ArrayList<>(all.stream()
                .filter(a -> a.kind() == SimAsset.Kind.PERP && !List.of("BTC", "ETH", "BNB", "SOL", "HYPE").contains(a.name()))
                .limit(perps).toList());
        out.addAll(all.stream().filter(a -> a.kind() == SimAsset.Kind.SPOT).limit(spots).toList());
        return out;
    }

    private Position watch(SimAsset a, Timeframe tf) {
        return new Positions(db, clock).insert(new NewPosition(a.name(), "hyperliquid", a.name(), tf,
                a.kind() == SimAsset.Kind.SPOT ? "spot" : "perps", new BigDecimal("1"), new BigDecimal("100")));
    }

    private void runFor(long simMs) throws InterruptedException {
        long until = clock.nowMs() + simMs;
        while (clock.nowMs() < until) {
            Thread.sleep(10);
        }
    }

    private void await(String what, BooleanSupplier condition, long realMs) throws InterruptedException {
        long deadline = System.nanoTime() + realMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Waits until every repair due by now has run and the writer is empty. */
    private void settle() throws InterruptedException {
        runFor(20_000);
        await("candle jobs", ingest::candleJobsIdle, 30_000);
        ingest.writer().drain();
    }

    /** Every truth bar with open time in [from, to) that is stored differently or not at all. */
    private List<String> mismatches(String storedAs, String apiCoin, Timeframe tf, long from, long to, boolean major) {
        PriceDataReader reader = new PriceDataReader(db);
        List<Bar> truth = sim.market().candles(apiCoin, tf, from, to);
        List<Bar> stored = major ? reader.majorBars(storedAs, tf, from, to) : reader.bars(storedAs, "hyperliquid", tf, from, to);
        Map<Long, Bar> byOpen = new HashMap<>();
        stored.forEach(b -> byOpen.put(b.openTimeMs(), b));
        List<String> out = new ArrayList<>();
        for (Bar t : truth) {
            Bar s = byOpen.get(t.openTimeMs());
            if (s == null) {
                out.add(storedAs + " " + tf + " @" + t.openTimeMs() + " missing");
            } else if (!s.samePrices(t)) {
                out.add(storedAs + " " + tf + " @" + t.openTimeMs() + " stored " + s + " truth " + t);
            }
        }
        return out;
    }

    /**
     * Closed bars of each token's position timeframe, and of 1m to 15m for the majors, from the first bar that opened
     * after {@code from} (tokens join within a few simulated seconds of the start).
     */
    private List<String> checkAll(Map<SimAsset, Timeframe> tokens, long from) {
        long end = clock.nowMs() - 30_000;
        List<String> bad = new ArrayList<>();
        tokens.forEach((a, tf) -> bad.addAll(mismatches(a.name(), a.apiCoin(), tf, tf.floor(from) + tf.durationMs(),
                tf.floor(end) - tf.durationMs() + 1, false)));
        for (Timeframe tf : List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15)) {
            for (String m : MAJORS) {
                bad.addAll(mismatches(m, m, tf, tf.floor(from) + tf.durationMs(), tf.floor(end) - tf.durationMs() + 1,
                        true));
            }
        }
        return bad;
    }

    @Test
    void cleanRunStoresExactlyTheSimulatorsBars() throws Exception {
        startWorld(1, 120, SimConfig.defaults(1).withHistoryMinutes(2_000).withTradesPerSecond(40));
        List<SimAsset> tokens = tokens(2, 2);
        Map<SimAsset, Timeframe> watched = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Timeframe tf = i % 2 == 0 ? Timeframe.M5 : Timeframe.M1;
            watch(tokens.get(i), tf);
            watched.put(tokens.get(i), tf);
        }
        long from = clock.nowMs();
        startIngest();
        runFor(8 * 60_000);
        settle();

        assertThat(checkAll(watched, from + 30_000)).isEmpty();
        // Backfill: at least 333 closed bars before the join for each position; other timeframes are not stored.
        PriceDataReader reader = new PriceDataReader(db);
        watched.forEach((a, tf) -> {
            assertThat(reader.bars(a.name(), "hyperliquid", tf, 0, from)).hasSizeGreaterThanOrEqualTo(333);
            assertThat(reader.bars(a.name(), "hyperliquid", Timeframe.H1, 0, Long.MAX_VALUE)).isEmpty();
        });
        assertThat(ingest.tradingStatus().liveSubscriptions()).isEqualTo(4);
        assertThat(sim.stats().limitViolations()).isZero();
    }

    @Test
    void anchoredHistoryStartsAtItsInstantAndFlushNowStoresTheLastBarWhileTheClockStandsStill() throws Exception {
        startWorld(3, 120, SimConfig.defaults(3).withHistoryMinutes(2_000).withTradesPerSecond(40));
        SimAsset token = tokens(1, 0).get(0);
        watch(token, Timeframe.M1);
        long anchor = START_MS - 400 * 60_000L + 30_000; // inside a bar: history starts at that bar's open
        IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                // No periodic flush within the test: only flushNow writes the bar still open at the stop.
                .withIngest(new IngestConfig(4096, 3_600_000, 10_000, 340, Duration.ofSeconds(10), anchor))
                .withStream(StreamConfig.hyperliquid().forClockSpeed(clock.speed()));
        ingest = IngestService.start(db, clock, settings);
        runFor(3 * 60_000);
        settle();

        long close = Timeframe.M1.floor(clock.nowMs()) + 2 * 60_000;
        long stop = close + 5_000;
        clock.runUntil(stop);
        await("the clock at its stop", () -> clock.stopped() && sim.steppedToMs() == stop, 30_000);
        List<Bar> open = sim.market().candles("BTC", Timeframe.M1, close, stop);
        assertThat(open).as("BTC traded in the 5 s after the close").hasSize(1);
        List<String> bad = List.of("not checked");
        for (int i = 0; i < 200 && !bad.isEmpty(); i++) {
            assertThat(ingest.flushNow(5_000)).isTrue();
            bad = new ArrayList<>(mismatches(token.name(), token.apiCoin(), Timeframe.M1, close - 60_000, close, false));
            // The bar still open at the stop is written only by a flush, with every trade up to the stop in it.
            bad.addAll(mismatches("BTC", "BTC", Timeframe.M1, close - 60_000, stop, true));
            Thread.sleep(10);
        }
        assertThat(bad).as("the bars before and at the stop, stored without the clock moving").isEmpty();
        assertThat(clock.nowMs()).isEqualTo(stop);

        PriceDataReader reader = new PriceDataReader(db);
        List<Bar> stored = reader.bars(token.name(), "hyperliquid", Timeframe.M1, 0, close);
        assertThat(stored.get(0).openTimeMs()).isEqualTo(Timeframe.M1.floor(anchor));
        assertThat(stored).hasSize((int) ((close - Timeframe.M1.floor(anchor)) / 60_000));
        assertThat(mismatches(token.name(), token.apiCoin(), Timeframe.M1, Timeframe.M1.floor(anchor), close, false))
                .isEmpty();
        assertThat(reader.majorBars("ETH", Timeframe.H1, 0, close).get(0).openTimeMs())
                .isEqualTo(Timeframe.H1.floor(anchor));
    }

    @Test
    void forcedDisconnectsAndBadFramesLoseNothing() throws Exception {
        startWorld(2, 120, SimConfig.defaults(2).withHistoryMinutes(2_000).withTradesPerSecond(40));
        List<SimAsset> tokens = tokens(2, 1);
        Map<SimAsset, Timeframe> watched = new HashMap<>();
        tokens.forEach(a -> {
            watch(a, Timeframe.M1);
            watched.put(a, Timeframe.M1);
        });
        long from = clock.nowMs();
        startIngest();
        runFor(60_000);
        for (int i = 0; i < 3; i++) {
            long majors = ingest.majorsStatus().reconnects();
            long trading = ingest.tradingStatus().reconnects();
            sim.faults().dropAllConnections();
            runFor(45_000);
            // The next drop waits for this one's reconnect: on a loaded machine 45 simulated seconds (under half a
            // real second) may pass before it, and a drop of a stream still reconnecting is no second drop.
            await("both streams reconnected after drop " + (i + 1), () -> ingest.majorsStatus().reconnects() > majors
                    && ingest.tradingStatus().reconnects() > trading, 60_000);
        }
        sim.faults().duplicateFrames(true);
        sim.faults().reorderTrades(true);
        sim.faults().sendMalformedFrames(30);
        runFor(90_000);
        sim.faults().duplicateFrames(false);
        sim.faults().reorderTrades(false);
        runFor(60_000);
        settle();

        assertThat(ingest.majorsStatus().reconnects()).isGreaterThanOrEqualTo(3);
        assertThat(ingest.tradingStatus().reconnects()).isGreaterThanOrEqualTo(3);
        assertThat(ingest.majorsStatus().malformedFrames() + ingest.tradingStatus().malformedFrames()
                + ingest.majorsStatus().rejectedTrades() + ingest.tradingStatus().rejectedTrades()).isPositive();
        assertThat(checkAll(watched, from + 30_000)).isEmpty();
    }

    @Test
    void tokensJoinAndLeaveWhileRunning() throws Exception {
        startWorld(3, 120, SimConfig.defaults(3).withHistoryMinutes(2_000).withTradesPerSecond(40));
        List<SimAsset> tokens = tokens(3, 0);
        Position first = watch(tokens.get(0), Timeframe.M1);
        startIngest();
        runFor(60_000);
        ingest.refreshUniverse();

        long joinAt = clock.nowMs();
        watch(tokens.get(1), Timeframe.M5);
        ingest.refreshUniverse();
        await("second token live", () -> ingest.tradingStatus().liveSubscriptions() == 2, 10_000);
        runFor(60_000);
        // A second position on the same token in another timeframe: backfilled and stored without a reconnect.
        long addedAt = clock.nowMs();
        watch(tokens.get(1), Timeframe.M1);
        ingest.refreshUniverse();
        runFor(2 * 60_000);

        Positions positions = new Positions(db, clock);
        Position p = positions.find(first.id()).orElseThrow();
        positions.update(new Position(p.id(), p.tokenContract(), p.tokenChain(), p.tokenTicker(), p.timeframe(),
                p.bookId(), PositionStatus.CLOSED, p.state(), p.features(), p.quantity(), p.dust(),
                p.totalAllocationPct(), p.totalAllocationUsd(), p.totalExtractedUsd(), p.totalTokensBought(), p.totalTokensSold(),
                p.totalFeesUsd(), p.avgEntryPrice(), p.currentTradeId(), p.completedTrades(), p.version(),
                p.createdAtMs(), p.updatedAtMs()));
        ingest.refreshUniverse();
        await("first token left", () -> ingest.tradingStatus().liveSubscriptions() == 1, 10_000);
        long leftAt = clock.nowMs();
        runFor(3 * 60_000);
        settle();

        PriceDataReader reader = new PriceDataReader(db);
        assertThat(reader.bars(tokens.get(1).name(), "hyperliquid", Timeframe.M5, 0, joinAt))
                .hasSizeGreaterThanOrEqualTo(333);
        long to = Timeframe.M5.floor(clock.nowMs() - 30_000) - 300_000 + 1;
        assertThat(reader.bars(tokens.get(1).name(), "hyperliquid", Timeframe.M1, 0, addedAt))
                .hasSizeGreaterThanOrEqualTo(333);
        long m1To = Timeframe.M1.floor(clock.nowMs() - 30_000) - 60_000 + 1;
        assertThat(mismatches(tokens.get(1).name(), tokens.get(1).apiCoin(), Timeframe.M1,
                Timeframe.M1.floor(addedAt) - 300 * 60_000L, m1To, false)).isEmpty();
        long backfillStart = Timeframe.M5.floor(joinAt) - 335 * 300_000L;
        assertThat(mismatches(tokens.get(1).name(), tokens.get(1).apiCoin(), Timeframe.M5, backfillStart, to, false))
                .isEmpty();
        // Nothing new is stored for the token that left once its last bar closed.
        List<Bar> afterLeave = reader.bars(tokens.get(0).name(), "hyperliquid", Timeframe.M1,
                Timeframe.M1.floor(leftAt) + 120_000, Long.MAX_VALUE);
        assertThat(afterLeave).isEmpty();
        assertThat(reader.bars(tokens.get(2).name(), "hyperliquid", Timeframe.M1, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aUniverseOf1200TokensSplitsBetweenWebSocketAndRestWithinEveryLimit() throws Exception {
        startWorld(4, 120, SimConfig.defaults(4).withExtraPerps(1_200).withHistoryMinutes(30)
                .withTradesPerSecond(60));
        List<SimAsset> all = sim.market().assets().stream()
                .filter(a -> !List.of("BTC", "ETH", "BNB", "SOL", "HYPE").contains(a.name())).limit(1_200).toList();
        assertThat(all).hasSize(1_200);
        all.forEach(a -> watch(a, Timeframe.M1));
        IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()), MAJORS)
                .withIngest(new IngestConfig(4096, 1_000, 5_000, 20, Duration.ofSeconds(60), IngestConfig.NO_ANCHOR))
                .withStream(StreamConfig.hyperliquid().forClockSpeed(clock.speed()));
        ingest = IngestService.start(db, clock, settings);
        await("the WebSocket budget filled", () -> ingest.tradingStatus().liveSubscriptions() == 948, 60_000);
        assertThat(ingest.restTokens()).isEqualTo(252);
        runFor(60 * 60_000);
        runFor(20_000);
        await("candle jobs", ingest::candleJobsIdle, 120_000);
        ingest.writer().drain();

        assertThat(sim.stats().violationsByKind()).isEmpty();
        assertThat(sim.stats().limitViolations()).isZero();
        assertThat(ingest.restPolls()).isGreaterThanOrEqualTo(252);
        // Spot checks: WebSocket tokens exact over the last half hour, REST tokens exact up to their last full cycle.
        long end = clock.nowMs();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 97) {
            SimAsset a = all.get(i);
            long to = Timeframe.M1.floor(end - 12 * 60_000);
            bad.addAll(mismatches(a.name(), a.apiCoin(), Timeframe.M1, to - 20 * 60_000, to, false));
        }
        assertThat(bad).isEmpty();
    }
}
