package lotus.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import lotus.market.Bar;
import lotus.market.BucketIndex;
import lotus.market.BucketMembership;
import lotus.market.MarketCapBucket;
import lotus.market.MinuteRollup;
import lotus.store.BucketMembers;
import lotus.store.LowcapBar;
import lotus.store.LowcapPoint;
import lotus.store.LowcapPrices;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket regime drivers' collector (issue 14): every minute, the Solana collector's stored market caps decide the
 * tokens' buckets ({@link BucketMembership}), each bucket's 1m bar is its {@link BucketIndex} over the members' stored
 * 1m bars, written to {@code regime_price_data_ohlc} as {@code bucket.nano} ... {@code bucket.big}; when an hour or a
 * day closes, its bar is rolled up from the stored 1m index bars.
 *
 * <p>Minute t is built once its token bars are complete: at second 5 of minute t+1, after the Solana collector's cycle
 * at second 2 (whose points belong to minute t+1). A restart resumes each index at its newest stored 1m close and
 * catches up the minutes since the newest stored bar (at most {@link #MAX_CATCH_UP_MINUTES}); t−1 of the first minute
 * is read from the stored token bars, so that minute makes a bar. Not re-entrant: one caller at a time.
 */
public final class BucketCollector implements Service {

    public static final String SOURCE = "bucket_index";
    /** Second 5: the Solana collector's cycle at second 2 has stored its points and bars. */
    static final long FIRE_OFFSET_MS = 5_000;
    /** A restart rebuilds at most a day of missed minutes (two reads each); older gaps stay gaps. */
    static final int MAX_CATCH_UP_MINUTES = 1_440;
    /** How far before a day a token's last cap still decides its bucket that day, after a restart. */
    static final long CAP_LOOKBACK_MS = 7 * Timeframe.D1.durationMs();

    private static final Logger log = LoggerFactory.getLogger(BucketCollector.class);
    private static final long MINUTE_MS = Timeframe.M1.durationMs();

    private final Clock clock;
    private final LowcapPrices prices;
    private final RegimeBars regime;
    private final BucketMembers bucketMembers;
    private final String chain;
    private final ClockScheduler scheduler;
    private final AtomicLong barsWritten = new AtomicLong();
    private final AtomicLong thinMinutes = new AtomicLong();
    private final AtomicLong failedRuns = new AtomicLong();
    private volatile Map<MarketCapBucket, Integer> memberCounts = Map.of();
    private final Source stored = new Stored();

    /** Null until the first run, and again after a failed one: the next run resumes from the store. */
    private Map<MarketCapBucket, BucketIndex> indexes;
    private BucketMembership membership;
    private long nextMinuteMs;
    private long capsFedToMs;
    /** Tokens whose bucket of {@link #recordedDayMs} is in the store: each is written once a day. */
    private final Set<String> recorded = new java.util.HashSet<>();
    private long recordedDayMs = Long.MIN_VALUE;

    public BucketCollector(Clock clock, LowcapPrices prices, RegimeBars regime, BucketMembers bucketMembers) {
        this(clock, prices, regime, bucketMembers, SolanaCollector.CHAIN);
    }

    BucketCollector(Clock clock, LowcapPrices prices, RegimeBars regime, BucketMembers bucketMembers, String chain) {
        this.clock = clock;
        this.prices = prices;
        this.regime = regime;
        this.bucketMembers = bucketMembers;
        this.chain = chain;
        this.scheduler = new ClockScheduler(clock, Duration.ofSeconds(15));
    }

    @Override
    public void start() {
        scheduler.repeat("bucket-collector", nextFire(clock.nowMs()), at -> {
            runOnce(Timeframe.M1.floor(clock.nowMs()) - MINUTE_MS);
            return nextFire(clock.nowMs());
        });
    }

    static long nextFire(long nowMs) {
        long fire = Timeframe.M1.floor(nowMs) + FIRE_OFFSET_MS;
        return fire > nowMs ? fire : fire + MINUTE_MS;
    }

    /**
     * Builds minute {@code minuteOpenMs} (and, on the first run, the minutes missed since the newest stored bar); a
     * minute already built is not built again. A failure is logged and counted, and the next run resumes from the
     * store.
     */
    public synchronized void runOnce(long minuteOpenMs) {
        if (Timeframe.M1.floor(minuteOpenMs) != minuteOpenMs) {
            throw new IllegalArgumentException("not a minute's open: " + minuteOpenMs);
        }
        try {
            if (indexes == null) {
                resume(minuteOpenMs);
            }
            for (; nextMinuteMs <= minuteOpenMs; nextMinuteMs += MINUTE_MS) {
                buildMinute(nextMinuteMs);
            }
        } catch (RuntimeException e) {
            indexes = null;
            failedRuns.incrementAndGet();
            log.warn("bucket collector minute={} failed: {}", minuteOpenMs, e.toString());
        }
    }

    /**
     * Builds the minutes up to {@code toMs} (exclusive) in one pass, where a first run would catch them up minute by
     * minute from {@code fromMs} (or from the newest stored bar): the caps and token bars of the whole range in two
     * reads, the 1m index bars in one upsert, then every hour and day the range completes rolled up. The next run
     * goes on at {@code toMs}. For a stand-in history stored before the first run (the demo's), where a day of
     * catch-up would cost two reads and a write a minute.
     *
     * @return the 1m bars built
     */
    public synchronized int buildHistory(long fromMs, long toMs) {
        if (Timeframe.M1.floor(fromMs) != fromMs || Timeframe.M1.floor(toMs) != toMs) {
            throw new IllegalArgumentException("not minutes' opens: " + fromMs + ", " + toMs);
        }
        try {
            if (indexes == null) {
                resume(fromMs);
            }
            long first = nextMinuteMs;
            Source source = ReadAhead.of(prices, chain, capsFedToMs, first, toMs);
            List<RegimeBar> out = new ArrayList<>();
            for (; nextMinuteMs < toMs; nextMinuteMs += MINUTE_MS) {
                out.addAll(buildMinute(nextMinuteMs, source));
            }
            barsWritten.addAndGet(regime.upsert(out));
            for (Timeframe tf : List.of(Timeframe.H1, Timeframe.D1)) {
                for (long end = tf.floor(first) + tf.durationMs(); end <= toMs; end += tf.durationMs()) {
                    rollUp(tf, end - tf.durationMs(), end);
                }
            }
            return out.size();
        } catch (RuntimeException e) {
            indexes = null;
            failedRuns.incrementAndGet();
            log.warn("bucket collector history to {} failed: {}", toMs, e.toString());
            return 0;
        }
    }

    private void resume(long minuteOpenMs) {
        long newest = Long.MIN_VALUE;
        Map<MarketCapBucket, BucketIndex> next = new EnumMap<>(MarketCapBucket.class);
        for (MarketCapBucket b : MarketCapBucket.values()) {
            var stored = regime.newest(b.driver(), Timeframe.M1);
            next.put(b, stored.map(r -> new BucketIndex(b, r.close())).orElseGet(() -> new BucketIndex(b)));
            if (stored.isPresent()) {
                newest = Math.max(newest, stored.get().openTimeMs());
            }
        }
        long first = newest == Long.MIN_VALUE ? minuteOpenMs
                : Math.max(newest + MINUTE_MS, minuteOpenMs - (MAX_CATCH_UP_MINUTES - 1L) * MINUTE_MS);
        if (newest != Long.MIN_VALUE && first > newest + MINUTE_MS) {
            log.warn("bucket collector gap: newest 1m bar @{}, resuming @{}", newest, first);
        }
        // t−1 of the first minute, as the indexes' previous bars: the first minute makes its bar.
        Map<String, Bar> before = tokenBars(first - MINUTE_MS);
        for (BucketIndex index : next.values()) {
            index.onMinute(first - MINUTE_MS, Set.of(), before);
        }
        // The day's membership as it was: the last cap before the day, then the day's caps up to the first minute.
        BucketMembership m = new BucketMembership();
        long day = Timeframe.D1.floor(first);
        prices.latestPoints(chain, day - CAP_LOOKBACK_MS, day).values().forEach(p -> observe(m, p));
        prices.points(chain, day, first).forEach(p -> observe(m, p));
        membership = m;
        capsFedToMs = first;
        nextMinuteMs = first;
        indexes = next;
    }

    /** Where a minute's caps and token bars come from: the store, or a range of it read ahead. */
    private interface Source {
        /** Each token's latest point in {@code [fromMs, toMs)}. */
        Collection<LowcapPoint> latestCaps(long fromMs, long toMs);

        Map<String, Bar> tokenBars(long minuteOpenMs);
    }

    /** The store, read minute by minute. */
    private final class Stored implements Source {
        @Override
        public Collection<LowcapPoint> latestCaps(long fromMs, long toMs) {
            return prices.latestPoints(chain, fromMs, toMs).values();
        }

        @Override
        public Map<String, Bar> tokenBars(long minuteOpenMs) {
            return BucketCollector.this.tokenBars(minuteOpenMs);
        }
    }

    /** A range of the store read ahead in two queries: its points and its token bars by minute. */
    private record ReadAhead(Map<Long, Map<String, LowcapPoint>> points, Map<Long, Map<String, Bar>> bars)
            implements Source {

        static ReadAhead of(LowcapPrices prices, String chain, long pointsFromMs, long barsFromMs, long toMs) {
            Map<Long, Map<String, LowcapPoint>> points = new HashMap<>();
            for (LowcapPoint p : prices.points(chain, pointsFromMs, toMs)) {
                points.computeIfAbsent(Timeframe.M1.floor(p.timestampMs()), m -> new HashMap<>())
                        .merge(p.tokenContract(), p, (a, b) -> b.timestampMs() >= a.timestampMs() ? b : a);
            }
            Map<Long, Map<String, Bar>> bars = new HashMap<>();
            for (LowcapBar b : prices.bars(chain, Timeframe.M1, barsFromMs, toMs)) {
                bars.computeIfAbsent(b.openTimeMs(), m -> new HashMap<>()).put(b.tokenContract(), bar(b));
            }
            return new ReadAhead(points, bars);
        }

        @Override
        public Collection<LowcapPoint> latestCaps(long fromMs, long toMs) {
            Map<String, LowcapPoint> latest = new HashMap<>();
            for (long m = Timeframe.M1.floor(fromMs); m < toMs; m += MINUTE_MS) {
                points.getOrDefault(m, Map.of()).values().forEach(p -> latest.merge(p.tokenContract(), p,
                        (a, b) -> b.timestampMs() >= a.timestampMs() ? b : a));
            }
            return latest.values();
        }

        @Override
        public Map<String, Bar> tokenBars(long minuteOpenMs) {
            return bars.getOrDefault(minuteOpenMs, Map.of());
        }
    }

    /** Minute {@code t} built, stored and, when it ends an hour or a day, rolled up. */
    private void buildMinute(long t) {
        barsWritten.addAndGet(regime.upsert(buildMinute(t, stored)));
        long end = t + MINUTE_MS;
        for (Timeframe tf : List.of(Timeframe.H1, Timeframe.D1)) {
            if (tf.floor(end) == end) {
                rollUp(tf, end - tf.durationMs(), end);
            }
        }
    }

    /** Minute {@code t}'s index bars, not stored. */
    private List<RegimeBar> buildMinute(long t, Source source) {
        source.latestCaps(capsFedToMs, t + MINUTE_MS).forEach(p -> observe(membership, p));
        capsFedToMs = t + MINUTE_MS;
        Map<String, Bar> bars = source.tokenBars(t);
        List<RegimeBar> out = new ArrayList<>();
        Map<MarketCapBucket, Integer> counts = new EnumMap<>(MarketCapBucket.class);
        long day = Timeframe.D1.floor(t);
        if (day != recordedDayMs) {
            recorded.clear();
            recordedDayMs = day;
        }
        List<BucketMembers.Member> joined = new ArrayList<>();
        for (var e : indexes.entrySet()) {
            Set<String> members = membership.members(e.getKey(), t);
            counts.put(e.getKey(), members.size());
            for (String token : members) {
                if (!recorded.contains(token)) {
                    joined.add(new BucketMembers.Member(day, chain, token, e.getKey(), t));
                }
            }
            e.getValue().onMinute(t, members, bars).ifPresentOrElse(
                    bar -> out.add(RegimeBar.of(bar, usedMembers(members, bars), SOURCE)),
                    thinMinutes::incrementAndGet);
        }
        memberCounts = Map.copyOf(counts);
        // Members first: a PM reading a bucket's bar finds its members' buckets already there.
        bucketMembers.record(joined);
        joined.forEach(m -> recorded.add(m.tokenContract()));
        return out;
    }

    /** Members with a bar this minute: the index leaves out any without one at t−1 too, which is rare. */
    private static int usedMembers(Set<String> members, Map<String, Bar> bars) {
        return (int) members.stream().filter(bars::containsKey).count();
    }

    private void rollUp(Timeframe tf, long fromMs, long toMs) {
        List<RegimeBar> out = new ArrayList<>();
        for (MarketCapBucket b : MarketCapBucket.values()) {
            List<RegimeBar> minutes = regime.bars(b.driver(), Timeframe.M1, fromMs, toMs);
            if (minutes.isEmpty()) {
                continue;
            }
            Integer members = minutes.getLast().members();
            MinuteRollup.rollUp(minutes.stream().map(RegimeBar::bar).toList(), tf)
                    .forEach(bar -> out.add(RegimeBar.of(bar, members, SOURCE)));
        }
        barsWritten.addAndGet(regime.upsert(out));
    }

    private Map<String, Bar> tokenBars(long minuteOpenMs) {
        Map<String, Bar> out = new HashMap<>();
        for (LowcapBar b : prices.bars(chain, Timeframe.M1, minuteOpenMs, minuteOpenMs + MINUTE_MS)) {
            out.put(b.tokenContract(), bar(b));
        }
        return out;
    }

    private static Bar bar(LowcapBar b) {
        return new Bar(b.tokenContract(), b.chain(), Timeframe.M1, b.openTimeMs(), b.openUsd(), b.highUsd(),
                b.lowUsd(), b.closeUsd(), b.volume(), 0);
    }

    private static void observe(BucketMembership m, LowcapPoint p) {
        if (p.marketCap() != null) {
            m.observe(p.tokenContract(), p.timestampMs(), p.marketCap());
        }
    }

    /** Today's member count per bucket (0 before the first run). */
    public Map<MarketCapBucket, Integer> memberCounts() {
        Map<MarketCapBucket, Integer> counts = new EnumMap<>(MarketCapBucket.class);
        for (MarketCapBucket b : MarketCapBucket.values()) {
            counts.put(b, memberCounts.getOrDefault(b, 0));
        }
        return counts;
    }

    /** 1m, 1h and 1d bars upserted so far. */
    public long barsWritten() {
        return barsWritten.get();
    }

    /** Bucket-minutes with fewer than {@link BucketIndex#MIN_MEMBERS} usable members: no bar, not an error. */
    public long thinMinutes() {
        return thinMinutes.get();
    }

    /** {@code buckets nano=N small=N mid=N big=N bars=… thin=…}, then {@code failed=…} when a run failed. */
    public String statusLine() {
        Map<MarketCapBucket, Integer> counts = memberCounts();
        StringBuilder s = new StringBuilder("buckets");
        counts.forEach((b, n) -> s.append(' ').append(b.name().toLowerCase(Locale.ROOT)).append('=')
                .append(n));
        s.append(" bars=").append(barsWritten.get()).append(" thin=").append(thinMinutes.get());
        if (failedRuns.get() > 0) {
            s.append(" failed=").append(failedRuns.get());
        }
        return s.toString();
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
