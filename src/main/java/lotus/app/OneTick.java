package lotus.app;

import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.store.TraderLock;
import lotus.time.Clock;
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
        Clock clock = Clock.system();
        long now = clock.nowMs();
        long barClose = tf.floor(now);
        try (Database db = Database.open(config.db().url(), config.db().poolSize());
                // Even --dry-run writes the book (paper fills, engine state): beside a running trader it would put
                // fills the venue never saw into the same rows, so it waits its turn like any trader.
                TraderLock lock = TraderLock.acquire(db, clock)) {
            db.migrate();
            try (PmAssembly pm = PmAssembly.build(config, db, clock, dryRun)) {
                started.started(pm, barClose);
                return pm.runTick(tf, barClose, now);
            }
        }
    }
}
