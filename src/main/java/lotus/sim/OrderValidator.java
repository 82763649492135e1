package lotus.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.market.Decimals;

/**
 * The checks one order passes before it may trade (HYPERLIQUID.md §5, §7, §9), in the venue's order and with its
 * texts, each ending in {@code asset=<id>}. A refusal names the {@link SimOrder.Status} the venue records for it, or
 * none when the order is refused before it gets an oid.
 */
final class OrderValidator {

    record Rejection(String text, SimOrder.Status status) {
    }

    private final SimConfig.Trading trading;

    OrderValidator(SimConfig.Trading trading) {
        this.trading = trading;
    }

    /**
     * @param freeUsdc what the account may still commit (perp margin or spot USDC), computed only when needed
     * @return null when the order may trade
     */
    Rejection check(Account account, Universe.Listing listing, ExchangeActions.Order order, SimCoin.Book book,
            Supplier<BigDecimal> freeUsdc) {
        SimAsset asset = listing.asset();
        String suffix = " asset=" + asset.assetId();
        boolean perp = asset.kind() == SimAsset.Kind.PERP;
        if (!(order.type() instanceof ExchangeActions.Limit limit)) {
            return new Rejection("Trigger orders are not simulated." + suffix, null);
        }
        if (!validPrice(order.px(), asset)) {
            return new Rejection("Order has invalid price." + suffix, SimOrder.Status.TICK_REJECTED);
        }
        if (order.sz().stripTrailingZeros().scale() > asset.szDecimals()) {
            return new Rejection("Order has invalid size." + suffix, null);
        }
        BigDecimal notional = order.px().multiply(order.sz());
        BigDecimal held = perp ? account.szi(asset) : BigDecimal.ZERO;
        // A reduce-only order closing the whole perp position is taken below the minimum, so dust can always leave
        // (what bots report of the venue; a partial reduce below it is refused like any order).
        boolean closesAll = perp && order.reduceOnly() && held.signum() == (order.isBuy() ? -1 : 1)
                && order.sz().compareTo(held.abs()) == 0;
        if (notional.compareTo(trading.minNotionalUsd()) < 0 && !closesAll) {
            String min = Decimals.plain(trading.minNotionalUsd());
            return new Rejection("Order must have minimum value of " + (perp ? "$" + min : min + " USDC") + "."
                    + suffix, SimOrder.Status.MIN_TRADE_NTL_REJECTED);
        }
        BigDecimal szi = perp ? account.szi(asset) : BigDecimal.ZERO;
        boolean opposesPosition = szi.signum() != 0 && szi.signum() != (order.isBuy() ? 1 : -1);
        if (perp && order.reduceOnly() && (!opposesPosition || order.sz().compareTo(szi.abs()) > 0)) {
            return new Rejection("Reduce only order would increase position." + suffix,
                    SimOrder.Status.REDUCE_ONLY_REJECTED);
        }
        if (limit.tif() == ExchangeActions.Tif.ALO && Matcher.crosses(book, order.isBuy(), order.px())) {
            return new Rejection("Post only order would have immediately matched, bbo was " + best(book, true) + "@"
                    + best(book, false) + "." + suffix, SimOrder.Status.BAD_ALO_PX_REJECTED);
        }
        if (perp) {
            if (order.reduceOnly()) {
                return null;
            }
            BigDecimal increase = opposesPosition ? order.sz().subtract(szi.abs()).max(BigDecimal.ZERO) : order.sz();
            int leverage = account.leverage(asset, trading.defaultLeverage()).value();
            BigDecimal required = Account.divide(increase.multiply(order.px()), leverage, Account.USD_SCALE)
                    .add(notional.multiply(trading.perpTakerFeeRate()));
            return required.compareTo(freeUsdc.get()) > 0
                    ? new Rejection("Insufficient margin to place order." + suffix,
                            SimOrder.Status.PERP_MARGIN_REJECTED)
                    : null;
        }
        boolean enough;
        if (order.isBuy()) {
            // The fee of a spot buy is taken from the tokens bought, so USDC need only cover the notional.
            enough = notional.compareTo(freeUsdc.get()) <= 0;
        } else {
            int token = listing.baseToken();
            Account.Holding holding = account.tokens.get(token);
            BigDecimal available = holding == null ? BigDecimal.ZERO : holding.total.subtract(account.tokenHold(token));
            enough = order.sz().compareTo(available) <= 0;
        }
        return enough ? null
                : new Rejection("(Spot-only) Order has insufficient spot balance to trade" + suffix,
                        SimOrder.Status.INSUFFICIENT_SPOT_BALANCE_REJECTED);
    }

    /** HYPERLIQUID.md §5: integers always; else at most 5 significant figures and MAX_DECIMALS − szDecimals. */
    static boolean validPrice(BigDecimal px, SimAsset asset) {
        BigDecimal q = px.stripTrailingZeros();
        return q.scale() <= 0 || (q.scale() <= asset.priceDecimals() && q.precision() <= 5);
    }

    private static String best(SimCoin.Book book, boolean bid) {
        List<SimCoin.BookLevel> side = bid ? book.bids() : book.asks();
        return side.isEmpty() ? "0" : Decimals.plain(side.getFirst().px());
    }
}
