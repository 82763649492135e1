package lotus.store;

import java.time.Instant;
import lotus.time.Clock;

/** A second process for {@link TraderLockTest}: takes the trading lock, says so, and holds it until stdin ends. */
public final class TraderLockHolder {

    private TraderLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(args[0], 1);
                TraderLock lock = TraderLock.acquire(db, Clock.fixed(Instant.parse("2026-12-03T08:00:00Z").toEpochMilli()))) {
            System.out.println("held " + lock.what());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
    }
}
