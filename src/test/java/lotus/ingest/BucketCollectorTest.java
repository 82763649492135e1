package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import lotus.market.Bar;
import lotus.market.BucketIndex;
import lotus.market.MarketCapBucket;
import lotus.market.MinuteRollup;
import lotus.store.Database;
import lotus.store.BucketMembers;
import lotus.store.LowcapBar;
import lotus.store.LowcapPoint;
import lotus.store.LowcapPrices;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bucket collector over stored Solana points and 1m bars: nine tokens of very different price scales from
 * 2025-12-31 22:50 to 2026-01-01 02:10 UTC. Nano A, B, C; small D, E, F, G, where D's cap jumps to mid at 23:30 (it
 * moves on at 00:00 only); big H and I, two members, so no big bar ever. The reference is a {@link BucketIndex} fed
 * the bars read back, with the membership written down by hand.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class BucketCollectorTest {

    private static final long DAY1 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long M = 60_000L;
    private static final long FROM = DAY1 - 70 * M;
    private static final long TO = DAY1 + 130 * M;
    private static final long FIRST = DAY1 - 60 * M;
    private static final long LAST = DAY1 + 125 * M;
    private static final long SEED = 20260101L;
    private static final String CHAIN = "solana";

    /** Token → starting price: nine orders of magnitude apart, so a raw-price mean would be C's and I's alone. */
    private static final Map<String, String> START = new TreeMap<>(Map.of("A", "0.0000012", "B", "0.0031",
            "C", "2.5", "D", "0.00047", "E", "0.019", "F", "7.1", "G", "0.000088", "H", "0.6", "I", "130"));
    private static final Map<String, String> CAP_USD = Map.of("A", "900000", "B", "4000000", "C", "9999999",
            "D", "49999999", "E", "10000000", "F", "30000000", "G", "22000000", "H", "300000000", "I", "200000000");
    private static final Set<String> NANO = Set.of("A", "B", "C");
    private static final Set<String> SMALL_DAY0 = Set.of("D", "E", "F", "G");
    private static final Set<String> SMALL_DAY1 = Set.of("E", "F", "G");
    private static final Set<String> MID_DAY1 = Set.of("D");
    private static final Set<String> BIG = Set.of("H", "I");

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;
    LowcapPrices prices;
    RegimeBars regime;
    BucketMembers members;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        clock = SimulatedClock.manual(FIRST);
        prices = new LowcapPrices(db);
        regime = new RegimeBars(db);
        members = new BucketMembers(db);
        storeWorld();
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    @Test
    void minuteBarsEqualTheIndexOverTheDaysMembersAndHoursRollUp() {
        BucketCollector collector = new BucketCollector(clock, prices, regime, members);
        for (long t = FIRST; t <= LAST; t += M) {
            clock.setMs(t + M + 5_000);
            collector.runOnce(t);
            if (t == DAY1 - 15 * M) {
                assertThat(collector.statusLine()).startsWith("buckets nano=3 small=4 mid=0 big=2 ");
            }
        }
        assertMatchesReference();
        assertThat(collector.statusLine()).startsWith("buckets nano=3 small=3 mid=1 big=2 ");
        long minutes = (LAST - FIRST) / M + 1;
        // Mid (0 members, then 1) and big (2) have no bar in any minute.
        assertThat(collector.thinMinutes()).isEqualTo(2 * minutes);
        assertThat(regime.bars("bucket.big", Timeframe.M1, FROM, TO)).isEmpty();
        assertThat(regime.bars("bucket.mid", Timeframe.M1, FROM, TO)).isEmpty();
        assertThat(collector.statusLine()).endsWith(" bars=" + collector.barsWritten() + " thin=" + 2 * minutes);
        assertMembersRecorded();
    }

    /** Each day's buckets as the index counted them: D small all of day 0 (its jump waits for 00:00), mid on day 1. */
    private void assertMembersRecorded() {
        Map<String, MarketCapBucket> day0 = new TreeMap<>(members.on(CHAIN, DAY1 - Timeframe.D1.durationMs()));
        Map<String, MarketCapBucket> day1 = new TreeMap<>(members.on(CHAIN, DAY1));
        MarketCapBucket n = MarketCapBucket.NANO;
        MarketCapBucket s = MarketCapBucket.SMALL;
        MarketCapBucket b = MarketCapBucket.BIG;
        assertThat(day0).isEqualTo(new TreeMap<>(Map.of("A", n, "B", n, "C", n, "D", s, "E", s, "F", s, "G", s,
                "H", b, "I", b)));
        assertThat(day1).containsEntry("D", MarketCapBucket.MID).containsEntry("E", s).hasSize(9);
        assertThat(members.on("ethereum", DAY1)).isEmpty();
        // Every member was counted from its day's first minute built (the tokens all had caps before the day).
        assertThat(members.between(CHAIN, DAY1, DAY1 + Timeframe.D1.durationMs()))
                .extracting(BucketMembers.Member::firstMinuteMs).containsOnly(DAY1);
        assertThat(members.between(CHAIN, DAY1 - Timeframe.D1.durationMs(), DAY1))
                .extracting(BucketMembers.Member::firstMinuteMs).containsOnly(FIRST);
    }

    @Test
    void aRestartContinuesTheIndexWithoutAGap() {
        BucketCollector first = new BucketCollector(clock, prices, regime, members);
        for (long t = FIRST; t <= DAY1 + 20 * M; t += M) {
            first.runOnce(t);
        }
        first.close();
        // Down for four minutes: the next run catches them up from the newest stored close.
        BucketCollector second = new BucketCollector(clock, prices, regime, members);
        second.runOnce(DAY1 + 25 * M);
        assertThat(regime.newest("bucket.nano", Timeframe.M1).orElseThrow().openTimeMs()).isEqualTo(DAY1 + 25 * M);
        for (long t = DAY1 + 26 * M; t <= LAST; t += M) {
            second.runOnce(t);
        }
        assertMatchesReference();
        assertMembersRecorded();
    }

    @Test
    void aHistoryBuiltInOnePassThenMinuteRunsGiveTheSameBars() {
        BucketCollector collector = new BucketCollector(clock, prices, regime, members);
        // Across the day's turn, where D leaves small; the 23:00 hour and the day close inside the history.
        int built = collector.buildHistory(FIRST, DAY1 + 40 * M);
        assertThat(built).isEqualTo(2 * 100);
        assertThat(regime.bars("bucket.small", Timeframe.H1, FROM, TO)).hasSize(1);
        assertThat(regime.bars("bucket.small", Timeframe.D1, DAY1 - Timeframe.D1.durationMs(), TO)).hasSize(1);
        assertThat(collector.statusLine()).startsWith("buckets nano=3 small=3 mid=1 big=2 ");
        collector.runOnce(DAY1 + 39 * M); // already built: nothing
        for (long t = DAY1 + 40 * M; t <= LAST; t += M) {
            collector.runOnce(t);
        }
        assertMatchesReference();
        assertMembersRecorded();
    }

    @Test
    void aMinuteAlreadyBuiltIsNotBuiltAgain() {
        BucketCollector collector = new BucketCollector(clock, prices, regime, members);
        collector.runOnce(FIRST);
        collector.runOnce(FIRST + M);
        long bars = collector.barsWritten();
        collector.runOnce(FIRST + M);
        assertThat(collector.barsWritten()).isEqualTo(bars).isEqualTo(4);
    }

    private void assertMatchesReference() {
        Map<MarketCapBucket, List<Bar>> expected = reference();
        for (MarketCapBucket b : List.of(MarketCapBucket.NANO, MarketCapBucket.SMALL)) {
            List<RegimeBar> stored = regime.bars(b.driver(), Timeframe.M1, FROM, TO);
            assertThat(stored).as(b + " 1m").hasSize(expected.get(b).size());
            for (int i = 0; i < stored.size(); i++) {
                assertSame(stored.get(i).bar(), expected.get(b).get(i));
                assertThat(stored.get(i).source()).isEqualTo(BucketCollector.SOURCE);
            }
            assertThat(stored.getFirst().members()).isEqualTo(b == MarketCapBucket.NANO ? 3 : 4);
            assertThat(stored.getLast().members()).isEqualTo(3);
            List<Bar> hours = MinuteRollup.rollUp(expected.get(b), Timeframe.H1);
            List<RegimeBar> storedHours = regime.bars(b.driver(), Timeframe.H1, FROM, TO);
            // 23:00, 00:00 and 01:00 have closed; 02:00 has not.
            assertThat(storedHours).as(b + " 1h").hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertSame(storedHours.get(i).bar(), hours.get(i));
            }
            List<RegimeBar> days = regime.bars(b.driver(), Timeframe.D1, DAY1 - Timeframe.D1.durationMs(), TO);
            assertThat(days).as(b + " 1d").hasSize(1);
            assertSame(days.getFirst().bar(), MinuteRollup.rollUp(expected.get(b).subList(0, 60), Timeframe.D1)
                    .getFirst());
        }
    }

    private static void assertSame(Bar actual, Bar expected) {
        String at = actual.tokenContract() + " " + actual.timeframe() + " @" + actual.openTimeMs();
        assertThat(actual.openTimeMs()).as(at).isEqualTo(expected.openTimeMs());
        assertThat(actual.open()).as(at + " open").isEqualByComparingTo(expected.open());
        assertThat(actual.high()).as(at + " high").isEqualByComparingTo(expected.high());
        assertThat(actual.low()).as(at + " low").isEqualByComparingTo(expected.low());
        assertThat(actual.close()).as(at + " close").isEqualByComparingTo(expected.close());
    }

    /** Each filled bucket's 1m bars from 23:00 to 02:05, the day's members written down by hand. */
    private Map<MarketCapBucket, List<Bar>> reference() {
        Map<Long, Map<String, Bar>> byMinute = new TreeMap<>();
        for (LowcapBar b : prices.bars(CHAIN, Timeframe.M1, FROM, TO)) {
            byMinute.computeIfAbsent(b.openTimeMs(), k -> new HashMap<>()).put(b.tokenContract(),
                    new Bar(b.tokenContract(), CHAIN, Timeframe.M1, b.openTimeMs(), b.openUsd(), b.highUsd(),
                            b.lowUsd(), b.closeUsd(), b.volume(), 0));
        }
        Map<MarketCapBucket, List<Bar>> out = new HashMap<>();
        for (MarketCapBucket b : List.of(MarketCapBucket.NANO, MarketCapBucket.SMALL)) {
            BucketIndex index = new BucketIndex(b);
            index.onMinute(FIRST - M, Set.of(), byMinute.get(FIRST - M));
            List<Bar> bars = new ArrayList<>();
            for (long t = FIRST; t <= LAST; t += M) {
                Set<String> members = b == MarketCapBucket.NANO ? NANO : t < DAY1 ? SMALL_DAY0 : SMALL_DAY1;
                index.onMinute(t, members, byMinute.get(t)).ifPresent(bars::add);
            }
            assertThat(bars).as(b + " reference").hasSize((int) ((LAST - FIRST) / M + 1));
            out.put(b, bars);
        }
        assertThat(MID_DAY1).hasSize(1);
        assertThat(BIG).hasSize(2);
        return out;
    }

    /** One point a minute at second 2 (with its cap) and the minute's bar, for every token, seeded walks. */
    private void storeWorld() {
        Random r = new Random(SEED);
        List<LowcapPoint> points = new ArrayList<>();
        List<LowcapBar> bars = new ArrayList<>();
        MathContext mc = new MathContext(12);
        for (var e : START.entrySet()) {
            String token = e.getKey();
            BigDecimal close = new BigDecimal(e.getValue());
            for (long t = FROM; t < TO; t += M) {
                BigDecimal open = close;
                close = open.multiply(BigDecimal.valueOf(1 + (r.nextDouble() - 0.5) * 0.02), mc);
                BigDecimal high = open.max(close).multiply(BigDecimal.valueOf(1 + r.nextDouble() * 0.005), mc);
                BigDecimal low = open.min(close).multiply(BigDecimal.valueOf(1 - r.nextDouble() * 0.005), mc);
                bars.add(new LowcapBar(token, CHAIN, Timeframe.M1, t, open, high, low, close, BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, null, null, null, null,
                        null, null, null, null, false, "test"));
                String cap = token.equals("D") && t >= DAY1 - 30 * M ? "50000000" : CAP_USD.get(token);
                points.add(new LowcapPoint(token, CHAIN, t + 2_000, close, null, null, null, null, null, null,
                        null, null, null, null, new BigDecimal(cap), null, null, null, "test"));
            }
        }
        prices.upsertPoints(points);
        prices.upsertBars(bars);
    }
}
