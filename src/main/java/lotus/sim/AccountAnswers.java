package lotus.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.market.Decimals;

/**
 * The account answers of {@code /info} (HYPERLIQUID.md §3): {@code clearinghouseState}, {@code spotClearinghouseState},
 * {@code openOrders}, {@code orderStatus}, {@code userFills}, {@code userFillsByTime} and {@code userRole}, for the master
 * address. An unknown user (an agent
 * included, as on the venue) gets an empty account. Money figures are rounded half-even to 6 decimals; no funding is
 * simulated, so {@code cumFunding} is zero and {@code liquidationPx} is null.
 */
final class AccountAnswers {

    /** {@code userFills} answers at most the last 2000 fills. */
    static final int MAX_FILLS = 2000;

    private final SimExchange exchange;
    private final SimMarket market;
    private final int defaultLeverage;
    private final Map<Integer, String> tokenNames = new HashMap<>();
    /** Stands in for an unknown user: never written to. */
    private final Account nobody = new Account("0x0000000000000000000000000000000000000000");

    AccountAnswers(SimExchange exchange) {
        this.exchange = exchange;
        this.market = exchange.market();
        this.defaultLeverage = exchange.config().trading().defaultLeverage();
        for (Universe.SpotToken token : market.universe().tokens()) {
            tokenNames.put(token.index(), token.name());
        }
    }

    String clearinghouseState(String user, long nowMs) {
        return exchange.read(nowMs, () -> {
            Account account = orNobody(user);
            Account.Margin m = account.margin(market::markPx, defaultLeverage);
            String summary = "{\"accountValue\":\"" + usd(m.accountValue()) + "\",\"totalNtlPos\":\""
                    + usd(m.totalNtlPos()) + "\",\"totalRawUsd\":\"" + usd(m.totalRawUsd())
                    + "\",\"totalMarginUsed\":\"" + usd(m.totalMarginUsed()) + "\"}";
            StringBuilder out = new StringBuilder(512).append("{\"marginSummary\":").append(summary)
                    .append(",\"crossMarginSummary\":").append(summary)
                    .append(",\"crossMaintenanceMarginUsed\":\"").append(usd(m.maintenance()))
                    .append("\",\"withdrawable\":\"").append(usd(m.free().max(BigDecimal.ZERO)))
                    .append("\",\"time\":").append(nowMs).append(",\"assetPositions\":[");
            boolean first = true;
            for (Account.Position p : account.positions.values()) {
                out.append(first ? "" : ",");
                first = false;
                position(out, account, p);
            }
            return out.append("]}").toString();
        });
    }

    private void position(StringBuilder out, Account account, Account.Position p) {
        SimAsset asset = p.listing.asset();
        Account.Leverage leverage = account.leverage(asset, defaultLeverage);
        BigDecimal mark = market.markPx(asset.apiCoin());
        BigDecimal value = p.szi.abs().multiply(mark);
        BigDecimal upnl = p.szi.multiply(mark.subtract(p.entryPx));
        BigDecimal marginUsed = value.divide(BigDecimal.valueOf(leverage.value()), 6, RoundingMode.HALF_EVEN);
        BigDecimal entryMargin = p.szi.abs().multiply(p.entryPx).divide(BigDecimal.valueOf(leverage.value()), 12,
                RoundingMode.HALF_EVEN);
        BigDecimal roe = entryMargin.signum() == 0 ? BigDecimal.ZERO
                : upnl.divide(entryMargin, 8, RoundingMode.HALF_EVEN);
        out.append("{\"type\":\"oneWay\",\"position\":{\"coin\":").append(Frames.quote(asset.apiCoin()))
                .append(",\"szi\":\"").append(Decimals.plain(p.szi))
                .append("\",\"leverage\":{\"type\":\"").append(leverage.cross() ? "cross" : "isolated")
                .append("\",\"value\":").append(leverage.value());
        if (!leverage.cross()) {
            // Isolated margin is not kept apart from the account; rawUsd is what it would hold at this margin.
            out.append(",\"rawUsd\":\"").append(usd(marginUsed.subtract(p.szi.multiply(p.entryPx)))).append('"');
        }
        out.append("},\"entryPx\":\"").append(Decimals.plain(p.entryPx))
                .append("\",\"positionValue\":\"").append(usd(value))
                .append("\",\"unrealizedPnl\":\"").append(usd(upnl))
                .append("\",\"returnOnEquity\":\"").append(Decimals.plain(roe))
                .append("\",\"liquidationPx\":null,\"marginUsed\":\"").append(usd(marginUsed))
                .append("\",\"maxLeverage\":").append(asset.maxLeverage())
                .append(",\"cumFunding\":{\"allTime\":\"0.0\",\"sinceOpen\":\"0.0\",\"sinceChange\":\"0.0\"}}}");
    }

