package lotus.bench;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lotus.engine.Edx;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * {@code lotus bench engine}: a seeded bar series through the incremental engine on the calling thread, several
 * rounds after a warm-up round; prints bars/s of the best and median rounds and how many bars each state got (S/R
 * geometry and EDX cost most in the states that read them), and how many S3 bars sit past an episode's first 500:
 * there every EDX window's first bar moves each bar, so EDX recomputes about 1000 bar steps (see EdxTracker).
 */
public final class EngineBenchmark extends Benchmark<EngineBenchmark.Options> {

    public record Options(int bars, int rounds, long seed) {
    }

    public EngineBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() {
        List<Bar> bars = SeededBars.walk(new SplittableRandom(o.seed()), "BENCH", "hyperliquid", Timeframe.M1,
                SeededBars.T0, o.bars());
        out.line("bench engine: %,d seeded 1m bars through EngineTracker, %d rounds after a warm-up", o.bars(),
                o.rounds());
        Map<EngineState, Integer> states = new EnumMap<>(EngineState.class);
        int dormant = once(bars, states);
        int capped = cappedS3(bars);
        double[] rates = new double[o.rounds()];
        for (int r = 0; r < o.rounds(); r++) {
            rates[r] = Bench.rate(o.bars(), Bench.nanos(() -> once(bars, null)));
            out.line("  round %d: %,.0f bars/s", r + 1, rates[r]);
        }
        Bench.Rounds s = Bench.Rounds.of(rates);
        out.line("median %,.0f bars/s, best %,.0f bars/s; bars per state: dormant %d, %s; S3 past 500 bars %d",
                s.median(), s.best(), dormant, states, capped);
    }

    /** S3 bars whose episode is longer than {@link Edx#MAX_BARS}: the ones where EDX costs a full recompute. */
    private static int cappedS3(List<Bar> bars) {
        EngineTracker tracker = new EngineTracker();
        Long episode = null;
        int length = 0;
        int capped = 0;
        for (Bar b : bars) {
            EngineOutput o = tracker.advance(b);
            if (o.s3StartMs() == null) {
                episode = null;
                continue;
            }
            length = o.s3StartMs().equals(episode) ? length + 1 : 1;
            episode = o.s3StartMs();
            capped += length > Edx.MAX_BARS ? 1 : 0;
        }
        return capped;
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
