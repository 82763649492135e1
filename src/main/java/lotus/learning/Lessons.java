package lotus.learning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable snapshot of everything learned (STRATEGY.md §7): one tally per (book, pattern, subset), one tally and
 * rr EWMA per (book, timeframe), and the strand cursor. Readers share a snapshot; {@link Builder} makes the next one.
 */
public final class Lessons {

    /** A lesson speaks only from this many trades on. */
    static final int MIN_TRADES = 12;
    /** confidence = n / (n + 24): half-trusted at 24 trades. */
    static final double CONFIDENCE_TRADES = 24;
    static final double MAX_ADJUSTMENT = 0.5;
    static final double MIN_TIMEFRAME_WEIGHT = 0.5;
    static final double MAX_TIMEFRAME_WEIGHT = 2.0;

    public record LessonKey(Book book, String pattern, Subset subset) {
    }

    public record TimeframeKey(Book book, String timeframe) {
    }

    public record TimeframeStats(Tally tally, Ewma ewma) {

        static final TimeframeStats EMPTY = new TimeframeStats(Tally.EMPTY, Ewma.EMPTY);

        TimeframeStats plus(ClosedTrade t) {
            return new TimeframeStats(tally.plus(t), ewma.plus(t.rr().doubleValue(), t.closedAtMs()));
        }
    }

    /** The rows a page of strands changed, with the cursor after it: what one transaction stores. */
    public record Changes(Map<LessonKey, Tally> lessons, Map<TimeframeKey, TimeframeStats> timeframes,
            LearningStatus status) {
    }

    private final Map<LessonKey, Tally> lessons;
    private final Map<Book, Map<String, TimeframeStats>> timeframesByBook;
    private final Map<TimeframeKey, TimeframeStats> timeframes;
    /** Every trade of the book, all patterns: the baseline mean_rr_book. */
    private final Map<Book, Tally> books;
    private final LearningStatus status;

    public Lessons(Map<LessonKey, Tally> lessons, Map<TimeframeKey, TimeframeStats> timeframes, LearningStatus status) {
        this.lessons = Collections.unmodifiableMap(lessons);
        this.timeframes = Collections.unmodifiableMap(timeframes);
        this.status = status;
        Map<Book, Map<String, TimeframeStats>> byBook = new HashMap<>();
        Map<Book, Tally> totals = new HashMap<>();
        for (Map.Entry<TimeframeKey, TimeframeStats> e : timeframes.entrySet()) {
            Book b = e.getKey().book();
            byBook.computeIfAbsent(b, k -> new TreeMap<>()).put(e.getKey().timeframe(), e.getValue());
            totals.merge(b, e.getValue().tally(), Tally::plus);
        }
        this.timeframesByBook = byBook;
        this.books = totals;
    }

    static Lessons empty() {
        return new Lessons(Map.of(), Map.of(), new LearningStatus(0, 0, 0));
    }

    LearningStatus status() {
        return status;
    }

    /** 1 + clamp(confidence × (mean_rr_subset − mean_rr_book) / 4, −0.5, 0.5), confidence = n / (n + 24). */
    static double strength(long n, double meanRrSubset, double meanRrBook) {
        double confidence = n / (n + CONFIDENCE_TRADES);
        return 1 + Math.clamp(confidence * (meanRrSubset - meanRrBook) / 4, -MAX_ADJUSTMENT, MAX_ADJUSTMENT);
    }

    /**
     * The most specific lesson of the buy's pattern with at least {@link #MIN_TRADES} trades whose subset matches the
     * buy's scope, within the buy's own book; empty when none has enough trades.
     */
    Optional<Lesson> governingLesson(Scope buy) {
        if (buy.entryEvent() == null) {
            throw new IllegalArgumentException("a buy's scope needs its entry_event (the pattern): " + buy.label());
        }
        Book book = buy.book();
        for (int mask : Subset.BY_SPECIFICITY) {
            Subset s = Subset.of(buy, mask);
            if (s == null) {
                continue;
            }
            LessonKey key = new LessonKey(book, buy.entryEvent(), s);
            Tally t = lessons.get(key);
            if (t != null && t.n() >= MIN_TRADES) {
                return Optional.of(lesson(key, t));
            }
        }
        return Optional.empty();
    }

    double multiplier(Scope buy) {
        return governingLesson(buy).map(l -> l.multiplier().getAsDouble()).orElse(1.0);
    }

