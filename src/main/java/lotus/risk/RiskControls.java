package lotus.risk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.ScopeState;
import lotus.store.TradingState;
import lotus.store.TradingStates;
import lotus.time.Clock;
import lotus.time.Timeframe;

/** What an operator does to the risk gate from the command line: halt, resume, and read where each book stands. */
public final class RiskControls {

    /** Who operator changes are recorded as in {@code trading_states.changed_by}. */
    public static final String OPERATOR = "operator";

    private final TradingStates states;
    private final Positions positions;
    private final Clock clock;

    public RiskControls(TradingStates states, Positions positions, Clock clock) {
        this.states = states;
        this.positions = positions;
        this.clock = clock;
    }

    /** One book's usage as the database tells it, with its stored equity peak (empty before the first buy check). */
    public record BookLine(BookUsage usage, BigDecimal equityUsd, Optional<BigDecimal> peakUsd,
            BigDecimal drawdownPct) {
    }

    /** Every stored state, and every book with positions or a stored state. */
    public record Report(long dayStartMs, List<ScopeState> states, List<BookLine> books) {
    }

    /** Halts one book, or everything when {@code bookId} is null. */
    public ScopeState halt(String bookId, String reason) {
        return halt(bookId, reason, OPERATOR);
    }

    /**
     * {@link #halt(String, String)} recorded as {@code by} in {@code trading_states.changed_by}: the operator's API
     * names the caller there.
     */
    public ScopeState halt(String bookId, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a halt needs a reason");
        }
        checkBook(bookId);
        return states.set(bookId == null ? TradingStates.GLOBAL : bookId, TradingState.HALTED, reason.strip(), by);
    }

    /** Makes one book, or the global scope, active again; a book still obeys a global halt. */
    public ScopeState resume(String bookId) {
        return resume(bookId, "resumed", OPERATOR);
    }

    /** {@link #resume(String)} with its reason and who asked, as {@link #halt(String, String, String)} records them. */
    public ScopeState resume(String bookId, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a resume needs a reason");
        }
        checkBook(bookId);
        return states.set(bookId == null ? TradingStates.GLOBAL : bookId, TradingState.ACTIVE, reason.strip(), by);
    }

    /** The seed's books; a book of the database's own positions is accepted too. */
    public static final java.util.Set<String> BOOKS = java.util.Set.of("spot", "perps", "social");

    /** A typo must not "halt" a scope nothing reads and report success. */
    private void checkBook(String bookId) {
        if (bookId == null || BOOKS.contains(bookId)) {
            return;
        }
        java.util.Set<String> known = new java.util.TreeSet<>(BOOKS);
        for (lotus.time.Timeframe tf : lotus.time.Timeframe.values()) {
            positions.byTimeframe(tf).forEach(p -> known.add(p.bookId()));
        }
        if (!known.contains(bookId)) {
            throw new IllegalArgumentException("unknown book '" + bookId + "'; books: " + String.join(", ", known));
        }
    }

    /** The state a book trades under now: the stricter of global and its own. */
    public TradingState effective(String bookId) {
        return states.effective(bookId);
    }

    public Report report(BigDecimal walletUsd) {
        long dayStartMs = Timeframe.D1.floor(clock.nowMs());
        List<ScopeState> stored = states.all();
        Map<String, List<Position>> byBook = new TreeMap<>();
        for (Position p : positions.allForRisk()) {
            byBook.computeIfAbsent(p.bookId(), k -> new ArrayList<>()).add(p);
        }
        TreeSet<String> books = new TreeSet<>(byBook.keySet());
        stored.stream().map(ScopeState::scope).filter(s -> !s.equals(TradingStates.GLOBAL)).forEach(books::add);
        List<BookLine> lines = new ArrayList<>();
        for (String book : books) {
            BookUsage u = BookUsage.of(book, byBook.getOrDefault(book, List.of()), dayStartMs);
            BigDecimal equity = u.equityUsd(walletUsd);
            Optional<BigDecimal> peak = states.equityPeak(book);
            lines.add(new BookLine(u, equity, peak, RiskGate.drawdownPct(equity, peak.orElse(equity).max(equity))));
        }
        return new Report(dayStartMs, stored, lines);
    }
}
