package lotus.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One master account: USDC, perp positions, spot tokens, open orders and fills. Guarded by {@link SimExchange}'s lock.
 *
 * <p>USDC is one balance, as on a unified account: it is the perp margin ({@code clearinghouseState} reports it plus
 * unrealised PnL as the account value) and the spot USDC ({@code spotClearinghouseState} reports it as the USDC
 * total), so the two answers must not be added up. Perp/spot transfers are therefore not simulated. Fees and realised
 * PnL are exact; margin figures are rounded to {@value #USD_SCALE} decimals, averages to {@value #AVG_SCALE}.
 */
final class Account {

    static final int USD_SCALE = 6;
    static final int AVG_SCALE = 12;
    /** The venue serves only the latest 10 000 fills of a user (HYPERLIQUID.md §3). */
    private static final int MAX_FILLS = 10_000;

    record Leverage(int value, boolean cross) {
    }

    static final class Position {
        final Universe.Listing listing;
        BigDecimal szi = BigDecimal.ZERO;
        BigDecimal entryPx = BigDecimal.ZERO;

        Position(Universe.Listing listing) {
            this.listing = listing;
        }
    }

    /** A spot base token: what we hold and what it cost (average cost, reduced pro rata by sells). */
    static final class Holding {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal entryNtl = BigDecimal.ZERO;
    }

    /** What one fill did: the fill's {@code startPosition}, {@code dir} and {@code closedPnl}. */
    record FillEffect(BigDecimal startPosition, String dir, BigDecimal closedPnl) {
    }

    /**
     * Perp figures at the current marks. {@code free} is what new orders may use: account value minus the margin of
     * positions and of resting perp orders, minus the USDC held by resting spot buys.
     */
    record Margin(BigDecimal accountValue, BigDecimal totalNtlPos, BigDecimal totalRawUsd, BigDecimal totalMarginUsed,
            BigDecimal maintenance, BigDecimal free) {
    }

    final String address;
    BigDecimal usdc = BigDecimal.ZERO;
    /** By perp asset id. */
    final Map<Integer, Position> positions = new TreeMap<>();
    final Map<Integer, Leverage> leverages = new HashMap<>();
    /** By base token index. */
    final Map<Integer, Holding> tokens = new TreeMap<>();
    final Map<Long, SimOrder> openOrders = new LinkedHashMap<>();
    /** The newest order placed with each cloid. */
    final Map<String, SimOrder> byCloid = new HashMap<>();
    /** Oldest first. */
    final List<SimFill> fills = new ArrayList<>();
    Long scheduledCancelMs;

    Account(String address) {
        this.address = address;
    }

    BigDecimal szi(SimAsset asset) {
        Position position = positions.get(asset.assetId());
        return position == null ? BigDecimal.ZERO : position.szi;
    }

    Leverage leverage(SimAsset asset, int defaultLeverage) {
        Leverage set = leverages.get(asset.assetId());
        return set != null ? set : new Leverage(Math.min(defaultLeverage, asset.maxLeverage()), true);
    }

    Holding holding(int token) {
        return tokens.computeIfAbsent(token, t -> new Holding());
    }

    /** Base tokens locked by resting spot sells. */
    BigDecimal tokenHold(int token) {
        BigDecimal hold = BigDecimal.ZERO;
        for (SimOrder order : openOrders.values()) {
            if (!order.isPerp() && !order.isBuy && order.listing.baseToken() == token) {
                hold = hold.add(order.sz);
            }
        }
        return hold;
    }

    /** USDC locked by resting spot buys: limit price × remaining size. */
    BigDecimal usdcHold() {
        BigDecimal hold = BigDecimal.ZERO;
        for (SimOrder order : openOrders.values()) {
            if (!order.isPerp() && order.isBuy) {
                hold = hold.add(order.limitPx.multiply(order.sz));
            }
        }
        return hold;
    }

    Margin margin(Function<String, BigDecimal> markByCoin, int defaultLeverage) {
        BigDecimal upnl = BigDecimal.ZERO;
        BigDecimal ntl = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal used = BigDecimal.ZERO;
        BigDecimal maintenance = BigDecimal.ZERO;
        for (Position p : positions.values()) {
            SimAsset asset = p.listing.asset();
            BigDecimal mark = markByCoin.apply(asset.apiCoin());
            BigDecimal value = p.szi.abs().multiply(mark);
            upnl = upnl.add(p.szi.multiply(mark.subtract(p.entryPx)));
            ntl = ntl.add(value);
            cost = cost.add(p.szi.multiply(p.entryPx));
            used = used.add(divide(value, leverage(asset, defaultLeverage).value(), USD_SCALE));
            // Maintenance is half the initial margin at maximum leverage.
            maintenance = maintenance.add(divide(value, 2 * asset.maxLeverage(), USD_SCALE));
        }
        BigDecimal orders = BigDecimal.ZERO;
        for (SimOrder order : openOrders.values()) {
            if (order.isPerp() && !order.reduceOnly) {
                orders = orders.add(divide(order.limitPx.multiply(order.sz),
                        leverage(order.asset(), defaultLeverage).value(), USD_SCALE));
            }
        }
        BigDecimal accountValue = usdc.add(upnl);
        BigDecimal free = accountValue.subtract(used).subtract(orders).subtract(usdcHold());
        return new Margin(accountValue, ntl, usdc.subtract(cost), used, maintenance, free);
    }

    /** Applies a perp fill: position, average entry, realised PnL and fee settle in USDC. */
    FillEffect applyPerp(Universe.Listing listing, boolean isBuy, BigDecimal px, BigDecimal sz, BigDecimal fee) {
        Position p = positions.computeIfAbsent(listing.asset().assetId(), id -> new Position(listing));
        BigDecimal start = p.szi;
        BigDecimal delta = isBuy ? sz : sz.negate();
        BigDecimal next = start.add(delta);
        BigDecimal closedPnl = BigDecimal.ZERO;
        String dir;
        if (start.signum() == 0 || start.signum() == delta.signum()) {
            p.entryPx = divide(start.abs().multiply(p.entryPx).add(sz.multiply(px)), next.abs(), AVG_SCALE);
            dir = isBuy ? "Open Long" : "Open Short";
        } else {
            BigDecimal closing = sz.min(start.abs());
            closedPnl = closing.multiply(px.subtract(p.entryPx)).multiply(BigDecimal.valueOf(start.signum()));
            if (next.signum() != 0 && next.signum() != start.signum()) {
                p.entryPx = px;
                dir = start.signum() > 0 ? "Long > Short" : "Short > Long";
            } else {
                dir = start.signum() > 0 ? "Close Long" : "Close Short";
            }
        }
        p.szi = next;
        if (next.signum() == 0) {
            positions.remove(listing.asset().assetId());
        }
        usdc = usdc.add(closedPnl).subtract(fee);
        return new FillEffect(start, dir, closedPnl);
    }

    /**
     * Applies a spot fill: base token and its cost basis, USDC. As on the venue, a buy's {@code fee} is in base units
     * (credited is {@code sz − fee}; USDC pays the notional only), a sell's in USDC.
     */
    FillEffect applySpot(Universe.Listing listing, boolean isBuy, BigDecimal px, BigDecimal sz, BigDecimal fee) {
        Holding h = holding(listing.baseToken());
        BigDecimal start = h.total;
        BigDecimal notional = px.multiply(sz);
        if (isBuy) {
            h.total = start.add(sz).subtract(fee);
            h.entryNtl = h.entryNtl.add(notional);
            usdc = usdc.subtract(notional);
            return new FillEffect(start, "Buy", BigDecimal.ZERO);
        }
        BigDecimal cost = sz.compareTo(start) == 0 ? h.entryNtl
                : divide(h.entryNtl.multiply(sz), start, AVG_SCALE);
        h.total = start.subtract(sz);
        h.entryNtl = h.entryNtl.subtract(cost);
        usdc = usdc.add(notional).subtract(fee);
        return new FillEffect(start, "Sell", notional.subtract(cost));
    }

    void addFill(SimFill fill) {
        fills.add(fill);
        if (fills.size() > MAX_FILLS) {
            fills.removeFirst();
        }
    }

    static BigDecimal divide(BigDecimal value, long by, int scale) {
        return divide(value, BigDecimal.valueOf(by), scale);
    }

    /** Rounded half-even to {@code scale}, trailing zeros stripped. */
    static BigDecimal divide(BigDecimal value, BigDecimal by, int scale) {
        return value.divide(by, scale, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
