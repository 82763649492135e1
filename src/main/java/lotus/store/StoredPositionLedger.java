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
import java.util.concurrent.ConcurrentHashMap;
import lotus.time.Timeframe;

/** The live {@link PositionLedger}: {@code lowcap_positions} and {@code ad_strands}, one transaction per record. */
public final class StoredPositionLedger implements PositionLedger {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StoredPositionLedger.class);

    private final Database db;
    private final Positions positions;
    private final Strands strands;
    private final Orders orders;
    /**
     * The rows as this ledger last wrote them, by id: a row read back at the same version and update time is this
     * write (every update bumps the version under its guard), so its JSON need not be parsed again.
     */
    private final Map<Long, Position> written = new ConcurrentHashMap<>();

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

    /** The tick's positions in one query; rows still as this ledger wrote them are not parsed again. */
    @Override
    public List<Position> withTokenSiblings(Timeframe timeframe) {
        return positions.withTokenSiblings(timeframe, written);
    }

    @Override
    public List<Position> ofToken(String tokenChain, String bookId, String tokenContract) {
        return positions.ofToken(tokenChain, bookId, tokenContract);
    }

    @Override
    public Position record(Position p, List<StrandEvent> events, boolean durable, JournalWrite journal) {
        Position stored = db.inTransaction(c -> {
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
        });
        written.put(stored.id(), stored);
        return stored;
    }

    /**
     * The writes in one transaction: the rows in JDBC batches under their version guard, then the strands of the rows
     * written. Should the database refuse the batch, the writes go one by one, so one bad row fails alone.
     */
    @Override
    public List<Recorded> recordAll(List<Write> writes) {
        Recorded[] out = new Recorded[writes.size()];
        List<Integer> batched = new ArrayList<>(writes.size());
        List<List<NewStrand>> strandsOf = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            try {
                strandsOf.add(writes.get(i).strands().stream().map(StrandJson::of).toList());
                batched.add(i);
            } catch (RuntimeException e) {
                strandsOf.add(List.of());
                out[i] = new Recorded(null, e);
            }
        }
        try {
            db.inTransaction(c -> {
                if (batched.stream().noneMatch(i -> writes.get(i).durable())) {
                    db.deferFlush(c);
                }
                List<Position> rows = positions.updateAll(c,
                        batched.stream().map(i -> writes.get(i).position()).toList());
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
                strands.appendAll(c, appended);
                return null;
            });
            for (Recorded r : out) {
                if (r != null && r.written() != null) {
                    written.put(r.written().id(), r.written());
                }
            }
        } catch (StoreException e) {
            log.warn("batched write of {} positions refused ({}); writing them one by one", batched.size(),
                    JdbcUrls.redactedChain(e).toString());
            for (int i : batched) {
                out[i] = Recorded.of(writes.get(i), this);
            }
        }
        return List.of(out);
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
