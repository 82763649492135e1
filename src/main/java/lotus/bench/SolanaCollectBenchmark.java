package lotus.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import lotus.ingest.SolanaCollector;
import lotus.sim.solana.DexScreenerSim;
import lotus.sim.solana.SolanaVenueSim;
import lotus.solana.dex.DexScreenerClient;
import lotus.solana.dex.PriceCollector;
import lotus.store.Database;
import lotus.store.LowcapPrices;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * {@code lotus bench solana-collect}: the Solana collector's sustained throughput against the simulated DexScreener.
 * {@code --tokens} seeded tokens, each a watchlist position on 1h (not hot, so the tier schedule decides), the tier
 * size set to the number of tokens so every one is due every minute; then one {@link SolanaCollector#runOnce} per
 * simulated minute for {@code --minutes}, the manual clock moved a minute after each. Prints tokens and calls per
 * minute, each cycle's wall time against its minute, and whether the client's budget or the simulator's per-IP limit
 * capped the minute. The simulator answers in this process, on the same cores: its work is in the wall time.
 */
public final class SolanaCollectBenchmark extends Benchmark<SolanaCollectBenchmark.Options> {

    /** Second 2 of a minute, where the collector's schedule fires. */
    private static final long FIRST_CYCLE_MS = SeededBars.T0 + 2_000;
    private static final long MINUTE_MS = 60_000;
    /** Javalin's server threads: the simulator's side of every call. */
    private static final String SIM_THREADS = "JettyServerThreadPool";

    public record Options(Scratch db, int tokens, int minutes, int budgetPerMinute, long seed) {

        public Options {
            if (tokens < 1 || minutes < 1 || budgetPerMinute < 1) {
                throw new IllegalArgumentException("tokens, minutes and budget must be positive");
            }
        }
    }

    public SolanaCollectBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() throws Exception {
        o.db().run("bench_solana_collect", 4, this::run);
    }

    private void run(Database db) throws Exception {
        SimulatedClock clock = SimulatedClock.manual(FIRST_CYCLE_MS);
        long s0 = System.nanoTime();
        SolanaVenueSim venue = new SolanaVenueSim(clock, o.seed(), o.tokens());
        try (DexScreenerSim sim = DexScreenerSim.start(venue.market(), clock, 0)) {
            db.migrate();
            Positions positions = new Positions(db, clock);
            for (String mint : venue.tokens()) {
                positions.insert(new NewPosition(mint, SolanaCollector.CHAIN, venue.market().symbol(mint)
                        .orElseThrow(), Timeframe.H1, "social", new BigDecimal("6"), BigDecimal.ZERO));
            }
            out.line("bench solana-collect: %,d tokens (1h watchlist, tier size %,d: all due every minute, WSOL too), "
                    + "%d simulated minutes, budget %d calls/min × %d mints, database %s", o.tokens(), o.tokens(),
                    o.minutes(), o.budgetPerMinute(), DexScreenerClient.MAX_ADDRESSES, db.describe());
            out.line("  set-up: %,d tokens listed and their positions stored in %.1f s", o.tokens(),
                    Bench.secondsSince(s0));
            RateBudget budget = new RateBudget("dexscreener", o.budgetPerMinute(), clock);
            DexScreenerClient client = new DexScreenerClient(sim.baseUrl(), budget, clock,
                    DexScreenerClient.DEFAULT_TIMEOUT, o.seed());
            try (SolanaCollector collector = new SolanaCollector(clock, positions, new LowcapPrices(db), client,
                    budget, new SolanaCollector.Settings(o.tokens(), SolanaCollector.Settings.DEFAULT
                            .partialThresholds()))) {
                cycles(clock, sim, client, collector);
            }
        }
    }

    private void cycles(SimulatedClock clock, DexScreenerSim sim, DexScreenerClient client,
            SolanaCollector collector) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] wallNs = new long[o.minutes()];
        long points = 0;
        long failedChunks = 0;
        int due = 0;
        long cpu0 = os.getProcessCpuTime();
        long simCpu0 = threadCpuNs(SIM_THREADS);
        for (int m = 0; m < o.minutes(); m++) {
            long calls0 = client.calls();
            long failed0 = client.failedChunks();
            long t0 = System.nanoTime();
            PriceCollector.Cycle c = collector.runOnce();
            wallNs[m] = System.nanoTime() - t0;
            if (c == null) {
                throw new IllegalStateException("the collector's cycle failed at minute " + (m + 1)
                        + "; see the log");
            }
            points += c.points();
            due = Math.max(due, c.due());
            failedChunks += client.failedChunks() - failed0;
            out.line("  minute %d: %,d points of %,d due, %d calls, %d failed chunks, %,.2f s wall", m + 1,
                    c.points(), c.due(), client.calls() - calls0, client.failedChunks() - failed0, wallNs[m] / 1e9);
            clock.advanceMs(MINUTE_MS);
        }
        long cpu = os.getProcessCpuTime() - cpu0;
        long simCpu = threadCpuNs(SIM_THREADS) - simCpu0;
        long totalNs = Arrays.stream(wallNs).sum();
        long[] sorted = wallNs.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e9;
        double max = sorted[sorted.length - 1] / 1e9;
        List<DexScreenerSim.Request> requests = sim.requests();
        long tooMany = requests.stream().filter(r -> r.status() == 429).count();
        int callsNeeded = (due + DexScreenerClient.MAX_ADDRESSES - 1) / DexScreenerClient.MAX_ADDRESSES;
        out.line("collected:   %,.0f tokens per simulated minute (%,d points in %d minutes)",
                (double) points / o.minutes(), points, o.minutes());
        out.line("calls:       %,.1f per minute (%,d in all, %d failed chunks, %d retries)",
                (double) client.calls() / o.minutes(), client.calls(), failedChunks, client.retries());
        out.line("cycle wall:  median %.2f s, max %.2f s of a 60 s minute (%.0f%% at the max; headroom ×%.0f)",
                median, max, 100 * max / 60, 60 / max);
        out.line("written:     %,.0f points/s, %,.0f bars/s of cycle wall time (%,d bars)",
                Bench.rate(points, totalNs), Bench.rate(collector.barsWritten(), totalNs), collector.barsWritten());
        out.line("CPU:         %.2f s per cycle (process; %.2f s of it the simulator's server threads; %d cores)",
                cpu / 1e9 / o.minutes(), simCpu / 1e9 / o.minutes(), os.getAvailableProcessors());
        if (callsNeeded > o.budgetPerMinute()) {
            out.line("the client's budget binds: %d calls a minute needed for %,d mints, %d allowed; "
                    + "%,d mints a minute at the most", callsNeeded, due, o.budgetPerMinute(),
                    o.budgetPerMinute() * DexScreenerClient.MAX_ADDRESSES);
        }
        if (tooMany > 0) {
            out.line("the simulator's per-IP limit binds: %d answers were 429 (%d calls a minute per IP)", tooMany,
                    DexScreenerSim.PER_MINUTE);
        }
        if (callsNeeded <= o.budgetPerMinute() && tooMany == 0) {
            out.line("no limit binds: %d calls a minute of the %d budgeted, the simulator's per-IP limit %d",
                    callsNeeded, o.budgetPerMinute(), DexScreenerSim.PER_MINUTE);
        }
    }

    /** CPU time so far of the live threads whose name starts with {@code prefix}. */
    private static long threadCpuNs(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(prefix)) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }
}
