package lotus.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
public final class StoreBenchmark extends Benchmark<StoreBenchmark.Options> {

    private static final int TOKENS = 100;

    public record Options(Scratch db, int bars, int batch) {
        public Options {
            if (bars <= 0 || batch <= 0) {
                throw new IllegalArgumentException("--bars and --batch must be positive");
            }
        }
    }

    public StoreBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() throws IOException {
        try (ScratchDatabase scratch = o.db().open("bench", 2)) {
            Database db = scratch.database();
            out.line("bench store: %,d bars in batches of %,d on %s", o.bars(), o.batch(), db.describe());
            db.migrate();
            List<Bar> all = generate(o.bars(), 7);
            PriceBars writer = new PriceBars(db);
            out.line("insert: %,.0f rows/s", timeUpserts(writer, all));
            out.line("update: %,.0f rows/s (same keys, new values)", timeUpserts(writer, generate(o.bars(), 8)));
        }
    }

    private double timeUpserts(PriceBars writer, List<Bar> all) {
        return Bench.rate(all.size(), Bench.nanos(() -> {
            int batch = o.batch();
            for (int from = 0; from < all.size(); from += batch) {
                writer.upsert(PriceTable.HYPERLIQUID, "bench", all.subList(from, Math.min(all.size(), from + batch)));
            }
        }));
    }

    private static List<Bar> generate(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bar> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int token = i % TOKENS;
            long open = SeededBars.T0 + (long) (i / TOKENS) * 60_000L;
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
