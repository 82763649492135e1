package lotus.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learning (STRATEGY.md §7): turns {@code position_closed} strands into lessons per pattern and scope subset, the
 * strength multipliers the planner applies to entries and adds, and per-book timeframe weights. The aggregates live
 * in the database with a cursor over {@code ad_strands}, so a restart continues where it stopped; reads are served
 * from an in-memory snapshot and never touch the database.
 *
 * <p>Thread-safe: any number of readers, and {@link #catchUp()} calls run one at a time.
 */
public final class LearningSystem {

    private static final Logger log = LoggerFactory.getLogger(LearningSystem.class);

    /** The strand kind learning consumes. */
    public static final String POSITION_CLOSED = StrandKind.POSITION_CLOSED.wire();
    /** A lesson yields a multiplier from this many trades on. */
    public static final int MIN_TRADES = Lessons.MIN_TRADES;
    public static final int DEFAULT_PAGE_SIZE = 500;

    private final ClosedTrades strands;
    private final LearningStore store;
    private final int pageSize;
    private volatile Lessons snapshot;

    /** Loads what {@code store} learned so far; call {@link #catchUp()} to apply strands written since. */
    public LearningSystem(ClosedTrades strands, LearningStore store) {
        this(strands, store, DEFAULT_PAGE_SIZE);
    }

    /** @param pageSize strands read and stored per transaction */
    public LearningSystem(ClosedTrades strands, LearningStore store, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        this.strands = strands;
        this.store = store;
        this.pageSize = pageSize;
        this.snapshot = store.load();
    }

    /**
     * Learning from {@code strands} that stores nothing: it starts with no lessons and forgets them with the object,
     * for a backtest, which must learn only from its own trades and leave the live tables alone.
     */
    public static LearningSystem inMemory(ClosedTrades strands) {
        return new LearningSystem(strands, LearningStore.NONE, DEFAULT_PAGE_SIZE);
    }

    /**
     * Applies every {@code position_closed} strand after the cursor, a page per transaction (aggregates and cursor
     * together). Malformed strands are counted, logged with their reason and passed over. If another writer moved the
     * cursor meanwhile, its work is reloaded instead of being applied twice.
     *
     * @return how many strands this call consumed, applied or skipped
     */
    public synchronized int catchUp() {
        int consumed = 0;
        while (true) {
            Lessons current = snapshot;
            List<ClosedTrade.Parsed> page = strands.after(current.status().lastStrandId(), pageSize);
            if (page.isEmpty()) {
                return consumed;
            }
            Lessons.Builder next = current.toBuilder();
            List<ClosedTrade.Malformed> malformed = new ArrayList<>();
            for (ClosedTrade.Parsed parsed : page) {
                switch (parsed) {
                    case ClosedTrade.Valid v -> next.apply(v.trade());
                    case ClosedTrade.Malformed m -> {
                        next.skip(m.strandId());
                        malformed.add(m);
                    }
                }
            }
            if (!store.save(current.status().lastStrandId(), next.changes())) {
                log.warn("learning cursor moved past strand {} by another writer: reloading its lessons",
                        current.status().lastStrandId());
                snapshot = store.load();
                continue;
            }
            snapshot = next.build();
            consumed += page.size();
            for (ClosedTrade.Malformed m : malformed) {
                log.warn("learning skipped strand id={} kind={}: {}", m.strandId(), POSITION_CLOSED, m.why());
            }
        }
    }

    /**
     * The size multiplier for a buy (STRATEGY.md §7): {@code buy} is the position's scope with the buy's pattern as
     * {@code entryEvent} and the engine state at the buy as {@code entryState} (null if unknown). The most specific
     * lesson of that pattern in the same (book_id, token_chain) with at least {@link #MIN_TRADES} trades gives
     * {@code 1 + clamp(n/(n+24) × (mean_rr_subset − mean_rr_book)/4, −0.5, 0.5)}; without one, 1.0.
     *
     * @throws IllegalArgumentException when {@code buy} has no entryEvent
     */
    public double multiplier(Scope buy) {
        return snapshot.multiplier(buy);
    }

    /** The lesson behind {@link #multiplier(Scope)}, for a decision's reasons; empty when the multiplier is 1.0. */
    public Optional<Lesson> governingLesson(Scope buy) {
        return snapshot.governingLesson(buy);
    }

    /** The book's timeframe weights; a book or timeframe without closed trades weighs 1.0. */
    public TimeframeWeights timeframeWeights(String bookId, String tokenChain) {
        return snapshot.timeframeWeights(new Book(bookId, tokenChain));
    }

    /** Every lesson, for printing, by chain, book and pattern, from the whole book to the most specific subset. */
    public List<Lesson> lessons() {
        return snapshot.lessons();
    }

    public LearningStatus status() {
        return snapshot.status();
    }
}
