package lotus.engine;

import java.util.List;
import java.util.Objects;
import lotus.market.Bar;

/**
 * The incremental Uptrend Engine for one position and timeframe: each {@link #advance} costs O(1) for the features
 * (see {@link RunningFeatures}), an incremental S/R update (see {@link SrTracker}) and, in S3, an incremental EDX
 * (see {@link EdxTracker}: O(1) while the episode is under 500 bars, about 1500 bar steps once it is capped). It
 * gives the outputs {@link UptrendEngine#replay} gives (same states, flags, levels and EDX; the other doubles to
 * rounding). Not thread-safe. Memory ≈ 150–450 KB (features 80 KB, S/R growing with the swings, EDX 220 KB once
 * in S3).
 */
public final class EngineTracker {

    private final RunningFeatures features = new RunningFeatures();
    /** The real EDX kept incrementally; null when a stand-in (tests) is called over the episode instead. */
    private final EdxTracker edx;
    private final Levels levels;
    private final UptrendRules.EpisodeEdx episodeEdx;
    private int bars;
    private long lastOpenMs = -1;
    private EngineOutput last;

    public EngineTracker() {
        this(UptrendEngine.SR_GEOMETRY, UptrendEngine.EDX);
    }

    EngineTracker(UptrendEngine.LevelsFunction levelsFn, UptrendEngine.EdxFunction edxFn) {
        Objects.requireNonNull(levelsFn, "levelsFn");
        // The real geometry is kept incrementally; a stand-in (tests) is called over the trailing closes.
        this.levels = levelsFn == UptrendEngine.SR_GEOMETRY ? new SrTracker() : new TrailingCloses(levelsFn);
        Objects.requireNonNull(edxFn, "edxFn");
        this.edx = edxFn == UptrendEngine.EDX ? new EdxTracker(features) : null;
        this.episodeEdx = edx != null ? edx::edx : s3Start -> features.edx(edxFn, s3Start);
    }

    /**
     * A tracker warmed over {@code history} (oldest first) without re-running the state machine, continuing from
     * {@code last}, the persisted output of history's last bar (null = no state yet). The history should hold at
     * least the last 9999 bars for the S/R levels to match; {@link #bars()} counts the bars given.
     */
    public static EngineTracker resume(List<Bar> history, EngineOutput last) {
        return resume(history, last, UptrendEngine.SR_GEOMETRY, UptrendEngine.EDX);
    }

    static EngineTracker resume(List<Bar> history, EngineOutput last, UptrendEngine.LevelsFunction levelsFn,
            UptrendEngine.EdxFunction edxFn) {
        Objects.requireNonNull(history, "history");
        // Ambiguity: bars() restarts from history.size(), not last.bars(), exactly as evaluate(history) counts.
        EngineTracker t = new EngineTracker(levelsFn, edxFn);
        for (Bar b : history) {
            t.push(b);
        }
        if (last != null && (history.isEmpty() || last.barOpenTimeMs() != t.lastOpenMs)) {
            throw new IllegalArgumentException("last output is for bar " + last.barOpenTimeMs()
                    + " but history ends at " + t.lastOpenMs);
        }
        t.last = last;
        return t;
    }

    /** Evaluates {@code bar}, which must open strictly after the last bar seen. */
    public EngineOutput advance(Bar bar) {
        push(bar);
        List<SrLevel> now = UptrendEngine.levelsOrPrevious(levels.levels(), last);
        last = UptrendRules.step(bar.openTimeMs(), bars, features.current(), now, episodeEdx, last);
        return last;
    }

    /** The output of the last bar; null before the first {@link #advance} (or as resumed). */
    public EngineOutput last() {
        return last;
    }

    /** Open time of the last bar seen; −1 when none. */
    public long lastBarOpenTimeMs() {
        return lastOpenMs;
    }

    /** Bars seen (history plus advanced). */
    public int bars() {
        return bars;
    }

    private void push(Bar bar) {
        Objects.requireNonNull(bar, "bar");
        if (bars > 0 && bar.openTimeMs() <= lastOpenMs) {
            throw new IllegalArgumentException("bar " + bar.openTimeMs() + " does not open after the last bar "
                    + lastOpenMs);
        }
        features.push(bar);
        levels.push(features.lastClose());
        bars++;
        lastOpenMs = bar.openTimeMs();
    }

    /** Where the S/R levels come from: fed each close, asked for the levels of the trailing 9999. */
    interface Levels {
        void push(double close);

        /** Empty when they cannot be built. */
        List<SrLevel> levels();
    }

    /** A {@link UptrendEngine.LevelsFunction} over the trailing closes (slack so they slide without a copy per bar). */
    private static final class TrailingCloses implements Levels {
        private final UptrendEngine.LevelsFunction fn;
        private final double[] closes = new double[SrGeometry.MAX_BARS + 1000];
        private int end;

        TrailingCloses(UptrendEngine.LevelsFunction fn) {
            this.fn = fn;
        }

        @Override
        public void push(double close) {
            if (end == closes.length) {
                System.arraycopy(closes, end - SrGeometry.MAX_BARS, closes, 0, SrGeometry.MAX_BARS);
                end = SrGeometry.MAX_BARS;
            }
            closes[end++] = close;
        }

        @Override
        public List<SrLevel> levels() {
            return fn.levels(closes, end - Math.min(end, SrGeometry.MAX_BARS), end);
        }
    }
}
