package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lotus.coingecko.CoinGeckoClient;
import lotus.coingecko.Dominance;
import lotus.market.MinuteRollup;
import lotus.sim.CoinGeckoSim;
import lotus.store.Database;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.store.TestDatabases;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dominance collector against the CoinGecko simulator over 127.0.0.1, on a manual clock, into SQLite. */
class DominanceCollectorTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long SEED = 20_260_114;

    @TempDir
    Path tempDir;

    SimulatedClock clock;
    CoinGeckoSim sim;
    Database db;
    RegimeBars store;
    DominanceCollector collector;

    @BeforeEach
    void start() {
        clock = SimulatedClock.manual(T0);
        sim = CoinGeckoSim.start(clock, SEED, CoinGeckoSim.PER_MINUTE, 0);
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, tempDir);
        store = new RegimeBars(db);
        RateBudget budget = new RateBudget("coingecko", CoinGeckoClient.DEFAULT_PER_MINUTE, clock);
        CoinGeckoClient client = new CoinGeckoClient(sim.baseUrl(), Optional.empty(), CoinGeckoClient.DEMO_KEY_HEADER,
                budget, clock, Duration.ofSeconds(5), 1);
        collector = new DominanceCollector(clock, client, store);
    }

    @AfterEach
    void stop() {
        collector.close();
        sim.close();
        TestDatabases.dispose(db);
    }

    /** Runs the collector at second 10 of each minute in {@code [0, minutes)}, as its schedule does. */
    private void runMinutes(int minutes) throws InterruptedException {
        for (int m = 0; m < minutes; m++) {
            clock.setMs(T0 + m * MINUTE + DominanceCollector.FIRE_OFFSET_MS);
            collector.runOnce();
        }
    }

    /** The naive reference: each stored minute's close is the simulator's value at second 10, its open the last. */
    private List<RegimeBar> expectedMinutes(String driver, List<Integer> skipped) {
        List<RegimeBar> out = new ArrayList<>();
        BigDecimal previous = null;
        for (int m = 0; m < 120; m++) {
            long at = T0 + m * MINUTE + DominanceCollector.FIRE_OFFSET_MS;
            if (skipped.contains(m)) {
                previous = null;
                continue;
            }
            BigDecimal v = driver.equals(DominanceCollector.BTC) ? sim.btcAt(at) : sim.usdtAt(at);
            BigDecimal open = previous == null ? v : previous;
            out.add(new RegimeBar(driver, Timeframe.M1, T0 + m * MINUTE, open, open.max(v), open.min(v), v,
                    BigDecimal.ZERO, null, "coingecko"));
            previous = v;
        }
        return out;
    }

    @Test
    void twoHoursGiveEveryMinuteTheSimulatorsExactValueAndEachHourItsRollUp() throws Exception {
        runMinutes(120);

        for (String driver : List.of(DominanceCollector.BTC, DominanceCollector.USDT)) {
            List<RegimeBar> minutes = store.bars(driver, Timeframe.M1, T0, T0 + 2 * HOUR);
            assertThat(minutes).as("seed %d %s", SEED, driver).hasSize(120)
                    .containsExactlyElementsOf(expectedMinutes(driver, List.of()));
            List<RegimeBar> hours = store.bars(driver, Timeframe.H1, T0, T0 + 2 * HOUR);
            assertThat(hours).as("seed %d %s", SEED, driver).hasSize(2).containsExactlyElementsOf(
                    MinuteRollup.rollUp(minutes.stream().map(RegimeBar::bar).toList(), Timeframe.H1).stream()
                            .map(b -> RegimeBar.of(b, null, "coingecko")).toList());
            RegimeBar first = hours.getFirst();
            assertThat(first.open()).isEqualTo(minutes.getFirst().open());
            assertThat(first.close()).isEqualTo(minutes.get(59).close());
            assertThat(first.high()).isEqualTo(minutes.subList(0, 60).stream().map(RegimeBar::high)
                    .reduce(BigDecimal::max).orElseThrow());
            assertThat(first.low()).isEqualTo(minutes.subList(0, 60).stream().map(RegimeBar::low)
                    .reduce(BigDecimal::min).orElseThrow());
            assertThat(store.bars(driver, Timeframe.D1, T0, T0 + 24 * HOUR)).as("the day is still open").isEmpty();
        }
        assertThat(collector.samples()).isEqualTo(120);
        assertThat(collector.failed()).isZero();
        assertThat(sim.requests()).hasSize(120);
        assertThat(collector.statusLine()).isEqualTo("dominance samples=120 failed=0 last btc.d="
                + sim.btcAt(T0 + 119 * MINUTE + 10_000).toPlainString() + " usdt.d="
                + sim.usdtAt(T0 + 119 * MINUTE + 10_000).toPlainString());
    }

    @Test
    void aHistoryStoredInOneUpsertThenSampledMinutesGiveTheBarsOfSamplingThemAll() throws Exception {
        List<Dominance> history = new ArrayList<>();
        for (int m = 0; m < 90; m++) {
            long at = T0 + m * MINUTE + DominanceCollector.FIRE_OFFSET_MS;
            history.add(new Dominance(sim.btcAt(at), sim.usdtAt(at), at));
        }
        // 90 minutes of two drivers, and the first hour (the second is not complete) rolled up.
        assertThat(collector.storeHistory(history)).isEqualTo(2 * 90 + 2);
        for (int m = 90; m < 120; m++) {
            clock.setMs(T0 + m * MINUTE + DominanceCollector.FIRE_OFFSET_MS);
            collector.runOnce();
        }

        for (String driver : List.of(DominanceCollector.BTC, DominanceCollector.USDT)) {
            List<RegimeBar> minutes = store.bars(driver, Timeframe.M1, T0, T0 + 2 * HOUR);
            assertThat(minutes).containsExactlyElementsOf(expectedMinutes(driver, List.of()));
            assertThat(store.bars(driver, Timeframe.H1, T0, T0 + 2 * HOUR)).containsExactlyElementsOf(
                    MinuteRollup.rollUp(minutes.stream().map(RegimeBar::bar).toList(), Timeframe.H1).stream()
                            .map(b -> RegimeBar.of(b, null, "coingecko")).toList());
        }
        assertThat(sim.requests()).hasSize(30);
        assertThat(collector.samples()).isEqualTo(30);
    }

    @Test
    void aServerErrorMinuteIsCountedAndHasNoBarAndTheNextMinuteOpensAtItsOwnSample() throws Exception {
        runMinutes(30);
        sim.inject(CoinGeckoSim.Fault.SERVER_ERROR);
        clock.setMs(T0 + 30 * MINUTE + DominanceCollector.FIRE_OFFSET_MS);
        assertThat(collector.runOnce()).isFalse();
        for (int m = 31; m < 120; m++) {
            clock.setMs(T0 + m * MINUTE + DominanceCollector.FIRE_OFFSET_MS);
            assertThat(collector.runOnce()).isTrue();
        }

        for (String driver : List.of(DominanceCollector.BTC, DominanceCollector.USDT)) {
            List<RegimeBar> minutes = store.bars(driver, Timeframe.M1, T0, T0 + 2 * HOUR);
            assertThat(minutes).as("seed %d %s", SEED, driver).hasSize(119)
                    .containsExactlyElementsOf(expectedMinutes(driver, List.of(30)));
            assertThat(store.bars(driver, Timeframe.H1, T0, T0 + 2 * HOUR)).containsExactlyElementsOf(
                    MinuteRollup.rollUp(minutes.stream().map(RegimeBar::bar).toList(), Timeframe.H1).stream()
                            .map(b -> RegimeBar.of(b, null, "coingecko")).toList());
        }
        assertThat(collector.samples()).isEqualTo(119);
        assertThat(collector.failed()).isEqualTo(1);
        assertThat(collector.statusLine()).startsWith("dominance samples=119 failed=1 last btc.d=");
    }

    @Test
    void aDayClosesIntoItsDailyBarFromTheStoredMinutes() throws Exception {
        clock.setMs(T0 + 24 * HOUR - MINUTE + DominanceCollector.FIRE_OFFSET_MS);
        collector.runOnce();
        clock.setMs(T0 + 24 * HOUR + DominanceCollector.FIRE_OFFSET_MS);
        collector.runOnce();

        List<RegimeBar> day = store.bars(DominanceCollector.BTC, Timeframe.D1, T0, T0 + 24 * HOUR);
        BigDecimal close = sim.btcAt(T0 + 24 * HOUR - MINUTE + DominanceCollector.FIRE_OFFSET_MS);
        assertThat(day).containsExactly(new RegimeBar(DominanceCollector.BTC, Timeframe.D1, T0, close, close, close,
                close, BigDecimal.ZERO, null, "coingecko"));
    }
}
