package lotus.store;

import lotus.pm.Position;
import lotus.pm.PositionLedger;
import lotus.pm.StrandEvent;
import lotus.pm.JournalWrite;
import lotus.pm.AlreadySettledException;
import lotus.pm.FailPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lotus.time.Timeframe;

/** The live {@link PositionLedger}: {@code lowcap_positions} and {@code ad_strands}, one transaction per record. */
public final class StoredPositionLedger implements PositionLedger {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StoredPositionLedger.class);

    private final Database db;
    private final Positions positions;
    private final Strands strands;
    private final Orders orders;

    public StoredPositionLedger(Database db, Positions positions, Strands strands) {
        this.db = db;
        this.positions = positions;
        this.strands = strands;
        this.orders = new Orders(db, positions.clock());
    }

    @Override
    public List<Position> byTimeframe(Timeframe timeframe) {
        return positions.byTimeframe(timeframe);
    }

    /** The tick's positions in one query; rows still as this process wrote them are not parsed again. */
    @Override
    public List<Position> withTokenSiblings(Timeframe timeframe) {
        return positions.withTokenSiblings(timeframe, Map.of());
    }

    @Override
    public List<Position> ofToken(String tokenChain, String bookId, String tokenContract) {
        return positions.ofToken(tokenChain, bookId, tokenContract);
    }

    @Override
    public Position record(Position p, List<StrandEvent> events, boolean durable, JournalWrite journal) {
        Position stored = strands.appending(() -> db.inTransaction(c -> {
            if (!durable && journal == null) {
                db.deferFlush(c);
            }
            if (journal instanceof JournalWrite.Intent i) {
                orders.recordIntent(c, i.cloid(), i.venue(), p.id(), i.barCloseMs(), i.action(), i.request());
            } else if (journal instanceof JournalWrite.Settle st
                    && !orders.settle(c, st.cloid(), st.status(), st.response(), st.fills())) {
                throw new AlreadySettledException("order " + st.cloid() + " of " + p.label()
                        + " is not open in the journal; its settlement was not applied again");
            }
            Position row = positions.update(c, p);
            if (journal instanceof JournalWrite.Settle) {
                FailPoint.hit("during_fill_write");
            }
            for (StrandEvent e : events) {
                NewStrand s = StrandJson.of(e);
                strands.append(c, s.kind(), s.scope(), s.payload());
            }
            return row;
        }));
        positions.remember(stored);
        return stored;
    }

    /** A write as this ledger sends it: the row's JSON columns and its strands, rendered on the worker's thread. */
    private record Rendered(Positions.Rendered row, List<NewStrand> strands) implements Prepared {
    }

    @Override
    public Write prepare(Write w) {
        return new Write(w.position(), w.strands(), w.durable(), new Rendered(positions.render(w.position()),
                w.strands().stream().map(StrandJson::of).toList()));
    }

    /**
     * The writes in one transaction: the rows in JDBC batches under their version guard, then the strands of the rows
     * written. Should the database refuse the batch, the writes go one by one, so one bad row fails alone.
     */
    @Override
    public List<Recorded> recordAll(List<Write> writes) {
        return recordAll(writes, Turn.NONE);
    }

    /**
     * As {@link #recordAll(List)}, the rows updated at once with the other batches of the tick (each batch holds its
     * own rows), then, in its turn, the strands appended and the transaction committed: strands get their ids in the
     * tick's position order. The strand lock is taken only in the turn, across the append and the commit, so a batch
     * waiting for its turn never holds a learning read waiting for the lock behind it.
     */
    @Override
    public List<Recorded> recordAll(List<Write> writes, Turn turn) {
        try {
            return recordInTurn(writes, turn);
        } finally {
            turn.pass();
        }
    }

    /**
     * PostgreSQL runs two batches at once, each on its own backend; SQLite has one writer, so one. A batch waiting for
     * its turn holds a connection, so two run at once only with at least {@link #TWO_WRITERS_POOL} connections: with
     * fewer, two waiting batches could hold every connection while a worker inside the strand lock needs one, and a
     * learning read waiting for that lock would stall them all until the pool's timeout.
     */
    @Override
    public int writers() {
        return db.dialect() == Dialect.POSTGRESQL && db.poolSize() >= TWO_WRITERS_POOL ? 2 : 1;
    }

    /** The smallest pool with which two batches are recorded at once. */
    static final int TWO_WRITERS_POOL = 4;

    private List<Recorded> recordInTurn(List<Write> writes, Turn turn) {
        Recorded[] out = new Recorded[writes.size()];
        List<Integer> batched = new ArrayList<>(writes.size());
        List<List<NewStrand>> strandsOf = new ArrayList<>(writes.size());
        List<Positions.Rendered> rendered = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            try {
                if (w.prepared() instanceof Rendered r) {
                    strandsOf.add(r.strands());
                    rendered.add(r.row());
                } else {
                    strandsOf.add(w.strands().stream().map(StrandJson::of).toList());
                    rendered.add(null);
                }
                batched.add(i);
            } catch (RuntimeException e) {
                strandsOf.add(List.of());
                out[i] = new Recorded(null, e);
            }
        }
        boolean[] committed = {false};
        try {
            db.inTransaction(c -> {
                if (batched.stream().noneMatch(i -> writes.get(i).durable())) {
                    db.deferFlush(c);
                }
                List<Position> rows = positions.updateAll(c,
                        batched.stream().map(i -> writes.get(i).position()).toList(), rendered);
                List<NewStrand> appended = new ArrayList<>();
                for (int k = 0; k < batched.size(); k++) {
                    int i = batched.get(k);
                    Position row = rows.get(k);
                    out[i] = row == null ? new Recorded(null, Positions.stale(writes.get(i).position()))
                            : new Recorded(row, null);
                    if (row != null) {
                        appended.addAll(strandsOf.get(i));
                    }
                }
                turn.await();
                strands.appending(() -> {
                    try {
                        strands.appendAll(c, appended);
                        c.commit(); // inside the lock: a learning read then sees these ids committed
                        committed[0] = true;
                    } catch (java.sql.SQLException e) {
                        throw new StoreException("strands of a tick's batch not written: "
                                + JdbcUrls.redact(e.getMessage()), e);
                    }
                    return null;
                });
                return null;
            });
            rememberWritten(out);
        } catch (StoreException e) {
            if (committed[0]) {
                // Written and committed; only what followed the commit failed (resetting the connection).
                log.warn("a tick's batch was committed, then its connection failed: {}",
                        JdbcUrls.redactedChain(e).toString());
                rememberWritten(out);
                return List.of(out);
            }
            log.warn("batched write of {} positions refused ({}); writing them one by one", batched.size(),
                    JdbcUrls.redactedChain(e).toString());
            turn.await(); // one by one, each row with its strands, still in the tick's order
            for (int i : batched) {
                out[i] = Recorded.of(writes.get(i), this);
            }
        }
        return List.of(out);
    }

    private void rememberWritten(Recorded[] out) {
        for (Recorded r : out) {
            if (r != null && r.written() != null) {
                positions.remember(r.written());
            }
        }
    }

    @Override
    public int orderAttempts(long positionId, long barCloseMs, String action) {
        return orders.attempts(positionId, barCloseMs, action);
    }

    @Override
    public java.util.Optional<Position> find(long id) {
        return positions.find(id);
    }

    @Override
    public void append(StrandEvent event) {
        NewStrand s = StrandJson.of(event);
        strands.append(s.kind(), s.scope(), s.payload());
    }

    @Override
    public Throwable loggable(Throwable e) {
        return JdbcUrls.redactedChain(e); // a driver's message can carry the connection URL
    }
}
