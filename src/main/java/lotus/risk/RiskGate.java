package lotus.risk;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import lotus.alert.Alert;
import lotus.alert.AlertSink;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.ScopeState;
import lotus.store.TradingState;
import lotus.store.TradingStates;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every order passes before it is signed (ARCHITECTURE.md, Safety), after NautilusTrader's RiskEngine
 * and freqtrade's protections. Checks run in a fixed order and the first refusal wins: trading state, orders per
 * minute per venue, then for buys only order notional, token exposure, book exposure, open positions, daily loss and
 * drawdown. Every limit is inclusive (exactly at it passes).
 *
 * <p>The trading state and the book's positions are read from the database at every check, never cached: a halt
 * written by another process ({@code lotus halt}) must stop the very next order. (A row the database still holds at
 * the version this gate last read is not parsed again: a tick's buys each read a book of thousands.) The order-rate
 * window and the unknown-outcome streak are this process's own.
 */
public final class RiskGate {

    /** Who the gate's own trips are recorded as in {@code trading_states.changed_by}. */
    public static final String CHANGED_BY = "risk_gate";

    /** Every kind of refusal {@link #refusals()} counts: the limits' names, in the order they are checked. */
    public static final List<String> LIMITS = List.of("trading_state", "max_orders_per_minute",
            "max_order_notional_usd", "max_token_exposure_usd", "max_book_exposure_usd",
            "max_open_positions_per_book", "daily_loss_stop_usd", "max_drawdown_pct");

    static final long RATE_WINDOW_MS = 60_000;
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final Logger log = LoggerFactory.getLogger(RiskGate.class);

    private final RiskLimits limits;
    private final TradingStates states;
    private final Positions positions;
    private final Clock clock;
    private final BigDecimal walletUsd;
    private final AlertSink alerts;
    private final Map<String, Deque<Long>> passedByVenue = new HashMap<>();
    private final Map<String, Long> refusals = new TreeMap<>();
    /**
     * Guards {@link #unknownInARow}, which no check reads: an outcome is counted without waiting for the buy check
     * another worker is making.
     */
    private final Object streak = new Object();
    private int unknownInARow;
    /**
     * Buys let through whose fills the stored positions may not show yet (the PM's workers check in parallel and
     * write after the venue answers), by position: counted in the book's and the token's usage until the position is
     * written again.
     */
    private final Map<Long, InFlight> inFlight = new HashMap<>();

    /** @param version the position's version when its buy was let through: a later one has its fill */
    private record InFlight(String tokenChain, String bookId, String token, BigDecimal notionalUsd, boolean opens,
            long version) {
    }

    /**
     * Each book's positions as its last buy check read them, by venue: the next check reads the book again and takes
     * a row from here only when the database still has it at the same version and update time.
     */
    private final Map<String, Map<Long, Position>> lastRead = new HashMap<>();

    /** The versions of the positions the last buy check read. */
    private Map<Long, Long> versionsRead = Map.of();

    /** @param walletUsd what each book's positions size against ({@code pm.wallet_usd}): the base of its equity */
    public RiskGate(RiskLimits limits, TradingStates states, Positions positions, Clock clock, BigDecimal walletUsd) {
        this(limits, states, positions, clock, walletUsd, AlertSink.NONE);
    }

    /** @param alerts where the daily loss stop is announced when it trips */
    public RiskGate(RiskLimits limits, TradingStates states, Positions positions, Clock clock, BigDecimal walletUsd,
            AlertSink alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.states = Objects.requireNonNull(states, "states");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.walletUsd = Objects.requireNonNull(walletUsd, "walletUsd");
    }

    public RiskLimits limits() {
        return limits;
    }

    /** Checks one order; a pass is counted in its venue's rate window, a refusal in {@link #refusals()}. */
    public synchronized Verdict check(OrderRequest r) {
        Verdict v = evaluate(r);
        if (v.passed()) {
            passedByVenue.computeIfAbsent(r.tokenChain(), k -> new ArrayDeque<>()).addLast(clock.nowMs());
            if (r.buy() && r.positionId() != null) {
                inFlight.put(r.positionId(), new InFlight(r.tokenChain(), r.bookId(), r.tokenContract(),
                        v.notionalUsd(), r.positionQuantity().signum() == 0,
                        versionsRead.getOrDefault(r.positionId(), -1L)));
            }
        } else {
            refusals.merge(v.kind(), 1L, Long::sum);
            log.warn("order refused: {} {} {}/{} position={}: {}", r.label(), r.tokenContract(), r.tokenChain(),
                    r.bookId(), r.positionId(), v.reason());
        }
        return v;
    }

    private Verdict evaluate(OrderRequest r) {
        ScopeState global = states.current(TradingStates.GLOBAL);
        ScopeState book = states.current(r.bookId());
        ScopeState strict = book.state().compareTo(global.state()) > 0 ? book : global;
        if (strict.state() == TradingState.HALTED) {
            return Verdict.refuse("trading_state", "trading_state: halted refuses every order (" + strict.scope()
                    + ": " + strict.reason() + ")");
        }
        if (strict.state() == TradingState.REDUCING && r.buy()) {
            return Verdict.refuse("trading_state", "trading_state: reducing refuses buys (" + strict.scope() + ": "
                    + strict.reason() + ")");
        }

        long now = clock.nowMs();
        Deque<Long> window = passedByVenue.computeIfAbsent(r.tokenChain(), k -> new ArrayDeque<>());
        while (!window.isEmpty() && window.peekFirst() <= now - RATE_WINDOW_MS) {
            window.removeFirst();
        }
        if (!r.buy()) {
            // Exits are counted but never held back by the rate: in a crash every position may want out at once,
            // and a sell can only sell what is held.
            return Verdict.pass(null);
        }
        if (window.size() + 1 > limits.maxOrdersPerMinute()) {
            return Verdict.refuse("max_orders_per_minute", "max_orders_per_minute: " + (window.size() + 1) + " > "
                    + limits.maxOrdersPerMinute() + " on " + r.tokenChain());
        }

        BigDecimal notional = r.live() ? r.notionalUsd().multiply(limits.liveScale(), MC) : r.notionalUsd();
        if (notional.compareTo(limits.maxOrderNotionalUsd()) > 0) {
            return Verdict.refuse("max_order_notional_usd", "max_order_notional_usd: " + usd(notional) + " > "
                    + plain(limits.maxOrderNotionalUsd()));
        }
        long dayStartMs = Timeframe.D1.floor(now);
        String venue = r.tokenChain() + "/" + r.bookId();
        List<Position> rows = positions.byVenueForRisk(r.tokenChain(), r.bookId(),
                lastRead.getOrDefault(venue, Map.of()));
        Map<Long, Position> read = new HashMap<>();
        for (Position p : rows) {
            read.put(p.id(), p);
        }
        lastRead.put(venue, read);
        BookUsage usage = BookUsage.of(r.bookId(), rows, dayStartMs);
        Pending pending = pending(r, rows);
        BigDecimal tokenHeld = usage.tokenExposureUsd(r.tokenContract()).add(pending.tokenUsd(), MC);
        BigDecimal tokenAfter = tokenHeld.add(notional, MC);
        if (tokenAfter.compareTo(limits.maxTokenExposureUsd()) > 0) {
            return Verdict.refuse("max_token_exposure_usd", "max_token_exposure_usd: " + usd(tokenAfter) + " > "
                    + plain(limits.maxTokenExposureUsd()) + " (" + r.tokenContract() + " in " + r.bookId() + ": "
                    + usd(tokenHeld) + " held + " + usd(notional) + ")");
        }
        BigDecimal bookHeld = usage.exposureUsd().add(pending.bookUsd(), MC);
        BigDecimal bookAfter = bookHeld.add(notional, MC);
        if (bookAfter.compareTo(limits.maxBookExposureUsd()) > 0) {
            return Verdict.refuse("max_book_exposure_usd", "max_book_exposure_usd: " + usd(bookAfter) + " > "
                    + plain(limits.maxBookExposureUsd()) + " (" + r.bookId() + ": " + usd(bookHeld)
                    + " held + " + usd(notional) + ")");
        }
        int open = usage.openPositions() + pending.opening();
        if (r.positionQuantity().signum() == 0 && open + 1 > limits.maxOpenPositionsPerBook()) {
            return Verdict.refuse("max_open_positions_per_book", "max_open_positions_per_book: "
                    + (open + 1) + " > " + limits.maxOpenPositionsPerBook() + " (" + r.bookId() + ")");
        }
        BigDecimal loss = usage.pnlTodayUsd().negate();
        if (loss.compareTo(limits.dailyLossStopUsd()) > 0) {
            return tripBook("daily_loss_stop_usd", r.bookId(), "daily_loss_stop_usd: " + usd(loss) + " > "
                    + plain(limits.dailyLossStopUsd()) + " (" + r.bookId() + " today: realised "
                    + usd(usage.realisedTodayUsd()) + ", marked " + usd(usage.markedUsd()) + ")");
        }
        BigDecimal equity = usage.equityUsd(walletUsd);
        BigDecimal peak = states.raiseEquityPeak(r.bookId(), equity);
        BigDecimal drawdownPct = drawdownPct(equity, peak);
        if (drawdownPct.compareTo(limits.maxDrawdownPct()) > 0) {
            return tripBook("max_drawdown_pct", r.bookId(), "max_drawdown_pct: " + usd(drawdownPct) + " > "
                    + plain(limits.maxDrawdownPct()) + " (" + r.bookId() + ": equity " + usd(equity) + ", peak "
                    + usd(peak) + ")");
        }
        return Verdict.pass(notional);
    }

    /** What buys let through but not yet written add to this book's and this token's usage. */
    private record Pending(BigDecimal bookUsd, BigDecimal tokenUsd, int opening) {
    }

    private Pending pending(OrderRequest r, List<Position> rows) {
        Map<Long, Long> written = new HashMap<>();
        for (Position p : rows) {
            written.put(p.id(), p.version());
        }
        versionsRead = written;
        BigDecimal book = BigDecimal.ZERO;
        BigDecimal token = BigDecimal.ZERO;
        int opening = 0;
        var it = inFlight.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            InFlight f = e.getValue();
            Long updated = written.get(e.getKey());
            if (updated != null && updated > f.version()) {
                it.remove(); // written since: its fill (or that nothing filled) is in the stored row
                continue;
            }
            if (e.getKey().equals(r.positionId()) || !f.tokenChain().equals(r.tokenChain())
                    || !f.bookId().equals(r.bookId())) {
                continue;
            }
            book = book.add(f.notionalUsd(), MC);
            if (f.token().equals(r.tokenContract())) {
                token = token.add(f.notionalUsd(), MC);
            }
            opening += f.opens() ? 1 : 0;
        }
        // Orders journalled and on their way (live): the row waits for them under features.pending_order and holds
        // nothing of them yet. Counted at the planned notional, before live_scale: high, never low.
        for (Position p : rows) {
            lotus.pm.PlannedAction pending = p.features().pendingOrder();
            BigDecimal n = pending == null ? null : pending.action().notionalUsd();
            if (p.id() == (r.positionId() == null ? -1 : r.positionId()) || n == null) {
                continue;
            }
            book = book.add(n, MC);
            if (p.tokenContract().equals(r.tokenContract())) {
                token = token.add(n, MC);
            }
            opening += p.quantity().signum() == 0 ? 1 : 0;
        }
        return new Pending(book, token, opening);
    }

    /** Percent fallen from {@code peakUsd} to {@code equityUsd}; 0 at or above the peak or with no positive peak. */
    public static BigDecimal drawdownPct(BigDecimal equityUsd, BigDecimal peakUsd) {
        if (peakUsd.signum() <= 0 || equityUsd.compareTo(peakUsd) >= 0) {
            return BigDecimal.ZERO;
        }
        return peakUsd.subtract(equityUsd, MC).multiply(HUNDRED, MC).divide(peakUsd, MC);
    }

    private Verdict tripBook(String kind, String bookId, String reason) {
        boolean changed = states.tighten(bookId, TradingState.REDUCING, reason, CHANGED_BY);
        log.error("book {} set to reducing: {}", bookId, reason);
        if (changed && kind.equals("daily_loss_stop_usd")) {
            // Once, when it trips: afterwards the book is reducing and its buys stop at the trading state check.
            alerts.send(new Alert(Alert.Kind.DAILY_LOSS_STOP, bookId, reason, clock.nowMs()));
        }
        return Verdict.refuse(kind, reason);
    }

    /** The venue refused an order for a fault of ours (signing, nonce, formatting): everything halts. */
    public synchronized void recordOwnFaultRejection(String reason) {
        halt("own_fault_rejection: " + reason);
    }

    /** An order was sent and its outcome is not known; {@code unknown_outcomes_to_halt} in a row halt everything. */
    public void recordUnknownOutcome() {
        synchronized (streak) {
            unknownInARow++;
            if (unknownInARow >= limits.unknownOutcomesToHalt()) {
                halt("unknown_outcomes_to_halt: " + unknownInARow + " unknown order outcomes in a row");
            }
        }
    }

    /** An order's outcome is known (filled or refused by the venue): the unknown streak starts again. */
    public void recordSettled() {
        synchronized (streak) {
            unknownInARow = 0;
        }
    }

    /** The venue's account and the book disagree: the book may only reduce until an operator resumes it. */
    public synchronized void accountDrift(String bookId, String detail) {
        String reason = "account_drift: " + detail;
        states.tighten(bookId, TradingState.REDUCING, reason, CHANGED_BY);
        log.error("book {} set to reducing: {}", bookId, reason);
    }

    /** Refusals so far by kind (the limit's name), for metrics and status lines. */
    public synchronized Map<String, Long> refusals() {
        return Map.copyOf(refusals);
    }

    /** Orders let through on a venue in the last 60 s (this process only). */
    public synchronized int ordersInLastMinute(String tokenChain) {
        long now = clock.nowMs();
        Deque<Long> window = passedByVenue.get(tokenChain);
        return window == null ? 0 : (int) window.stream().filter(t -> t > now - RATE_WINDOW_MS).count();
    }

    private void halt(String reason) {
        states.tighten(TradingStates.GLOBAL, TradingState.HALTED, reason, CHANGED_BY);
        log.error("trading halted: {}", reason);
    }

    /** Two decimals, rounded away from zero so a value just over a limit never prints as the limit itself. */
    static String usd(BigDecimal v) {
        return v.setScale(2, RoundingMode.UP).toPlainString();
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
