package lotus.pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.engine.EngineOutput;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.market.MarketCapBucket;
import lotus.store.BucketMembers;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.store.TestDatabases;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regime drivers read from the majors table: BTC and the ALT composite on 1d, 1h and 1m, no look-ahead. */
class RegimeFeedTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path dir;

    Database db;
    PriceDataReader reader;

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        reader = new PriceDataReader(db);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    private static List<Bar> bars(String coin, Timeframe tf, int n, double start, double step) {
        List<Bar> out = new ArrayList<>();
        double px = start;
        for (int i = 0; i < n; i++) {
            double open = px;
            px *= 1 + step + ((i * 7919) % 13 - 6) * 0.0004;
            out.add(new Bar(coin, "hyperliquid", tf, T0 + i * tf.durationMs(), dec(open),
                    dec(Math.max(open, px) * 1.001), dec(Math.min(open, px) * 0.999), dec(px),
                    dec(10 + i % 5), 0));
        }
        return out;
    }

    private static BigDecimal dec(double v) {
        return new BigDecimal(v).round(new MathContext(12));
    }

    private static EngineOutput replayed(List<Bar> bars) {
        EngineTracker t = new EngineTracker();
        EngineOutput last = null;
        for (Bar b : bars) {
            last = t.advance(b);
        }
        return last;
    }

    @Test
    void driversRunTheEngineOnTheirOwnBarsClosedBeforeTheTickAndAdvanceIncrementally() {
        PriceBars store = new PriceBars(db);
        Map<String, List<Bar>> m1 = new HashMap<>();
        for (String coin : List.of("BTC", "SOL", "ETH", "BNB", "HYPE")) {
            m1.put(coin, bars(coin, Timeframe.M1, 400, coin.length() * 10.0, coin.equals("BTC") ? -0.002 : 0.002));
            store.upsert(PriceTable.MAJORS, "hyperliquid", m1.get(coin));
        }
        List<Bar> btcHours = bars("BTC", Timeframe.H1, 350, 50_000, 0.001);
        store.upsert(PriceTable.MAJORS, "hyperliquid", btcHours);

        // Tick at the close of minute 380: bars opening at 380 and later are not closed yet and must not be seen.
        long now = T0 + 380 * 60_000L;
        RegimeFeed feed = new RegimeFeed(reader);
        Regime regime = feed.update(now);

        EngineOutput btc = regime.output(RegimeDriver.BTC, Timeframe.M1);
        assertThat(btc).isEqualTo(replayed(m1.get("BTC").subList(0, 380)));
        assertThat(btc.barOpenTimeMs()).isEqualTo(now - 60_000L);
        Map<String, List<Bar>> altInput = new HashMap<>();
        for (String coin : OhlcComposite.ALT_COINS) {
            altInput.put(coin, m1.get(coin).subList(0, 380));
        }
        assertThat(regime.output(RegimeDriver.ALT, Timeframe.M1))
                .isEqualTo(replayed(OhlcComposite.alt(altInput, "hyperliquid")));
        // The hour bars: only those that closed by the tick (6 hours and 20 minutes in: hours 0..5).
        assertThat(regime.output(RegimeDriver.BTC, Timeframe.H1).barOpenTimeMs()).isEqualTo(T0 + 5 * 3_600_000L);
        assertThat(regime.output(RegimeDriver.BTC, Timeframe.H1).bars()).isEqualTo(6);
        // No daily bars and no ALT hours stored: those drivers are absent and contribute 0.
        assertThat(regime.output(RegimeDriver.BTC, Timeframe.D1)).isNull();
        assertThat(regime.output(RegimeDriver.ALT, Timeframe.H1)).isNull();
        assertThat(regime.output(RegimeDriver.BUCKET, Timeframe.M1)).isNull();

        // Ten minutes later the same feed advances by ten bars and agrees with a replay from scratch.
        Regime later = feed.update(now + 10 * 60_000L);
        assertThat(later.output(RegimeDriver.BTC, Timeframe.M1)).isEqualTo(replayed(m1.get("BTC").subList(0, 390)));
        assertThat(later.output(RegimeDriver.BTC, Timeframe.M1).state()).isNotNull();
        assertThat(AeCalculator.compute(later, Timeframe.M1)).isEqualTo(AeCalculator.compute(
                new RegimeFeed(reader).update(now + 10 * 60_000L), Timeframe.M1));
    }

    @Test
    void dominanceDriversRunOnTheirRegimeBarsAndAreDormantUntilTheyHaveHistory() {
        List<Bar> btcD = new ArrayList<>();
        for (Bar b : bars("btc.d", Timeframe.M1, 400, 55, 0.0005)) {
            btcD.add(new Bar("btc.d", RegimeBar.CHAIN, b.timeframe(), b.openTimeMs(), b.open(), b.high(), b.low(),
                    b.close(), BigDecimal.ZERO, 0));
        }
        RegimeBars store = new RegimeBars(db);
        store.upsert(btcD.stream().map(b -> RegimeBar.of(b, null, "coingecko")).toList());
        List<Bar> usdtD = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // too little history: the engine stays dormant
            BigDecimal v = new BigDecimal("4.5").add(BigDecimal.valueOf(i, 3));
            usdtD.add(new Bar("usdt.d", RegimeBar.CHAIN, Timeframe.M1, T0 + i * 60_000L, v, v, v, v, BigDecimal.ZERO,
                    0));
        }
        store.upsert(usdtD.stream().map(b -> RegimeBar.of(b, null, "coingecko")).toList());

        long now = T0 + 380 * 60_000L;
        Regime regime = new RegimeFeed(reader).update(now);

        // One bar behind the majors: the collector writes the bar that closes at the tick seconds after it.
        assertThat(regime.output(RegimeDriver.BTC_D, Timeframe.M1)).isEqualTo(replayed(btcD.subList(0, 379)));
        EngineOutput usdt = regime.output(RegimeDriver.USDT_D, Timeframe.M1);
        assertThat(usdt.dormant()).isTrue();
        // A dormant driver contributes nothing: the breakdown names BTC.d only.
        assertThat(AeCalculator.compute(regime, Timeframe.M1).breakdown())
                .extracting(Ae.Contribution::driver).containsOnly(RegimeDriver.BTC_D);
    }

    @Test
    void aTokenGetsTheBucketItsIndexCountedItInThatDayAndATokenWithoutOneGetsNone() {
        RegimeBars store = new RegimeBars(db);
        List<Bar> nano = regimeBars("bucket.nano", 400, 100, 0.001);
        List<Bar> small = regimeBars("bucket.small", 400, 100, -0.001);
        store.upsert(nano.stream().map(b -> RegimeBar.of(b, 3, "bucket_index")).toList());
        store.upsert(small.stream().map(b -> RegimeBar.of(b, 4, "bucket_index")).toList());
        long day0 = T0;
        long day1 = T0 + Timeframe.D1.durationMs();
        BucketMembers members = new BucketMembers(db);
        members.record(List.of(new BucketMembers.Member(day0, "solana", "MintA", MarketCapBucket.NANO),
                new BucketMembers.Member(day0, "solana", "MintB", MarketCapBucket.SMALL),
                new BucketMembers.Member(day1, "solana", "MintA", MarketCapBucket.SMALL)));
        // A second decision for the same day does not move the token.
        assertThat(members.record(List.of(new BucketMembers.Member(day0, "solana", "MintA", MarketCapBucket.BIG))))
                .isZero();

        long now = T0 + 380 * 60_000L;
        Regime regime = new RegimeFeed(reader).update(now);

        assertThat(regime.buckets()).containsOnlyKeys(MarketCapBucket.NANO, MarketCapBucket.SMALL);
        assertThat(regime.forToken("solana", "MintA").output(RegimeDriver.BUCKET, Timeframe.M1))
                .isEqualTo(replayed(nano.subList(0, 379)));
        assertThat(regime.forToken("solana", "MintB").output(RegimeDriver.BUCKET, Timeframe.M1))
                .isEqualTo(replayed(small.subList(0, 379)));
        // A token the collector never counted, and a Hyperliquid token (no market cap): no bucket driver at all.
        assertThat(regime.forToken("solana", "MintC").output(RegimeDriver.BUCKET, Timeframe.M1)).isNull();
        assertThat(regime.forToken("hyperliquid", "MintA").output(RegimeDriver.BUCKET, Timeframe.M1)).isNull();
        // The shared drivers never carry a bucket: the regime as read is the one a bucketless token sees.
        assertThat(regime.output(RegimeDriver.BUCKET, Timeframe.M1)).isNull();

        // The tick at 00:01 of day 1 reads index bars up to 23:59 of day 0, so day 0's buckets; a minute later it
        // reads day 1's first bar, and day 1's buckets.
        RegimeFeed feed = new RegimeFeed(reader);
        assertThat(feed.update(day1).bucketOf("solana", "MintA")).contains(MarketCapBucket.NANO);
        assertThat(feed.update(day1 + 60_000L).bucketOf("solana", "MintA")).contains(MarketCapBucket.NANO);
        assertThat(feed.update(day1 + 120_000L).bucketOf("solana", "MintA")).contains(MarketCapBucket.SMALL);
        assertThat(feed.update(day1 + 120_000L).bucketOf("solana", "MintB")).isEmpty();
        // A newcomer counted from 00:10 is in its bucket for the ticks that read the 00:10 bar: from 00:12 on.
        members.record(List.of(new BucketMembers.Member(day1, "solana", "MintC", MarketCapBucket.NANO,
                day1 + 10 * 60_000L)));
        assertThat(feed.update(day1 + 11 * 60_000L).bucketOf("solana", "MintC")).isEmpty();
        assertThat(feed.update(day1 + 12 * 60_000L).bucketOf("solana", "MintC")).contains(MarketCapBucket.NANO);
        // A backtest's memory answers the same.
        lotus.store.MemoryPriceHistory memory = new lotus.store.MemoryPriceHistory();
        memory.putBucketMembers(members.between("solana", day1, day1 + Timeframe.D1.durationMs()));
        assertThat(memory.bucketMembers("solana", day1, day1 + 10 * 60_000L)).doesNotContainKey("MintC");
        assertThat(memory.bucketMembers("solana", day1, day1 + 11 * 60_000L)).containsEntry("MintC",
                MarketCapBucket.NANO).containsEntry("MintA", MarketCapBucket.SMALL);

        // Members that cannot be read cost the bucket driver this tick, not the drivers every token shares.
        db.withConnection(c -> {
            try (var st = c.createStatement()) {
                st.execute("DROP TABLE regime_bucket_members");
            }
            return null;
        });
        Regime withoutMembers = new RegimeFeed(reader).update(now);
        assertThat(withoutMembers.members().get("solana")).isEmpty();
        assertThat(withoutMembers.buckets()).containsOnlyKeys(MarketCapBucket.NANO, MarketCapBucket.SMALL);
    }

    private static List<Bar> regimeBars(String driver, int n, double start, double step) {
        List<Bar> out = new ArrayList<>();
        for (Bar b : bars(driver, Timeframe.M1, n, start, step)) {
            out.add(new Bar(driver, RegimeBar.CHAIN, b.timeframe(), b.openTimeMs(), b.open(), b.high(), b.low(),
                    b.close(), b.volume(), 0));
        }
        return out;
    }
}
