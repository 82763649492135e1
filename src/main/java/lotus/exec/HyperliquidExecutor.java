package lotus.exec;

import lotus.pm.Executor;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import lotus.pm.OrderJournal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.hyperliquid.common.MarketKind;
import lotus.hyperliquid.common.UnknownAssetException;
import lotus.hyperliquid.common.Wire;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.ExchangeResponse;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.exchange.OrderOutcome;
import lotus.hyperliquid.exchange.UnknownOutcomeException;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.info.RefreshingCatalog;
import lotus.pm.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid spot and perps (seed §7): entry and add spend the decision's notional, trim sells
 * {@code quantity × size_frac}, emergency exit sells everything, each as an aggressive IOC limit at the best opposite
 * price moved by the slippage (a "market" order, HYPERLIQUID.md §7). Perps set the decision's leverage, capped at the
 * asset's maximum, before the first order of a position.
 *
 * <p>Dry run (the default) signs the exact request it would send and fills it against the current book with the taker
 * fee, returning the same result shape as live; a spot buy's fee is taken in the token bought, as the venue does.
 * Live writes each order to the ticket's journal under the ticket's cloid before sending it, and never resends: an
 * unknown outcome is returned as such, and {@link HyperliquidReconciler} settles it by cloid.
 *
 * <p>A perp's sell is reduce-only, sized from the venue's own position (rounded down, so it can never read "would
 * increase position"), and a full exit below the venue's $10 minimum is still sent: the venue allows reduce-only
 * orders under the minimum, and skipping them would strand the dust for ever.
 */
public final class HyperliquidExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(HyperliquidExecutor.class);
    private static final MathContext MC = new MathContext(34);
    public static final String VENUE = "hyperliquid";

    /**
     * @param slippage       how far past the best opposite price an IOC may fill (0.005 = 0.5 %)
     * @param minNotionalUsd local floor, above the venue's $10, so a small price move does not turn into a refusal
     */
    public record Settings(boolean live, BigDecimal slippage, BigDecimal minNotionalUsd, BigDecimal perpTakerFee,
            BigDecimal spotTakerFee, long orderExpiryMs) {

        public static Settings dryRun() {
            return new Settings(false, new BigDecimal("0.005"), new BigDecimal("11"), new BigDecimal("0.00045"),
                    new BigDecimal("0.0007"), 0);
        }

        public Settings withLive(boolean on) {
            return new Settings(on, slippage, minNotionalUsd, perpTakerFee, spotTakerFee, orderExpiryMs);
        }

        /**
         * Orders carry {@code expiresAfter} this long after their nonce (0 for none): an order the venue has not seen
         * by then it will refuse, which is what lets the reconciler settle an unknown one as never placed.
         */
        public Settings withOrderExpiry(long ms) {
            return new Settings(live, slippage, minNotionalUsd, perpTakerFee, spotTakerFee, ms);
        }
    }

    private final RefreshingCatalog catalog;
    private final HlInfoClient info;
    private final HlExchangeClient exchange;
    private final String master;
    private final Settings settings;

    /**
     * @param master the account traded for (its address for orderStatus); the exchange client's signer may be its
     *               agent
     */
    public HyperliquidExecutor(AssetCatalog catalog, HlInfoClient info, HlExchangeClient exchange, String master,
            Settings settings) {
        this(RefreshingCatalog.fixed(catalog), info, exchange, master, settings);
    }

    /** @param catalog the venue's assets, read again when a name is not in them (a new listing) */
    public HyperliquidExecutor(RefreshingCatalog catalog, HlInfoClient info, HlExchangeClient exchange,
            String master, Settings settings) {
        this.catalog = catalog;
        this.info = info;
        this.exchange = exchange;
        this.master = master;
        this.settings = settings;
        if (settings.live()) {
            log.warn("LIVE TRADING on Hyperliquid: orders signed by {} for {} will be sent", exchange.signerAddress(),
                    master);
        }
    }

    @Override
    public ExecutionResult execute(Decision decision, Position position, OrderTicket ticket) {
        boolean buy = decision.type().isBuy();
        boolean dry = !settings.live();
        Asset asset;
        try {
            asset = catalog.byName(position.tokenContract());
        } catch (UnknownAssetException e) {
            return ExecutionResult.skipped(decision.type(), buy, dry, e.getMessage());
        }
        HlInfoClient.Book book = info.l2Book(asset.apiCoin());
        List<HlInfoClient.Level> opposite = buy ? book.asks() : book.bids();
        if (opposite.isEmpty()) {
            return ExecutionResult.skipped(decision.type(), buy, dry, "no " + (buy ? "asks" : "bids") + " in the "
                    + asset.apiCoin() + " book");
        }
        BigDecimal ref = opposite.get(0).px();
        boolean reduceOnly = !buy && asset.kind() == MarketKind.PERP;
        BigDecimal size = buy ? buySize(decision, position, ref, asset) : sellSize(decision, position, asset);
        // Live, what the venue holds is the truth a sell is checked against: a reduce-only order larger than the
        // position, or a spot sell larger than the free balance (a spot buy's fee is paid in the token bought), is
        // refused, so never ask for more.
        BigDecimal venueFree = buy || dry ? null : reduceOnly ? venuePerpSize(asset.apiCoin()) : venueSpotFree(asset);
        BigDecimal venueHeld = venueFree == null ? null : Wire.roundSizeDown(venueFree, asset.szDecimals());
        if (venueHeld != null) {
            size = size.min(venueHeld);
        }
        if (size.signum() <= 0) {
            return ExecutionResult.skipped(decision.type(), buy, dry, buy ? "no budget left to buy with"
                    : "nothing to sell (quantity " + position.quantity().toPlainString()
                            + (venueHeld != null ? ", the venue holds none" : "") + ")");
        }
        BigDecimal factor = buy ? BigDecimal.ONE.add(settings.slippage()) : BigDecimal.ONE.subtract(settings.slippage());
        // An IOC rounds toward the market: a buy limit up, a sell limit down (HYPERLIQUID.md §5).
        BigDecimal limit = Wire.roundPrice(ref.multiply(factor, MC), asset.kind(), asset.szDecimals(),
                buy ? RoundingMode.UP : RoundingMode.DOWN);
        boolean closesAll = reduceOnly && size.compareTo(venueHeld != null ? venueHeld
                : Wire.roundSizeDown(position.quantity(), asset.szDecimals())) >= 0;
        Optional<String> tooSmall = Wire.belowMinimumNotional(size, limit, settings.minNotionalUsd());
        if (tooSmall.isPresent() && !closesAll) {
            return ExecutionResult.skipped(decision.type(), buy, dry, tooSmall.get());
        }
        String cloid = ticket.cloid();
        ExchangeActions.Order order = new ExchangeActions.Order(asset.assetId(), buy, limit, size, reduceOnly,
                new ExchangeActions.Limit(ExchangeActions.Tif.IOC), cloid);
        HlExchangeClient.SignedAction signed = exchange.sign(ExchangeActions.order(List.of(order)),
                settings.orderExpiryMs());
        if (dry) {
            return fillAgainstBook(decision, asset, opposite, limit, size, cloid, signed);
        }
        ExecutionResult result = sendLive(decision, position, asset, cloid, signed, ticket.journal());
        // What the venue still holds bounds the dust a spot full exit leaves (PositionAccounting.applyFill).
        return decision.type() == DecisionType.EMERGENCY_EXIT && asset.kind() == MarketKind.SPOT && venueFree != null
                && result.filledAnything() ? result.withVenueLeft(venueFree.subtract(result.filledSize())) : result;
    }

    /** The master's free balance of a spot pair's base token: total less what open orders hold. */
    private BigDecimal venueSpotFree(Asset pair) {
        int token = catalog.current().spotBase(pair).tokenIndex();
        return info.spotAccount(master).free(token);
    }

    /** The size of the master's perp position in {@code coin}, absolute (0 when none). */
    private BigDecimal venuePerpSize(String coin) {
        return info.perpAccount(master).szi(coin).abs();
    }

    private BigDecimal buySize(Decision d, Position p, BigDecimal ref, Asset asset) {
        return Wire.roundSizeDown(d.notionalUsd().divide(ref, MC), asset.szDecimals());
    }

    /**
     * A trim sells its fraction of the quantity; a full exit sells everything on the size grid, on spot with the
     * position's dust: what earlier exits left below a step is sold once it adds up to one, so the venue never holds
     * a step or more of it (perps have none: their fee is in USDC, their size on the grid).
     */
    private static BigDecimal sellSize(Decision d, Position p, Asset asset) {
        BigDecimal qty = d.type() != DecisionType.EMERGENCY_EXIT ? p.quantity().multiply(d.sizeFrac())
                : asset.kind() == MarketKind.SPOT ? p.quantity().add(p.dust()) : p.quantity();
        return Wire.roundSizeDown(qty, asset.szDecimals());
    }

    /**
     * The dry-run fill model: walk the book up to the limit, one fill per level as the venue matches, volume-weighted,
     * taker fee as the venue charges it (see {@link #filled}).
     */
    private ExecutionResult fillAgainstBook(Decision d, Asset asset, List<HlInfoClient.Level> levels, BigDecimal limit,
            BigDecimal size, String cloid, HlExchangeClient.SignedAction signed) {
        boolean buy = d.type().isBuy();
        BigDecimal left = size;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal feeTokens = BigDecimal.ZERO;
        for (HlInfoClient.Level l : levels) {
            boolean within = buy ? l.px().compareTo(limit) <= 0 : l.px().compareTo(limit) >= 0;
            if (!within || left.signum() == 0) {
                break;
            }
            BigDecimal take = left.min(l.sz());
            notional = notional.add(take.multiply(l.px()));
            feeTokens = feeTokens.add(spotBuyFee(asset, buy, take));
            left = left.subtract(take);
        }
        BigDecimal filled = size.subtract(left);
        if (filled.signum() == 0) {
            return new ExecutionResult(ExecutionResult.Status.REJECTED, d.type(), buy, BigDecimal.ZERO, null,
                    BigDecimal.ZERO, BigDecimal.ZERO, cloid, true,
                    "Order could not immediately match against any resting orders (dry run)", signed.body());
        }
        return filled(d, asset, left.signum() == 0, filled, notional.divide(filled, MC), feeTokens, cloid, true,
                signed);
    }

    /**
     * The fee tokens the venue charged on a filled spot buy, from its fills of the order, when they show all of it in
     * the token bought; empty when they do not yet (the answer can lag the order) or cannot be read. A discounted
     * account (referral, staking, volume tier) pays less than the configured rate, and the book must hold what the
     * venue credited, or the difference would stay on the venue beside the position's dust.
     */
    private Optional<BigDecimal> venueFeeTokens(Asset asset, lotus.hyperliquid.exchange.OrderOutcome.Filled f) {
        try {
            String base = catalog.current().spotBase(asset).name();
            BigDecimal sz = BigDecimal.ZERO;
            BigDecimal fee = BigDecimal.ZERO;
            for (lotus.hyperliquid.info.UserFill u : info.recentFills(master)) {
                if (u.oid() == f.oid()) {
                    if (!base.equals(u.feeToken())) {
                        return Optional.empty();
                    }
                    sz = sz.add(u.sz());
                    fee = fee.add(u.fee());
                }
            }
            return sz.compareTo(f.totalSz()) == 0 ? Optional.of(fee) : Optional.empty();
        } catch (RuntimeException e) {
            log.warn("fills of order {} unreadable; its fee taken at the configured rate: {}", f.oid(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** A spot buy's fee of {@code sz}, in base units, at the configured rate; 0 for perps and sells (fee in USDC). */
    private BigDecimal spotBuyFee(Asset asset, boolean buy, BigDecimal sz) {
        if (!buy || asset.kind() != MarketKind.SPOT) {
            return BigDecimal.ZERO;
        }
        return Wire.spotBuyFee(sz, settings.spotTakerFee(), catalog.current().spotBase(asset).weiDecimals());
    }

    /**
     * The result of {@code sz} filled at {@code avgPx}, dry or live alike. Perps and spot sells pay the taker rate on
     * the notional, in USDC. A spot buy pays {@code feeTokens} of the token bought, as the venue charges it: the size
     * is what the account received (sz − feeTokens), the notional that size × price, the fee the tokens × price. So
     * the position's quantity is what the venue holds, gross PnL has no fee in it, and net PnL counts the fee once.
     * The allocation (the notional) is then the fee short of the USDC that left the account, as for every fill: the
     * fee is kept in the fee total, never in the allocation, so budgets treat a spot buy as they treat a perp's.
     */
    private ExecutionResult filled(Decision d, Asset asset, boolean complete, BigDecimal sz, BigDecimal avgPx,
            BigDecimal feeTokens, String cloid, boolean dry, HlExchangeClient.SignedAction signed) {
        ExecutionResult.Status status = complete ? ExecutionResult.Status.FILLED
                : ExecutionResult.Status.PARTIALLY_FILLED;
        boolean buy = d.type().isBuy();
        if (buy && asset.kind() == MarketKind.SPOT) {
            BigDecimal received = sz.subtract(feeTokens);
            return new ExecutionResult(status, d.type(), true, received, avgPx, received.multiply(avgPx),
                    feeTokens.multiply(avgPx), cloid, dry, null, signed.body());
        }
        BigDecimal notional = sz.multiply(avgPx);
        BigDecimal fee = notional.multiply(asset.kind() == MarketKind.PERP ? settings.perpTakerFee()
                : settings.spotTakerFee());
        return new ExecutionResult(status, d.type(), buy, sz, avgPx, notional, fee, cloid, dry, null, signed.body());
    }

    private ExecutionResult sendLive(Decision d, Position p, Asset asset, String cloid,
            HlExchangeClient.SignedAction signed, OrderJournal journal) {
        boolean buy = d.type().isBuy();
        if (asset.kind() == MarketKind.PERP && d.leverage() > 0 && p.quantity().signum() == 0) {
            int leverage = Math.min(d.leverage(), asset.maxLeverage());
            try {
                ExchangeResponse r = exchange.updateLeverage(asset.assetId(), true, leverage);
                if (!(r instanceof ExchangeResponse.Ok)) {
                    return rejected(d, cloid, "updateLeverage " + leverage + " refused: " + r, signed);
                }
            } catch (UnknownOutcomeException e) {
                return rejected(d, cloid, "updateLeverage had no answer; order not sent: " + e.getMessage(), signed);
            }
        }
        try {
            journal.beforeSend(VENUE, signed.body());
        } catch (RuntimeException e) {
            return rejected(d, cloid, "not sent: the order could not be journalled: " + e.getMessage(), signed);
        }
        ExchangeResponse response;
        try {
            response = exchange.send(signed);
            lotus.pm.FailPoint.hit("after_send");
        } catch (UnknownOutcomeException e) {
            log.warn("order {} for {}: outcome unknown; the reconciler settles it by cloid: {}", cloid, p.label(),
                    e.getMessage());
            return unknown(d, cloid, e.getMessage(), signed);
        }
        return settle(d, asset, cloid, signed, response);
    }

    private static ExecutionResult unknown(Decision d, String cloid, String reason,
            HlExchangeClient.SignedAction signed) {
        return new ExecutionResult(ExecutionResult.Status.UNKNOWN, d.type(), d.type().isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, cloid, false, reason, signed.body());
    }

    private ExecutionResult settle(Decision d, Asset asset, String cloid, HlExchangeClient.SignedAction signed,
            ExchangeResponse response) {
        boolean buy = d.type().isBuy();
        if (response instanceof ExchangeResponse.Orders orders && !orders.statuses().isEmpty()) {
            OrderOutcome o = orders.statuses().get(0);
            if (o instanceof OrderOutcome.Filled f) {
                // The venue's answer carries no fee (HYPERLIQUID.md §7: totalSz, avgPx, oid): the configured rate
                // prices it, on the whole size at once (the venue cuts each fill's fee to wei apart, so a fill over
                // several levels may differ by a wei per level; the reconciler uses the fees the venue reports).
                BigDecimal wanted = new BigDecimal(signed.action().get("orders").get(0).get("s").asText());
                BigDecimal feeTokens = spotBuyFee(asset, buy, f.totalSz());
                if (feeTokens.signum() > 0) {
                    feeTokens = venueFeeTokens(asset, f).orElse(feeTokens);
                }
                return filled(d, asset, f.totalSz().compareTo(wanted) >= 0, f.totalSz(), f.avgPx(), feeTokens, cloid,
                        false, signed);
            }
            if (o instanceof OrderOutcome.Rejected r) {
                return rejected(d, cloid, r.text(), signed);
            }
            // An IOC should never rest; if the venue says it does, what fills of it is the reconciler's to settle.
            return unknown(d, cloid, "IOC answered " + o + "; left to the reconciler", signed);
        }
        // A refusal of the whole request carries the venue's text, so an own fault (signer, nonce) is classified and halts.
        return rejected(d, cloid, response instanceof ExchangeResponse.Refused r ? r.text() : response.toString(),
                signed);
    }

    private static ExecutionResult rejected(Decision d, String cloid, String reason,
            HlExchangeClient.SignedAction signed) {
        return new ExecutionResult(ExecutionResult.Status.REJECTED, d.type(), d.type().isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, cloid, false, reason, signed.body());
    }
}
