package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.market.Bar;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.store.TestDatabases;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** bars fetch against the simulator over a socket: pages back to the venue's oldest candle, inside the budget. */
class BarFetchTest {

    private static final long START = 1_767_571_200_000L; // 2026-01-05T00:00:00Z
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void dispose() {
        TestDatabases.dispose(db);
    }

    private List<Bar> stored(PriceTable table, String coin, Timeframe tf) {
        List<Bar> out = new ArrayList<>();
        new PriceDataReader(db).forEachBar(table, coin, "hyperliquid", tf, Long.MIN_VALUE, Long.MAX_VALUE, out::add);
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pagesBackToTheVenuesOldestCandleAndWaitsForTheBudgetInsteadOfOverspending(TestDatabases.Kind kind) {
        db = TestDatabases.open(kind, dir);
        SimulatedClock clock = SimulatedClock.accelerated(START, 120);
        // The venue allows 100 weight a minute, our budget 70: 10 pages of 29 need five minutes, which only waiting
        // gives; a single 429 would mean we overspent. The margin is for the request's time on the wire, which the
        // clock at 120x stretches to seconds (the live budget keeps 100 of 1,200 in reserve the same way).
        SimConfig config = SimConfig.defaults(5).withHistoryMinutes(1_800).withCandlesPerAnswer(500)
                .withLimits(SimConfig.Limits.hyperliquid().withRestWeightPerMinute(100));
        try (HlSimulator sim = HlSimulator.start(config, clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 70, clock), clock)) {
            long now = clock.nowMs();
            long lastClosed = Timeframe.M1.floor(now) - MINUTE;
            PriceBars store = new PriceBars(db);
            List<BarFetch.Fetched> fetched = new ArrayList<>();
            for (String coin : List.of("BTC", "ETH")) {
                fetched.add(BarFetch.fetch(info, store, PriceTable.MAJORS, coin, Timeframe.M1, Long.MIN_VALUE / 2,
                        now, BarFetch.PAGE_BARS));
            }
            for (BarFetch.Fetched f : fetched) {
                List<Bar> truth = sim.market().candles(f.coin(), Timeframe.M1, Long.MIN_VALUE / 2, lastClosed + 1);
                List<Bar> bars = stored(PriceTable.MAJORS, f.coin(), Timeframe.M1);
                assertThat(bars).hasSameSizeAs(truth);
                assertThat(f.bars()).isEqualTo(truth.size());
                assertThat(f.firstOpenMs()).isEqualTo(truth.getFirst().openTimeMs());
                assertThat(f.lastOpenMs()).isEqualTo(lastClosed);
                // Full pages of 500 back to the oldest candle, then the empty page that ends the walk.
                assertThat(f.pages()).isEqualTo((truth.size() + 499) / 500 + 1);
                for (int i = 0; i < truth.size(); i++) {
                    assertThat(bars.get(i).openTimeMs()).isEqualTo(truth.get(i).openTimeMs());
                    assertThat(bars.get(i).samePrices(truth.get(i))).as("%s bar %d", f.coin(), i).isTrue();
                }
            }
            assertThat(sim.stats().http429()).isZero();
            assertThat(info.retries()).isZero();
            assertThat(info.throttledWaits()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void daysBoundTheFetchAndAFetchAgainWritesTheSameRows(TestDatabases.Kind kind) {
        db = TestDatabases.open(kind, dir);
        SimulatedClock clock = SimulatedClock.manual(START);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(5).withHistoryMinutes(3_000), clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 1200, clock), clock)) {
            PriceBars store = new PriceBars(db);
            long from = START - 10 * 3_600_000L;
            BarFetch.Fetched f = BarFetch.fetch(info, store, PriceTable.HYPERLIQUID, "ETH", Timeframe.H1, from, START,
                    BarFetch.PAGE_BARS);
            // START is on an hour, so the hour opening at START is still open: 10 closed hours, one page.
            assertThat(f).isEqualTo(new BarFetch.Fetched("ETH", Timeframe.H1, 10, 1, from, START - 3_600_000L));
            List<Bar> first = stored(PriceTable.HYPERLIQUID, "ETH", Timeframe.H1);
            List<Bar> truth = sim.market().candles("ETH", Timeframe.H1, from, START);
            assertThat(first).hasSize(10);
            for (int i = 0; i < truth.size(); i++) {
                assertThat(first.get(i).openTimeMs()).isEqualTo(truth.get(i).openTimeMs());
                assertThat(first.get(i).samePrices(truth.get(i))).isTrue();
            }
            BarFetch.fetch(info, store, PriceTable.HYPERLIQUID, "ETH", Timeframe.H1, from, START, BarFetch.PAGE_BARS);
            assertThat(stored(PriceTable.HYPERLIQUID, "ETH", Timeframe.H1)).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSpotPairIsAskedForByItsApiCoinAndStoredUnderItsNameAsTheIngestStoresIt(TestDatabases.Kind kind) {
        db = TestDatabases.open(kind, dir);
        SimulatedClock clock = SimulatedClock.manual(START);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(5).withHistoryMinutes(600), clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 1200, clock), clock)) {
            lotus.sim.SimAsset pair = sim.market().assets().stream()
                    .filter(a -> a.kind() == lotus.sim.SimAsset.Kind.SPOT && a.apiCoin().startsWith("@"))
                    .findFirst().orElseThrow();
            assertThat(pair.name()).contains("/");
            List<BarFetch.Coin> coins = BarFetch.resolve(info, List.of("ETH", pair.name(), pair.apiCoin()));
            assertThat(coins).containsExactly(BarFetch.Coin.perp("ETH"), new BarFetch.Coin(pair.name(),
                    pair.apiCoin()), new BarFetch.Coin(pair.name(), pair.apiCoin()));

            long from = START - 5 * 3_600_000L;
            BarFetch.Fetched f = BarFetch.fetch(info, new PriceBars(db), PriceTable.HYPERLIQUID, coins.get(1),
                    Timeframe.H1, from, START, BarFetch.PAGE_BARS);
            assertThat(f).isEqualTo(new BarFetch.Fetched(pair.name(), Timeframe.H1, 5, 1, from,
                    START - 3_600_000L));
            List<Bar> truth = sim.market().candles(pair.apiCoin(), Timeframe.H1, from, START);
            List<Bar> bars = stored(PriceTable.HYPERLIQUID, pair.name(), Timeframe.H1);
            assertThat(bars).hasSize(5);
            for (int i = 0; i < truth.size(); i++) {
                assertThat(bars.get(i).samePrices(truth.get(i))).isTrue();
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BarFetch.resolve(info, List.of("NOPE/USDC")))
                    .isInstanceOf(lotus.hyperliquid.common.UnknownAssetException.class)
                    .hasMessageContaining("NOPE/USDC");
        }
    }
}
