package lotus.cli;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * {@code lotus bench engine}: a seeded bar series through the incremental engine on the calling thread, several
 * rounds after a warm-up round; prints bars/s of the best and median rounds and how many bars each state got (S/R
 * geometry and EDX cost most in the states that read them).
 */
final class EngineBenchmark {

    private final int barCount;
    private final int rounds;
    private final long seed;
    private final PrintWriter out;

    EngineBenchmark(int barCount, int rounds, long seed, PrintWriter out) {
        this.barCount = barCount;
        this.rounds = rounds;
        this.seed = seed;
        this.out = out;
    }

    void run() {
        List<Bar> bars = TickBenchmark.walk(new SplittableRandom(seed), "BENCH", "hyperliquid", Timeframe.M1,
                1_767_225_600_000L, barCount);
        out.printf(Locale.ROOT, "bench engine: %,d seeded 1m bars through EngineTracker, %d rounds after a warm-up%n",
                barCount, rounds);
        out.flush();
        Map<EngineState, Integer> states = new EnumMap<>(EngineState.class);
        int dormant = once(bars, states);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            once(bars, null);
            rates[r] = barCount * 1e9 / (System.nanoTime() - t0);
            out.printf(Locale.ROOT, "  round %d: %,.0f bars/s%n", r + 1, rates[r]);
            out.flush();
        }
        java.util.Arrays.sort(rates);
        out.printf(Locale.ROOT, "median %,.0f bars/s, best %,.0f bars/s; bars per state: dormant %d, %s%n",
                rates[rates.length / 2], rates[rates.length - 1], dormant, states);
        out.flush();
    }

    private static int once(List<Bar> bars, Map<EngineState, Integer> states) {
        EngineTracker tracker = new EngineTracker();
        int dormant = 0;
        for (Bar b : bars) {
            EngineOutput o = tracker.advance(b);
            if (states != null) {
                if (o.dormant()) {
                    dormant++;
                } else {
                    states.merge(o.state(), 1, Integer::sum);
                }
            }
        }
        return dormant;
    }
}
