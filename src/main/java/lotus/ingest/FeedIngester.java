package lotus.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import lotus.alert.Alert;
import lotus.alert.AlertSink;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.ws.HlMarketStream;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.hyperliquid.ws.StreamListener;
import lotus.hyperliquid.ws.Subscription;
import lotus.hyperliquid.ws.WsLimits;
import lotus.market.Bar;
import lotus.market.BarRollup;
import lotus.market.RollupOutcome;
import lotus.market.Trade;
import lotus.store.PriceTable;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hyperliquid trade feed on its own connection: trades → {@link BarRollup} (six timeframes) → {@link BarWriter}
 * into one bar table, with backfill when a coin joins and gap repair after anything that cost trades. The majors and
 * the trading tokens each get one (seed section 3).
 *
 * <p>Threads: the socket thread only parses and enqueues; one ingest thread owns the rollup and the coverage; REST
 * work runs on {@link CandleJobs}; writes on the {@link BarWriter}.
 *
 * <p>About 400 lines: the feed's coverage (which coin's bars are complete since when) is read and changed by the
 * rollup, the backfill and the repair on the one ingest thread, and splitting them apart would share that state.
 */
public final class FeedIngester implements StreamListener, Service {

    private static final Logger log = LoggerFactory.getLogger(FeedIngester.class);
    private static final String CHAIN = "hyperliquid";

    private record Batch(String coin, List<Trade> trades) {
    }

    private sealed interface Control {
    }

    private record Live(String coin, long atMs) implements Control {
    }

    private record Lost(long fromMs) implements Control {
    }

    private record Join(String apiCoin, String tokenContract, Set<Timeframe> timeframes) implements Control {
    }

    private record Leave(String apiCoin) implements Control {
    }

    private record Flush(CompletableFuture<Void> done) implements Control {
    }

    private final String name;
    private final PriceTable table;
    private final boolean keepTicks;
    private final Clock clock;
    private final IngestConfig config;
    private final BarWriter writer;
    private final HlMarketStream stream;
    private final CandleJobs candles;
    private final BarRollup rollup;
    private final Coverage coverage = new Coverage();
    private final BlockingQueue<Batch> batches;
    private final ConcurrentLinkedQueue<Control> control = new ConcurrentLinkedQueue<>();
    private final Map<String, long[]> overflowed = new ConcurrentHashMap<>();
    /** API coin → the name we store it under (a spot pair's canonical name). Written by the ingest thread only. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> joinedAtMs = new java.util.HashMap<>();
    /** API coin → the timeframes stored for it (ingest thread; read by the rollup's sink on the same thread). */
    private final Map<String, Set<Timeframe>> storedTimeframes = new java.util.HashMap<>();
    private final ClockScheduler threads;
    private final LatencySamples latency = new LatencySamples();
    private long sampleCounter;
    private volatile boolean closing;

    private final AtomicLong tradesIn = new AtomicLong();
    private final AtomicLong droppedTrades = new AtomicLong();
    private final AtomicLong holes = new AtomicLong();
    private final AlertSink alerts;
    /** A stall was alerted and no trade came since: the reconnects of one outage alert once. */
    private final AtomicBoolean stallAlerted = new AtomicBoolean();

    public FeedIngester(String name, PriceTable table, boolean keepTicks, URI wsUrl, HlInfoClient info,
            BarWriter writer, WsLimits limits, StreamConfig streamConfig, IngestConfig config, Clock clock) {
        this(name, table, keepTicks, wsUrl, info, writer, limits, streamConfig, config, clock, AlertSink.NONE);
    }

