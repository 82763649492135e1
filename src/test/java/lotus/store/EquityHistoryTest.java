package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The book equity store on SQLite and PostgreSQL: exact decimals, idempotent upserts, ranges and downsampling. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class EquityHistoryTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long HOUR = 3_600_000L;

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    EquityHistory store;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        store = new EquityHistory(db);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    private static EquityHistory.Point point(String book, long timeMs, String equity, String pnlToday,
            String realised, String exposure) {
        return new EquityHistory.Point(book, timeMs, new BigDecimal(equity), new BigDecimal(pnlToday),
                new BigDecimal(realised), new BigDecimal(exposure));
    }

    private Map<String, List<EquityHistory.Point>> all(int maxPoints) {
        return store.range(Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE, maxPoints);
    }

    @Test
    void pointsComeBackExactlyByBookOldestFirst() {
        EquityHistory.Point perps0 = point("perps", T0, "600.123456789012345678", "-0.000000000000000001",
                "12.5", "0");
        EquityHistory.Point perps1 = point("perps", T0 + HOUR, "601.1", "1.1", "12.5", "250.75");
        EquityHistory.Point spot0 = point("spot", T0, "600", "0", "0", "0");
        assertThat(store.record(List.of(perps1, spot0, perps0))).isEqualTo(3);

        Map<String, List<EquityHistory.Point>> read = all(1000);

        assertThat(read.keySet()).containsExactly("perps", "spot");
        assertThat(read.get("perps")).hasSize(2);
        EquityHistory.Point back = read.get("perps").get(0);
        assertThat(back.timeMs()).isEqualTo(T0);
        assertThat(back.equityUsd().toPlainString()).isEqualTo("600.123456789012345678");
        assertThat(back.pnlTodayUsd().toPlainString()).isEqualTo("-0.000000000000000001");
        assertThat(read.get("perps").get(1).exposureUsd()).isEqualByComparingTo("250.75");
        assertThat(read.get("spot")).extracting(EquityHistory.Point::timeMs).containsExactly(T0);
    }

    @Test
    void recordingTheSameBookAndTimeAgainKeepsOneRowWithTheLatestFigures() {
        store.record(List.of(point("perps", T0, "600", "0", "0", "0"), point("spot", T0, "600", "0", "0", "0")));
        store.record(List.of(point("perps", T0, "610.5", "10.5", "3", "100"), point("spot", T0, "600", "0", "0",
                "0")));

        List<EquityHistory.Point> perps = all(1000).get("perps");

        assertThat(perps).hasSize(1);
        assertThat(perps.get(0).equityUsd()).isEqualByComparingTo("610.5");
        assertThat(perps.get(0).pnlTodayUsd()).isEqualByComparingTo("10.5");
        assertThat(perps.get(0).realisedUsd()).isEqualByComparingTo("3");
        assertThat(perps.get(0).exposureUsd()).isEqualByComparingTo("100");
        assertThat(all(1000).get("spot")).hasSize(1);
    }

    @Test
    void aRangeIsFromInclusiveToExclusiveAndOneBookWhenAsked() {
        List<EquityHistory.Point> points = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            points.add(point("perps", T0 + i * HOUR, "60" + i, "0", "0", "0"));
            points.add(point("spot", T0 + i * HOUR, "50" + i, "0", "0", "0"));
        }
        store.record(points);

        Map<String, List<EquityHistory.Point>> read =
                store.range(Optional.of("perps"), T0 + HOUR, T0 + 4 * HOUR, 1000);

        assertThat(read.keySet()).containsExactly("perps");
        assertThat(read.get("perps")).extracting(EquityHistory.Point::timeMs)
                .containsExactly(T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR);
        assertThat(store.range(Optional.of("social"), Long.MIN_VALUE, Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void aLongRangeIsThinnedToAtMostTheLimitKeepingFirstAndLast() {
        int n = 1001;
        List<EquityHistory.Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(point("perps", T0 + i * 60_000L, Integer.toString(600 + i), "0", "0", "0"));
        }
        store.record(points);

        for (int max : new int[] {2, 3, 7, 100, 1000}) {
            List<EquityHistory.Point> read = all(max).get("perps");
            // A rising line: each slice's lowest and highest are two rows, so 2 + 2 × slices (evenly below 4).
            assertThat(read).as("max %d", max).hasSize(max < 4 ? max : 2 + (max - 2) / 2 * 2);
            assertThat(read.get(0).timeMs()).as("max %d", max).isEqualTo(T0);
            assertThat(read.get(read.size() - 1).timeMs()).as("max %d", max).isEqualTo(T0 + (n - 1) * 60_000L);
            assertThat(read).extracting(EquityHistory.Point::timeMs).as("max %d", max).isSorted()
                    .doesNotHaveDuplicates();
        }
        // The naive reference: 1001 rows to 3 points are rows 0, 500 and 1000.
        assertThat(all(3).get("perps")).extracting(p -> p.equityUsd().intValueExact())
                .containsExactly(600, 1100, 1600);
        assertThat(all(2000).get("perps")).hasSize(n);
    }

    @Test
    void thinningKeepsEachSlicesLowAndHighSoNoDipIsLostAgainstAReference() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        List<EquityHistory.Point> rows = new ArrayList<>();
        BigDecimal equity = new BigDecimal("600");
        for (int i = 0; i < 5000; i++) {
            equity = equity.add(BigDecimal.valueOf(random.nextInt(-300, 301), 2));
            rows.add(point("perps", T0 + i * 60_000L, equity.toPlainString(), "0", "0", "0"));
        }
        rows.set(1234, point("perps", T0 + 1234 * 60_000L, "1.5", "0", "0", "0")); // a one-minute crash
        store.record(rows);

        for (int max : new int[] {4, 5, 100, 301}) {
            int slices = (max - 2) / 2;
            // Reference: rows 1..n-2 cut into slices by index; per slice its lowest and highest (first of equals).
            List<EquityHistory.Point> expected = new ArrayList<>(List.of(rows.get(0)));
            for (int s = 0; s < slices; s++) {
                List<EquityHistory.Point> slice = new ArrayList<>();
                for (int i = 1; i < rows.size() - 1; i++) {
                    if ((long) (i - 1) * slices / (rows.size() - 2) == s) {
                        slice.add(rows.get(i));
                    }
                }
                EquityHistory.Point lo = slice.get(0);
                EquityHistory.Point hi = slice.get(0);
                for (EquityHistory.Point p : slice) {
                    lo = p.equityUsd().compareTo(lo.equityUsd()) < 0 ? p : lo;
                    hi = p.equityUsd().compareTo(hi.equityUsd()) > 0 ? p : hi;
                }
                expected.addAll(lo == hi ? List.of(lo) : lo.timeMs() < hi.timeMs() ? List.of(lo, hi) : List.of(hi, lo));
            }
            expected.add(rows.get(rows.size() - 1));

            List<EquityHistory.Point> read = all(max).get("perps");

            assertThat(read).as("max %d", max).hasSizeLessThanOrEqualTo(max);
            assertThat(read).as("max %d", max).extracting(EquityHistory.Point::timeMs)
                    .containsExactlyElementsOf(expected.stream().map(EquityHistory.Point::timeMs).toList());
            assertThat(read).as("max %d", max).extracting(p -> p.equityUsd().toPlainString())
                    .contains("1.5");
        }
    }
}
