package lotus.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.hyperliquid.common.Wire;
import lotus.hyperliquid.exchange.ExchangeActions;

/**
 * Executes verified actions on one account: places orders (validate, match against the simulated book, settle the
 * fills), cancels, sets leverage and the dead man's switch, and queues the user-stream frames each action produced.
 * Called only under {@link SimExchange}'s lock.
 *
 * <p>Our choices where the venue is unverified: a GTC order that fills in part and rests answers {@code resting};
 * an IOC order that fills in part answers {@code filled} with the filled part and ends {@code canceled} (remaining
 * size in {@code sz}); resting orders are never filled later by the simulated market; our fills print no public
 * trade and do not move the simulated book.
 */
final class Trader {

    /** Order ids exceed 2^32 on the venue; starting above it catches a client that stores them in an int. */
    private static final long FIRST_OID = 50_000_000_000L;
    /** scheduleCancel needs a time at least this far ahead (HYPERLIQUID.md §7). */
    static final long MIN_SCHEDULE_LEAD_MS = 5_000;

    private final SimConfig.Trading trading;
    private final SimMarket market;
    private final UserOutbox outbox;
    private final TradeTags tags;
    private final OrderValidator validator;
    private final Map<Integer, Universe.Listing> listings = new HashMap<>();
    /** Spot base tokens by token index: a spot buy's fee is charged in them. */
    private final Map<Integer, Universe.SpotToken> tokens = new HashMap<>();
    private final Map<Long, SimOrder> ordersByOid = new HashMap<>();
    private long nextOid = FIRST_OID;

    /** Frames one action produced for its user, sent together when the action is done. */
    private final class Events {
        final String user;
        final List<SimFill> fills = new ArrayList<>();
        final List<String> updates = new ArrayList<>();

        Events(String user) {
            this.user = user;
        }

        void flush() {
            if (!fills.isEmpty()) {
                outbox.add(Subscription.userFills(user), UserFrames.userFillsFrame(user, fills, false));
            }
            if (!updates.isEmpty()) {
                outbox.add(Subscription.orderUpdates(user), UserFrames.orderUpdatesFrame(updates));
            }
        }
    }

    Trader(SimConfig.Trading trading, SimMarket market, UserOutbox outbox, TradeTags tags) {
        this.trading = trading;
        this.market = market;
        this.outbox = outbox;
        this.tags = tags;
        this.validator = new OrderValidator(trading);
        for (Universe.Listing listing : market.universe().listings()) {
            listings.put(listing.asset().assetId(), listing);
        }
        for (Universe.SpotToken token : market.universe().tokens()) {
            tokens.put(token.index(), token);
        }
    }

    /** Any user's order by oid, rejected ones included. */
    SimOrder order(long oid) {
        return ordersByOid.get(oid);
    }

    String placeOrders(Account account, SimAction.PlaceOrders action, long nowMs) {
        Events events = new Events(account.address);
        List<String> statuses = new ArrayList<>();
        for (ExchangeActions.Order order : action.orders()) {
            statuses.add(place(account, order, nowMs, events));
        }
        events.flush();
        return ExchangeReplies.statuses("order", statuses);
    }

    private String place(Account account, ExchangeActions.Order order, long nowMs, Events events) {
        Universe.Listing listing = listings.get(order.asset());
        if (listing == null) {
            return ExchangeReplies.error("Order has invalid asset. asset=" + order.asset()); // text unverified
        }
        SimCoin.Book book = market.book(listing.asset().apiCoin(), nowMs);
        OrderValidator.Rejection rejection = validator.check(account, listing, order, book,
                () -> account.margin(market::markPx, trading.defaultLeverage()).free());
        ExchangeActions.Tif tif = order.type() instanceof ExchangeActions.Limit limit ? limit.tif() : null;
        if (rejection != null) {
            if (rejection.status() != null) {
                newOrder(account, listing, order, tif, nowMs).setStatus(rejection.status(), nowMs);
            }
            return ExchangeReplies.error(rejection.text());
        }
        SimOrder placed = newOrder(account, listing, order, tif, nowMs);
        List<Matcher.Match> matches = tif == ExchangeActions.Tif.ALO ? List.of()
                : Matcher.walk(book, order.isBuy(), order.px(), order.sz());
        if (matches.isEmpty() && tif == ExchangeActions.Tif.IOC) {
            placed.setStatus(SimOrder.Status.IOC_CANCEL_REJECTED, nowMs);
            return ExchangeReplies.error("Order could not immediately match against any resting orders. asset="
                    + listing.asset().assetId());
        }
        for (Matcher.Match match : matches) {
            fill(account, placed, match, nowMs, events);
        }
        if (placed.sz.signum() == 0 || tif == ExchangeActions.Tif.IOC) {
            placed.setStatus(placed.sz.signum() == 0 ? SimOrder.Status.FILLED : SimOrder.Status.CANCELED, nowMs);
            events.updates.add(UserFrames.orderUpdate(placed));
            return ExchangeReplies.filled(Matcher.totalSz(matches), Matcher.averagePx(matches), placed.oid,
                    placed.cloid);
        }
        account.openOrders.put(placed.oid, placed);
        events.updates.add(UserFrames.orderUpdate(placed));
        return ExchangeReplies.resting(placed.oid, placed.cloid);
    }

