package lotus.pm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The writes of one tick that carry no order (engine state, planner memory, paper fills), recorded in batches instead
 * of a transaction per position. A write that journals an order never waits here, since the journal must hold it
 * before the order leaves.
 *
 * <p>With writer threads, the batches go while the tick is still working: once every position up to some id is done,
 * their writes are recorded in chunks of {@link #CHUNK}, in id order, so the database writes the early positions while
 * the workers plan the later ones. With two writers (PostgreSQL) two batches update their rows at once, and each
 * appends its strands and commits in its turn ({@link Turns}). Without a writer, everything is recorded at
 * {@link #flush}. Either way the strands land in position id order, however the workers finished.
 */
final class TickWrites {

    /** Positions recorded per batch while the tick goes on: large enough that a batch's commit is a small part. */
    static final int CHUNK = 500;

    private final PositionLedger ledger;
    private final ExecutorService writer;
    private final int chunk;
    private final PhaseTimes times;
    /** The tick's position ids, ascending: writes are handed on in this order. */
    private final long[] order;
    private final boolean[] done;
    /** Positions before this index of {@link #order} are done and their writes handed on. */
    private int next;
    private final Map<Long, PositionLedger.Write> held = new HashMap<>();
    private final List<PositionLedger.Write> ready = new ArrayList<>();
    private final List<Batch> batches = new ArrayList<>();
    private final Turns turns = new Turns();

    /** A batch handed to the writer, with its writes: a batch that fails fails each of them. */
    private record Batch(List<PositionLedger.Write> writes, Future<List<Recorded>> recorded) {
    }

    private record Recorded(PositionLedger.Write write, PositionLedger.Recorded outcome) {
    }

    /**
     * @param ledger    where the writes are recorded
     * @param writer    the threads that record batches (null: all at {@link #flush})
     * @param positions the tick's positions, each reported {@link #done} once processed
     * @param times     where the batches' time is added (as {@code write})
     */
    TickWrites(PositionLedger ledger, ExecutorService writer, List<Position> positions, PhaseTimes times) {
        this(ledger, writer, positions, times, CHUNK);
    }

    /** @param chunk positions per batch recorded while the tick goes on */
    TickWrites(PositionLedger ledger, ExecutorService writer, List<Position> positions, PhaseTimes times, int chunk) {
        this.ledger = ledger;
        this.chunk = chunk;
        this.writer = writer;
        this.times = times;
        this.order = positions.stream().mapToLong(Position::id).sorted().toArray();
        this.done = new boolean[order.length];
    }

    /** Holds {@code p}'s write for its batch, prepared on the caller's thread; one per position and tick. */
    void add(Position p, List<StrandEvent> strands, boolean durable) {
        PositionLedger.Write w = prepared(new PositionLedger.Write(p, strands, durable));
        synchronized (this) {
            if (held.put(p.id(), w) != null) {
                throw new IllegalStateException("two writes for " + p.label() + " in a tick");
            }
        }
    }

    /** The ledger's form of {@code w}; if it cannot make one, the write goes as it is and fails when recorded. */
    private PositionLedger.Write prepared(PositionLedger.Write w) {
        try {
            return ledger.prepare(w);
        } catch (RuntimeException e) {
            return w;
        }
    }

    /** {@code positionId} is processed (whether or not it wrote): with a writer, the done prefix may go. */
    synchronized void done(long positionId) {
        if (writer == null) {
            return;
        }
        int i = Arrays.binarySearch(order, positionId);
        if (i < 0) {
            return;
        }
        done[i] = true;
        while (next < order.length && done[next]) {
            PositionLedger.Write w = held.remove(order[next]);
            if (w != null) {
                ready.add(w);
            }
            next++;
        }
        if (ready.size() >= chunk) {
            // Queued in id order; with two writers two batches are recorded at once, and each commits in its turn.
            List<PositionLedger.Write> batch = new ArrayList<>(ready);
            PositionLedger.Turn turn = turns.turn(batches.size());
            try {
                batches.add(new Batch(batch, writer.submit(() -> record(batch, turn))));
                ready.clear();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The writer is stopping: the rows stay ready and flush() records them on the tick's thread.
            }
        }
    }

    private List<Recorded> record(List<PositionLedger.Write> batch, PositionLedger.Turn turn) {
        long t0 = System.nanoTime();
        List<PositionLedger.Recorded> recorded = ledger.recordAll(batch, turn);
        times.write.add(System.nanoTime() - t0);
        List<Recorded> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(new Recorded(batch.get(i), recorded.get(i)));
        }
        return out;
    }

    /**
     * Records what is still held once every position is done, after the batches already under way. A batch whose
     * recording failed as a whole (the ledger falls back to writing rows one by one, so only an unexpected error gets
     * here) fails each of its positions, and the other batches are still awaited and recorded.
     *
     * @return each position's outcome, by id
     */
    Map<Long, PositionLedger.Recorded> flush() {
        List<PositionLedger.Write> rest;
        List<Batch> under;
        synchronized (this) {
            rest = new ArrayList<>(ready);
            rest.addAll(held.values());
            ready.clear();
            held.clear();
            under = new ArrayList<>(batches);
            batches.clear();
        }
        rest.sort(Comparator.comparingLong(w -> w.position().id()));
        Map<Long, PositionLedger.Recorded> out = new HashMap<>();
        for (Batch b : under) {
            try {
                collect(await(b.recorded()), out);
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e; // the tick is being stopped, not one batch failing
                }
                failAll(b.writes(), e, out);
            }
        }
        if (!rest.isEmpty()) {
            try {
                collect(record(rest, PositionLedger.Turn.NONE), out); // every batch has passed
            } catch (RuntimeException e) {
                failAll(rest, e, out);
            }
        }
        return out;
    }

    /**
     * The line of a tick's batches: batch k appends and commits once batches 0 to k − 1 have passed. A batch passes
     * when it is done, written or failed, so a failed one never holds the line.
     */
    static final class Turns {
        private final java.util.BitSet passed = new java.util.BitSet();
        /** Every batch below this has passed. */
        private int next;

        PositionLedger.Turn turn(int k) {
            return new PositionLedger.Turn() {
                @Override
                public void await() {
                    Turns.this.await(k);
                }

                @Override
                public void pass() {
                    Turns.this.pass(k);
                }
            };
        }

        private synchronized void await(int k) {
            while (next < k) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("tick interrupted while batch " + k + " waited for its turn", e);
                }
            }
        }

        private synchronized void pass(int k) {
            passed.set(k);
            while (passed.get(next)) {
                next++;
            }
            notifyAll();
        }
    }

    private static void failAll(List<PositionLedger.Write> writes, RuntimeException e,
            Map<Long, PositionLedger.Recorded> out) {
        for (PositionLedger.Write w : writes) {
            out.put(w.position().id(), new PositionLedger.Recorded(null, e));
        }
    }

    private static void collect(List<Recorded> recorded, Map<Long, PositionLedger.Recorded> out) {
        for (Recorded r : recorded) {
            if (out.put(r.write().position().id(), r.outcome()) != null) {
                throw new IllegalStateException("two writes for " + r.write().position().label() + " in a tick");
            }
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tick interrupted while its writes were recorded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a batch of the tick's writes failed", e.getCause());
        }
    }
}
