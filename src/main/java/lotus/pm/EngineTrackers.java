package lotus.pm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lotus.engine.EngineOutput;
import lotus.engine.EngineTracker;
import lotus.engine.SrGeometry;
import lotus.market.Bar;

/**
 * One {@link EngineTracker} per position, kept between ticks, so a tick advances the engine by the bars closed since
 * the last one instead of recomputing a thousand. After a restart (or when the row is not where the tracker left it)
 * the tracker is rebuilt from the bars and resumes the state machine from the output stored with the position.
 */
final class EngineTrackers {

    /** The outputs of the bars new to this tick, and the newest of those bars (null when none). */
    record Advance(EngineTracker tracker, List<EngineOutput> outputs, Bar lastBar) {
    }

    private final PriceHistory prices;
    private final Map<Long, EngineTracker> trackers = new ConcurrentHashMap<>();
    /**
     * Bars read by {@link #prefetch} for a position's advance at one bar close, by position, taken by that advance;
     * one a failed position left is replaced at its next prefetch.
     */
    private final Map<Long, Prefetched> prefetched = new ConcurrentHashMap<>();

    private record Prefetched(long barCloseMs, List<Bar> bars) {
    }

    EngineTrackers(PriceHistory prices) {
        this.prices = prices;
    }

    /**
     * Reads the bars {@link #advance} will need for each of {@code positions} (of one chain and timeframe: one token
     * each) in one batch: every bar since its tracker's last, or the history to rebuild it from.
     */
    void prefetch(List<Position> positions, long barCloseMs, PhaseTimes times) {
        if (positions.isEmpty()) {
            return;
        }
        long r0 = System.nanoTime();
        Position first = positions.get(0);
        List<PriceHistory.BarWindow> windows = new ArrayList<>(positions.size());
        List<Position> warm = new ArrayList<>(positions.size());
        for (Position p : positions) {
            if (!p.tokenChain().equals(first.tokenChain()) || p.timeframe() != first.timeframe()) {
                throw new IllegalArgumentException("a prefetch is for one chain and timeframe: " + first.label()
                        + " and " + p.label());
            }
            PriceHistory.BarWindow w = window(p);
            // A tracker to rebuild reads its whole history, one token per query: on the workers, in parallel.
            if (w.fromMs() != Long.MIN_VALUE) {
                windows.add(w);
                warm.add(p);
            }
        }
        Map<String, List<Bar>> read = prices.barWindows(first.tokenChain(), first.timeframe(), windows, barCloseMs);
        for (Position p : warm) {
            prefetched.put(p.id(), new Prefetched(barCloseMs, read.get(p.tokenContract())));
        }
        times.read.add(System.nanoTime() - r0);
    }

    /** Brings the position's tracker up to the bars closed before {@code barCloseMs}. */
    Advance advance(Position p, long barCloseMs, PhaseTimes times) {
        PriceHistory.BarWindow window = window(p);
        EngineTracker tracker = trackers.get(p.id());
        long r0 = System.nanoTime();
        Prefetched ready = prefetched.remove(p.id());
        List<Bar> bars = ready != null && ready.barCloseMs() == barCloseMs ? ready.bars() : null;
        if (bars == null) {
            bars = prices.barWindows(p.tokenChain(), p.timeframe(), List.of(window), barCloseMs)
                    .get(p.tokenContract());
        }
        long e0 = System.nanoTime();
        times.read.add(e0 - r0);
        EngineOutput stored = p.features().engine();
        if (tracker == null) {
            int split = 0;
            if (stored != null) {
                while (split < bars.size() && bars.get(split).openTimeMs() <= stored.barOpenTimeMs()) {
                    split++;
                }
            }
            if (stored == null || split == 0) {
                // Never evaluated (or its stored bar is gone): run the state machine over the whole history, as a
                // backtest of the same bars does, so a new position starts in the state its bars put it in rather
                // than at "none". Only the newest bar is planned and recorded; the history's transitions are not
                // events that happened now.
                tracker = new EngineTracker();
                for (int i = 0; i < bars.size() - 1; i++) {
                    tracker.advance(bars.get(i));
                }
                split = Math.max(0, bars.size() - 1);
            } else {
                tracker = EngineTracker.resume(bars.subList(0, split), stored);
            }
            trackers.put(p.id(), tracker);
            bars = bars.subList(split, bars.size());
        }
        List<EngineOutput> fresh = new ArrayList<>(bars.size());
        for (Bar b : bars) {
            fresh.add(tracker.advance(b));
        }
        times.engine.add(System.nanoTime() - e0);
        return new Advance(tracker, fresh, bars.isEmpty() ? null : bars.get(bars.size() - 1));
    }

    /**
     * The bars the position's tracker needs: those since its last bar, or, for a tracker to be built (after a
     * restart, or when the row is not where the tracker left it, which drops the tracker), the history.
     */
    private PriceHistory.BarWindow window(Position p) {
        EngineTracker tracker = trackers.get(p.id());
        EngineOutput stored = p.features().engine();
        if (tracker != null && tracker.last() != null && !tracker.last().dormant()
                && (stored == null || stored.barOpenTimeMs() != tracker.lastBarOpenTimeMs())) {
            // The row is not where this tracker left it (a write lost in a database crash, or another process
            // ticked it): rebuild from what is stored rather than continue from memory.
            trackers.remove(p.id());
            tracker = null;
        }
        return tracker == null ? new PriceHistory.BarWindow(p.tokenContract(), Long.MIN_VALUE, SrGeometry.MAX_BARS)
                : new PriceHistory.BarWindow(p.tokenContract(), tracker.lastBarOpenTimeMs() + 1, Integer.MAX_VALUE);
    }

    /** Forgets a position's tracker (after a failure, so the next tick rebuilds it from the store). */
    void forget(long positionId) {
        trackers.remove(positionId);
    }
}