    /** @param alerts told when the stream goes silent (once, until data flows again) */
    public FeedIngester(String name, PriceTable table, boolean keepTicks, URI wsUrl, HlInfoClient info,
            BarWriter writer, WsLimits limits, StreamConfig streamConfig, IngestConfig config, Clock clock,
            AlertSink alerts) {
        this.alerts = alerts;
        this.name = name;
        this.table = table;
        this.keepTicks = keepTicks;
        this.clock = clock;
        this.config = config;
        this.writer = writer;
        this.batches = new ArrayBlockingQueue<>(config.queueCapacity());
        this.rollup = new BarRollup(CHAIN, EnumSet.allOf(Timeframe.class), config.lateGrace(), tokens::containsKey,
                this::onBar);
        this.candles = new CandleJobs(name, info, writer, table, CHAIN, clock);
        this.stream = new HlMarketStream(name, wsUrl, clock, streamConfig, limits, this, name.hashCode());
        writer.addCommitListener((t, bars, commitMs) -> {
            if (t == table) {
                for (Bar b : bars) {
                    if (b.timeframe() == Timeframe.M1) {
                        latency.committed(b.tokenContract(), b.openTimeMs(), commitMs);
                    }
                }
            }
        });
        this.threads = new ClockScheduler(clock, Duration.ofSeconds(5));
    }

    @Override
    public void start() {
        threads.loop("ingest-" + name, this::run);
        candles.start();
        stream.start();
    }

    /**
     * Starts following {@code apiCoin}, stored as {@code tokenContract}, in the given timeframes: subscribes, and
     * backfills each with {@link IngestConfig#backfillBars()} bars. Called again for a followed coin, it replaces the
     * timeframes and backfills the new ones. Only these timeframes are written and repaired:
     * every extra one costs a REST request per hole, and the weight budget is shared by the whole IP.
     */
    public void join(String apiCoin, String tokenContract, Set<Timeframe> timeframes) {
        control.add(new Join(apiCoin, tokenContract, Set.copyOf(timeframes)));
        stream.subscribe(Subscription.trades(apiCoin));
    }

