package lotus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.store.ScratchDatabase;
import lotus.time.Timeframe;

/**
 * {@code lotus bench store}: seeded 1m bars of 100 tokens written through {@link PriceBars} in batches, twice: first
 * as new rows, then as updates of the same keys (the rewrite a provisional bar costs). Never touches real tables:
 * PostgreSQL works in a private schema, SQLite in a scratch file, both removed at the end.
 */
final class StoreBenchmark {

    private static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final int TOKENS = 100;

    private final String url;
    private final Path dataDir;
    private final int bars;
    private final int batch;
    private final PrintWriter out;

    StoreBenchmark(String url, Path dataDir, int bars, int batch, PrintWriter out) {
        if (bars <= 0 || batch <= 0) {
            throw new IllegalArgumentException("--bars and --batch must be positive");
        }
        this.url = url;
        this.dataDir = dataDir;
        this.bars = bars;
        this.batch = batch;
        this.out = out;
    }

    void run() throws IOException {
        try (ScratchDatabase scratch = ScratchDatabase.open(url, dataDir, "bench", 2)) {
            Database db = scratch.database();
            out.printf(Locale.ROOT, "bench store: %,d bars in batches of %,d on %s%n", bars, batch, db.describe());
            out.flush();
            db.migrate();
            List<Bar> all = generate(bars, 7);
            PriceBars writer = new PriceBars(db);
            double inserts = timeUpserts(writer, all);
            out.printf(Locale.ROOT, "insert: %,.0f rows/s%n", inserts);
            out.flush();
            double updates = timeUpserts(writer, generate(bars, 8));
            out.printf(Locale.ROOT, "update: %,.0f rows/s (same keys, new values)%n", updates);
            out.flush();
        }
    }

    private double timeUpserts(PriceBars writer, List<Bar> all) {
        long t0 = System.nanoTime();
        for (int from = 0; from < all.size(); from += batch) {
            writer.upsert(PriceTable.HYPERLIQUID, "bench", all.subList(from, Math.min(all.size(), from + batch)));
        }
        long nanos = System.nanoTime() - t0;
        return all.size() * 1e9 / nanos;
    }

    private static List<Bar> generate(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bar> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int token = i % TOKENS;
            long open = START_MS + (long) (i / TOKENS) * 60_000L;
            long o = random.nextLong(100_000, 10_000_000);
            long c = o + random.nextLong(-5000, 5001);
            long h = Math.max(o, c) + random.nextLong(0, 3000);
            long l = Math.max(1, Math.min(o, c) - random.nextLong(0, 3000));
            out.add(new Bar("BENCH" + token, "hyperliquid", Timeframe.M1, open, BigDecimal.valueOf(o, 4),
                    BigDecimal.valueOf(h, 4), BigDecimal.valueOf(l, 4), BigDecimal.valueOf(c, 4),
                    BigDecimal.valueOf(random.nextLong(1, 100_000_000), 6), 0));
        }
        return out;
    }
}
