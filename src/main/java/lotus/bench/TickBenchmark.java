package lotus.bench;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import lotus.app.LotusConfig;
import lotus.app.PmAssembly;
import lotus.app.SimulatedConfig;
import lotus.market.Bar;
import lotus.pm.TickReport;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.time.Clock;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * {@code lotus bench tick}: {@code --positions} positions on one timeframe, a third each on {@code hyperliquid/perps},
 * {@code hyperliquid/spot} and {@code solana/social}, each with {@code --bars} seeded bars in the database, the
 * simulator serving books for the Hyperliquid dry-run fills. Times a cold tick (every engine rebuilt from the store)
 * and then warm ticks (one new bar per position), with the split between read, engine, plan, execute and write.
 */
public final class TickBenchmark extends Benchmark<TickBenchmark.Options> {

    private static final long T0 = SeededBars.T0;

    public record Options(Scratch db, int positions, int bars, int warmTicks) {
    }

    public TickBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() throws Exception {
        o.db().run("bench_tick", 8, this::run);
    }

    private void run(Database db) throws Exception {
        Timeframe tf = Timeframe.H1;
        long firstTick = T0 + o.bars() * tf.durationMs();
        SimulatedClock clock = SimulatedClock.manual(firstTick);
        int perThird = (o.positions() + 2) / 3;
        SimConfig simConfig = SimConfig.defaults(5).withTradesPerSecond(10).withKeepTrades(false)
                .withHistoryMinutes(5).withExtraPerps(Math.max(0, perThird - 15)).withSpotPairs(perThird)
                .withSolanaTokens(perThird + 15); // a few more than a third: they fill what the perps lack
        try (HlSimulator sim = HlSimulator.start(simConfig, Clock.system(), 0)) {
            db.migrate();
            out.line("bench tick: %d positions × %d %s bars, database %s", o.positions(), o.bars(), tf.label(),
                    db.describe());
            long s0 = System.nanoTime();
            List<NewPosition> wanted = positionsFor(sim, perThird);
            Positions positions = new Positions(db, clock);
            PriceBars bars = new PriceBars(db);
            SplittableRandom random = new SplittableRandom(7);
            List<Bar> batch = new ArrayList<>();
            Map<String, Double> lastClose = new HashMap<>();
            for (NewPosition p : wanted) {
                positions.insert(p);
                // A Solana token's bars start at its simulated market price, where Jupiter quotes its swaps: a
                // position bought at the quote is then valued at bars of the same size.
                Optional<BigDecimal> solanaPx = sim.solana().market().usd(p.tokenContract());
                List<Bar> series = solanaPx.isPresent()
                        ? SeededBars.walk(random, p.tokenContract(), p.tokenChain(), tf, T0, o.bars(),
                                solanaPx.get().doubleValue())
                        : SeededBars.walk(random, p.tokenContract(), p.tokenChain(), tf, T0, o.bars());
                lastClose.put(p.tokenContract(), series.get(series.size() - 1).close().doubleValue());
                batch.addAll(series);
                if (batch.size() >= 20_000) {
                    flush(bars, batch);
                }
            }
            flush(bars, batch);
            for (String major : List.of("BTC", "ETH", "SOL", "BNB", "HYPE")) {
                for (Timeframe h : List.of(Timeframe.D1, Timeframe.H1, Timeframe.M1)) {
                    long from = h.floor(firstTick) - 400 * h.durationMs();
                    bars.upsert(PriceTable.MAJORS, "hyperliquid",
                            SeededBars.walk(random, major, "hyperliquid", h, from, 400));
                }
            }
            // A production database is analysed as it grows (autovacuum); a scratch one loaded in seconds is not, and
            // PostgreSQL then plans a token's bar read as a scan of every token's bars.
            db.withConnection(c -> {
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
                return null;
            });
            out.line("  set-up: %d positions and %,d bars stored in %.1f s", wanted.size(),
                    (long) wanted.size() * o.bars(), Bench.secondsSince(s0));

            LotusConfig config = SimulatedConfig.load(sim.restUrl(), sim.wsUrl());
            try (PmAssembly pm = PmAssembly.build(config, db, clock, true)) {
                long c0 = System.nanoTime();
                TickReport cold = pm.runTick(tf, firstTick, firstTick);
                print("cold tick (engines rebuilt from the store)", cold, System.nanoTime() - c0);
                for (int i = 1; i <= o.warmTicks(); i++) {
                    long close = firstTick + i * tf.durationMs();
                    List<Bar> next = new ArrayList<>();
                    for (NewPosition p : wanted) {
                        List<Bar> bar = SeededBars.walk(random, p.tokenContract(), p.tokenChain(), tf,
                                close - tf.durationMs(), 1, lastClose.get(p.tokenContract()));
                        lastClose.put(p.tokenContract(), bar.get(0).close().doubleValue());
                        next.addAll(bar);
                    }
                    flush(bars, next);
                    clock.setMs(close);
                    long w0 = System.nanoTime();
                    TickReport warm = pm.runTick(tf, close, close);
                    print("warm tick " + i + " (one new bar each)", warm, System.nanoTime() - w0);
                }
            }
        }
    }

