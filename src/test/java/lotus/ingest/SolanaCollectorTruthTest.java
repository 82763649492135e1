package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lotus.sim.solana.DexScreenerSim;
import lotus.sim.solana.SimPool;
import lotus.sim.solana.SolanaMarket;
import lotus.solana.common.Mints;
import lotus.solana.common.TestMints;
import lotus.solana.dex.DexScreenerClient;
import lotus.solana.dex.PriceCollector;
import lotus.store.Database;
import lotus.store.LowcapBar;
import lotus.store.LowcapPoint;
import lotus.store.LowcapPrices;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Solana collector against the simulator's truth (SOLANA.md §2.4–2.7): 2,000 tokens (tier size 250 → every 8
 * minutes) and a few hot ones, two simulated hours on a manual clock, one {@code runOnce()} at second 2 of each minute.
 * Every expectation comes from the schedule's rule (SHA-256 slots, recomputed here) and {@link SolanaMarket}'s path,
 * never from the collector's own figures. SQLite only: the PostgreSQL case of the same code runs in
 * {@link SolanaCollectorTest} (this one passes on PostgreSQL too, in ~16 s against ~12 s on SQLite).
 */
@Tag("slow")
class SolanaCollectorTruthTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long M = 60_000L;
    private static final long H = 60 * M;
    private static final long FIRE_MS = 2_000;
    private static final long SEED = 11;
    private static final int TOKENS = 2_000;
    private static final int INTERVAL = 8; // ceil(2000 / 250)
    private static final int HOT = 5;
    /** Two hours of minutes 0..119, then the cycle at 02:00:02 that closes the second hour's bars. */
    private static final int MINUTES = 121;
    private static final int SWITCH_MINUTE = 60;
    private static final String CHAIN = "solana";

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;
    SolanaMarket market;
    DexScreenerSim sim;
    Positions positions;
    LowcapPrices prices;
    RateBudget budget;
    DexScreenerClient client;
    SolanaCollector collector;

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, tempDir);
        clock = SimulatedClock.manual(T0 + FIRE_MS);
        market = new SolanaMarket(clock, SEED);
        sim = DexScreenerSim.start(market, clock, 0);
        positions = new Positions(db, clock);
        prices = new LowcapPrices(db);
        budget = new RateBudget("dexscreener", 250, clock);
        client = new DexScreenerClient(sim.baseUrl(), budget, clock, Duration.ofSeconds(10), 1);
        collector = new SolanaCollector(clock, positions, prices, client, budget, SolanaCollector.Settings.DEFAULT);
    }

    @AfterEach
    void close() {
        collector.close();
        sim.close();
        TestDatabases.dispose(db);
    }

    @Test
    void twoThousandTokensForTwoHoursAreCollectedOnScheduleAtTheSimulatorsPrices() throws Exception {
        List<String> mints = new ArrayList<>();
        Set<String> hot = new HashSet<>();
        Set<String> nullFields = new HashSet<>();
        for (int i = 0; i < TOKENS; i++) {
            String mint = TestMints.of("truth" + i);
            mints.add(mint);
            // Prices from 4.2e-10 to 2.94 USD, each walking up to 2 % a minute.
            BigDecimal start = new BigDecimal("0.42").movePointLeft(i % 10).multiply(BigDecimal.valueOf(1 + i % 7));
            market.addToken(mint, "T" + i, 6, start, new BigDecimal("30000"), 0.02);
            if (i % 100 == 7 || i == 3) {
                // No liquidity object, "fdv": null, "marketCap": null, "pairCreatedAt": null, "labels": null.
                market.addPool(new SimPool("Bare" + i, "pumpswap", mint, Mints.WSOL, null, true, false, null, null));
                nullFields.add(mint);
            } else {
                market.addPool(SimPool.of("Pool" + i, mint, Mints.WSOL, "30000"));
            }
            boolean isHot = i < HOT;
            if (isHot) {
                hot.add(mint);
            }
            positions.insert(new NewPosition(mint, CHAIN, mint, isHot ? Timeframe.M1 : Timeframe.H1, "social",
                    BigDecimal.ONE, BigDecimal.TEN));
        }
        // One hot and one tiered token lose their best pool at minute 60; a USDC pool never wins (SOL-quoted first).
        List<Integer> switched = List.of(0, 10);
        for (int i : switched) {
            market.addPool(SimPool.of("Usdc" + i, mints.get(i), Mints.USDC, "90000"));
        }

        long c0 = Math.floorDiv(T0, M);
        List<PriceCollector.Cycle> cycles = new ArrayList<>();
        long started = System.nanoTime();
        for (int minute = 0; minute < MINUTES; minute++) {
            clock.setMs(T0 + minute * M + FIRE_MS);
            if (minute == SWITCH_MINUTE) {
                for (int i : switched) {
                    market.removePool("Pool" + i);
                    market.addPool(SimPool.of("Moved" + i, mints.get(i), Mints.WSOL, "20000"));
                }
            }
            cycles.add(collector.runOnce());
        }
        long runMs = (System.nanoTime() - started) / 1_000_000;

        // What each minute should have collected: WSOL and the hot tokens always, the rest in their slot's minutes.
        List<Set<String>> due = new ArrayList<>();
        for (int minute = 0; minute < MINUTES; minute++) {
            Set<String> d = new TreeSet<>(hot);
            d.add(Mints.WSOL);
            for (String mint : mints) {
                if (Math.floorMod(c0 + minute, INTERVAL) == naiveSlot(mint, INTERVAL)) {
                    d.add(mint);
                }
            }
            due.add(d);
        }
        assertThat(cycles).doesNotContainNull();
        assertThat(cycles).extracting(PriceCollector.Cycle::tokens).containsOnly(TOKENS);
        assertThat(cycles).extracting(PriceCollector.Cycle::interval).containsOnly(INTERVAL);
        assertThat(cycles).extracting(PriceCollector.Cycle::failedChunks).containsOnly(0);
        assertThat(cycles).extracting(PriceCollector.Cycle::notIndexed).containsOnly(0);
        assertThat(cycles).extracting(PriceCollector.Cycle::noPoint).containsOnly(Map.of());
        for (int minute = 0; minute < MINUTES; minute++) {
            PriceCollector.Cycle c = cycles.get(minute);
            assertThat(c.due()).as("minute %d", minute).isEqualTo(due.get(minute).size());
            assertThat(c.points()).as("minute %d", minute).isEqualTo(c.due());
            assertThat(c.chunks()).as("minute %d", minute).isEqualTo((c.due() + 29) / 30);
        }

        // The request log: every due mint asked for once in its minute, ≤ 30 a call, within the budget, never a 429.
        List<DexScreenerSim.Request> requests = sim.requests();
        assertThat(requests).extracting(DexScreenerSim.Request::status).containsOnly(200);
        Map<Integer, List<String>> askedByMinute = new TreeMap<>();
        Map<Integer, Integer> callsByMinute = new TreeMap<>();
        for (DexScreenerSim.Request r : requests) {
            List<String> asked = List.of(r.path().substring(r.path().lastIndexOf('/') + 1).split(","));
            assertThat(asked).as(r.path()).hasSizeLessThanOrEqualTo(DexScreenerClient.MAX_ADDRESSES);
            int minute = (int) ((r.timeMs() - T0) / M);
            askedByMinute.computeIfAbsent(minute, k -> new ArrayList<>()).addAll(asked);
            callsByMinute.merge(minute, 1, Integer::sum);
        }
        for (int minute = 0; minute < MINUTES; minute++) {
            List<String> asked = askedByMinute.getOrDefault(minute, List.of());
            assertThat(asked).as("minute %d asks each due mint once", minute).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(asked)).as("minute %d", minute).isEqualTo(due.get(minute));
        }
        int maxInWindow = maxCallsInSlidingMinute(requests);
        assertThat(maxInWindow).isLessThanOrEqualTo(budget.perMinute());
        assertThat(requests).hasSize((int) budget.totalSpent()).hasSize((int) client.calls());
        assertThat(client.retries()).isZero();

        // The stored points: one per due minute per token (none elsewhere), at the path's price of that minute.
        List<LowcapPoint> points = prices.points(CHAIN, T0, T0 + MINUTES * M);
        Map<String, List<LowcapPoint>> byToken = points.stream()
                .collect(Collectors.groupingBy(LowcapPoint::tokenContract, TreeMap::new, Collectors.toList()));
        assertThat(byToken).hasSize(TOKENS + 1);
        int misses = 0;
        for (String mint : byToken.keySet()) {
            List<Long> expected = new ArrayList<>();
            for (int minute = 0; minute < MINUTES; minute++) {
                if (due.get(minute).contains(mint)) {
                    expected.add(T0 + minute * M + FIRE_MS);
                }
            }
            List<Long> got = byToken.get(mint).stream().map(LowcapPoint::timestampMs).toList();
            misses += (int) expected.stream().filter(t -> !got.contains(t)).count();
            assertThat(got).as(mint).isEqualTo(expected);
        }
        for (LowcapPoint p : points) {
            long t = p.timestampMs();
            BigDecimal usd = market.usdAt(p.tokenContract(), t);
            assertThat(p.priceUsd()).as("%s at %d", p.tokenContract(), t).isEqualByComparingTo(usd);
            // In SOL: the pair's priceNative, the simulator's USD ratio at 12 digits (WSOL's own is 1).
            BigDecimal inSol = p.tokenContract().equals(Mints.WSOL) ? BigDecimal.ONE
                    : usd.divide(market.usdAt(Mints.WSOL, t), new MathContext(12));
            assertThat(p.priceNative()).as("%s at %d", p.tokenContract(), t).isEqualByComparingTo(inSol);
        }

        // The pair switch: the new pool from minute 60 on (the prices above were still the path's).
        for (int i : switched) {
            List<LowcapPoint> ps = byToken.get(mints.get(i));
            assertThat(ps).filteredOn(p -> p.timestampMs() < T0 + SWITCH_MINUTE * M).isNotEmpty()
                    .extracting(LowcapPoint::pairAddress).containsOnly("Pool" + i);
            assertThat(ps).filteredOn(p -> p.timestampMs() >= T0 + SWITCH_MINUTE * M).isNotEmpty()
                    .extracting(LowcapPoint::pairAddress).containsOnly("Moved" + i);
        }

        // Null fields stay NULL in the table (never 0); the other tokens have them.
        int nullPoints = nullFields.stream().mapToInt(m -> byToken.get(m).size()).sum();
        assertThat(nullPoints).isPositive();
        for (String column : List.of("liquidity_usd", "liquidity_change_1m", "fdv", "market_cap")) {
            assertThat(count("SELECT COUNT(*) FROM lowcap_price_data_1m WHERE " + column + " IS NULL"
                    + " AND token_contract IN (" + quoted(nullFields) + ")")).as(column).isEqualTo(nullPoints);
        }
        for (String column : List.of("liquidity_usd", "fdv", "market_cap")) {
            assertThat(count("SELECT COUNT(*) FROM lowcap_price_data_1m WHERE " + column + " IS NULL"))
                    .as(column).isEqualTo(nullPoints);
        }
        // A token's first point has no liquidity to compare with; every later one of a token with liquidity does.
        assertThat(count("SELECT COUNT(*) FROM lowcap_price_data_1m WHERE liquidity_change_1m IS NULL"))
                .isEqualTo(nullPoints + TOKENS + 1 - nullFields.size());

        // 1h bars: every token has both hours; a sample equals the path at the tier's resolution.
        assertThat(prices.bars(CHAIN, Timeframe.H1, T0, T0 + 2 * H)).hasSize(2 * (TOKENS + 1));
        List<String> sample = new ArrayList<>(List.of(Mints.WSOL));
        for (int i = 0; i < TOKENS; i += 97) {
            sample.add(mints.get(i));
        }
        sample.addAll(hot);
        sample.addAll(nullFields);
        switched.forEach(i -> sample.add(mints.get(i)));
        int partialBars = 0;
        for (String mint : sample) {
            List<LowcapBar> bars = prices.bars(mint, CHAIN, Timeframe.H1, T0, T0 + 2 * H);
            assertThat(bars).as(mint).hasSize(2);
            for (int hour = 0; hour < 2; hour++) {
                HourBar want = expectedHourBar(mint, hour, due);
                LowcapBar bar = bars.get(hour);
                String what = mint + " hour " + hour;
                assertThat(bar.openTimeMs()).as(what).isEqualTo(want.openTimeMs());
                assertThat(bar.openUsd()).as(what).isEqualByComparingTo(want.openUsd());
                assertThat(bar.highUsd()).as(what).isEqualByComparingTo(want.highUsd());
                assertThat(bar.lowUsd()).as(what).isEqualByComparingTo(want.lowUsd());
                assertThat(bar.closeUsd()).as(what).isEqualByComparingTo(want.closeUsd());
                assertThat(bar.barsUsed()).as(what).isEqualTo(want.barsUsed());
                assertThat(bar.expectedBars()).as(what).isEqualTo(60);
                assertThat(bar.coveragePct()).as(what).isEqualByComparingTo(want.coveragePct());
                assertThat(bar.partial()).as(what).isEqualTo(want.partial());
                assertThat(bar.source()).as(what).isEqualTo(want.partial() ? "partial" : "rollup");
                partialBars += bar.partial() ? 1 : 0;
            }
        }
        assertThat(collector.statusLine()).doesNotContain("bars_rejected").doesNotContain("failed_cycles");

        System.out.printf("truth: tokens=%d minutes=%d points=%d calls=%d max_calls_in_60s=%d max_calls_in_a_minute=%d"
                + " misses=%d sampled_1h_bars=%d partial=%d cycles_ms=%d%n", TOKENS, MINUTES, points.size(),
                requests.size(), maxInWindow, callsByMinute.values().stream().max(Integer::compare).orElse(0),
                misses, 2 * sample.size(), partialBars, runMs);
    }

    private record HourBar(long openTimeMs, BigDecimal openUsd, BigDecimal highUsd, BigDecimal lowUsd,
            BigDecimal closeUsd, int barsUsed, BigDecimal coveragePct, boolean partial) {
    }

    /**
     * The 1h bar the path implies: the prices of the minutes the token was due in; open at the close of the minute
     * just before the first one when that minute was collected too (the 1m bar's rule), else the first price.
     */
    private HourBar expectedHourBar(String mint, int hour, List<Set<String>> due) {
        List<BigDecimal> path = new ArrayList<>();
        int first = -1;
        for (int minute = hour * 60; minute < hour * 60 + 60; minute++) {
            if (due.get(minute).contains(mint)) {
                path.add(market.usdAt(mint, T0 + minute * M));
                first = first < 0 ? minute : first;
            }
        }
        BigDecimal open = first > 0 && due.get(first - 1).contains(mint) ? market.usdAt(mint, T0 + (first - 1) * M)
                : path.getFirst();
        BigDecimal high = open;
        BigDecimal low = open;
        for (BigDecimal p : path) {
            high = high.max(p);
            low = low.min(p);
        }
        int used = path.size();
        BigDecimal coverage = BigDecimal.valueOf(used * 100L).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_EVEN);
        boolean partial = used < 0.20 * 60; // SOLANA.md §2.6: the rollup's threshold for an interval of 5 or more
        return new HourBar(T0 + hour * H, open, high, low, path.getLast(), used, coverage, partial);
    }

    /** SOLANA.md §2.6 from scratch: the first 8 bytes of SHA-256("solana:" + mint), unsigned, mod the interval. */
    private static int naiveSlot(String mint, int interval) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(("solana:" + mint).getBytes(StandardCharsets.UTF_8));
        return (int) Long.remainderUnsigned(ByteBuffer.wrap(h).getLong(), interval);
    }

    /** The most requests the simulator saw within any 60 s, (t − 60 s, t]: what a sliding budget counts. */
    private static int maxCallsInSlidingMinute(List<DexScreenerSim.Request> requests) {
        List<Long> times = requests.stream().map(DexScreenerSim.Request::timeMs).sorted().toList();
        int max = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(from) <= times.get(to) - M) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }

    private long count(String sql) {
        return db.withConnection(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String quoted(Set<String> mints) {
        return mints.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "));
    }
}