    private SimOrder newOrder(Account account, Universe.Listing listing, ExchangeActions.Order order,
            ExchangeActions.Tif tif, long nowMs) {
        SimOrder placed = new SimOrder(nextOid++, account.address, listing, order, tif, nowMs);
        ordersByOid.put(placed.oid, placed);
        if (placed.cloid != null) {
            account.byCloid.put(placed.cloid, placed);
        }
        return placed;
    }

    private void fill(Account account, SimOrder order, Matcher.Match match, long nowMs, Events events) {
        Account.FillEffect effect;
        BigDecimal fee;
        String feeToken = "USDC";
        if (order.isPerp()) {
            fee = match.px().multiply(match.sz()).multiply(trading.perpTakerFeeRate());
            effect = account.applyPerp(order.listing, order.isBuy, match.px(), match.sz(), fee);
        } else if (order.isBuy) {
            // As on the venue, a spot buy pays its fee in the token bought: the account is credited the size less it.
            Universe.SpotToken base = tokens.get(order.listing.baseToken());
            fee = Wire.spotBuyFee(match.sz(), trading.spotTakerFeeRate(), base.weiDecimals());
            feeToken = base.name();
            effect = account.applySpot(order.listing, true, match.px(), match.sz(), fee);
        } else {
            fee = match.px().multiply(match.sz()).multiply(trading.spotTakerFeeRate());
            effect = account.applySpot(order.listing, false, match.px(), match.sz(), fee);
        }
        long tid = market.takeTid();
        SimFill fill = new SimFill(order.asset().apiCoin(), match.px(), match.sz(), order.isBuy ? "B" : "A", nowMs,
                effect.startPosition(), effect.dir(), effect.closedPnl(), tags.hash(tid), order.oid, true, fee, tid,
                feeToken, order.cloid);
        account.addFill(fill);
        events.fills.add(fill);
        order.sz = order.sz.subtract(match.sz());
    }

    String cancel(Account account, SimAction.Cancel action, long nowMs) {
        Events events = new Events(account.address);
        List<String> statuses = new ArrayList<>();
        for (SimAction.OrderRef ref : action.cancels()) {
            statuses.add(cancelOne(account, account.openOrders.get(ref.oid()), ref.asset(), nowMs, events));
        }
        events.flush();
        return ExchangeReplies.statuses("cancel", statuses);
    }

    String cancelByCloid(Account account, SimAction.CancelByCloid action, long nowMs) {
        Events events = new Events(account.address);
        List<String> statuses = new ArrayList<>();
        for (SimAction.CloidRef ref : action.cancels()) {
            statuses.add(cancelOne(account, account.byCloid.get(ref.cloid()), ref.asset(), nowMs, events));
        }
        events.flush();
        return ExchangeReplies.statuses("cancel", statuses);
    }

    private String cancelOne(Account account, SimOrder order, int assetId, long nowMs, Events events) {
        if (order == null || order.status != SimOrder.Status.OPEN || order.asset().assetId() != assetId) {
            return ExchangeReplies.CANCEL_FAILED;
        }
        close(account, order, SimOrder.Status.CANCELED, nowMs, events);
        return ExchangeReplies.SUCCESS;
    }

    private static void close(Account account, SimOrder order, SimOrder.Status status, long timeMs, Events events) {
        account.openOrders.remove(order.oid);
        order.setStatus(status, timeMs);
        events.updates.add(UserFrames.orderUpdate(order));
    }

    /** Texts of the refusals are ours (unverified). */
    String updateLeverage(Account account, SimAction.UpdateLeverage action) {
        Universe.Listing listing = listings.get(action.asset());
        if (listing == null || listing.asset().kind() != SimAsset.Kind.PERP) {
            return ExchangeReplies.err("Invalid asset for leverage update: " + action.asset());
        }
        if (action.leverage() > listing.asset().maxLeverage()) {
            return ExchangeReplies.err("Invalid leverage value: " + action.leverage() + " exceeds the maximum "
                    + listing.asset().maxLeverage() + " of " + listing.asset().apiCoin());
        }
        account.leverages.put(action.asset(), new Account.Leverage(action.leverage(), action.isCross()));
        return ExchangeReplies.DEFAULT_OK;
    }

    String scheduleCancel(Account account, SimAction.ScheduleCancel action, long nowMs) {
        if (action.timeMs() != null && action.timeMs() < nowMs + MIN_SCHEDULE_LEAD_MS) {
            return ExchangeReplies.err("Scheduled cancel time too early, must be at least 5 seconds from now.");
        }
        account.scheduledCancelMs = action.timeMs();
        return ExchangeReplies.DEFAULT_OK;
    }

    /** Fires every dead man's switch due by {@code nowMs}: all open orders end {@code scheduledCancel} at its time. */
    void fireScheduledCancels(Collection<Account> accounts, long nowMs) {
        for (Account account : accounts) {
            Long dueMs = account.scheduledCancelMs;
            if (dueMs == null || dueMs > nowMs) {
                continue;
            }
            account.scheduledCancelMs = null;
            Events events = new Events(account.address);
            for (SimOrder order : List.copyOf(account.openOrders.values())) {
                close(account, order, SimOrder.Status.SCHEDULED_CANCEL, dueMs, events);
            }
            events.flush();
        }
    }
}
