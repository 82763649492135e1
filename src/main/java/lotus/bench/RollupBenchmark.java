package lotus.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.SplittableRandom;
import lotus.market.BarRollup;
import lotus.market.Side;
import lotus.market.Trade;
import lotus.time.Timeframe;

/**
 * {@code lotus bench rollup}: a seeded stream shaped like Hyperliquid's (many coins interleaved, about 1000 trades a
 * second, small reorderings, 1 % repeated tids) through one {@link BarRollup} with all six timeframes, flushed every
 * {@code --flush-ms} of simulated time (default one second, as the live ingester does). Trades are generated in chunks
 * outside the timed region; the time and the bytes allocated are measured around {@code accept} and {@code flush}
 * only, on one thread.
 */
public final class RollupBenchmark extends Benchmark<RollupBenchmark.Options> {

    // Small chunks keep the pre-generated trades out of the old generation: a large live chunk would make every young
    // collection inside the timed loop copy it, timing the benchmark's own garbage instead of the rollup.
    private static final int CHUNK = 16_384;
    private static final long PROGRESS_EVERY = 1_000_000;
    private static final long START_MS = SeededBars.T0;

    public record Options(long trades, int coins, long seed, long flushEveryMs) {
        public Options {
            if (trades <= 0 || coins <= 0 || flushEveryMs <= 0) {
                throw new IllegalArgumentException("--trades, --coins and --flush-ms must be positive");
            }
        }
    }

    public RollupBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() {
        out.line("bench rollup: %,d trades over %d coins, timeframes %s, flush every %,d ms, seed %d", o.trades(),
                o.coins(), Timeframe.labels(), o.flushEveryMs(), o.seed());
        Result warm = measure(Math.min(o.trades(), 2_000_000), o.seed() + 1, false);
        out.line("warm-up: %,.0f trades/s", warm.tradesPerSecond());
        Result r = measure(o.trades(), o.seed(), true);
        out.line("trades/s:          %,.0f (%.1f ns/trade)", r.tradesPerSecond(), r.nanos / (double) r.trades);
        out.line("bytes/trade:       %.1f allocated in accept+flush", r.bytes / (double) r.trades);
        out.line("bars emitted:      %,d final, %,d provisional", r.finals, r.provisionals);
        out.line("outcomes:          %s", r.outcomes);
    }

    private record Result(long trades, long nanos, long bytes, long finals, long provisionals, String outcomes) {
        double tradesPerSecond() {
            return Bench.rate(trades, nanos);
        }
    }

    private Result measure(long total, long runSeed, boolean progress) {
        long[] finals = {0};
        long[] provisionals = {0};
        BarRollup rollup = new BarRollup("hyperliquid", EnumSet.allOf(Timeframe.class), Duration.ofSeconds(10),
                coin -> true, (bar, isFinal) -> {
                    if (isFinal) {
                        finals[0]++;
                    } else {
                        provisionals[0]++;
                    }
                });
        Stream stream = new Stream(o.coins(), runSeed);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long nanos = 0;
        long bytes = 0;
        long done = 0;
        long nextFlushMs = START_MS + o.flushEveryMs();
        Trade[] chunk = new Trade[(int) Math.min(CHUNK, total)];
        while (done < total) {
            int n = (int) Math.min(chunk.length, total - done);
            stream.fill(chunk, n);
            long bytes0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Trade t = chunk[i];
                while (t.timeMs() >= nextFlushMs) {
                    rollup.flush(nextFlushMs);
                    nextFlushMs += o.flushEveryMs();
                }
                rollup.accept(t);
            }
            nanos += System.nanoTime() - t0;
            bytes += threads.getCurrentThreadAllocatedBytes() - bytes0;
            done += n;
            if (progress && total > PROGRESS_EVERY && (done % PROGRESS_EVERY < n || done == total)) {
                out.line("  %,d / %,d trades, %,.0f trades/s so far", done, total, Bench.rate(done, nanos));
            }
        }
        rollup.flush(nextFlushMs + Timeframe.D1.durationMs());
        return new Result(done, nanos, bytes, finals[0], provisionals[0], rollup.counts().toString());
    }

    /** Seeded trades: a random walk per coin, exponential gaps, a little reordering and some repeated tids. */
    private static final class Stream {
        private final SplittableRandom random;
        private final String[] names;
        private final long[] priceTicks;
        private final int[] priceScale;
        private final int[] sizeScale;
        private final long[] nextTid;
        private long timeMs = START_MS;
        private Trade previous;

        Stream(int coins, long seed) {
            random = new SplittableRandom(seed);
            names = new String[coins];
            priceTicks = new long[coins];
            priceScale = new int[coins];
            sizeScale = new int[coins];
            nextTid = new long[coins];
            for (int c = 0; c < coins; c++) {
                names[c] = String.format(Locale.ROOT, "C%03d", c);
                priceScale[c] = random.nextInt(1, 7);
                sizeScale[c] = random.nextInt(0, 6);
                priceTicks[c] = random.nextLong(10_000, 5_000_000);
                nextTid[c] = random.nextLong(1L << 40, 1L << 50);
            }
        }

        void fill(Trade[] chunk, int n) {
            for (int i = 0; i < n; i++) {
                if (previous != null && random.nextInt(100) == 0) {
                    chunk[i] = previous; // a repeated frame
                    continue;
                }
                int c = random.nextInt(names.length);
                timeMs += (long) (-Math.log(1 - random.nextDouble()) * 1.0);
                long jitter = random.nextInt(4) == 0 ? random.nextInt(50) : 0;
                priceTicks[c] = Math.max(1, priceTicks[c] + random.nextInt(-20, 21));
                long sizeUnits = 1 + (long) (-Math.log(1 - random.nextDouble()) * 500);
                Trade t = new Trade(names[c], nextTid[c]++, timeMs - jitter,
                        BigDecimal.valueOf(priceTicks[c], priceScale[c]), BigDecimal.valueOf(sizeUnits, sizeScale[c]),
                        random.nextBoolean() ? Side.BUY : Side.SELL);
                chunk[i] = t;
                previous = t;
            }
        }
    }
}
