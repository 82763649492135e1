package lotus.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lotus.market.Bar;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.time.Timeframe;

/**
 * {@code lotus bars import}, {@code export} and {@code status}: bars from a CSV file into a price table through the
 * ingest's upsert, a table's bars out to CSV, and what each table holds. Jesse has {@code import-candles}, freqtrade
 * {@code download-data}; without this a backtest needed hand-written SQL.
 */
public final class BarFiles {

    public static final String SOURCE = "import";
    /** Bars per upsert transaction: bounds memory on a multi-million-row file. */
    static final int BATCH = 10_000;
    public static final long PROGRESS_EVERY = 100_000;
    public static final int GAPS_LISTED = 5;
    public static final String HEADER = "open_time,open,high,low,close,volume";

    private static final List<String> TIME_NAMES = List.of("open_time", "time", "timestamp", "date");
    private static final List<String> VALUE_NAMES = List.of("open", "high", "low", "close", "volume");
    // Epoch numbers by magnitude: 1e11 s is the year 5138, 1e11 ms is 1973, and Binance's spot archives give
    // microseconds from 2025 on (1e14 µs is 1973).
    private static final long SECONDS_BELOW = 100_000_000_000L;
    private static final long MILLIS_BELOW = 100_000_000_000_000L;

    /** A CSV line that was not imported, and why. */
    public record Rejected(long line, String reason) {
    }

    /** Bars missing between two consecutive good rows. */
    public record Gap(long afterOpenMs, long nextOpenMs, long missing) {
    }

    /** What an import saw as it read; the CLI prints it as it comes. */
    public interface Listener {
        void rejected(Rejected bad);

        /** Called every {@link #PROGRESS_EVERY} data rows. */
        void progress(long rows, long written);
    }

    /**
     * @param rows      the data lines read (a header and blank lines not counted)
     * @param gaps      bars missing between consecutive good rows, summed
     * @param firstGaps the first {@link #GAPS_LISTED} gaps
     */
    public record Imported(long rows, long written, long rejected, long gaps, List<Gap> firstGaps) {
    }

    private BarFiles() {
    }

    /** Where the open time and the five values sit in a row. */
    private record Layout(int time, int[] values, boolean headerless) {
        int width() {
            int w = time;
            for (int v : values) {
                w = Math.max(w, v);
            }
            return w + 1;
        }
    }