    /** USDC (token 0) first for a known user, then every base token held or locked, by token index. */
    String spotClearinghouseState(String user, long nowMs) {
        return exchange.read(nowMs, () -> {
            Account account = exchange.account(user);
            StringBuilder out = new StringBuilder(256).append("{\"balances\":[");
            if (account != null) {
                balance(out, "USDC", 0, account.usdcHold(), account.usdc, BigDecimal.ZERO);
                for (Map.Entry<Integer, Account.Holding> e : account.tokens.entrySet()) {
                    BigDecimal hold = account.tokenHold(e.getKey());
                    if (e.getValue().total.signum() != 0 || hold.signum() != 0) {
                        out.append(',');
                        balance(out, tokenNames.get(e.getKey()), e.getKey(), hold, e.getValue().total,
                                e.getValue().entryNtl);
                    }
                }
            }
            return out.append("]}").toString();
        });
    }

    private static void balance(StringBuilder out, String coin, int token, BigDecimal hold, BigDecimal total,
            BigDecimal entryNtl) {
        out.append("{\"coin\":").append(Frames.quote(coin)).append(",\"token\":").append(token)
                .append(",\"hold\":\"").append(Decimals.plain(hold))
                .append("\",\"total\":\"").append(Decimals.plain(total))
                .append("\",\"entryNtl\":\"").append(usd(entryNtl)).append("\"}");
    }

    /** Newest first. */
    String openOrders(String user, long nowMs) {
        return exchange.read(nowMs, () -> {
            StringBuilder out = new StringBuilder(256).append('[');
            List<SimOrder> open = List.copyOf(orNobody(user).openOrders.values()).reversed();
            for (int i = 0; i < open.size(); i++) {
                out.append(i == 0 ? "" : ",");
                UserFrames.openOrder(out, open.get(i));
            }
            return out.append(']').toString();
        });
    }

    String orderStatus(String user, long oid, long nowMs) {
        return exchange.read(nowMs, () -> statusOf(exchange.order(user, oid)));
    }

    String orderStatus(String user, String cloid, long nowMs) {
        return exchange.read(nowMs, () -> statusOf(orNobody(user).byCloid.get(cloid)));
    }

    private static String statusOf(SimOrder order) {
        return order == null ? "{\"status\":\"unknownOid\"}" : UserFrames.orderStatus(order);
    }

    /** Newest first, at most {@value #MAX_FILLS}. */
    List<SimFill> userFills(String user, long nowMs) {
        return exchange.read(nowMs, () -> {
            List<SimFill> all = orNobody(user).fills;
            return List.copyOf(all.subList(Math.max(0, all.size() - MAX_FILLS), all.size())).reversed();
        });
    }

    /**
     * Fills with {@code startMs <= time <= endMs}, oldest first, at most {@value #MAX_FILLS}: the oldest of the range,
     * so a client pages on from the last time it got.
     */
    List<SimFill> userFillsByTime(String user, long startMs, long endMs, long nowMs) {
        return exchange.read(nowMs, () -> orNobody(user).fills.stream()
                .filter(f -> f.timeMs() >= startMs && f.timeMs() <= endMs).limit(MAX_FILLS).toList());
    }

    /** {@code {"role":"user"}}, {@code {"role":"agent","data":{"user":MASTER}}} or {@code {"role":"missing"}}. */
    String userRole(String user) {
        return switch (exchange.role(user)) {
            case SimExchange.Role.User u -> "{\"role\":\"user\"}";
            case SimExchange.Role.Agent a -> "{\"role\":\"agent\",\"data\":{\"user\":\"" + a.master() + "\"}}";
            case SimExchange.Role.Missing m -> "{\"role\":\"missing\"}";
        };
    }

    private Account orNobody(String user) {
        Account account = exchange.account(user);
        return account == null ? nobody : account;
    }

    private static String usd(BigDecimal value) {
        return Decimals.plain(value.setScale(6, RoundingMode.HALF_EVEN));
    }
}