    /**
     * Rolls every trade received so far and flushes the rollup at the current clock time, as the periodic flush
     * would; the future completes once that is done (the bars are then with the writer). For a driver that stops the
     * clock at a bar close and needs that bar written before it ticks: a stopped clock never reaches the next flush.
     */
    public CompletableFuture<Void> flushNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        control.add(new Flush(done));
        return done;
    }

    /** Stops following {@code apiCoin} (unsubscribes on the live connection). */
    public void leave(String apiCoin) {
        stream.unsubscribe(Subscription.trades(apiCoin));
        control.add(new Leave(apiCoin));
    }

    public Set<String> coins() {
        return Set.copyOf(tokens.keySet());
    }

    // ---- StreamListener (socket thread) ----

    @Override
    public void onTrades(String coin, List<Trade> trades) {
        tradesIn.addAndGet(trades.size());
        if (stallAlerted.get()) {
            stallAlerted.set(false);
        }
        if (!batches.offer(new Batch(coin, trades))) {
            droppedTrades.addAndGet(trades.size());
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Trade t : trades) {
                min = Math.min(min, t.timeMs());
                max = Math.max(max, t.timeMs());
            }
            long lo = min;
            long hi = max;
            overflowed.merge(coin, new long[] {lo, hi}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
    }

    @Override
    public void onLive(Subscription subscription, long atMs) {
        if (subscription.coin() != null) {
            control.add(new Live(subscription.coin(), atMs));
        }
    }

    @Override
    public void onDisconnected(long lastFrameMs, String reason) {
        control.add(new Lost(lastFrameMs));
        // Silence, not a connection the venue or the network closed: data stopped while the socket looked alive.
        boolean silent = reason.startsWith("data stalled") || reason.startsWith("no frame for");
        if (silent && stallAlerted.compareAndSet(false, true)) {
            alerts.send(new Alert(Alert.Kind.STREAM_STALLED, "global", "stream " + name + ": " + reason
                    + "; reconnecting, the gap is repaired from candle snapshots", clock.nowMs()));
        }
    }

    // ---- ingest thread ----

    private void run() {
        long nextFlush = clock.nowMs() + config.flushEveryMs();
        while (!closing) {
            try {
                for (Control c; (c = control.poll()) != null; ) {
                    handle(c);
                }
                Batch b = batches.poll(20, TimeUnit.MILLISECONDS);
                while (b != null) {
                    roll(b);
                    if (clock.nowMs() >= nextFlush) {
                        break;
                    }
                    b = batches.poll();
                }
                long now = clock.nowMs();
                if (now >= nextFlush) {
                    flush(now);
                    nextFlush = now + config.flushEveryMs();
                }
            } catch (InterruptedException e) {
                if (closing) {
                    break;
                }
            } catch (RuntimeException e) {
                log.error("ingest={} error (continuing): {}", name, e.toString(), e);
            }
        }
    }

    private void roll(Batch b) throws InterruptedException {
        if (!overflowed.isEmpty()) {
            // Before any later trade can close a bar that lost trades, mark the loss.
            markOverflows();
        }
        if (!tokens.containsKey(b.coin())) {
            return; // left the universe while the batch was queued
        }
        String token = tokens.get(b.coin());
        for (Trade t : b.trades()) {
            if ((++sampleCounter & 63) == 0) {
                latency.expect(token, Timeframe.M1.floor(t.timeMs()), t.timeMs());
            }
            if (rollup.accept(t) == RollupOutcome.REJECTED_TOO_LATE
                    && !coverage.tainted(t.coin(), t.timeMs(), t.timeMs() + 1)) {
                // Old trades inside a known hole (the recent-trades batch after a subscribe) are repaired already.
                coverage.lost(t.coin(), t.timeMs(), t.timeMs());
                requestRepair(t.coin(), t.timeMs(), t.timeMs());
            }
        }
        if (keepTicks) {
            writer.submitTicks(b.trades());
        }
    }

    private void flush(long now) {
        markOverflows();
        rollup.flush(now);
        latency.expire(now);
        coverage.prune(now - Timeframe.D1.durationMs() - config.lateGrace().toMillis() - config.repairSettleMs());
    }

    private void markOverflows() {
        for (var e : overflowed.entrySet()) {
            long[] range = overflowed.remove(e.getKey());
            if (range != null && coverage.tracks(e.getKey())) {
                holes.incrementAndGet();
                log.warn("ingest={} queue overflow: trades of {} in [{}, {}] dropped; repairing from candles", name,
                        e.getKey(), range[0], range[1]);
                coverage.lost(e.getKey(), range[0], range[1]);
                requestRepair(e.getKey(), range[0], range[1]);
            }
        }
    }

    private void handle(Control c) throws InterruptedException {
        switch (c) {
            case Join j -> {
                long now = clock.nowMs();
                Set<Timeframe> before = storedTimeframes.getOrDefault(j.apiCoin(), Set.of());
                if (tokens.putIfAbsent(j.apiCoin(), j.tokenContract()) == null) {
                    coverage.track(j.apiCoin());
                    joinedAtMs.put(j.apiCoin(), now);
                }
                storedTimeframes.put(j.apiCoin(), j.timeframes());
                for (Timeframe tf : j.timeframes()) {
                    if (before.contains(tf)) {
                        continue;
                    }
                    // Only bars closed before now: the one in progress is partial. For a coin just joined, the
                    // repair after the first ack fetches it; for a timeframe added later, this fetch ends with it.
                    long to = tf.floor(now) - tf.durationMs();
                    long from = config.backfillFirstOpen(tf, to);
                    if (from <= to) { // an anchor after the last closed bar leaves it all to the repair
                        candles.add(new CandleJobs.Job(j.apiCoin(), j.tokenContract(), tf, from, to, now, true));
                    }
                    if (!before.isEmpty()) {
                        requestRepair(j.apiCoin(), now, now, Set.of(tf));
                    }
                }
            }
            case Flush f -> {
                try {
                    for (Batch b; (b = batches.poll()) != null; ) {
                        roll(b);
                    }
                    flush(clock.nowMs());
                    f.done().complete(null);
                } catch (RuntimeException e) {
                    f.done().completeExceptionally(e);
                    throw e;
                }
            }
            case Leave l -> {
                tokens.remove(l.apiCoin());
                joinedAtMs.remove(l.apiCoin());
                storedTimeframes.remove(l.apiCoin());
                coverage.forget(l.apiCoin());
            }
            case Live l -> {
                long from = coverage.openHoleStart(l.coin());
                if (coverage.tracks(l.coin()) && from != Long.MAX_VALUE) {
                    coverage.live(l.coin(), l.atMs());
                    // The first ack: the bars from the join on are partial (older ones came from backfill).
                    long start = from == Long.MIN_VALUE ? joinedAtMs.getOrDefault(l.coin(), l.atMs()) : from;
                    requestRepair(l.coin(), Math.min(start, l.atMs()), l.atMs());
                }
            }
            case Lost l -> {
                holes.incrementAndGet();
                for (String coin : tokens.keySet()) {
                    coverage.lost(coin, l.fromMs());
                }
            }
        }
    }

    /** Fetches, once they have closed, the candles of every stored timeframe overlapping [fromMs, toMs]. */
    private void requestRepair(String coin, long fromMs, long toMs) {
        requestRepair(coin, fromMs, toMs, storedTimeframes.getOrDefault(coin, Set.of()));
    }

    private void requestRepair(String coin, long fromMs, long toMs, Set<Timeframe> timeframes) {
        String token = tokens.get(coin);
        if (token == null) {
            return;
        }
        for (Timeframe tf : timeframes) {
            long firstOpen = tf.floor(fromMs);
            long lastOpen = tf.floor(toMs);
            long due = tf.closeTimeMs(lastOpen) + config.repairSettleMs();
            candles.add(new CandleJobs.Job(coin, token, tf, firstOpen, lastOpen, due, false));
        }
    }

    private void onBar(Bar bar, boolean isFinal) {
        String coin = bar.tokenContract();
        String token = tokens.get(coin);
        Set<Timeframe> timeframes = storedTimeframes.get(coin);
        if (token == null || timeframes == null || !timeframes.contains(bar.timeframe())
                || coverage.tainted(coin, bar.openTimeMs(), bar.closeTimeMs())) {
            return; // incomplete from the stream; the candle replaces it after the close
        }
        Bar stored = token.equals(coin) ? bar : new Bar(token, bar.chain(), bar.timeframe(), bar.openTimeMs(),
                bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), bar.tradeCount());
        writer.submit(table, stored);
    }

    // ---- status ----

    public record Status(String name, int coins, int liveSubscriptions, boolean connected, long tradesIn,
            long droppedTrades, long reconnects, long malformedFrames, long rejectedTrades, long holes,
            long repairs, long repairedBars, long backfilledBars, int pendingCandleJobs, int dueCandleJobs,
            long refusedSubscriptions) {
    }

    public Status status() {
        return new Status(name, tokens.size(), stream.liveCount(), stream.connected(), tradesIn.get(),
                droppedTrades.get(), stream.reconnects(), stream.malformedFrames(),
                stream.tradesRejected() + rollup.rejected(), holes.get(), candles.repairs(), candles.repairedBars(),
                candles.backfilledBars(), candles.pending(), candles.due(), stream.refusedSubscriptions());
    }

    /** Trade-to-row latency percentiles in clock ms (p50, p99), from a 1-in-64 sample; empty before any. */
    public long[] latencyPercentiles() {
        return latency.percentiles(List.of(50.0, 99.0));
    }

    public void resetLatency() {
        latency.reset();
    }

    public Map<RollupOutcome, Long> rollupCounts() {
        return rollup.counts();
    }

    /** Stops the stream, rolls up what was queued and hands the last bars to the writer. */
    @Override
    public void close() {
        stream.close();
        closing = true;
        threads.close();
        try {
            for (Batch b; (b = batches.poll()) != null; ) {
                roll(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rollup.flush(clock.nowMs());
        for (Control c; (c = control.poll()) != null; ) {
            if (c instanceof Flush f) { // what was flushed above is all there will be
                f.done().complete(null);
            }
        }
        candles.close();
    }
}
