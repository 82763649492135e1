package lotus.app;

import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.store.TraderLock;
import java.util.OptionalLong;
import lotus.time.Clock;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/** {@code lotus tick}: one PM Core Tick now, for the bar of a timeframe that closed last. */
public final class OneTick {

    /** Told once the PM is built, before the tick runs. */
    @FunctionalInterface
    public interface Started {
        void started(PmAssembly pm, long barCloseMs);
    }

    private OneTick() {
    }

    /** @param dryRun {@code --dry-run} */
    public static TickReport run(LotusConfig config, Timeframe tf, boolean dryRun, Started started) {
        return run(config, tf, dryRun, OptionalLong.empty(), started);
    }

    /**
     * @param atMs {@code --at}: the tick as of this instant (the bar of {@code tf} closed by then), on a clock standing
     *             there, to look at a stored database's past such as the demo's; empty for now
     */
    public static TickReport run(LotusConfig config, Timeframe tf, boolean dryRun, OptionalLong atMs,
            Started started) {
        Clock wall = Clock.system();
        if (atMs.isPresent() && (!dryRun || atMs.getAsLong() > wall.nowMs())) {
            throw new IllegalArgumentException("--at replays a past tick and needs --dry-run");
        }
        Clock clock = atMs.isPresent() ? SimulatedClock.manual(atMs.getAsLong()) : wall;
        long now = clock.nowMs();
        long barClose = tf.floor(now);
        try (Database db = Database.open(config.db().url(), config.db().poolSize());
                // Even --dry-run writes the book (paper fills, engine state): beside a running trader it would put
                // fills the venue never saw into the same rows, so it waits its turn like any trader (on the wall
                // clock: the lock's lease is real time, whatever instant the tick is for).
                TraderLock lock = TraderLock.acquire(db, wall)) {
            db.migrate();
            try (PmAssembly pm = PmAssembly.build(config, db, clock, dryRun)) {
                started.started(pm, barClose);
                return pm.runTick(tf, barClose, now);
            }
        }
    }
}
