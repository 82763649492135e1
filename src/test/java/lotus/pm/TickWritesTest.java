package lotus.pm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lotus.engine.EngineState;
import lotus.learning.Scope;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.StoredPositionLedger;
import lotus.store.Strands;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tick's writes recorded in batches while it goes on: a batch leaves only once every position before it is done,
 * rows and strands land in position id order whatever order the workers finish in, and each write is recorded once.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
@org.junit.jupiter.api.Timeout(120) // a turn never passed would hang the flush
class TickWritesTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    Database db;
    Positions positions;
    Strands strands;
    StoredPositionLedger ledger;
    ExecutorService writer;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, dir);
        SimulatedClock clock = SimulatedClock.manual(T0);
        positions = new Positions(db, clock);
        strands = new Strands(db, clock);
        ledger = new StoredPositionLedger(db, positions, strands);
        writer = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() {
        writer.shutdownNow();
        TestDatabases.dispose(db);
    }

    @Test
    void batchesLeaveInIdOrderOnceThePositionsBeforeThemAreDoneAndEachWriteIsRecordedOnce() throws Exception {
        List<Position> ps = insert(9);
        TickWrites writes = new TickWrites(ledger, writer, ps, new PhaseTimes(), 2);
        Position third = ps.get(2); // writes nothing this tick, as a position with no new bar

        // The second is done before the first: nothing can leave while the first is still working.
        writes.add(changed(ps.get(1)), List.of(transition(ps.get(1))), false);
        writes.done(ps.get(1).id());
        writes.add(changed(ps.get(0)), List.of(transition(ps.get(0))), false);
        writer.submit(() -> { }).get();
        assertThat(version(ps.get(0))).isZero();
        assertThat(version(ps.get(1))).isZero();
        writes.done(ps.get(0).id());
        writer.submit(() -> { }).get();
        // Both went as one batch, before the tick's end.
        assertThat(version(ps.get(0))).isEqualTo(1);
        assertThat(version(ps.get(1))).isEqualTo(1);
        assertThat(transitionsOf()).containsExactly(ps.get(0).id(), ps.get(1).id());

        // The rest on four threads at once, last first.
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (Position p : ps.subList(2, ps.size()).reversed()) {
                all.add(workers.submit(() -> {
                    if (p != third) {
                        writes.add(changed(p), List.of(transition(p)), false);
                    }
                    writes.done(p.id());
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            workers.shutdown();
        }
        Map<Long, PositionLedger.Recorded> recorded = writes.flush();

        assertThat(recorded).hasSize(8).doesNotContainKey(third.id());
        for (Position p : ps) {
            long expected = p == third ? 0 : 1;
            assertThat(version(p)).isEqualTo(expected);
            if (p != third) {
                assertThat(recorded.get(p.id()).failure()).isNull();
                assertThat(recorded.get(p.id()).written().version()).isEqualTo(1);
                assertThat(recorded.get(p.id()).written().quantity()).isEqualByComparingTo("1." + p.id());
            }
        }
        assertThat(transitionsOf()).containsExactlyElementsOf(ps.stream().filter(p -> p != third)
                .map(Position::id).toList());
    }

    /** A process stopping mid-tick stops its writer: what a batch would have carried is recorded at the flush. */
    @Test
    void batchesTheStoppedWriterRefusesAreRecordedByTheFlush() {
        List<Position> ps = insert(3);
        TickWrites writes = new TickWrites(ledger, writer, ps, new PhaseTimes(), 2);
        writer.shutdown();
        for (Position p : ps) {
            writes.add(changed(p), List.of(transition(p)), false);
            writes.done(p.id());
        }
        assertThat(version(ps.get(0))).isZero();

        Map<Long, PositionLedger.Recorded> recorded = writes.flush();

        assertThat(recorded).hasSize(3);
        for (Position p : ps) {
            assertThat(version(p)).isEqualTo(1);
            assertThat(recorded.get(p.id()).failure()).isNull();
        }
        assertThat(transitionsOf()).containsExactlyElementsOf(ps.stream().map(Position::id).toList());
    }

    /** A writer stopped at once cancels the batches it had not started: the flush fails them instead of waiting. */
    @Test
    void aBatchTheStoppedWriterNeverStartedFailsItsPositionsAtTheFlush() throws Exception {
        List<Position> ps = insert(2);
        CountDownLatch busy = new CountDownLatch(1);
        writer.submit(() -> {
            busy.await(); // a batch of another tick, still running when the process stops
            return null;
        });
        TickWrites writes = new TickWrites(ledger, writer, ps, new PhaseTimes(), 2);
        for (Position p : ps) {
            writes.add(changed(p), List.of(transition(p)), false);
            writes.done(p.id());
        }

        PmCoreTick.stopNow(writer);
        Map<Long, PositionLedger.Recorded> recorded = writes.flush();

        assertThat(recorded).hasSize(2);
        for (Position p : ps) {
            assertThat(recorded.get(p.id()).written()).isNull();
            assertThat(recorded.get(p.id()).failure()).isInstanceOf(java.util.concurrent.CancellationException.class);
            assertThat(version(p)).isZero();
        }
        assertThat(transitionsOf()).isEmpty();
    }

    /** A batch the ledger fails as a whole fails its own positions; the tick's other batches are still recorded. */
    @Test
    void aBatchThatFailsWholeFailsItsPositionsAndTheOtherBatchesAreStillRecorded() {
        List<Position> ps = insert(6);
        long poisoned = ps.get(2).id();
        PositionLedger failing = new FailingBatches(ledger, poisoned);
        TickWrites writes = new TickWrites(failing, writer, ps, new PhaseTimes(), 2);
        for (Position p : ps) {
            writes.add(changed(p), List.of(transition(p)), false);
            writes.done(p.id());
        }

        Map<Long, PositionLedger.Recorded> recorded = writes.flush();

        assertThat(recorded).hasSize(6);
        for (Position p : ps) {
            boolean inFailedBatch = p == ps.get(2) || p == ps.get(3);
            assertThat(version(p)).isEqualTo(inFailedBatch ? 0 : 1);
            if (inFailedBatch) {
                assertThat(recorded.get(p.id()).written()).isNull();
                assertThat(recorded.get(p.id()).failure()).hasMessage("batch with position " + poisoned);
            } else {
                assertThat(recorded.get(p.id()).failure()).isNull();
                assertThat(recorded.get(p.id()).written().version()).isEqualTo(1);
            }
        }
        assertThat(transitionsOf()).containsExactly(ps.get(0).id(), ps.get(1).id(), ps.get(4).id(), ps.get(5).id());
    }

    /** The store's ledger as it is; the tests below change one step of it. */
    private static class Delegating implements PositionLedger {

        final StoredPositionLedger stored;

        Delegating(StoredPositionLedger stored) {
            this.stored = stored;
        }

        @Override
        public List<Recorded> recordAll(List<Write> writes) {
            return stored.recordAll(writes);
        }

        @Override
        public Write prepare(Write w) {
            return stored.prepare(w);
        }

        @Override
        public List<Position> byTimeframe(Timeframe timeframe) {
            return stored.byTimeframe(timeframe);
        }

        @Override
        public Position record(Position p, List<StrandEvent> strands, boolean durable, JournalWrite journal) {
            return stored.record(p, strands, durable, journal);
        }

        @Override
        public int orderAttempts(long positionId, long barCloseMs, String action) {
            return stored.orderAttempts(positionId, barCloseMs, action);
        }

        @Override
        public java.util.Optional<Position> find(long id) {
            return stored.find(id);
        }

        @Override
        public void append(StrandEvent strand) {
            stored.append(strand);
        }
    }

    /** The store's ledger, except that recording a batch holding one given position throws. */
    private static final class FailingBatches extends Delegating {

        private final long poisoned;

        FailingBatches(StoredPositionLedger stored, long poisoned) {
            super(stored);
            this.poisoned = poisoned;
        }

        @Override
        public List<Recorded> recordAll(List<Write> writes) {
            if (writes.stream().anyMatch(w -> w.position().id() == poisoned)) {
                throw new IllegalStateException("batch with position " + poisoned);
            }
            return stored.recordAll(writes);
        }
    }

    /**
     * The store's ledger, except that the batch holding {@code first} starts only once the other batch is waiting for
     * its turn (or, for a ledger that kept no turn, has been recorded): the later batch is done first.
     */
    private static final class LaterBatchFirst extends Delegating {

        private final long first;
        private final CountDownLatch laterWaits = new CountDownLatch(1);

        LaterBatchFirst(StoredPositionLedger stored, long first) {
            super(stored);
            this.first = first;
        }

        @Override
        public List<Recorded> recordAll(List<Write> writes, Turn turn) {
            if (writes.stream().noneMatch(w -> w.position().id() == first)) {
                try {
                    return stored.recordAll(writes, new Turn() {
                        @Override
                        public void await() {
                            laterWaits.countDown();
                            turn.await();
                        }

                        @Override
                        public void pass() {
                            turn.pass();
                        }
                    });
                } finally {
                    laterWaits.countDown();
                }
            }
            try {
                if (!laterWaits.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the later batch never reached its turn: one writer only?");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return stored.recordAll(writes, turn);
        }

        @Override
        public int writers() {
            return stored.writers();
        }
    }

    /**
     * On PostgreSQL two batches are recorded at once: the later one updates its rows while the earlier one is still
     * working, and still commits its strands after it, so learning reads them in position order. SQLite has one
     * writer.
     */
    @Test
    void twoWritersCommitTheirStrandsInTheTicksOrderWhicheverBatchIsDoneFirst() throws Exception {
        if (kind == TestDatabases.Kind.SQLITE) {
            assertThat(ledger.writers()).isEqualTo(1);
            return;
        }
        assertThat(ledger.writers()).isEqualTo(2);
        // With under four connections two waiting batches could hold them all: one writer then.
        try (Database small = Database.open(TestDatabases.postgresUrl(), 3)) {
            assertThat(new StoredPositionLedger(small, new Positions(small, SimulatedClock.manual(T0)),
                    new Strands(small, SimulatedClock.manual(T0))).writers()).isEqualTo(1);
        }
        List<Position> ps = insert(4);
        ExecutorService two = Executors.newFixedThreadPool(ledger.writers());
        try {
            TickWrites writes = new TickWrites(new LaterBatchFirst(ledger, ps.get(0).id()), two, ps,
                    new PhaseTimes(), 2);
            for (Position p : ps) {
                writes.add(changed(p), List.of(transition(p)), false);
                writes.done(p.id());
            }

            Map<Long, PositionLedger.Recorded> recorded = writes.flush();

            assertThat(recorded).hasSize(4);
            for (Position p : ps) {
                assertThat(recorded.get(p.id()).failure()).isNull();
                assertThat(version(p)).isEqualTo(1);
            }
            assertThat(transitionsOf()).containsExactlyElementsOf(ps.stream().map(Position::id).toList());
        } finally {
            two.shutdownNow();
        }
    }

    /** A batch goes once every batch before it has passed, in whatever order they passed; a failed one passes too. */
    @Test
    void aBatchWaitsForItsTurnUntilEveryBatchBeforeItHasPassed() throws Exception {
        TickWrites.Turns turns = new TickWrites.Turns();
        java.util.concurrent.atomic.AtomicBoolean went = new java.util.concurrent.atomic.AtomicBoolean();
        Thread third = new Thread(() -> {
            turns.turn(3).await();
            went.set(true);
        });
        third.start();
        turns.turn(2).pass(); // done before the ones ahead of it
        turns.turn(0).pass();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> third.getState() == Thread.State.WAITING);
        assertThat(went).isFalse();

        turns.turn(1).pass(); // failed: it passes all the same

        third.join(10_000);
        assertThat(went).isTrue();
        turns.turn(1).await(); // long passed: at once
    }

    /** {@code n} perps positions T0, T1, ... in id order. */
    private List<Position> insert(int n) {
        List<Position> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ps.add(positions.insert(new NewPosition("T" + i, "hyperliquid", "T" + i, Timeframe.H1, "perps",
                    new BigDecimal("2.5"), BigDecimal.ZERO)));
        }
        return ps;
    }

    private long version(Position p) {
        return positions.find(p.id()).orElseThrow().version();
    }

    private List<Long> transitionsOf() {
        return strands.byKind("engine_transition", 0, 100).stream()
                .map(s -> s.payload().path("position_id").asLong()).toList();
    }

    private static Position changed(Position p) {
        BigDecimal q = new BigDecimal("1." + p.id());
        return p.withHoldings(PositionStatus.ACTIVE, q, new BigDecimal("25"), BigDecimal.ZERO, q, BigDecimal.ZERO,
                BigDecimal.ONE, p.id() + "-1");
    }

    private static StrandEvent transition(Position p) {
        return new StrandEvent.EngineTransition(new Scope(p.bookId(), p.tokenChain(), "1h", p.tokenContract(), null,
                null), p.id(), T0, EngineState.S0, EngineState.S1, 1.25, null);
    }
}
