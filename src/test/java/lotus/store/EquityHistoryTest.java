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
    void aLongRangeIsDownsampledToAtMostTheLimitKeepingFirstAndLast() {
        int n = 1001;
        List<EquityHistory.Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(point("perps", T0 + i * 60_000L, Integer.toString(600 + i), "0", "0", "0"));
        }
        store.record(points);

        for (int max : new int[] {2, 3, 7, 100, 1000}) {
            List<EquityHistory.Point> read = all(max).get("perps");
            assertThat(read).as("max %d", max).hasSize(max);
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
}