    /** Every lesson by book and pattern; within a pattern, fewer dimensions first, then timeframe > ticker > state. */
    List<Lesson> lessons() {
        List<Map.Entry<LessonKey, Tally>> entries = new ArrayList<>(lessons.entrySet());
        entries.sort(Comparator.<Map.Entry<LessonKey, Tally>, String>comparing(e -> e.getKey().book().tokenChain())
                .thenComparing(e -> e.getKey().book().bookId())
                .thenComparing(e -> e.getKey().pattern())
                .thenComparing(e -> e.getKey().subset().size())
                .thenComparing(e -> specificityRank(e.getKey().subset()))
                .thenComparing(e -> e.getKey().subset().key()));
        List<Lesson> out = new ArrayList<>(entries.size());
        for (Map.Entry<LessonKey, Tally> e : entries) {
            out.add(lesson(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** EWMA of rr per timeframe over the book's EWMA, clamped to [0.5, 2.0]. */
    // Ambiguity: no minimum trade count (§7 sets none): one trade moves its timeframe, within the clamp.
    // Ambiguity: a book EWMA <= 0 gives every timeframe 1.0: a ratio to it would flip sign or explode, and a losing
    // book has no earning timeframe to tilt its budget towards.
    TimeframeWeights timeframeWeights(Book book) {
        Map<String, TimeframeStats> byTf = timeframesByBook.getOrDefault(book, Map.of());
        long reference = Long.MIN_VALUE;
        for (TimeframeStats s : byTf.values()) {
            reference = Math.max(reference, s.ewma().lastClosedAtMs());
        }
        double weight = 0;
        double weightedRr = 0;
        Map<String, Double> ewmaRr = new TreeMap<>();
        for (Map.Entry<String, TimeframeStats> e : byTf.entrySet()) {
            Ewma decayed = e.getValue().ewma().decayedTo(reference);
            weight += decayed.weight();
            weightedRr += decayed.weightedRr();
            ewmaRr.put(e.getKey(), e.getValue().ewma().mean());
        }
        double bookEwma = weight == 0 ? 0 : weightedRr / weight;
        Map<String, Double> weights = new TreeMap<>();
        for (Map.Entry<String, Double> e : ewmaRr.entrySet()) {
            weights.put(e.getKey(), bookEwma > 0
                    ? Math.clamp(e.getValue() / bookEwma, MIN_TIMEFRAME_WEIGHT, MAX_TIMEFRAME_WEIGHT) : 1.0);
        }
        return new TimeframeWeights(book.bookId(), book.tokenChain(), bookEwma, ewmaRr, weights);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    private Lesson lesson(LessonKey key, Tally t) {
        OptionalDouble m = OptionalDouble.empty();
        if (t.n() >= MIN_TRADES) {
            m = OptionalDouble.of(strength(t.n(), t.meanRr(), books.getOrDefault(key.book(), Tally.EMPTY).meanRr()));
        }
        return new Lesson(key.book().bookId(), key.book().tokenChain(), key.pattern(), key.subset(), t.n(), t.wins(),
                t.winRate(), t.meanRr(), t.meanReturn(), m);
    }

    /** 0 for the most specific subset, 7 for the whole book. */
    private static int specificityRank(Subset s) {
        int mask = s.mask();
        for (int i = 0; i < Subset.BY_SPECIFICITY.length; i++) {
            if (Subset.BY_SPECIFICITY[i] == mask) {
                return i;
            }
        }
        throw new AssertionError(mask);
    }

    /** The next snapshot: strands applied one by one, remembering which rows changed. Used once. */
    static final class Builder {

        private Map<LessonKey, Tally> lessons;
        private Map<TimeframeKey, TimeframeStats> timeframes;
        private final Set<LessonKey> touchedLessons = new HashSet<>();
        private final Set<TimeframeKey> touchedTimeframes = new HashSet<>();
        private long lastStrandId;
        private long applied;
        private long skipped;

        private Builder(Lessons from) {
            lessons = new HashMap<>(from.lessons);
            timeframes = new HashMap<>(from.timeframes);
            lastStrandId = from.status.lastStrandId();
            applied = from.status.strandsApplied();
            skipped = from.status.strandsSkipped();
        }

        /** Updates the 2^k lessons whose subset the trade's scope has, and its timeframe. */
        void apply(ClosedTrade t) {
            advance(t.strandId());
            Book book = t.scope().book();
            for (int mask = 0; mask < 1 << Subset.DIMENSIONS; mask++) {
                Subset s = Subset.of(t.scope(), mask);
                if (s != null) {
                    LessonKey key = new LessonKey(book, t.scope().entryEvent(), s);
                    lessons.put(key, lessons.getOrDefault(key, Tally.EMPTY).plus(t));
                    touchedLessons.add(key);
                }
            }
            TimeframeKey tk = new TimeframeKey(book, t.scope().timeframe());
            timeframes.put(tk, timeframes.getOrDefault(tk, TimeframeStats.EMPTY).plus(t));
            touchedTimeframes.add(tk);
            applied++;
        }

        /** Moves the cursor past a strand that teaches nothing. */
        void skip(long strandId) {
            advance(strandId);
            skipped++;
        }

        LearningStatus status() {
            return new LearningStatus(lastStrandId, applied, skipped);
        }

        Changes changes() {
            Map<LessonKey, Tally> l = new HashMap<>();
            for (LessonKey k : touchedLessons) {
                l.put(k, lessons.get(k));
            }
            Map<TimeframeKey, TimeframeStats> tf = new HashMap<>();
            for (TimeframeKey k : touchedTimeframes) {
                tf.put(k, timeframes.get(k));
            }
            return new Changes(l, tf, status());
        }

        Lessons build() {
            Lessons out = new Lessons(lessons, timeframes, status());
            lessons = null;
            timeframes = null;
            return out;
        }

        private void advance(long strandId) {
            if (strandId <= lastStrandId) {
                throw new IllegalArgumentException("strand " + strandId + " is not after the cursor " + lastStrandId);
            }
            lastStrandId = strandId;
        }
    }
}
