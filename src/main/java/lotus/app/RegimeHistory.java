package lotus.app;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lotus.engine.EngineOutput;
import lotus.engine.Features;
import lotus.ingest.DominanceCollector;
import lotus.market.MarketCapBucket;
import lotus.pm.Regime;
import lotus.pm.RegimeDriver;
import lotus.pm.RegimeFeed;
import lotus.store.Database;
import lotus.store.PriceDataReader;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.time.Timeframe;

/**
 * {@code lotus regime import} and {@code lotus regime status}: a driver's history loaded from a CSV file (the free
 * CoinGecko API has none, so the 1d dominance drivers start from a file), and each driver's coverage against the
 * engine's {@value Features#BARS_THRESHOLD} bars.
 */
public final class RegimeHistory {

    public static final String SOURCE = "import";

    /** A CSV line that was not imported, and why. */
    public record Rejected(int line, String reason) {
    }

    /** @param rows the data lines read (the header and blank lines not counted) */
    public record Imported(String driver, Timeframe timeframe, int rows, int written, List<Rejected> rejected) {
    }

    /**
     * One driver on one timeframe: how many bars, which span, whether the engine has enough to run, and the engine's
     * state on the bars closed by the time asked (with the flags that move A/E).
     *
     * @param state null when the driver is dormant or not a horizon the regime reads
     */
    public record DriverStatus(String driver, Timeframe timeframe, long bars, long firstOpenMs, long lastOpenMs,
            String state) {

        public boolean ready() {
            return bars >= Features.BARS_THRESHOLD;
        }
    }

    private RegimeHistory() {
    }

    /** Every driver a regime bar may be stored for. */
    public static List<String> drivers() {
        return Stream.concat(Stream.of(DominanceCollector.BTC, DominanceCollector.USDT),
                Stream.of(MarketCapBucket.values()).map(MarketCapBucket::driver)).toList();
    }

    /**
     * Reads {@code time,value} rows after a header line and upserts the good ones as bars with open = high = low =
     * close = value. Times are epoch milliseconds or ISO-8601 (an instant, an offset date-time or a UTC date), on the
     * timeframe's boundary and strictly increasing; values positive. A bad row is reported with its line number and
     * left out; the good rows are written. Re-importing a file writes the same rows again (an upsert).
     *
     * @throws IllegalArgumentException for an unknown driver or a file without a header
     */
    public static Imported importCsv(RegimeBars store, String driver, Timeframe timeframe, Path csv)
            throws IOException {
        if (!drivers().contains(driver)) {
            throw new IllegalArgumentException("unknown driver '" + driver + "': one of " + String.join(", ",
                    drivers()));
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            throw new IllegalArgumentException(csv + " has no header line (time,value)");
        }
        List<RegimeBar> bars = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int rows = 0;
        long previousMs = Long.MIN_VALUE;
        int previousLine = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            rows++;
            int number = i + 1;
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                rejected.add(new Rejected(number, "expected 2 columns (time,value), got " + cells.length));
                continue;
            }
            long timeMs;
            try {
                timeMs = BarFiles.parseTime(cells[0].strip());
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejected(number, e.getMessage()));
                continue;
            }
            BigDecimal value;
            try {
                value = new BigDecimal(cells[1].strip());
            } catch (NumberFormatException e) {
                rejected.add(new Rejected(number, "value '" + cells[1].strip() + "' is not a finite number"));
                continue;
            }
            if (value.signum() <= 0) {
                rejected.add(new Rejected(number, "value " + value.toPlainString() + " is not positive"));
                continue;
            }
            if (timeframe.floor(timeMs) != timeMs) {
                rejected.add(new Rejected(number, "time " + Instant.ofEpochMilli(timeMs) + " is not on a "
                        + timeframe.label() + " boundary"));
                continue;
            }
            if (timeMs <= previousMs) {
                rejected.add(new Rejected(number, "time " + Instant.ofEpochMilli(timeMs) + " is not after line "
                        + previousLine + "'s " + Instant.ofEpochMilli(previousMs)));
                continue;
            }
            previousMs = timeMs;
            previousLine = number;
            bars.add(new RegimeBar(driver, timeframe, timeMs, value, value, value, value, BigDecimal.ZERO, null,
                    SOURCE));
        }
        int written = store.upsert(bars);
        return new Imported(driver, timeframe, rows, written, List.copyOf(rejected));
    }

    /**
     * What {@code lotus regime status} shows.
     *
     * @param stored each stored driver and timeframe, by driver then shortest timeframe
     * @param majors BTC's and the ALT composite's state per horizon, from the majors table ("no bars" when absent)
     */
    public record Status(List<DriverStatus> stored, Map<String, Map<Timeframe, String>> majors) {
    }

    /** Every driver's bars and engine state at {@code nowMs}, as a tick then would see them. */
    public static Status status(Database db, long nowMs) {
        Regime regime = new RegimeFeed(new PriceDataReader(db)).update(nowMs);
        List<DriverStatus> stored = new RegimeBars(db).coverage().stream()
                .map(c -> new DriverStatus(c.driver(), c.timeframe(), c.bars(), c.firstOpenMs(), c.lastOpenMs(),
                        state(regimeOutput(regime, c.driver(), c.timeframe()))))
                .toList();
        return new Status(stored, majorsStatus(regime));
    }

    private static Map<String, Map<Timeframe, String>> majorsStatus(Regime regime) {
        Map<String, Map<Timeframe, String>> out = new LinkedHashMap<>();
        for (RegimeDriver d : List.of(RegimeDriver.BTC, RegimeDriver.ALT)) {
            Map<Timeframe, String> byHorizon = new LinkedHashMap<>();
            for (Timeframe h : Regime.HORIZONS) {
                EngineOutput o = regime.output(d, h);
                byHorizon.put(h, o == null ? "no bars" : o.dormant() ? "dormant " + o.bars() + "/" + Features.BARS_THRESHOLD
                        : state(o));
            }
            out.put(d.name(), byHorizon);
        }
        return out;
    }

    private static EngineOutput regimeOutput(Regime regime, String driver, Timeframe tf) {
        if (!Regime.HORIZONS.contains(tf)) {
            return null;
        }
        for (MarketCapBucket b : MarketCapBucket.values()) {
            if (b.driver().equals(driver)) {
                return regime.buckets().getOrDefault(b, Map.of()).get(tf);
            }
        }
        return switch (driver) {
            case DominanceCollector.BTC -> regime.output(RegimeDriver.BTC_D, tf);
            case DominanceCollector.USDT -> regime.output(RegimeDriver.USDT_D, tf);
            default -> null;
        };
    }

    /** {@code S3}, {@code S2 buy_flag,trim_flag}; null for none or dormant. */
    private static String state(EngineOutput o) {
        if (o == null || o.dormant()) {
            return null;
        }
        List<String> flags = new ArrayList<>();
        EngineOutput.Flags f = o.flags();
        if (f.buySignal()) {
            flags.add("buy_signal");
        }
        if (f.buyFlag()) {
            flags.add("buy_flag");
        }
        if (f.trimFlag()) {
            flags.add("trim_flag");
        }
        if (f.emergencyExit()) {
            flags.add("emergency_exit");
        }
        return o.state() + (flags.isEmpty() ? "" : " " + String.join(",", flags));
    }
}
