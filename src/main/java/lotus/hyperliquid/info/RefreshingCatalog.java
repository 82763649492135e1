package lotus.hyperliquid.info;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.hyperliquid.common.HlNetwork;
import lotus.hyperliquid.common.UnknownAssetException;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The venue's asset catalog kept current: read again every {@code every}, and at once when a name is not in it (a
 * listing since the last read), at most once a minute so a name that really is unknown does not spend the REST
 * budget on every lookup. Lookups between refreshes read the catalog in hand; a failed refresh keeps it.
 */
public final class RefreshingCatalog {

    private static final Logger log = LoggerFactory.getLogger(RefreshingCatalog.class);
    static final long MIN_GAP_MS = 60_000;

    private final HlInfoClient info;
    private final HlNetwork network;
    private final Clock clock;
    private final long everyMs;
    /** Held by the one caller reading the catalog again. */
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile AssetCatalog current;
    private volatile long loadedAtMs;
    private volatile long lastTryMs;

    private RefreshingCatalog(HlInfoClient info, HlNetwork network, Clock clock, long everyMs, AssetCatalog first) {
        this.info = info;
        this.network = network;
        this.clock = clock;
        this.everyMs = everyMs;
        this.current = first;
        this.loadedAtMs = clock == null ? 0 : clock.nowMs();
        this.lastTryMs = loadedAtMs;
    }

    /** Loads the catalog now (a failure here stops the caller: nothing can be traded without it). */
    public static RefreshingCatalog load(HlInfoClient info, HlNetwork network, Clock clock, Duration every) {
        return new RefreshingCatalog(info, network, clock, every.toMillis(), info.assetCatalog(network));
    }

    /** A catalog that never changes: for tests and tools that read it once. */
    public static RefreshingCatalog fixed(AssetCatalog catalog) {
        return new RefreshingCatalog(null, null, null, Long.MAX_VALUE, catalog);
    }

    /**
     * The catalog in hand, read again first when it is older than the refresh interval. Only the caller that finds
     * no read under way reads it: the others go on with the catalog in hand rather than wait (a tick's workers would
     * otherwise all stand still for the length of one HTTP read), since a listing that old is still good for them.
     */
    public AssetCatalog current() {
        if (info != null && clock.nowMs() - loadedAtMs >= everyMs && refreshing.tryLock()) {
            try {
                refreshIf(() -> clock.nowMs() - loadedAtMs >= everyMs);
            } finally {
                refreshing.unlock();
            }
        }
        return current;
    }

    /** By the name we store; an unknown name reads the catalog again (at most once a minute) before it fails. */
    public Asset byName(String name) {
        AssetCatalog c = current();
        try {
            return c.byName(name);
        } catch (UnknownAssetException e) {
            // A read under way may bring the listing: wait for it (its start stamped lastTryMs, so the minute's
            // limit alone would refuse at once). With none under way, read again only once a minute.
            if (info == null || !refreshing.isLocked() && clock.nowMs() - lastTryMs < MIN_GAP_MS) {
                throw e;
            }
            refreshing.lock();
            try {
                if (current == c) { // no read finished while this one waited
                    refreshIf(() -> clock.nowMs() - lastTryMs >= MIN_GAP_MS);
                }
            } finally {
                refreshing.unlock();
            }
            return current.byName(name);
        }
    }

    /**
     * Reads the catalog again if {@code still} holds once {@link #refreshing} is ours: a caller that waited for
     * another's read uses it instead of reading again.
     */
    private void refreshIf(java.util.function.BooleanSupplier still) {
        if (!still.getAsBoolean()) {
            return;
        }
        long now = clock.nowMs();
        lastTryMs = now;
        try {
            AssetCatalog fresh = info.assetCatalog(network);
            int before = current.assets().size();
            current = fresh;
            loadedAtMs = now;
            if (fresh.assets().size() != before) {
                log.info("asset catalog refreshed: {} assets (was {})", fresh.assets().size(), before);
            }
        } catch (RuntimeException e) {
            // Keep trading on the catalog in hand: listings change rarely, and a refused or slow read is no reason
            // to stop. The next try waits for the next interval.
            log.warn("asset catalog refresh failed; keeping the one read at {}: {}",
                    java.time.Instant.ofEpochMilli(loadedAtMs), e.getMessage());
            loadedAtMs = now;
        }
    }
}
