package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The Solana collector's points and bars, written and read back on SQLite and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class LowcapPricesTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final String MINT = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    LowcapPrices prices;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        prices = new LowcapPrices(db);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    private static BigDecimal d(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    @Test
    void aPointWithoutFdvMarketCapOrLiquidityKeepsThemNullAndItsTinyPriceExact() {
        LowcapPoint bare = new LowcapPoint(MINT, "solana", T0 + 2_000, d("0.0000000001234567891234"), null, "SOL",
                null, null, null, null, null, null, null, null, null, null, "raydium", "PairA", "dexscreener");
        prices.upsertPoints(List.of(bare));

        List<LowcapPoint> back = prices.points(MINT, "solana", T0, T0 + 60_000);
        assertThat(back).containsExactly(bare);
        assertThat(back.getFirst().priceUsd().toPlainString()).isEqualTo("0.0000000001234567891234");
        assertThat(back.getFirst().fdv()).isNull();
        assertThat(back.getFirst().marketCap()).isNull();
        assertThat(back.getFirst().liquidityUsd()).isNull();
        int allNull = db.withConnection(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT COUNT(*) FROM lowcap_price_data_1m WHERE fdv IS NULL AND market_cap IS NULL"
                            + " AND liquidity_usd IS NULL AND liquidity_change_1m IS NULL AND volume_1m IS NULL")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(allNull).isEqualTo(1);
    }

    @Test
    void writingAPointAgainReplacesItAndLatestPointsPicksEachTokensLast() {
        LowcapPoint first = point(MINT, T0 + 2_000, "1.5", "1000");
        LowcapPoint corrected = point(MINT, T0 + 2_000, "1.6", "1100");
        LowcapPoint later = point(MINT, T0 + 62_000, "1.7", null);
        LowcapPoint other = point("Other1111", T0 + 2_000, "9", "5");
        prices.upsertPoints(List.of(first, other));
        prices.upsertPoints(List.of(corrected, later));

        assertThat(prices.points(MINT, "solana", T0, T0 + 120_000)).containsExactly(corrected, later);
        assertThat(prices.points("solana", T0, T0 + 60_000)).containsExactly(corrected, other);
        assertThat(prices.latestPoints("solana", T0, T0 + 120_000))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(MINT, later, "Other1111", other));
    }

    @Test
    void barsKeepNativeMarketAndCoverageColumnsAndTheOldReaderStillReadsThem() {
        LowcapBar bar = new LowcapBar(MINT, "solana", Timeframe.M5, T0, d("0.00012"), d("0.00015"), d("0.0001"),
                d("0.00013"), d("0.0000008"), d("0.000001"), d("0.0000007"), d("0.00000085"), d("120.5"), null,
                d("250000"), null, "raydium", "PairA", 2, 5, d("40.00"), false, "rollup");
        prices.upsertBars(List.of(bar));
        LowcapBar partial = new LowcapBar(MINT, "solana", Timeframe.M5, T0, d("0.00012"), d("0.00015"), d("0.0001"),
                d("0.00013"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, d("0"), d("15000"),
                null, null, null, null, 1, 5, d("20.00"), true, "partial");
        prices.upsertBars(List.of(partial));

        assertThat(prices.bars(MINT, "solana", Timeframe.M5, T0, T0 + 300_000)).containsExactly(partial);
        prices.upsertBars(List.of(bar));
        assertThat(prices.bars("solana", Timeframe.M5, T0, T0 + 300_000)).containsExactly(bar);
        List<Bar> seen = new PriceDataReader(db).bars(MINT, "solana", Timeframe.M5, 10);
        assertThat(seen).singleElement().satisfies(b -> {
            assertThat(b.close()).isEqualByComparingTo("0.00013");
            assertThat(b.volume()).isEqualByComparingTo("120.5");
        });
    }

    @Test
    void usdOnlyBarsFromTheOldWriterReadAsNativeUnknownAndCoverageUnmeasured() {
        new PriceBars(db).upsert(PriceTable.LOWCAP, "dexscreener", List.of(new Bar(MINT, "solana", Timeframe.H1, T0,
                d("2"), d("3"), d("1"), d("2.5"), d("10"), 0)));

        assertThat(prices.bars(MINT, "solana", Timeframe.H1, T0, T0 + 3_600_000)).singleElement().satisfies(b -> {
            assertThat(b.openNative()).isEqualByComparingTo("0");
            assertThat(b.closeNative()).isEqualByComparingTo("0");
            assertThat(b.barsUsed()).isNull();
            assertThat(b.coveragePct()).isNull();
            assertThat(b.partial()).isFalse();
            assertThat(b.source()).isEqualTo("dexscreener");
        });
    }

    private static LowcapPoint point(String mint, long t, String usd, String liquidity) {
        return new LowcapPoint(mint, "solana", t, d(usd), d("0.01"), "SOL", d(liquidity), null, d("2"), d("10"),
                d("100"), d("600"), d("2400"), d("-3.5"), null, d("99999.5"), "orca", "Pair" + mint, "dexscreener");
    }
}
