package lotus.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import lotus.time.Timeframe;

/**
 * Streaming OHLCV rollup of trades into several timeframes at once.
 *
 * <p>Rules: open is the earliest trade by (time, tid), close the latest, whatever the arrival order; volume is the
 * sum of base sizes; a repeated tid is ignored. A bar becomes final when its period closes, either because a later
 * trade of the same coin arrives or because {@link #flush(long)} is called with a clock time past its close. A late
 * trade whose bar closed less than the grace ago corrects the bar and the corrected final is emitted again; later
 * than that it is rejected (gap repair from the venue's candles owns that period).
 *
 * <p>Provisional (still open) bars are emitted by {@link #flush(long)}, once per changed bar, not once per trade: a
 * store cannot absorb six upserts per trade and wants only the latest state.
 *
 * <p>Only the smallest timeframe (the leaf) sees every trade; the larger ones absorb each leaf bar when it closes,
 * which keeps the hot path to one bar update per trade. Lateness is judged on the leaf, so every timeframe accepts
 * or rejects a trade together and the larger bars always equal the rollup of the leaf bars.
 *
 * <p>Not thread-safe: one rollup belongs to one consumer thread.
 *
 * <p>Over 400 lines because the rules above (order, lateness, corrections, provisional emission) act on the same bars
 * and are checked together by one reference test; split, each part would need the others' state.
 */
public final class BarRollup {

    private final String chain;
    private final Timeframe leafTf;
    private final Timeframe[] parentTfs;
    private final long graceMs;
    private final Predicate<String> knownCoin;
    private final BarSink sink;

    private final Map<String, CoinBook> books = new HashMap<>();
    private final List<CoinBook> dirtyBooks = new ArrayList<>();
    private final long[] counts = new long[RollupOutcome.values().length];
    private long flushedUpToMs = Long.MIN_VALUE;

