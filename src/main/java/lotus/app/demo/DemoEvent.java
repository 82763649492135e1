package lotus.app.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** What the trading demo reports while it runs; the command line prints each as it comes. */
public sealed interface DemoEvent {

    record Started(String restUrl, long seed, double speed, Path dbFile) implements DemoEvent {
    }

    /** The operator's server is up on the demo's database. */
    record Serving(lotus.app.OperatorServer.Serving server) implements DemoEvent {
    }

    /** @param byVenue positions per {@code chain/book} */
    record Watchlist(int positions, Map<String, Integer> byVenue) implements DemoEvent {
    }

    record Backfilled(int bars, Instant at, Instant firstTick) implements DemoEvent {
    }

    /** The regime drivers' stand-in history is stored: their 1m bars before the first tick. */
    record Drivers(Instant firstTick, DriverBars bars) implements DemoEvent {
    }

    record SlowingStartup(Instant at, int ready, int positions, double speed) implements DemoEvent {
    }

    /** A tick is about to run on bars the check could not find complete. */
    record LateBars(String mismatch) implements DemoEvent {
    }

    /** @param ingest the ingest's status line without its lag */
    record Status(Instant close, long simMinutes, long ticks, long decisions, int closed, int target, String ingest)
            implements DemoEvent {
    }

    record WallLimit(long seconds) implements DemoEvent {
    }

    /** Where the real time went, and how many ticks ran with bars still incomplete. */
    record Finished(long runningNs, long checkNs, long tickNs, long lateTicks) implements DemoEvent {
    }
}
