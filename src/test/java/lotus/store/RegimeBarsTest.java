package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lotus.market.Bar;
import lotus.pm.PriceHistory;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The regime store on SQLite and PostgreSQL: upserts, exact decimals, reads, coverage, and the PriceHistory port. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class RegimeBarsTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long HOUR = 3_600_000L;

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    RegimeBars store;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        store = new RegimeBars(db);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    private static RegimeBar bar(String driver, Timeframe tf, long openMs, String o, String h, String l, String c,
            String volume, Integer members, String source) {
        return new RegimeBar(driver, tf, openMs, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l),
                new BigDecimal(c), new BigDecimal(volume), members, source);
    }

    private static RegimeBar dominance(String driver, Timeframe tf, long openMs, String close) {
        return bar(driver, tf, openMs, close, close, close, close, "0", null, "coingecko");
    }

    /** btc.d 1h bars at T0 + i hours for each i (a gap where an i is missing), closes 50.i. */
    private static List<RegimeBar> btcDominanceHours(int... hours) {
        List<RegimeBar> out = new ArrayList<>();
        for (int i : hours) {
            out.add(dominance("btc.d", Timeframe.H1, T0 + i * HOUR, "50." + i));
        }
        return out;
    }

    @Test
    void upsertingTheSameBarsTwiceLeavesOneRowEachAndTheLatestValuesWin() {
        List<RegimeBar> bars = btcDominanceHours(0, 1, 2);
        assertThat(store.upsert(bars)).isEqualTo(3);
        assertThat(store.upsert(bars)).isEqualTo(3);
        assertThat(store.bars("btc.d", Timeframe.H1, T0, T0 + 3 * HOUR)).containsExactlyElementsOf(bars);

        RegimeBar revised = bar("btc.d", Timeframe.H1, T0 + HOUR, "50.1", "51", "49", "50.5", "0", null, "import");
        store.upsert(List.of(revised));

        assertThat(store.bars("btc.d", Timeframe.H1, T0, T0 + 3 * HOUR))
                .containsExactly(bars.get(0), revised, bars.get(2));
        assertThat(store.coverage())
                .containsExactly(new RegimeBars.Coverage("btc.d", Timeframe.H1, 3, T0, T0 + 2 * HOUR));
        assertThat(store.upsert(List.of())).isZero();
    }

    @Test
    void decimalsAndMemberCountsComeBackExactly() {
        RegimeBar dominance = bar("btc.d", Timeframe.D1, T0, "57.123456789", "57.2", "56.98", "57.000000001", "0",
                null, "import");
        RegimeBar tinyIndex = bar("bucket.nano", Timeframe.M1, T0, "0.000012345678901235", "0.000012345678901240",
                "0.000000000000000001", "0.000012345678901236", "1234567.891011121314", 7, "lowcap");
        store.upsert(List.of(dominance, tinyIndex));

        RegimeBar d = store.newest("btc.d", Timeframe.D1).orElseThrow();
        RegimeBar n = store.newest("bucket.nano", Timeframe.M1).orElseThrow();
        // equals on BigDecimal: same digits and same scale, not just the same number.
        assertThat(d).isEqualTo(dominance);
        assertThat(d.open()).isEqualTo(new BigDecimal("57.123456789"));
        assertThat(d.members()).isNull();
        assertThat(n).isEqualTo(tinyIndex);
        assertThat(n.open().toPlainString()).isEqualTo("0.000012345678901235");
        assertThat(n.low().toPlainString()).isEqualTo("0.000000000000000001");
        assertThat(n.members()).isEqualTo(7);
    }

    @Test
    void rangeReadsAreHalfOpenOldestFirstAndKeptToOneDriverAndTimeframe() {
        List<RegimeBar> hours = btcDominanceHours(0, 1, 2, 4, 5);
        store.upsert(hours);
        store.upsert(List.of(dominance("usdt.d", Timeframe.H1, T0 + HOUR, "4.1"),
                dominance("btc.d", Timeframe.M1, T0 + HOUR, "60"),
                dominance("btc.d", Timeframe.D1, T0, "61")));

        assertThat(store.bars("btc.d", Timeframe.H1, T0 + HOUR, T0 + 4 * HOUR))
                .containsExactly(hours.get(1), hours.get(2));
        assertThat(store.bars("btc.d", Timeframe.H1, Long.MIN_VALUE, Long.MAX_VALUE)).containsExactlyElementsOf(hours);
        assertThat(store.bars("btc.d", Timeframe.H1, T0 + 3 * HOUR, T0 + 4 * HOUR)).isEmpty();
        assertThat(store.barsBefore("btc.d", Timeframe.H1, 2, T0 + 5 * HOUR))
                .containsExactly(hours.get(2), hours.get(3));
        assertThat(store.bars("bucket.mid", Timeframe.H1, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        assertThatThrownBy(() -> store.barsBefore("btc.d", Timeframe.H1, 0, T0)).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void theNewestBarIsTheLatestOpenOfThatDriverAndTimeframe() {
        List<RegimeBar> hours = btcDominanceHours(3, 0, 7, 2);
        store.upsert(hours);
        store.upsert(List.of(dominance("btc.d", Timeframe.M1, T0 + 9 * HOUR, "1")));

        assertThat(store.newest("btc.d", Timeframe.H1)).contains(hours.get(2));
        assertThat(store.newest("btc.d", Timeframe.D1)).isEmpty();
        assertThat(store.newest("usdt.d", Timeframe.H1)).isEmpty();
    }

    @Test
    void coverageCountsEachDriverAndTimeframeWithItsFirstAndLastOpen() {
        store.upsert(btcDominanceHours(0, 1, 5));
        store.upsert(List.of(dominance("btc.d", Timeframe.M1, T0 + 60_000, "50"),
                dominance("usdt.d", Timeframe.D1, T0, "4.2"), dominance("usdt.d", Timeframe.D1, T0 + 24 * HOUR, "4.3"),
                bar("bucket.small", Timeframe.H1, T0 + 2 * HOUR, "100", "101", "99", "100.5", "1000", 3, "lowcap")));

        assertThat(store.coverage()).containsExactly(
                new RegimeBars.Coverage("btc.d", Timeframe.M1, 1, T0 + 60_000, T0 + 60_000),
                new RegimeBars.Coverage("btc.d", Timeframe.H1, 3, T0, T0 + 5 * HOUR),
                new RegimeBars.Coverage("bucket.small", Timeframe.H1, 1, T0 + 2 * HOUR, T0 + 2 * HOUR),
                new RegimeBars.Coverage("usdt.d", Timeframe.D1, 2, T0, T0 + 24 * HOUR));
    }

    @Test
    void aDriversBarsWrittenHereAreReadBackThroughThePriceHistoryPortExactly() {
        List<RegimeBar> hours = btcDominanceHours(0, 1, 2, 4, 5, 6);
        hours.set(2, bar("btc.d", Timeframe.H1, T0 + 2 * HOUR, "57.123456789", "57.2", "57.1", "57.15", "0", null,
                "coingecko"));
        store.upsert(hours);
        store.upsert(List.of(dominance("usdt.d", Timeframe.H1, T0 + 3 * HOUR, "4.1")));
        List<Bar> written = hours.stream().map(RegimeBar::bar).toList();
        MemoryPriceHistory memory = new MemoryPriceHistory();
        memory.putRegime(written);

        for (PriceHistory port : List.of(new PriceDataReader(db), memory)) {
            // A tick at 06:30 on 1h asks for bars opening before 06:00: the 06:00 bar is still being built.
            assertThat(port.regimeBarsBefore("btc.d", Timeframe.H1, 3, Timeframe.H1.floor(T0 + 6 * HOUR + 1_800_000)))
                    .containsExactly(written.get(2), written.get(3), written.get(4));
            assertThat(port.regimeBarsBefore("btc.d", Timeframe.H1, 100, T0 + 2 * HOUR))
                    .containsExactly(written.get(0), written.get(1));
            assertThat(port.regimeBars("btc.d", Timeframe.H1, T0 + HOUR, T0 + 5 * HOUR))
                    .containsExactly(written.get(1), written.get(2), written.get(3));
            assertThat(port.regimeBarsBefore("btc.d", Timeframe.H1, 100, T0)).isEmpty();
            assertThat(port.regimeBars("btc.d", Timeframe.D1, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
            assertThat(port.majorBars("btc.d", Timeframe.H1, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        }
        Bar read = new PriceDataReader(db).regimeBarsBefore("btc.d", Timeframe.H1, 1, T0 + 3 * HOUR).get(0);
        assertThat(read.tokenContract()).isEqualTo("btc.d");
        assertThat(read.chain()).isEqualTo(RegimeBar.CHAIN);
        assertThat(read.open()).isEqualTo(new BigDecimal("57.123456789"));
    }

    @Test
    void aRegimeBarIsABarThatNamesItsSource() {
        assertThatThrownBy(() -> bar("btc.d", Timeframe.H1, T0 + 1, "1", "1", "1", "1", "0", null, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bar("btc.d", Timeframe.H1, T0, "1", "1", "1", "1", "0", null, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bar("bucket.big", Timeframe.H1, T0, "1", "1", "1", "1", "0", -1, "lowcap"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryPriceHistory().putRegime(List.of(new Bar("BTC", "hyperliquid",
                Timeframe.H1, T0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