    private List<NewPosition> positionsFor(HlSimulator sim, int perThird) {
        List<NewPosition> out = new ArrayList<>();
        int perps = 0;
        int spot = 0;
        for (SimAsset a : sim.market().assets()) {
            boolean isSpot = a.kind() == SimAsset.Kind.SPOT;
            if (isSpot ? spot++ >= perThird : perps++ >= perThird) {
                continue;
            }
            out.add(new NewPosition(a.name(), "hyperliquid", a.name(), Timeframe.H1, isSpot ? "spot" : "perps",
                    new BigDecimal("6"), BigDecimal.ZERO));
        }
        // The simulator's own Solana tokens, so a dry-run swap is quoted by its Jupiter as any other would be.
        List<String> mints = sim.solana().tokens();
        for (int i = 0; out.size() < o.positions() && i < mints.size(); i++) {
            out.add(new NewPosition(mints.get(i), "solana", "SOC" + i, Timeframe.H1, "social", new BigDecimal("6"),
                    BigDecimal.ZERO));
        }
        return out.subList(0, Math.min(out.size(), o.positions()));
    }

    private static void flush(PriceBars bars, List<Bar> batch) {
        List<Bar> hl = batch.stream().filter(b -> b.chain().equals("hyperliquid")).toList();
        List<Bar> sol = batch.stream().filter(b -> !b.chain().equals("hyperliquid")).toList();
        if (!hl.isEmpty()) {
            bars.upsert(PriceTable.HYPERLIQUID, "hyperliquid", hl);
        }
        if (!sol.isEmpty()) {
            bars.upsert(PriceTable.LOWCAP, "solana", sol);
        }
        batch.clear();
    }

    /** @param wholeNs the whole of {@code runTick}: the tick, then its reconcile, learning and book equity */
    private void print(String label, TickReport r, long wholeNs) {
        TickReport.Timings t = r.timings();
        out.line("%s: %.0f ms wall for %d positions, %.0f ms with what follows the tick (reconcile, learning, book"
                + " equity) (routed %s; %d dormant, %d failed, %d decisions)", label, t.totalNs() / 1e6,
                r.positions().size(), wholeNs / 1e6, r.routed(), r.dormant(), r.failed(), r.decisions());
        out.line("  summed over workers: read %.0f ms, engine %.0f ms, plan %.0f ms, execute %.0f ms, write %.0f ms;"
                + " then %.0f ms waiting for the writes", t.readNs() / 1e6, t.engineNs() / 1e6, t.planNs() / 1e6,
                t.executeNs() / 1e6, t.writeNs() / 1e6, t.writeWaitNs() / 1e6);
    }
}
