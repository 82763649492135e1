package lotus.engine;

import java.util.List;
import java.util.Objects;
import lotus.market.Bar;

/**
 * The incremental Uptrend Engine for one position and timeframe: each {@link #advance} costs O(1) for the features
 * (see {@link RunningFeatures}) plus one S/R pass over the trailing closes and, in S3, one EDX pass over the
 * episode. It gives the outputs {@link UptrendEngine#replay} gives (same states and flags; doubles to rounding).
 * Not thread-safe. Memory ≈ 170 KB (1500-bar OHLCV window, 11 000 trailing closes).
 */
public final class EngineTracker {

    private static final int SR_SLACK = 1000;

    private final UptrendEngine.LevelsFunction levelsFn;
    private final UptrendEngine.EdxFunction edxFn;
    private final RunningFeatures features = new RunningFeatures();
    private final double[] srClose = new double[SrGeometry.MAX_BARS + SR_SLACK];
    private final UptrendRules.EpisodeEdx episodeEdx;
    private int srEnd;
    private int bars;
    private long lastOpenMs = -1;
    private EngineOutput last;

    public EngineTracker() {
        this(UptrendEngine.SR_GEOMETRY, UptrendEngine.EDX);
    }

    EngineTracker(UptrendEngine.LevelsFunction levelsFn, UptrendEngine.EdxFunction edxFn) {
        this.levelsFn = Objects.requireNonNull(levelsFn, "levelsFn");
        this.edxFn = Objects.requireNonNull(edxFn, "edxFn");
        this.episodeEdx = s3Start -> features.edx(this.edxFn, s3Start);
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
        int len = Math.min(srEnd, SrGeometry.MAX_BARS);
        List<SrLevel> levels = UptrendEngine.levelsOrPrevious(levelsFn.levels(srClose, srEnd - len, srEnd), last);
        last = UptrendRules.step(bar.openTimeMs(), bars, features.current(), levels, episodeEdx, last);
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
        if (srEnd == srClose.length) {
            System.arraycopy(srClose, srEnd - SrGeometry.MAX_BARS, srClose, 0, SrGeometry.MAX_BARS);
            srEnd = SrGeometry.MAX_BARS;
        }
        srClose[srEnd++] = features.lastClose();
        bars++;
        lastOpenMs = bar.openTimeMs();
    }
}