    /**
     * @param chain      the chain written into every bar ({@code hyperliquid}, ...)
     * @param timeframes the periods to build, at least one
     * @param lateGrace  how long after a bar's close a late trade may still correct it
     * @param knownCoin  the universe: trades of other coins are rejected and counted
     */
    public BarRollup(String chain, Set<Timeframe> timeframes, Duration lateGrace, Predicate<String> knownCoin,
            BarSink sink) {
        if (chain == null || chain.isBlank()) {
            throw new IllegalArgumentException("rollup chain must not be blank");
        }
        if (timeframes.isEmpty()) {
            throw new IllegalArgumentException("rollup needs at least one timeframe");
        }
        if (lateGrace.isNegative()) {
            throw new IllegalArgumentException("late-trade grace must not be negative: " + lateGrace);
        }
        EnumSet<Timeframe> sorted = EnumSet.copyOf(timeframes);
        this.chain = chain;
        this.leafTf = sorted.iterator().next();
        sorted.remove(leafTf);
        this.parentTfs = sorted.toArray(Timeframe[]::new);
        this.graceMs = lateGrace.toMillis();
        this.knownCoin = Objects.requireNonNull(knownCoin, "knownCoin");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Parses wire text and rolls the trade in; text that is not a decimal is rejected and counted. */
    public RollupOutcome accept(String coin, long tid, long timeMs, String pxText, String szText, Side side) {
        BigDecimal px;
        BigDecimal sz;
        try {
            px = Decimals.parse(pxText);
            sz = Decimals.parse(szText);
        } catch (NumberFormatException e) {
            return counted(RollupOutcome.REJECTED_NOT_A_NUMBER);
        }
        if (coin == null || coin.isBlank()) {
            return counted(RollupOutcome.REJECTED_UNKNOWN_COIN);
        }
        return accept(new Trade(coin, tid, timeMs, px, sz, side));
    }

    public RollupOutcome accept(Trade trade) {
        if (!knownCoin.test(trade.coin())) {
            return counted(RollupOutcome.REJECTED_UNKNOWN_COIN);
        }
        if (trade.px().signum() <= 0) {
            return counted(RollupOutcome.REJECTED_NON_POSITIVE_PRICE);
        }
        if (trade.sz().signum() <= 0) {
            return counted(RollupOutcome.REJECTED_NON_POSITIVE_SIZE);
        }
        CoinBook book = books.get(trade.coin());
        if (book == null) {
            book = new CoinBook(trade.coin(), parentTfs.length);
            books.put(trade.coin(), book);
        }
        long timeMs = trade.timeMs();
        long leafOpen = leafTf.floor(timeMs);
        long watermark = Math.max(book.maxTradeTimeMs, flushedUpToMs);
        if (pastGrace(leafTf, leafOpen, watermark)) {
            return counted(RollupOutcome.REJECTED_TOO_LATE);
        }
        // A repeated trade carries its original time, so only its own leaf bar's ids need checking.
        Agg leaf = book.leaf;
        if (leaf != null && leaf.openTimeMs == leafOpen) {
            if (!leaf.tids.add(trade.tid())) {
                return counted(RollupOutcome.DUPLICATE);
            }
            book.maxTradeTimeMs = Math.max(book.maxTradeTimeMs, timeMs);
            leaf.addTrade(trade);
            markDirty(book);
            return counted(RollupOutcome.ACCEPTED);
        }
        if (leafOpen > book.maxLeafOpen) {
            book.maxTradeTimeMs = Math.max(book.maxTradeTimeMs, timeMs);
            rollForward(book, trade, leafOpen);
            return counted(RollupOutcome.ACCEPTED);
        }
        Agg closedLeaf = findOrInsert(book.closedLeaves, leafOpen, true, 16);
        if (!closedLeaf.tids.add(trade.tid())) {
            return counted(RollupOutcome.DUPLICATE);
        }
        book.maxTradeTimeMs = Math.max(book.maxTradeTimeMs, timeMs);
        correctClosedBars(book, closedLeaf, trade);
        return counted(RollupOutcome.LATE_CORRECTION);
    }

    /**
     * Finalises every bar whose period closed at or before {@code nowMs}, emits the provisional state of every bar
     * changed since the last flush, and forgets closed bars older than the grace.
     */
    public void flush(long nowMs) {
        flushedUpToMs = Math.max(flushedUpToMs, nowMs);
        var it = books.values().iterator();
        while (it.hasNext()) {
            CoinBook book = it.next();
            if (book.leaf != null && leafTf.closeTimeMs(book.leaf.openTimeMs) <= nowMs) {
                closeLeaf(book);
            }
            for (int i = 0; i < parentTfs.length; i++) {
                Agg parent = book.parents[i];
                if (parent != null && parentTfs[i].closeTimeMs(parent.openTimeMs) <= nowMs) {
                    closeParent(book, i);
                }
            }
            evict(book, Math.max(book.maxTradeTimeMs, flushedUpToMs));
            if (book.isEmpty()) {
                it.remove();
            }
        }
        for (CoinBook book : dirtyBooks) {
            emitProvisional(book);
            book.dirty = false;
        }
        dirtyBooks.clear();
    }

    public long count(RollupOutcome outcome) {
        return counts[outcome.ordinal()];
    }

    /** Every outcome with its count so far, zeros included. */
    public Map<RollupOutcome, Long> counts() {
        Map<RollupOutcome, Long> out = new EnumMap<>(RollupOutcome.class);
        for (RollupOutcome o : RollupOutcome.values()) {
            out.put(o, counts[o.ordinal()]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Trades rejected for any reason. */
    public long rejected() {
        long n = 0;
        for (RollupOutcome o : RollupOutcome.values()) {
            if (o.isRejection()) {
                n += counts[o.ordinal()];
            }
        }
        return n;
    }

    private void rollForward(CoinBook book, Trade trade, long leafOpen) {
        if (book.leaf != null) {
            closeLeaf(book);
        }
        for (int i = 0; i < parentTfs.length; i++) {
            long parentOpen = parentTfs[i].floor(trade.timeMs());
            Agg parent = book.parents[i];
            if (parent != null && parent.openTimeMs < parentOpen) {
                closeParent(book, i);
                parent = null;
            }
            if (parent == null) {
                book.parents[i] = new Agg(parentOpen, false, 0);
            }
        }
        // Sized from the previous leaf so that a busy coin's id set rarely has to grow.
        Agg leaf = new Agg(leafOpen, true, book.lastLeafCount);
        leaf.tids.add(trade.tid());
        leaf.addTrade(trade);
        book.leaf = leaf;
        book.maxLeafOpen = leafOpen;
        markDirty(book);
        evict(book, Math.max(book.maxTradeTimeMs, flushedUpToMs));
    }

    /** A late trade: fix its closed leaf bar and every larger bar that contains it, re-emitting the finals. */
    private void correctClosedBars(CoinBook book, Agg leaf, Trade trade) {
        leaf.addTrade(trade);
        sink.onBar(leaf.toBar(book.coin, chain, leafTf), true);
        for (int i = 0; i < parentTfs.length; i++) {
            long parentOpen = parentTfs[i].floor(trade.timeMs());
            Agg open = book.parents[i];
            if (open != null && open.openTimeMs == parentOpen) {
                open.addTrade(trade);
                markDirty(book);
            } else {
                Agg closed = findOrInsert(book.closedParents.get(i), parentOpen, false, 0);
                closed.addTrade(trade);
                sink.onBar(closed.toBar(book.coin, chain, parentTfs[i]), true);
            }
        }
    }

    private void closeLeaf(CoinBook book) {
        Agg leaf = book.leaf;
        for (int i = 0; i < parentTfs.length; i++) {
            Agg parent = book.parents[i];
            if (parent == null || parent.openTimeMs != parentTfs[i].floor(leaf.openTimeMs)) {
                throw new IllegalStateException("rollup invariant broken: no open " + parentTfs[i] + " bar for "
                        + book.coin + " leaf @" + leaf.openTimeMs);
            }
            parent.addAgg(leaf);
        }
        sink.onBar(leaf.toBar(book.coin, chain, leafTf), true);
        book.lastLeafCount = leaf.count;
        book.closedLeaves.add(leaf);
        book.leaf = null;
    }

    private void closeParent(CoinBook book, int i) {
        Agg parent = book.parents[i];
        sink.onBar(parent.toBar(book.coin, chain, parentTfs[i]), true);
        book.closedParents.get(i).add(parent);
        book.parents[i] = null;
    }

    private void emitProvisional(CoinBook book) {
        Agg leaf = book.leaf;
        if (leaf != null) {
            sink.onBar(leaf.toBar(book.coin, chain, leafTf), false);
        }
        for (int i = 0; i < parentTfs.length; i++) {
            Agg parent = book.parents[i];
            if (parent == null) {
                continue;
            }
            Agg view = leaf == null ? parent : parent.mergedWith(leaf);
            if (view.count > 0) {
                sink.onBar(view.toBar(book.coin, chain, parentTfs[i]), false);
            }
        }
    }

    private void evict(CoinBook book, long watermark) {
        evictFrom(book.closedLeaves, leafTf, watermark);
        for (int i = 0; i < parentTfs.length; i++) {
            evictFrom(book.closedParents.get(i), parentTfs[i], watermark);
        }
    }

    private void evictFrom(List<Agg> closed, Timeframe tf, long watermark) {
        int n = 0;
        while (n < closed.size() && pastGrace(tf, closed.get(n).openTimeMs, watermark)) {
            n++;
        }
        if (n > 0) {
            closed.subList(0, n).clear();
        }
    }

    private boolean pastGrace(Timeframe tf, long openTimeMs, long watermark) {
        return watermark != Long.MIN_VALUE && tf.closeTimeMs(openTimeMs) + graceMs <= watermark;
    }

    private void markDirty(CoinBook book) {
        if (!book.dirty) {
            book.dirty = true;
            dirtyBooks.add(book);
        }
    }

    private RollupOutcome counted(RollupOutcome outcome) {
        counts[outcome.ordinal()]++;
        return outcome;
    }

    /** Sorted by open time; late bars that never opened are inserted in place. */
    private static Agg findOrInsert(List<Agg> closed, long openTimeMs, boolean leaf, int expectedTrades) {
        int i = 0;
        while (i < closed.size() && closed.get(i).openTimeMs < openTimeMs) {
            i++;
        }
        if (i < closed.size() && closed.get(i).openTimeMs == openTimeMs) {
            return closed.get(i);
        }
        Agg created = new Agg(openTimeMs, leaf, expectedTrades);
        closed.add(i, created);
        return created;
    }

    /** The rollup state of one coin. */
    private static final class CoinBook {
        final String coin;
        final Agg[] parents;
        final List<Agg> closedLeaves = new ArrayList<>(4);
        final List<List<Agg>> closedParents;
        Agg leaf;
        long maxLeafOpen = Long.MIN_VALUE;
        long maxTradeTimeMs = Long.MIN_VALUE;
        int lastLeafCount = 16;
        boolean dirty;

        CoinBook(String coin, int parentCount) {
            this.coin = coin;
            this.parents = new Agg[parentCount];
            this.closedParents = new ArrayList<>(parentCount);
            for (int i = 0; i < parentCount; i++) {
                closedParents.add(new ArrayList<>(2));
            }
        }

        boolean isEmpty() {
            if (leaf != null || !closedLeaves.isEmpty()) {
                return false;
            }
            for (int i = 0; i < parents.length; i++) {
                if (parents[i] != null || !closedParents.get(i).isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A bar under construction: the aggregate of some trades. Empty while {@code count == 0}. */
    private static final class Agg {
        final long openTimeMs;
        final LongHashSet tids;
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume = BigDecimal.ZERO;
        long firstTimeMs;
        long firstTid;
        long lastTimeMs;
        long lastTid;
        int count;

        /** @param keepsTids leaf bars keep the ids of their trades for dedupe; larger bars need not */
        Agg(long openTimeMs, boolean keepsTids, int expectedTrades) {
            this.openTimeMs = openTimeMs;
            this.tids = keepsTids ? new LongHashSet(expectedTrades) : null;
        }

        void addTrade(Trade t) {
            merge(t.timeMs(), t.tid(), t.px(), t.timeMs(), t.tid(), t.px(), t.px(), t.px(), t.sz(), 1);
        }

        void addAgg(Agg o) {
            if (o.count > 0) {
                merge(o.firstTimeMs, o.firstTid, o.open, o.lastTimeMs, o.lastTid, o.close, o.high, o.low, o.volume,
                        o.count);
            }
        }

        Agg mergedWith(Agg other) {
            Agg copy = new Agg(openTimeMs, false, 0);
            copy.addAgg(this);
            copy.addAgg(other);
            return copy;
        }

        private void merge(long fTime, long fTid, BigDecimal fPx, long lTime, long lTid, BigDecimal lPx,
                BigDecimal hi, BigDecimal lo, BigDecimal vol, int n) {
            if (count == 0) {
                firstTimeMs = fTime;
                firstTid = fTid;
                open = fPx;
                lastTimeMs = lTime;
                lastTid = lTid;
                close = lPx;
                high = hi;
                low = lo;
                volume = vol;
                count = n;
                return;
            }
            if (fTime < firstTimeMs || (fTime == firstTimeMs && fTid < firstTid)) {
                firstTimeMs = fTime;
                firstTid = fTid;
                open = fPx;
            }
            if (lTime > lastTimeMs || (lTime == lastTimeMs && lTid > lastTid)) {
                lastTimeMs = lTime;
                lastTid = lTid;
                close = lPx;
            }
            if (hi.compareTo(high) > 0) {
                high = hi;
            }
            if (lo.compareTo(low) < 0) {
                low = lo;
            }
            volume = volume.add(vol);
            count += n;
        }

        Bar toBar(String coin, String chain, Timeframe tf) {
            return new Bar(coin, chain, tf, openTimeMs, open, high, low, close, volume, count);
        }
    }
}
