package lotus.app.chart;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Dated ticks for a UTC time axis: round minutes, hours or days, or the first of a month for long spans. */
public final class TimeTicks {

    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final long[] STEPS = {MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY,
        2 * DAY, 7 * DAY, 14 * DAY};
    private static final int[] MONTHS = {1, 2, 3, 6, 12, 24, 60, 120};
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** A tick at {@code timeMs} labelled with its UTC date (and time of day under a day's step). */
    public record Tick(long timeMs, String label) {
    }

    private TimeTicks() {
    }

    /** At most about {@code max} ticks within [t0, t1]. */
    public static List<Tick> between(long t0, long t1, int max) {
        List<Tick> out = new ArrayList<>();
        for (long step : STEPS) {
            if ((t1 - t0) / step <= max) {
                DateTimeFormatter fmt = step < DAY ? MINUTES : DAYS;
                for (long t = Math.floorDiv(t0 + step - 1, step) * step; t <= t1; t += step) {
                    out.add(new Tick(t, fmt.format(Instant.ofEpochMilli(t))));
                }
                return out;
            }
        }
        YearMonth first = YearMonth.from(Instant.ofEpochMilli(t0).atZone(ZoneOffset.UTC)).plusMonths(1);
        YearMonth last = YearMonth.from(Instant.ofEpochMilli(t1).atZone(ZoneOffset.UTC));
        long months = first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        int every = MONTHS[MONTHS.length - 1];
        for (int m : MONTHS) {
            if (months / m <= max) {
                every = m;
                break;
            }
        }
        // Multiples of the step counted from January, so ticks fall on quarters and years.
        YearMonth ym = first;
        while ((ym.getYear() * 12 + ym.getMonthValue() - 1) % every != 0) {
            ym = ym.plusMonths(1);
        }
        for (; !ym.isAfter(last); ym = ym.plusMonths(every)) {
            long t = ym.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            out.add(new Tick(t, DAYS.format(Instant.ofEpochMilli(t))));
        }
        return out;
    }
}
