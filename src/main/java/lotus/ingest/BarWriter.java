package lotus.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import lotus.market.Bar;
import lotus.market.Trade;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.store.StoreException;
import lotus.store.Ticks;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes bars and ticks off the socket and rollup threads, in batches. Bars are coalesced by key (a bar updated ten
 * times between two writes is written once, with its latest values), so the pending set is bounded by the number of
 * bars in flight, not by the trade rate. Ticks wait in a bounded buffer; when it is full the producer waits, which
 * backs pressure up to the stream's queue, where overflow is counted and repaired, never silent.
 */
public final class BarWriter implements Service {

    private static final Logger log = LoggerFactory.getLogger(BarWriter.class);

    private record Key(String token, String chain, lotus.time.Timeframe tf, long openMs) {
    }

    private record Pending(Bar bar, long queuedAtMs) {
    }

    private final PriceBars bars;
    private final Ticks ticks;
    private final Clock clock;
    private final String source;
    private final int maxPendingTicks;
    private final Map<PriceTable, Map<Key, Pending>> pendingBars = new EnumMap<>(PriceTable.class);
    private final List<Trade> pendingTicks = new ArrayList<>();
    private final ClockScheduler threads;
    private final java.util.List<CommitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;

    /** Told, on the writer's thread, of every batch of bars once committed. */
    @FunctionalInterface
    public interface CommitListener {
        void committed(PriceTable table, List<Bar> bars, long commitMs);
    }

    private final AtomicLong barsWritten = new AtomicLong();
    private final AtomicLong ticksWritten = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private volatile long lastLagMs;

    public BarWriter(PriceBars bars, Ticks ticks, Clock clock, String source, int maxPendingTicks) {
        this.bars = bars;
        this.ticks = ticks;
        this.clock = clock;
        this.source = source;
        this.maxPendingTicks = maxPendingTicks;
        for (PriceTable t : PriceTable.values()) {
            pendingBars.put(t, new LinkedHashMap<>());
        }
        this.threads = new ClockScheduler(clock, Duration.ofSeconds(30));
    }

    @Override
    public void start() {
        threads.loop("bar-writer", this::run);
    }

    public void addCommitListener(CommitListener listener) {
        listeners.add(listener);
    }

    public void submit(PriceTable table, Bar bar) {
        synchronized (this) {
            pendingBars.get(table).put(new Key(bar.tokenContract(), bar.chain(), bar.timeframe(), bar.openTimeMs()),
                    new Pending(bar, clock.nowMs()));
            notifyAll();
        }
    }

    /** Queues raw trades for {@code majors_trades_ticks}; waits while the buffer is full. */
    public void submitTicks(List<Trade> trades) throws InterruptedException {
        synchronized (this) {
            while (pendingTicks.size() >= maxPendingTicks && !closing) {
                wait(100);
            }
            pendingTicks.addAll(trades);
            notifyAll();
        }
    }

    /** Blocks until everything submitted before the call is written (or the writer closes). */
    public void drain() throws InterruptedException {
        drain(Long.MAX_VALUE);
    }

    /** As {@link #drain()}, for at most {@code timeoutMs} of real time; false if bars were still waiting then. */
    public boolean drain(long timeoutMs) throws InterruptedException {
        long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (this) {
            while (!closing && (pendingCount() > 0 || writing)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                wait(50);
            }
        }
        return true;
    }

    public long barsWritten() {
        return barsWritten.get();
    }

    public long ticksWritten() {
        return ticksWritten.get();
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    /** Clock time the oldest bar of the last batch waited before it was committed. */
    public long lastLagMs() {
        return lastLagMs;
    }

    private boolean writing;

    private int pendingCount() {
        int n = pendingTicks.size();
        for (Map<Key, Pending> m : pendingBars.values()) {
            n += m.size();
        }
        return n;
    }

    private void run() {
        while (true) {
            Map<PriceTable, List<Pending>> batch = new EnumMap<>(PriceTable.class);
            List<Trade> tickBatch;
            synchronized (this) {
                while (pendingCount() == 0 && !closing) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pendingCount() == 0 && closing) {
                    notifyAll();
                    return;
                }
                for (var e : pendingBars.entrySet()) {
                    if (!e.getValue().isEmpty()) {
                        batch.put(e.getKey(), new ArrayList<>(e.getValue().values()));
                        e.getValue().clear();
                    }
                }
                tickBatch = new ArrayList<>(pendingTicks);
                pendingTicks.clear();
                writing = true;
                notifyAll();
            }
            try {
                write(batch, tickBatch);
            } finally {
                synchronized (this) {
                    writing = false;
                    notifyAll();
                }
            }
        }
    }

    private void write(Map<PriceTable, List<Pending>> batch, List<Trade> tickBatch) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (!tickBatch.isEmpty()) {
                    ticks.insert(tickBatch);
                    ticksWritten.addAndGet(tickBatch.size());
                }
                long oldest = Long.MAX_VALUE;
                for (var e : batch.entrySet()) {
                    List<Bar> list = new ArrayList<>(e.getValue().size());
                    for (Pending p : e.getValue()) {
                        list.add(p.bar());
                        oldest = Math.min(oldest, p.queuedAtMs());
                    }
                    bars.upsert(e.getKey(), source, list);
                    barsWritten.addAndGet(list.size());
                    long committedAt = clock.nowMs();
                    for (CommitListener l : listeners) {
                        l.committed(e.getKey(), list, committedAt);
                    }
                }
                if (oldest != Long.MAX_VALUE) {
                    lastLagMs = clock.nowMs() - oldest;
                }
                return;
            } catch (StoreException e) {
                writeFailures.incrementAndGet();
                // The batch is kept and retried: bars are idempotent upserts, ticks insert-or-ignore.
                log.warn("bar writer: write failed (attempt {}), retrying: {}", attempt, e.getMessage());
                try {
                    Thread.sleep(Math.min(5_000, 100L * attempt));
                } catch (InterruptedException ie) {
                    return;
                }
                if (closing && attempt >= 3) {
                    log.error("bar writer: giving up on {} bars and {} ticks at shutdown", batch.values().stream()
                            .mapToInt(List::size).sum(), tickBatch.size());
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        // Let it write what is pending (up to 30 s) before the close interrupts whatever is left.
        try {
            threads.awaitDone(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.close();
    }
}
