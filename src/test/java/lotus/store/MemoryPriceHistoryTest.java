package lotus.store;

import lotus.pm.PriceHistory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MemoryPriceHistory} answers every {@link PriceHistory} query as {@link PriceDataReader} answers it from the
 * tables holding the same bars: the reference is the database, once SQLite and once PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class MemoryPriceHistoryTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final String[] TOKENS = {"AAA", "BBB", "0xabc"};
    private static final String[] CHAINS = {"hyperliquid", "solana", "base"};
    private static final String[] MAJORS = {"BTC", "ETH"};
    private static final int QUERIES_PER_METHOD = 250;

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    /** One series as it was stored: the table it went to and its bars, oldest first. */
    private record Series(PriceTable table, List<Bar> bars) {

        String token() {
            return bars.get(0).tokenContract();
        }

        String chain() {
            return bars.get(0).chain();
        }

        Timeframe timeframe() {
            return bars.get(0).timeframe();
        }
    }

    /** What one query asks: the series key and its bounds. */
    private record Ask(String token, String chain, Timeframe timeframe, int limit, long fromMs, long toMs) {
    }

    /**
     * Bars of one token from a random start, with a gap of 1 to 5 missing bars after one bar in five. Prices carry 0
     * to 8 decimals (never a negative scale, which the SQLite text column would not keep), no trade count (stored bars
     * have none).
     */
    private static List<Bar> walk(SplittableRandom random, String token, String chain, Timeframe tf, int n) {
        List<Bar> out = new ArrayList<>();
        long open = tf.floor(T0 + random.nextLong(30 * 86_400_000L));
        for (int i = 0; i < n; i++) {
            int scale = random.nextInt(9);
            BigDecimal o = BigDecimal.valueOf(random.nextLong(1, 1_000_000_000L), scale);
            BigDecimal c = BigDecimal.valueOf(random.nextLong(1, 1_000_000_000L), scale);
            BigDecimal h = o.max(c).add(BigDecimal.valueOf(random.nextLong(0, 1000), scale));
            BigDecimal l = o.min(c).subtract(BigDecimal.valueOf(random.nextLong(0, 1000), scale));
            BigDecimal v = BigDecimal.valueOf(random.nextLong(0, 1_000_000_000_000L), random.nextInt(6));
            out.add(new Bar(token, chain, tf, open, o, h, l, c, v, 0));
            open += tf.durationMs() * (random.nextInt(5) == 0 ? 2 + random.nextInt(5) : 1);
        }
        return out;
    }

    /**
     * Positions' series in their chain's table, majors in theirs, and decoys a query must not find: a token's bars
     * in a table its chain does not read from, and majors stored under another chain.
     */
    private static List<Series> world(SplittableRandom random) {
        List<Series> out = new ArrayList<>();
        Timeframe[] tfs = Timeframe.values();
        for (String token : TOKENS) {
            for (String chain : CHAINS) {
                for (Timeframe tf : tfs) {
                    if (random.nextInt(4) == 0) {
                        out.add(new Series(PriceTable.forChain(chain),
                                walk(random, token, chain, tf, 1 + random.nextInt(40))));
                    }
                }
            }
        }
        for (String coin : MAJORS) {
            for (Timeframe tf : tfs) {
                if (random.nextInt(2) == 0) {
                    out.add(new Series(PriceTable.MAJORS, walk(random, coin, PriceTable.HYPERLIQUID_CHAIN, tf,
                            1 + random.nextInt(40))));
                }
                if (random.nextInt(3) == 0) {
                    // The same coin as a trading token: another table, other bars.
                    out.add(new Series(PriceTable.HYPERLIQUID, walk(random, coin, PriceTable.HYPERLIQUID_CHAIN, tf,
                            1 + random.nextInt(20))));
                }
            }
        }
        Timeframe tf = tfs[random.nextInt(tfs.length)];
        out.add(new Series(PriceTable.LOWCAP, walk(random, "DECOY", PriceTable.HYPERLIQUID_CHAIN, tf, 10)));
        out.add(new Series(PriceTable.HYPERLIQUID, walk(random, "DECOY", "solana", tf, 10)));
        out.add(new Series(PriceTable.MAJORS, walk(random, "DECOY", "solana", tf, 10)));
        return out;
    }

    /** A bound at, just before or just after a bar's open, around the series, at the extremes, or anywhere. */
    private static long bound(SplittableRandom random, List<Bar> bars, Timeframe tf) {
        long first = bars.isEmpty() ? T0 : bars.get(0).openTimeMs();
        long last = bars.isEmpty() ? T0 : bars.get(bars.size() - 1).openTimeMs();
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> (bars.isEmpty() ? T0 : bars.get(random.nextInt(bars.size())).openTimeMs())
                    + random.nextInt(3) - 1;
            case 3 -> first - tf.durationMs() * random.nextInt(4) - random.nextInt(2);
            case 4 -> last + tf.durationMs() * random.nextInt(4) + random.nextInt(2);
            case 5 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            case 6 -> tf.floor(first + random.nextLong(Math.max(1, last - first + 1)));
            default -> first - tf.durationMs() * 5 + random.nextLong((last - first) + tf.durationMs() * 10 + 1);
        };
    }

    private static int limit(SplittableRandom random, int size) {
        return switch (random.nextInt(6)) {
            case 0 -> 1;
            case 1 -> Math.max(1, size - 1);
            case 2 -> size + 1;
            case 3 -> Integer.MAX_VALUE;
            default -> 1 + random.nextInt(size + 3);
        };
    }

    /**
     * A query on a stored series, or on a key nothing was stored under: an unknown token, a timeframe or chain the
     * token has no bars on.
     */
    private static Ask ask(SplittableRandom random, List<Series> world, boolean major) {
        List<Series> pool = major && random.nextInt(4) != 0
                ? world.stream().filter(w -> w.table() == PriceTable.MAJORS).toList() : world;
        Series s = pool.get(random.nextInt(pool.size()));
        String token = s.token();
        String chain = s.chain();
        Timeframe tf = s.timeframe();
        switch (random.nextInt(10)) {
            case 0 -> token = "UNKNOWN";
            case 1 -> tf = Timeframe.values()[random.nextInt(Timeframe.values().length)];
            case 2 -> chain = CHAINS[random.nextInt(CHAINS.length)];
            default -> {
            }
        }
        if (major) {
            chain = PriceTable.HYPERLIQUID_CHAIN;
        }
        long from = bound(random, s.bars(), tf);
        long to = bound(random, s.bars(), tf);
        if (from > to && random.nextInt(4) != 0) { // one range in four may stay reversed (empty)
            long swap = from;
            from = to;
            to = swap;
        }
        return new Ask(token, chain, tf, limit(random, s.bars().size()), from, to);
    }

    private Database open(long seed) throws Exception {
        return TestDatabases.open(kind, Files.createDirectories(dir.resolve("seed-" + seed)));
    }

    @Test
    void everyQueryAnswersAsTheDatabaseHoldingTheSameBars() throws Exception {
        int[] answered = new int[4];
        int cut = 0;
        for (long seed = 1; seed <= 6; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Series> world = world(random);
            Database db = open(seed);
            try {
                PriceBars writer = new PriceBars(db);
                MemoryPriceHistory memory = new MemoryPriceHistory();
                for (Series s : world) {
                    writer.upsert(s.table(), "test", s.bars());
                    memory.put(s.table(), s.bars());
                }
                PriceDataReader reader = new PriceDataReader(db);
                for (int q = 0; q < QUERIES_PER_METHOD; q++) {
                    Ask a = ask(random, world, false);
                    List<Bar> expected = reader.barsBefore(a.token(), a.chain(), a.timeframe(), a.limit(), a.toMs());
                    assertThat(memory.barsBefore(a.token(), a.chain(), a.timeframe(), a.limit(), a.toMs()))
                            .as("seed %d barsBefore %s", seed, a).isEqualTo(expected);
                    answered[0] += expected.isEmpty() ? 0 : 1;
                    cut += expected.size() == a.limit() ? 1 : 0;

                    a = ask(random, world, false);
                    expected = reader.bars(a.token(), a.chain(), a.timeframe(), a.fromMs(), a.toMs());
                    assertThat(memory.bars(a.token(), a.chain(), a.timeframe(), a.fromMs(), a.toMs()))
                            .as("seed %d bars %s", seed, a).isEqualTo(expected);
                    answered[1] += expected.isEmpty() ? 0 : 1;

                    a = ask(random, world, true);
                    expected = reader.majorBarsBefore(a.token(), a.timeframe(), a.limit(), a.toMs());
                    assertThat(memory.majorBarsBefore(a.token(), a.timeframe(), a.limit(), a.toMs()))
                            .as("seed %d majorBarsBefore %s", seed, a).isEqualTo(expected);
                    answered[2] += expected.isEmpty() ? 0 : 1;
                    cut += expected.size() == a.limit() ? 1 : 0;

                    a = ask(random, world, true);
                    expected = reader.majorBars(a.token(), a.timeframe(), a.fromMs(), a.toMs());
                    assertThat(memory.majorBars(a.token(), a.timeframe(), a.fromMs(), a.toMs()))
                            .as("seed %d majorBars %s", seed, a).isEqualTo(expected);
                    answered[3] += expected.isEmpty() ? 0 : 1;
                }
            } finally {
                TestDatabases.dispose(db);
            }
        }
        // The comparison means something only if many answers of each method held bars (over a third do with these
        // seeds) and many were cut by their limit.
        assertThat(Arrays.stream(answered).min().orElseThrow()).isGreaterThan(6 * QUERIES_PER_METHOD / 4);
        assertThat(cut).isGreaterThan(6 * QUERIES_PER_METHOD / 4);
    }

    /**
     * A backtest loads its bars as columns: read back through them, every stored bar is the bar the row reader
     * builds, decimals and scales exactly, a price wider than a long included.
     */
    @Test
    void columnsReadBackTheStoredBarsExactly() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Database db = open(7);
        try {
            PriceBars writer = new PriceBars(db);
            List<Series> world = world(random);
            List<Bar> wide = new ArrayList<>(walk(random, "WIDE", "hyperliquid", Timeframe.H1, 5));
            Bar w = wide.get(2);
            BigDecimal huge = new BigDecimal("123456789012345678901234.5678");
            wide.set(2, new Bar(w.tokenContract(), w.chain(), w.timeframe(), w.openTimeMs(), w.open(),
                    huge, w.low(), w.close(), new BigDecimal("0.000012345678901234567"), 0));
            world.add(new Series(PriceTable.HYPERLIQUID, wide));
            PriceDataReader reader = new PriceDataReader(db);
            for (Series s : world) {
                writer.upsert(s.table(), "test", s.bars());
            }
            for (Series s : world) {
                BarColumns columns = reader.columns(s.table(), s.token(), s.chain(), s.timeframe(), Long.MIN_VALUE,
                        Long.MAX_VALUE);
                assertThat(columns.asList()).as("%s %s", s.table(), s.token()).isEqualTo(s.bars());
            }
            assertThat(reader.columns(PriceTable.HYPERLIQUID, "NONE", "hyperliquid", Timeframe.H1, Long.MIN_VALUE,
                    Long.MAX_VALUE)).isNull();
        } finally {
            TestDatabases.dispose(db);
        }
    }

    @Test
    void aLimitBelowOneIsRefusedByBoth() throws Exception {
        Database db = open(0);
        try {
            List<Bar> bars = walk(new SplittableRandom(5), "ETH", PriceTable.HYPERLIQUID_CHAIN, Timeframe.H1, 5);
            new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "test", bars);
            MemoryPriceHistory memory = new MemoryPriceHistory();
            memory.put(PriceTable.HYPERLIQUID, bars);
            for (PriceHistory history : List.of(memory, new PriceDataReader(db))) {
                for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
                    assertThatThrownBy(() -> history.barsBefore("ETH", "hyperliquid", Timeframe.H1, limit, T0 + 1))
                            .as("%s limit %d", history.getClass().getSimpleName(), limit)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("limit must be positive, got " + limit);
                    assertThatThrownBy(() -> history.majorBarsBefore("UNKNOWN", Timeframe.H1, limit, T0))
                            .as("%s limit %d", history.getClass().getSimpleName(), limit)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("limit must be positive, got " + limit);
                }
            }
        } finally {
            TestDatabases.dispose(db);
        }
    }

    @Test
    void putTakesOneWholeSeriesInStrictlyIncreasingOpenTime() {
        SplittableRandom random = new SplittableRandom(8);
        List<Bar> eth = walk(random, "ETH", PriceTable.HYPERLIQUID_CHAIN, Timeframe.M5, 6);
        MemoryPriceHistory memory = new MemoryPriceHistory();
        memory.put(PriceTable.HYPERLIQUID, List.of());
        memory.put(PriceTable.HYPERLIQUID, eth);

        // A database upsert would merge a second batch; here a series is loaded once, so a second one is a mistake.
        assertThatThrownBy(() -> memory.put(PriceTable.HYPERLIQUID, eth.subList(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bars already held for ");
        List<Bar> mixed = new ArrayList<>(walk(random, "SOL", PriceTable.HYPERLIQUID_CHAIN, Timeframe.M5, 2));
        mixed.add(walk(random, "SOL", PriceTable.HYPERLIQUID_CHAIN, Timeframe.M15, 1).get(0));
        assertThatThrownBy(() -> memory.put(PriceTable.HYPERLIQUID, mixed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("one series per call: ");
        List<Bar> backwards = new ArrayList<>(walk(random, "BTC", PriceTable.HYPERLIQUID_CHAIN, Timeframe.M5, 3));
        backwards.add(backwards.get(1));
        assertThatThrownBy(() -> memory.put(PriceTable.MAJORS, backwards))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bars of BTC are not in strictly increasing open time at index 3");

        // The refused calls left nothing behind, and the held series is still whole.
        assertThat(memory.majorBars("BTC", Timeframe.M5, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThat(memory.bars("SOL", "hyperliquid", Timeframe.M5, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThat(memory.bars("ETH", "hyperliquid", Timeframe.M5, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(eth);
    }

    @Test
    void answersAreReadOnlyViewsOfACopyOfTheBarsPut() {
        List<Bar> bars = new ArrayList<>(walk(new SplittableRandom(9), "PEPE", "solana", Timeframe.M15, 8));
        List<Bar> original = List.copyOf(bars);
        MemoryPriceHistory memory = new MemoryPriceHistory();
        memory.put(PriceTable.LOWCAP, bars);
        bars.set(3, bars.get(4));
        bars.clear();

        List<Bar> all = memory.bars("PEPE", "solana", Timeframe.M15, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(all).isEqualTo(original);
        List<Bar> latest = memory.barsBefore("PEPE", "solana", Timeframe.M15, 3, Long.MAX_VALUE);
        assertThat(latest).isEqualTo(original.subList(5, 8));
        assertThatThrownBy(() -> latest.set(0, original.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> all.add(original.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> latest.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> latest.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(memory.bars("PEPE", "solana", Timeframe.M15, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(original);
    }
}
