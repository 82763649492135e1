package lotus.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SVG chart's axes and thinning, shared by report.html and, later, the operator's page. */
class SvgChartTest {

    private static final long T0 = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();
    private static final long H = 3_600_000L;

    @Test
    void timeTicksAreRoundUtcDatesAtEveryScale() {
        assertThat(TimeTicks.between(T0 + 10 * 60_000, T0 + 5 * H, 7)).extracting(TimeTicks.Tick::label)
                .containsExactly("2022-01-01 01:00", "2022-01-01 02:00", "2022-01-01 03:00", "2022-01-01 04:00",
                        "2022-01-01 05:00");
        List<TimeTicks.Tick> fourYears = TimeTicks.between(T0, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), 7);
        assertThat(fourYears).extracting(TimeTicks.Tick::label)
                .containsExactly("2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01");
    }

    @Test
    void valueTicksAreDecimalStepsOfOneTwoOrFive() {
        assertThat(SvgChart.niceStep(new BigDecimal("37"), 6)).isEqualByComparingTo("10");
        assertThat(SvgChart.niceStep(new BigDecimal("0.0009"), 6)).isEqualByComparingTo("0.0002");
        String svg = SvgChart.render(new SvgChart.Spec("t", "USD", 400, 200, true, List.of(new SvgChart.Series("s",
                "s", "#000", List.of(new SvgChart.Point(T0, new BigDecimal("-0.3")),
                        new SvgChart.Point(T0 + H, new BigDecimal("0.25"))), false)), List.of()));
        assertThat(svg).contains(">-0.3<", ">-0.1<", ">0<", ">0.2<").doesNotContain("E-", "0.30000");
    }

    @Test
    void thinningKeepsTheExtremesOfEachBucketInTimeOrder() {
        List<SvgChart.Point> points = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            points.add(new SvgChart.Point(T0 + i * H, BigDecimal.valueOf(i == 4321 ? -500 : i == 7777 ? 900 : i % 7)));
        }
        List<SvgChart.Point> thin = SvgChart.thin(points, 400);
        assertThat(thin).hasSizeLessThanOrEqualTo(400).contains(points.get(4321), points.get(7777), points.get(0),
                points.get(9999));
        for (int i = 1; i < thin.size(); i++) {
            assertThat(thin.get(i).timeMs()).isGreaterThan(thin.get(i - 1).timeMs());
        }
    }
}
