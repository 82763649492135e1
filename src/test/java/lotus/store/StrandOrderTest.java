package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL a strand's id is taken at its insert and seen at its commit, so two writers can commit out of id
 * order. Learning's cursor must not pass an id still being written: it would never see that strand. (SQLite lets one
 * writer in at a time, so its ids commit in order.)
 */
class StrandOrderTest {

    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    Database db;
    ExecutorService threads;

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.Kind.POSTGRESQL, dir);
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        TestDatabases.dispose(db);
    }

    @Test
    void aCursorReadWaitsForAStrandStillBeingWrittenBelowIt() throws Exception {
        Strands strands = new Strands(db, SimulatedClock.manual(T0));
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // A tick's batch: its strand takes the lower id, and its transaction is still open.
        Future<Long> slow = threads.submit(() -> strands.appending(() -> db.inTransaction(c -> {
            long id = strands.append(c, "position_closed", scope(), payload("slow"));
            inserted.countDown();
            awaitLatch(commit);
            return id;
        })));
        inserted.await();
        // Another writer (a fill of another timeframe's tick) commits a higher id meanwhile.
        long fast = strands.append("position_closed", scope(), payload("fast"));

        AtomicReference<Thread> reader = new AtomicReference<>();
        Future<List<Strand>> read = threads.submit(() -> {
            reader.set(Thread.currentThread());
            return strands.byKind("position_closed", 0, 10);
        });
        await().until(() -> reader.get() != null && reader.get().getState() == Thread.State.WAITING);
        assertThat(read).isNotDone(); // it would have seen "fast" alone and moved the cursor past "slow"

        commit.countDown();
        assertThat(read.get()).extracting(Strand::id).containsExactly(slow.get(), fast);
        assertThat(slow.get()).isLessThan(fast);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode scope() {
        return JsonNodeFactory.instance.objectNode().put("book_id", "perps");
    }

    private static ObjectNode payload(String name) {
        return JsonNodeFactory.instance.objectNode().put("name", name);
    }
}
