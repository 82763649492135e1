package lotus.store;

import lotus.pm.Position;
import lotus.pm.StrandEvent;
import lotus.pm.PositionLedger;
import lotus.pm.JournalWrite;
import lotus.pm.StalePositionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * A {@link PositionLedger} and {@link StrandLog} in memory, for a backtest: rows and strands as the database would
 * hold them (ids from 1, versions from 0, times from the injected clock, the same optimistic version check), gone
 * with the run. Thread-safe.
 *
 * <p>{@link #tickOrdered} numbers the strands of one tick (one clock time) in their positions' id order, whatever
 * order parallel workers recorded them in: the order a serial tick, which processes positions by id, records them
 * in. Learning reads strands in id order, so a backtest on two threads learns what it learns on one.
 */
public final class MemoryPositionLedger implements PositionLedger, StrandLog {

    private final Clock clock;
    private final TreeMap<Long, Position> rows = new TreeMap<>();
    private final Map<String, List<Strand>> strandsByKind = new HashMap<>();
    private long nextPositionId = 1;
    private long nextStrandId = 1;
    /** Strands recorded at {@link #stagedAtMs} not numbered yet, in arrival order. */
    private final List<Staged> staged = new ArrayList<>();
    private long stagedAtMs;

    private record Staged(long positionId, NewStrand strand) {
    }

    private final boolean tickOrdered;

    /** Strands numbered as they arrive, as the database numbers them. */
    public MemoryPositionLedger(Clock clock) {
        this(clock, false);
    }

    private MemoryPositionLedger(Clock clock, boolean tickOrdered) {
        this.clock = clock;
        this.tickOrdered = tickOrdered;
    }

    /**
     * Strands of one clock time numbered by position id when the time moves on or they are read: a tick's, if its
     * positions ran on several threads, as a serial tick numbers them.
     */
    public static MemoryPositionLedger tickOrdered(Clock clock) {
        return new MemoryPositionLedger(clock, true);
    }

    /**
     * A {@code watchlist} row with empty features and no trades, as {@link Positions#insert} stores it.
     *
     * @throws PositionExistsException when the key is taken, as {@link Positions#insert} throws it
     */
    public synchronized Position insert(NewPosition p) {
        for (Position q : rows.values()) {
            if (q.tokenContract().equals(p.tokenContract()) && q.tokenChain().equals(p.tokenChain())
                    && q.timeframe() == p.timeframe()) {
                throw new PositionExistsException("a position for " + p.tokenContract() + " on " + p.tokenChain()
                        + " " + p.timeframe() + " already exists", null);
            }
        }
        long now = clock.nowMs();
        Position row = Position.watching(nextPositionId++, p.tokenContract(), p.tokenChain(), p.tokenTicker(),
                p.timeframe(), p.bookId(), p.totalAllocationPct(), p.totalAllocationUsd(), now);
        rows.put(row.id(), row);
        return row;
    }

    @Override
    public synchronized List<Position> byTimeframe(Timeframe timeframe) {
        List<Position> out = new ArrayList<>();
        for (Position p : rows.values()) {
            if (p.timeframe() == timeframe) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public synchronized Position record(Position p, List<StrandEvent> strands, boolean durable,
            JournalWrite journal) {
        if (journal != null) {
            // A replay fills on paper and sends nothing: there is no order to journal.
            throw new IllegalStateException("an in-memory ledger keeps no order journal (" + journal.cloid() + ")");
        }
        Position current = rows.get(p.id());
        if (current == null || current.version() != p.version()) {
            throw new StalePositionException("position " + p.label() + " changed since version " + p.version()
                    + " was read; re-read it and decide again");
        }
        long now = clock.nowMs();
        Position written = p.stored(p.version() + 1, now);
        rows.put(p.id(), written);
        for (StrandEvent s : strands) {
            stage(s, now);
        }
        return written;
    }

    @Override
    public int orderAttempts(long positionId, long barCloseMs, String action) {
        return 0; // nothing is journalled in memory
    }

    @Override
    public synchronized java.util.Optional<Position> find(long id) {
        return java.util.Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized void append(StrandEvent strand) {
        stage(strand, clock.nowMs());
    }

    private void stage(StrandEvent strand, long now) {
        if (!staged.isEmpty() && now != stagedAtMs) {
            number(); // a later tick: the earlier one's strands come first
        }
        stagedAtMs = now;
        staged.add(new Staged(strand.positionId(), StrandJson.of(strand)));
        if (!tickOrdered) {
            number();
        }
    }

    /** Numbers the staged strands, by position id and then in arrival order (a stable sort). */
    private void number() {
        staged.sort(java.util.Comparator.comparingLong(Staged::positionId));
        for (Staged st : staged) {
            NewStrand s = st.strand();
            strandsByKind.computeIfAbsent(s.kind(), k -> new ArrayList<>())
                    .add(new Strand(nextStrandId++, s.kind(), s.scope(), s.payload(), stagedAtMs));
        }
        staged.clear();
    }

    @Override
    public synchronized List<Strand> byKind(String kind, long afterId, int limit) {
        number();
        List<Strand> all = strandsByKind.getOrDefault(kind, List.of());
        // Ids only grow, so the strands after afterId are a suffix; most calls (a catch-up per tick) find none.
        int from = all.size();
        while (from > 0 && all.get(from - 1).id() > afterId) {
            from--;
        }
        // In long: from + Integer.MAX_VALUE (no limit) would overflow to a negative end.
        return List.copyOf(all.subList(from, (int) Math.min(all.size(), (long) from + limit)));
    }
}
