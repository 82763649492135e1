package lotus.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each book's equity over time in {@code book_equity}: written by the trading process after every tick (one row per
 * book at the tick's bar close, upserted), read by the operator page for its equity curves.
 */
public final class EquityHistory {

    static final String TABLE = "book_equity";
    private static final String COLUMNS = "book, timestamp, equity_usd, pnl_today_usd, realised_usd, exposure_usd";

    /** One book's figures at one instant, as {@code lotus.risk.RiskControls.report} gives them. */
    public record Point(String book, long timeMs, BigDecimal equityUsd, BigDecimal pnlTodayUsd, BigDecimal realisedUsd,
            BigDecimal exposureUsd) {

        public Point {
            if (book == null || book.isBlank()) {
                throw new IllegalArgumentException("a point needs a book");
            }
            Objects.requireNonNull(equityUsd, "equityUsd");
            Objects.requireNonNull(pnlTodayUsd, "pnlTodayUsd");
            Objects.requireNonNull(realisedUsd, "realisedUsd");
            Objects.requireNonNull(exposureUsd, "exposureUsd");
        }
    }

    private final Database db;

    public EquityHistory(Database db) {
        this.db = db;
    }

    /**
     * Inserts or replaces every point in one statement (same book and time → one row, the latest figures): a tick's
     * books land together or not at all.
     */
    public int record(List<Point> points) {
        if (points.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES "
                + String.join(", ", java.util.Collections.nCopies(points.size(), "(?, ?, ?, ?, ?, ?)"))
                + " ON CONFLICT (book, timestamp) DO UPDATE SET equity_usd = excluded.equity_usd,"
                + " pnl_today_usd = excluded.pnl_today_usd, realised_usd = excluded.realised_usd,"
                + " exposure_usd = excluded.exposure_usd";
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 0;
                for (Point p : points) {
                    ps.setString(++i, p.book());
                    d.setTime(ps, ++i, p.timeMs());
                    d.setDecimal(ps, ++i, p.equityUsd());
                    d.setDecimal(ps, ++i, p.pnlTodayUsd());
                    d.setDecimal(ps, ++i, p.realisedUsd());
                    d.setDecimal(ps, ++i, p.exposureUsd());
                }
                ps.executeUpdate();
            }
            return points.size();
        });
    }

    /**
     * Each book's points with a time in {@code [fromMs, toMs)}, oldest first, by book; one book or all of them. A book
     * with more than {@code maxPoints} there keeps at most that many: its first and last, and from each of
     * {@code (maxPoints - 2) / 2} even slices of the rows between them the lowest and the highest equity. Enough for
     * a curve a few hundred pixels wide without sending a year of minute ticks to the page, and no dip or peak
     * lost between two kept points, so a drawdown read from the curve is the book's (below 4 points: evenly spaced).
     */
    public Map<String, List<Point>> range(Optional<String> book, long fromMs, long toMs, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2 (first and last), got " + maxPoints);
        }
        Map<String, Long> counts = counts(book, fromMs, toMs);
        Map<String, List<Point>> out = new LinkedHashMap<>();
        counts.forEach((b, n) -> out.put(b, read(b, fromMs, toMs, n, maxPoints)));
        return out;
    }

    /** How many points each book has in the range, by book name. */
    private Map<String, Long> counts(Optional<String> book, long fromMs, long toMs) {
        String sql = "SELECT book, COUNT(*) AS n FROM " + TABLE + " WHERE timestamp >= ? AND timestamp < ?"
                + (book.isPresent() ? " AND book = ?" : "") + " GROUP BY book ORDER BY book";
        return db.withConnection(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                db.dialect().setTime(ps, 1, fromMs);
                db.dialect().setTime(ps, 2, toMs);
                if (book.isPresent()) {
                    ps.setString(3, book.get());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString("book"), rs.getLong("n"));
                    }
                }
            }
            return out;
        });
    }

    /** Streams the book's {@code n} rows through {@link Thinning} when there are more than {@code maxPoints}. */
    private List<Point> read(String book, long fromMs, long toMs, long n, int maxPoints) {
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE book = ? AND timestamp >= ? AND timestamp < ? ORDER BY timestamp";
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            Thinning out = new Thinning(n, maxPoints);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, book);
                d.setTime(ps, 2, fromMs);
                d.setTime(ps, 3, toMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.offer(new Point(rs.getString("book"), d.getTime(rs, "timestamp"),
                                d.getDecimal(rs, "equity_usd"), d.getDecimal(rs, "pnl_today_usd"),
                                d.getDecimal(rs, "realised_usd"), d.getDecimal(rs, "exposure_usd")));
                    }
                }
            }
            return out.points();
        });
    }

    /** The points {@link #range} keeps of {@code n} rows offered oldest first; see there. */
    static final class Thinning {

        private final long n;
        private final int max;
        private final long slices;
        private final List<Point> out = new ArrayList<>();
        private long row;
        private long slice = -1;
        private Point low;
        private Point high;

        Thinning(long n, int max) {
            this.n = n;
            this.max = max;
            this.slices = max < 4 ? 0 : (max - 2) / 2;
        }

        void offer(Point p) {
            long i = row++;
            if (n <= max) {
                out.add(p);
            } else if (slices == 0) {
                if (i == pick(out.size(), n, max)) {
                    out.add(p);
                }
            } else if (i == 0 || i == n - 1) {
                flush();
                out.add(p);
            } else {
                long s = (i - 1) * slices / (n - 2);
                if (s != slice) {
                    flush();
                    slice = s;
                }
                low = low == null || p.equityUsd().compareTo(low.equityUsd()) < 0 ? p : low;
                high = high == null || p.equityUsd().compareTo(high.equityUsd()) > 0 ? p : high;
            }
        }

        private void flush() {
            if (low != null) {
                Point first = low.timeMs() <= high.timeMs() ? low : high;
                Point second = first == low ? high : low;
                out.add(first);
                if (second != first) {
                    out.add(second);
                }
            }
            low = null;
            high = null;
        }

        List<Point> points() {
            flush();
            return out;
        }
    }

    /** The row index of the j-th of {@code max} evenly spaced picks among {@code n} rows (0 and n-1 included). */
    static long pick(int j, long n, int max) {
        return Math.round((double) j * (n - 1) / (max - 1));
    }
}
