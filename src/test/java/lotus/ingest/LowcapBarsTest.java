package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lotus.store.Database;
import lotus.store.LowcapBar;
import lotus.store.LowcapPoint;
import lotus.store.LowcapPrices;
import lotus.store.TestDatabases;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Points → 1m bars → 5m and 1h bars with coverage (SOLANA.md §2.7), stored and read back on both databases. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class LowcapBarsTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long M = 60_000L;

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    LowcapPrices prices;
    LowcapBarWriter writer;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        prices = new LowcapPrices(db);
        writer = new LowcapBarWriter(prices, "solana", LowcapBars.DEFAULT_THRESHOLDS);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    private static LowcapPoint point(String token, long t, String usd, String vol1m, String vol5m, String vol1h) {
        BigDecimal price = new BigDecimal(usd);
        return new LowcapPoint(token, "solana", t, price, price.divide(new BigDecimal("100")), "SOL",
                new BigDecimal("15000"), null, vol1m == null ? null : new BigDecimal(vol1m),
                vol5m == null ? null : new BigDecimal(vol5m), vol1h == null ? null : new BigDecimal(vol1h), null,
                null, null, null, null, "raydium", "Pair" + token, "dexscreener");
    }

    @Test
    void oneMinuteBarsOpenAtThePreviousCloseAndTheFiveMinuteBarCarriesItsCoverage() {
        writer.onPoints(List.of(point("A", T0 + 2_000, "1.00", "2", "10", null),
                point("B", T0 + 2_000, "7", "1.5", null, null)));
        writer.onPoints(List.of(point("A", T0 + M + 2_000, "1.10", "3", "12", null)));
        writer.onPoints(List.of(point("A", T0 + 2 * M + 2_000, "0.95", "1", "14", null)));
        writer.onPoints(List.of(point("A", T0 + 2 * M + 40_000, "1.05", "1", "15", null)));
        writer.onPoints(List.of(point("A", T0 + 4 * M + 2_000, "1.20", "4", "50", null)));

        List<LowcapBar> a = prices.bars("A", "solana", Timeframe.M1, T0, T0 + 5 * M);
        assertThat(a).extracting(LowcapBar::openTimeMs).containsExactly(T0, T0 + M, T0 + 2 * M, T0 + 4 * M);
        assertThat(ohlcv(a)).containsExactly(
                "1.00 1.00 1.00 1.00 2",
                "1.00 1.10 1.00 1.10 3", // opens at minute 0's close
                "1.10 1.10 0.95 1.05 2", // two points: low and last; volume 1 + 1
                "1.20 1.20 1.20 1.20 4"); // minute 3 has no bar: opens at its own first price
        assertThat(a.get(2).openNative()).isEqualByComparingTo("0.011");
        assertThat(a.get(2).lowNative()).isEqualByComparingTo("0.0095");
        assertThat(a.get(2).closeNative()).isEqualByComparingTo("0.0105");
        assertThat(a.get(2).source()).isEqualTo("1m_conversion");

        writer.closePeriods(T0 + 5 * M + 2_000, 1);

        LowcapBar fiveA = prices.bars("A", "solana", Timeframe.M5, T0, T0 + 5 * M).getFirst();
        assertThat(ohlcv(List.of(fiveA))).containsExactly("1.00 1.20 0.95 1.20 50"); // volume: latest volume_5m
        assertThat(fiveA.openNative()).isEqualByComparingTo("0.01");
        assertThat(fiveA.highNative()).isEqualByComparingTo("0.012");
        assertThat(fiveA.lowNative()).isEqualByComparingTo("0.0095");
        assertThat(fiveA.closeNative()).isEqualByComparingTo("0.012");
        assertThat(fiveA.barsUsed()).isEqualTo(4);
        assertThat(fiveA.expectedBars()).isEqualTo(5);
        assertThat(fiveA.coveragePct()).isEqualByComparingTo("80.00");
        assertThat(fiveA.partial()).isFalse();
        assertThat(fiveA.source()).isEqualTo("rollup");
        assertThat(fiveA.liquidityUsd()).isEqualByComparingTo("15000");
        assertThat(fiveA.fdv()).isNull();
        assertThat(fiveA.pairAddress()).isEqualTo("PairA");

        LowcapBar fiveB = prices.bars("B", "solana", Timeframe.M5, T0, T0 + 5 * M).getFirst();
        assertThat(ohlcv(List.of(fiveB))).containsExactly("7 7 7 7 1.5"); // no volume_5m: Σ of the minutes
        assertThat(fiveB.coveragePct()).isEqualByComparingTo("20.00");
        assertThat(fiveB.partial()).isTrue();
        assertThat(fiveB.source()).isEqualTo("partial");
    }

    @Test
    void aRestartedWriterRollsThePeriodsThatClosedWhileNoProcessRan() {
        writer.onPoints(List.of(point("A", T0 + 2_000, "1.00", "2", null, null)));
        writer.closePeriods(T0 + 5 * M + 2_000, 1);
        // Points of the next three 5m periods were stored, then the process died before rolling them.
        writer.onPoints(List.of(point("A", T0 + 5 * M + 2_000, "1.10", "2", null, null)));
        writer.onPoints(List.of(point("A", T0 + 10 * M + 2_000, "1.20", "2", null, null)));
        writer.onPoints(List.of(point("A", T0 + 15 * M + 2_000, "1.30", "2", null, null)));

        new LowcapBarWriter(prices, "solana", LowcapBars.DEFAULT_THRESHOLDS).closePeriods(T0 + 20 * M + 2_000, 1);

        assertThat(prices.bars("A", "solana", Timeframe.M5, T0, T0 + 20 * M)).extracting(LowcapBar::openTimeMs)
                .containsExactly(T0, T0 + 5 * M, T0 + 10 * M, T0 + 15 * M);
    }

    @Test
    void aRunOfMinutesInOneCallGivesTheBarsOfOneCallAMinute() throws Exception {
        List<LowcapPoint> run = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            if (m != 5) { // a gap: minute 6 opens at its own first price
                run.add(point("A", T0 + m * M + 2_000, "1." + m, "1", null, null));
            }
            if (m >= 3) { // a token that joins late
                run.add(point("B", T0 + m * M + 2_000, String.valueOf(20 - m), "1", null, null));
                run.add(point("B", T0 + m * M + 30_000, String.valueOf(21 - m), "1", null, null));
            }
        }
        writer.onPoints(List.of(point("A", T0 - M + 2_000, "0.9", "1", null, null))); // stored before the run
        writer.onPoints(run);
        List<String> together = ohlcv(prices.bars("solana", Timeframe.M1, T0 - M, T0 + 12 * M));

        Database other = TestDatabases.open(kind, Files.createDirectories(tempDir.resolve("other")));
        try {
            LowcapPrices otherPrices = new LowcapPrices(other);
            LowcapBarWriter oneAMinute = new LowcapBarWriter(otherPrices, "solana", LowcapBars.DEFAULT_THRESHOLDS);
            oneAMinute.onPoints(List.of(point("A", T0 - M + 2_000, "0.9", "1", null, null)));
            for (int m = 0; m < 12; m++) {
                long minute = T0 + m * M;
                oneAMinute.onPoints(run.stream().filter(p -> Timeframe.M1.floor(p.timestampMs()) == minute).toList());
            }
            assertThat(together).hasSize(1 + 11 + 9)
                    .containsExactlyElementsOf(ohlcv(otherPrices.bars("solana", Timeframe.M1, T0 - M, T0 + 12 * M)));
            assertThat(together.get(1)).isEqualTo("0.9 1.0 0.9 1.0 1"); // minute 0 of A opens at the stored close
        } finally {
            TestDatabases.dispose(other);
        }
    }

    @Test
    void anHourCollectedEveryThirdMinuteIsWholeAtTwentyMinutesAndPartialBelow() {
        List<LowcapPoint> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(point("C", T0 + i * 3 * M + 2_000, String.valueOf(10 + i), "1", "5", "300"));
            if (i < 19) {
                points.add(point("D", T0 + i * 3 * M + 2_000, String.valueOf(20 - i), "2", null, null));
            }
        }
        for (int minute = 0; minute <= 60; minute++) { // as the collector does: points, then closed periods
            long start = T0 + minute * M;
            writer.onPoints(points.stream().filter(p -> Timeframe.M1.floor(p.timestampMs()) == start).toList());
            writer.closePeriods(start + 2_000, 3);
        }

        LowcapBar c = prices.bars("C", "solana", Timeframe.H1, T0, T0 + 60 * M).getFirst();
        assertThat(ohlcv(List.of(c))).containsExactly("10 29 10 29 300"); // volume: latest volume_1h
        assertThat(c.barsUsed()).isEqualTo(20);
        assertThat(c.expectedBars()).isEqualTo(60);
        assertThat(c.coveragePct()).isEqualByComparingTo("33.33");
        assertThat(c.partial()).isFalse(); // 20/60 >= 0.33 at k = 3
        assertThat(c.source()).isEqualTo("rollup");

        LowcapBar d = prices.bars("D", "solana", Timeframe.H1, T0, T0 + 60 * M).getFirst();
        assertThat(ohlcv(List.of(d))).containsExactly("20 20 2 2 38"); // Σ 19 × 2
        assertThat(d.coveragePct()).isEqualByComparingTo("31.67");
        assertThat(d.partial()).isTrue();
        assertThat(d.source()).isEqualTo("partial");

        List<LowcapBar> fifteen = prices.bars("C", "solana", Timeframe.M15, T0, T0 + 60 * M);
        assertThat(fifteen).extracting(LowcapBar::barsUsed).containsExactly(5, 5, 5, 5);
        assertThat(fifteen).extracting(LowcapBar::partial).containsOnly(false); // 5/15 >= 0.33
        assertThat(fifteen.getFirst().volume()).isEqualByComparingTo("5"); // 15m: Σ of the minutes
    }

    @Test
    void barsWithANonPositiveOrInconsistentPriceAreRejected() {
        LowcapBar good = LowcapBars.oneMinute(List.of(point("A", T0, "2", "1", null, null)), null);
        assertThat(LowcapBars.defect(good)).isEmpty();
        LowcapBar inconsistent = new LowcapBar("A", "solana", Timeframe.M1, T0, new BigDecimal("2"),
                new BigDecimal("1.5"), new BigDecimal("1"), new BigDecimal("1.2"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, null, null, null, null, null, 1, 1, null, false,
                "1m_conversion");
        assertThat(LowcapBars.defect(inconsistent)).hasValueSatisfying(w -> assertThat(w).startsWith("inconsistent"));
        LowcapBar zero = new LowcapBar("A", "solana", Timeframe.M1, T0, BigDecimal.ZERO, BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ONE, null, null, null, null, null, 1, 1, null, false, "1m_conversion");
        assertThat(LowcapBars.defect(zero)).hasValueSatisfying(w -> assertThat(w).startsWith("non-positive"));
    }

    private static List<String> ohlcv(List<LowcapBar> bars) {
        return bars.stream().map(b -> String.join(" ", b.openUsd().toPlainString(), b.highUsd().toPlainString(),
                b.lowUsd().toPlainString(), b.closeUsd().toPlainString(), b.volume().stripTrailingZeros()
                        .toPlainString())).toList();
    }
}
