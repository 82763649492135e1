package lotus.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import lotus.app.Backtest;
import lotus.app.LotusConfig;
import lotus.market.Bar;
import lotus.pm.AllocationPolicy;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.store.ScratchDatabase;
import lotus.time.Timeframe;

/**
 * {@code lotus bench backtest}: seeded random-walk bars with drift regimes (so the engine goes round its states and
 * trades) for {@code --tokens} tokens, stored in a scratch database, then {@link Backtest#run} over them as
 * {@code lotus backtest} runs it. Prints bars/s end to end (loading the bars from the database included) and for the
 * replay alone, and the number of trades, without which the figure would mean nothing.
 */
public final class BacktestBenchmark extends Benchmark<BacktestBenchmark.Options> {

    private static final long T0 = SeededBars.T0;
    private static final int BATCH = 50_000;
    private static final List<String> MAJORS = List.of("BTC", "ETH", "SOL", "BNB", "HYPE");

    /** @param majors also generate the regime drivers' majors (else A/E stays at its neutral base) */
    public record Options(Scratch db, int tokens, Timeframe timeframe, long barsPerToken, boolean majors, long seed) {
    }

    private final LotusConfig config;
    private final PrintWriter writer;

    public BacktestBenchmark(LotusConfig config, Options o, PrintWriter out) {
        super(o, out);
        this.config = config;
        this.writer = out;
    }

    public void run() throws Exception {
        try (ScratchDatabase source = o.db().open("bench_backtest", 2)) {
            Database db = source.database();
            db.migrate();
            out.line("bench backtest: %d token(s) × %,d %s bars, majors %s, seed %d, database %s", o.tokens(),
                    o.barsPerToken(), o.timeframe().label(),
                    o.majors() ? "generated (A/E from the regime drivers)" : "left out (A/E at its neutral base)",
                    o.seed(), db.describe());
            long g0 = System.nanoTime();
            List<String> tokens = generate(db);
            out.line("  generated and stored in %.1f s", Bench.secondsSince(g0));

            Backtest.Settings settings = new Backtest.Settings(tokens, "hyperliquid", "spot", o.timeframe(),
                    Long.MIN_VALUE, Long.MAX_VALUE, config.pm().walletUsd(),
                    AllocationPolicy.defaultPct(o.timeframe()), config.pm().maxLeverage());
            Backtest.Result r = Backtest.run(db, settings, writer);
            long positionBars = r.barCount();
            out.line("%,d bars (%,d ticks) replayed: %,.0f bars/s end to end (%.1f s, loading the bars included), "
                    + "%,.0f bars/s replay only (%.1f s); %d trades closed", positionBars, r.ticks(),
                    Bench.rate(positionBars, r.wallNs()), r.wallNs() / 1e9, Bench.rate(positionBars, r.replayNs()),
                    r.replayNs() / 1e9, r.trades().size());
        }
    }

    /** Stores every token's walk (and the majors' if asked) in batches; returns the token names. */
    private List<String> generate(Database db) {
        PriceBars store = new PriceBars(db);
        SplittableRandom random = new SplittableRandom(o.seed());
        List<String> tokens = new ArrayList<>();
        Timeframe tf = o.timeframe();
        for (int i = 0; i < o.tokens(); i++) {
            String token = String.format(Locale.ROOT, "BT%03d", i);
            tokens.add(token);
            store(store, PriceTable.HYPERLIQUID, new Walk(random.split(), token, tf, T0), o.barsPerToken());
        }
        if (o.majors()) {
            long endMs = T0 + o.barsPerToken() * tf.durationMs();
            for (String coin : MAJORS) {
                for (Timeframe h : List.of(Timeframe.D1, Timeframe.H1, Timeframe.M1)) {
                    // Backtest copies 1m majors only for timeframes under 1h.
                    if (h == Timeframe.M1 && tf.durationMs() >= Timeframe.H1.durationMs()) {
                        continue;
                    }
                    long from = h.floor(T0) - 2000 * h.durationMs();
                    store(store, PriceTable.MAJORS, new Walk(random.split(), coin, h, from),
                            (endMs - from) / h.durationMs());
                }
            }
        }
        return tokens;
    }

    private void store(PriceBars store, PriceTable table, Walk walk, long n) {
        List<Bar> batch = new ArrayList<>(BATCH);
        for (long i = 0; i < n; i++) {
            batch.add(walk.next());
            if (batch.size() == BATCH || i == n - 1) {
                store.upsert(table, "hyperliquid", batch);
                batch.clear();
            }
        }
    }

    /**
     * A random walk whose drift changes every 150–600 bars between falls and rises, with noise: the engine needs
     * trends to leave S0 and falls to exit, or it would never trade.
     */
    static final class Walk {
        private static final double[] DRIFTS = {-0.004, -0.002, 0.001, 0.003, 0.005};

        private final SplittableRandom random;
        private final String token;
        private final Timeframe tf;
        private long openMs;
        private double px;
        private int left;
        private double drift;

        Walk(SplittableRandom random, String token, Timeframe tf, long fromMs) {
            this.random = random;
            this.token = token;
            this.tf = tf;
            this.openMs = fromMs;
            this.px = 50 + random.nextDouble(100);
        }

        Bar next() {
            if (left-- <= 0) {
                left = 150 + random.nextInt(450);
                // Mean-reverting in the long run: a walk that drifts to 1e-300 or 1e300 prices nothing sensible.
                drift = px > 1_000 ? DRIFTS[random.nextInt(2)] : px < 5 ? DRIFTS[2 + random.nextInt(3)]
                        : DRIFTS[random.nextInt(DRIFTS.length)];
            }
            double open = px;
            px = Math.max(0.01, px * (1 + drift + random.nextGaussian() * 0.012));
            double hi = Math.max(open, px) * (1 + random.nextDouble(0.008));
            double lo = Math.min(open, px) * (1 - random.nextDouble(0.008));
            Bar b = new Bar(token, "hyperliquid", tf, openMs, SeededBars.dec(open), SeededBars.dec(hi),
                    SeededBars.dec(lo), SeededBars.dec(px), SeededBars.dec(1e3 + random.nextDouble(1e4)), 0);
            openMs += tf.durationMs();
            return b;
        }
    }
}