    /**
     * Reads a CSV with a header (columns found by name, others ignored) or a Binance kline export as it is (no header,
     * open time then open, high, low, close, volume), validates each row and upserts the good ones in batches. A bad
     * row goes to the listener with its line number and is left out; re-importing writes the same rows again.
     *
     * @throws IllegalArgumentException for an empty file or a header without the needed columns
     */
    public static Imported importCsv(PriceBars store, PriceTable table, String chain, String token, Timeframe tf,
            Path csv, Listener listener) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String first;
            long number = 0;
            do {
                first = in.readLine();
                number++;
            } while (first != null && first.isBlank());
            if (first == null) {
                throw new IllegalArgumentException(csv + " is empty");
            }
            // A spreadsheet's UTF-8 export starts with a byte-order mark, which would hide the first column's name.
            first = first.startsWith("\uFEFF") ? first.substring(1) : first;
            Layout layout = layout(csv, first);
            List<Bar> batch = new ArrayList<>();
            List<Gap> firstGaps = new ArrayList<>();
            long rows = 0;
            long written = 0;
            long rejected = 0;
            long gaps = 0;
            long previousMs = Long.MIN_VALUE;
            long previousLine = 0;
            String line = layout.headerless() ? first : in.readLine();
            if (!layout.headerless()) {
                number++;
            }
            for (; line != null; line = in.readLine(), number++) {
                if (line.isBlank()) {
                    continue;
                }
                rows++;
                if (rows % PROGRESS_EVERY == 0) {
                    listener.progress(rows, written);
                }
                Bar bar;
                try {
                    bar = bar(layout, line, chain, token, tf);
                    if (bar.openTimeMs() <= previousMs) {
                        throw new IllegalArgumentException("time " + Instant.ofEpochMilli(bar.openTimeMs())
                                + " is not after line " + previousLine + "'s " + Instant.ofEpochMilli(previousMs));
                    }
                } catch (IllegalArgumentException e) {
                    rejected++;
                    listener.rejected(new Rejected(number, e.getMessage()));
                    continue;
                }
                if (previousMs != Long.MIN_VALUE) {
                    long missing = (bar.openTimeMs() - previousMs) / tf.durationMs() - 1;
                    if (missing > 0) {
                        gaps += missing;
                        if (firstGaps.size() < GAPS_LISTED) {
                            firstGaps.add(new Gap(previousMs, bar.openTimeMs(), missing));
                        }
                    }
                }
                previousMs = bar.openTimeMs();
                previousLine = number;
                batch.add(bar);
                if (batch.size() == BATCH) {
                    written += store.upsert(table, SOURCE, batch);
                    batch.clear();
                }
            }
            written += store.upsert(table, SOURCE, batch);
            return new Imported(rows, written, rejected, gaps, List.copyOf(firstGaps));
        }
    }

    private static Layout layout(Path csv, String first) {
        String[] cells = cells(first);
        if (cells[0].matches("-?\\d+")) {
            return new Layout(0, new int[] {1, 2, 3, 4, 5}, true);
        }
        List<String> names = new ArrayList<>();
        for (String c : cells) {
            names.add(c.toLowerCase(Locale.ROOT));
        }
        int time = TIME_NAMES.stream().mapToInt(names::indexOf).filter(i -> i >= 0).findFirst().orElse(-1);
        if (time < 0) {
            throw new IllegalArgumentException(csv.getFileName() + ": the header has no open time column (one of "
                    + String.join(", ", TIME_NAMES) + ")");
        }
        int[] values = new int[VALUE_NAMES.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = names.indexOf(VALUE_NAMES.get(i));
            if (values[i] < 0) {
                throw new IllegalArgumentException(csv.getFileName() + ": the header has no '" + VALUE_NAMES.get(i)
                        + "' column");
            }
        }
        return new Layout(time, values, false);
    }

    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip();
            cells[i] = c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1) : c;
        }
        return cells;
    }

    /** One row as a bar, or an IllegalArgumentException whose message is the reason to reject it. */
    private static Bar bar(Layout layout, String line, String chain, String token, Timeframe tf) {
        String[] cells = cells(line);
        if (cells.length < layout.width()) {
            throw new IllegalArgumentException("expected at least " + layout.width() + " columns, got "
                    + cells.length);
        }
        long timeMs = parseTime(cells[layout.time()]);
        BigDecimal[] v = new BigDecimal[VALUE_NAMES.size()];
        for (int i = 0; i < v.length; i++) {
            String cell = cells[layout.values()[i]];
            try {
                v[i] = new BigDecimal(cell);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(VALUE_NAMES.get(i) + " '" + cell + "' is not a number");
            }
        }
        BigDecimal open = v[0];
        BigDecimal high = v[1];
        BigDecimal low = v[2];
        BigDecimal close = v[3];
        BigDecimal volume = v[4];
        for (int i = 0; i < 4; i++) {
            if (v[i].signum() <= 0) {
                throw new IllegalArgumentException(VALUE_NAMES.get(i) + " " + v[i].toPlainString()
                        + " is not positive");
            }
        }
        if (volume.signum() < 0) {
            throw new IllegalArgumentException("volume " + volume.toPlainString() + " is negative");
        }
        if (low.compareTo(open.min(close)) > 0 || high.compareTo(open.max(close)) < 0) {
            throw new IllegalArgumentException("low " + low.toPlainString() + " and high " + high.toPlainString()
                    + " do not hold open " + open.toPlainString() + " and close " + close.toPlainString());
        }
        if (tf.floor(timeMs) != timeMs) {
            throw new IllegalArgumentException("time " + Instant.ofEpochMilli(timeMs) + " is not on a " + tf.label()
                    + " boundary");
        }
        return new Bar(token, chain, tf, timeMs, open, high, low, close, volume, 0);
    }

    /** Epoch seconds, milliseconds or microseconds (by magnitude), or ISO-8601; a local time or date is UTC. */
    public static long parseTime(String cell) {
        if (cell.matches("-?\\d+")) {
            long n;
            try {
                n = Long.parseLong(cell);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("time '" + cell + "' is out of range");
            }
            long abs = Math.abs(n);
            return abs < SECONDS_BELOW ? n * 1000 : abs < MILLIS_BELOW ? n : Math.floorDiv(n, 1000);
        }
        try {
            return Instant.parse(cell).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(cell).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(cell.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                    } catch (DateTimeParseException notDate) {
                        throw new IllegalArgumentException("time '" + cell
                                + "' is neither epoch seconds or milliseconds nor ISO-8601");
                    }
                }
            }
        }
    }

    /**
     * Writes {@link #HEADER} and each bar with open time in {@code [fromMs, toMs)}, oldest first: open time in epoch
     * milliseconds, the decimals as stored (plain strings, never a double's).
     *
     * @return the number of bars written
     */
    public static long exportCsv(Database db, PriceTable table, String chain, String token, Timeframe tf, long fromMs,
            long toMs, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        long[] count = {0};
        StringBuilder line = new StringBuilder();
        try {
            new PriceDataReader(db).forEachBar(table, token, chain, tf, fromMs, toMs, b -> {
                line.setLength(0);
                line.append(b.openTimeMs()).append(',').append(b.open().toPlainString()).append(',')
                        .append(b.high().toPlainString()).append(',').append(b.low().toPlainString()).append(',')
                        .append(b.close().toPlainString()).append(',').append(b.volume().toPlainString()).append('\n');
                try {
                    out.append(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return count[0];
    }

    /** Every table's tokens and timeframes with their first and last open times, counts and gaps. */
    public static List<PriceDataReader.Coverage> status(Database db) {
        PriceDataReader reader = new PriceDataReader(db);
        List<PriceDataReader.Coverage> out = new ArrayList<>();
        for (PriceTable t : PriceTable.values()) {
            out.addAll(reader.coverage(t));
        }
        return out;
    }
}
