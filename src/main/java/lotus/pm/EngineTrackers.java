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

    EngineTrackers(PriceHistory prices) {
        this.prices = prices;
    }

    /** Brings the position's tracker up to the bars closed before {@code barCloseMs}. */
    Advance advance(Position p, long barCloseMs, PhaseTimes times) {
        EngineTracker tracker = trackers.get(p.id());
        EngineOutput stored = p.features().engine();
        if (tracker != null && tracker.last() != null && !tracker.last().dormant()
                && (stored == null || stored.barOpenTimeMs() != tracker.lastBarOpenTimeMs())) {
            // The row is not where this tracker left it (a write lost in a database crash, or another process
            // ticked it): rebuild from what is stored rather than continue from memory.
            trackers.remove(p.id());
            tracker = null;
        }
        List<Bar> bars;
        long r0 = System.nanoTime();
        if (tracker == null) {
            bars = prices.barsBefore(p.tokenContract(), p.tokenChain(), p.timeframe(), SrGeometry.MAX_BARS,
                    barCloseMs);
        } else {
            bars = prices.bars(p.tokenContract(), p.tokenChain(), p.timeframe(), tracker.lastBarOpenTimeMs() + 1,
                    barCloseMs);
        }
        long e0 = System.nanoTime();
        times.read.add(e0 - r0);
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

    /** Forgets a position's tracker (after a failure, so the next tick rebuilds it from the store). */
    void forget(long positionId) {
        trackers.remove(positionId);
    }
}
