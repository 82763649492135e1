package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.ingest.IngestService;
import lotus.ingest.SubscriptionPlanner;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thirty simulated minutes of what {@code lotus run} runs ({@link TradingLoop}), with more tokens than the WebSocket
 * may carry so the rest are polled over REST, backfills, the PM ticking every minute and the reconciler on its
 * interval: the simulator, which counts every request's weight per IP, never sees more than the venue's 1,200 in a
 * minute, since everything in the process draws on one budget.
 */
class RunWeightTest {

    private static final long START_MS = 1_767_571_200_000L;

    @TempDir
    Path dir;

    @Test
    void oneProcessStaysWithinTheVenuesWeightPerMinute() throws Exception {
        double speed = 60;
        SimulatedClock clock = SimulatedClock.accelerated(START_MS, speed);
        Database db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(12).withExtraPerps(150).withHistoryMinutes(60)
                .withTradesPerSecond(20), clock, 0)) {
            List<SimAsset> tokens = sim.market().assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP)
                    .filter(a -> !List.of("BTC", "ETH", "BNB", "SOL", "HYPE").contains(a.name())).limit(120).toList();
            Positions positions = new Positions(db, clock);
            for (SimAsset a : tokens) {
                positions.insert(new NewPosition(a.name(), "hyperliquid", a.name(), Timeframe.M1, "perps",
                        new BigDecimal("1"), BigDecimal.ZERO));
            }
            LotusConfig config = ConfigLoader.load(null, Map.of("HL_NETWORK", "local", "HL_REST_URL", sim.restUrl(),
                    "HL_WS_URL", sim.wsUrl())).config();
            // Sixty subscriptions for this process: the majors' and forty-odd tokens' trades stream, the rest poll.
            IngestService.Settings settings = IngestService.Settings.defaults(config.hyperliquid().endpoints(),
                    config.hyperliquid().symbols()).withPlanner(new SubscriptionPlanner(60, 5))
                    .withStream(StreamConfig.hyperliquid().forClockSpeed(speed));
            AtomicInteger ticks = new AtomicInteger();
            long until = START_MS + 30 * 60_000;
            try (TradingLoop loop = TradingLoop.start(config, db, clock, true, settings,
                    r -> ticks.incrementAndGet())) {
                while (clock.nowMs() < until) {
                    loop.maintain();
                    Thread.sleep(50);
                }
                assertThat(loop.ingest().restTokens()).as("tokens polled over REST").isGreaterThan(50);
                assertThat(loop.ingest().restPolls()).isPositive();
            }
            long heaviest = sim.stats().maxRestWeightPerMinute();
            System.out.printf("run weight: heaviest minute %d of 1200 from one IP over 30 simulated minutes"
                    + " (%d REST weight in all, %d ticks, %d HTTP 429)%n", heaviest, sim.stats().restWeightUsed(),
                    ticks.get(), sim.stats().http429());
            assertThat(heaviest).isLessThanOrEqualTo(1_200).isGreaterThan(300);
            assertThat(sim.stats().http429()).isZero();
            assertThat(ticks.get()).isGreaterThanOrEqualTo(25);
        } finally {
            TestDatabases.dispose(db);
        }
    }
}
