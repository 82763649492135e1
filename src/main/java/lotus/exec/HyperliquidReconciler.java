package lotus.exec;

import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.Settlement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.hyperliquid.common.MarketKind;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.exchange.UnknownOutcomeException;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.info.UserFill;
import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import lotus.store.Orders;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Hyperliquid what became of every open journal row ({@code sent}, {@code unknown}, {@code resting}), by cloid
 * (HYPERLIQUID.md §8, pitfall 22): its {@code orderStatus}, and its fills from the account's fills. A row the venue
 * still holds open is cancelled by cloid first, so what it filled is final. It only reads and cancels: applying a
 * settlement to the position, with the journal update in the same transaction, is the PM's.
 */
public final class HyperliquidReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(HyperliquidReconciler.class);
    private static final MathContext MC = new MathContext(34);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * By default, a row younger than this that the venue does not know may still be on its way; older, it never
     * arrived (the process that sent it is gone, and with it the connection).
     */
    public static final long NEVER_ARRIVED_AFTER_MS = 10_000;

    private final Orders journal;
    private final HlInfoClient info;
    private final HlExchangeClient exchange;
    private final String master;
    private final Clock clock;
    private final long neverArrivedAfterMs;
    /** The venue's assets, to bound a reconciled spot full exit's dust by the balance left; null: no bound. */
    private final java.util.function.Supplier<AssetCatalog> assets;

    /** @param master the account the orders were placed for (an agent's orders are the master's) */
    public HyperliquidReconciler(Orders journal, HlInfoClient info, HlExchangeClient exchange, String master,
            Clock clock) {
        this(journal, info, exchange, master, clock, NEVER_ARRIVED_AFTER_MS);
    }

    /** @param neverArrivedAfterMs how old an order the venue does not know must be to count as never placed */
    public HyperliquidReconciler(Orders journal, HlInfoClient info, HlExchangeClient exchange, String master,
            Clock clock, long neverArrivedAfterMs) {
        this(journal, info, exchange, master, clock, neverArrivedAfterMs, null);
    }

    /**
     * @param assets the venue's asset catalog now: a settled spot full exit then carries what the venue still holds
     *               of the token, which bounds the dust the position keeps, as a live exit's result does
     */
    public HyperliquidReconciler(Orders journal, HlInfoClient info, HlExchangeClient exchange, String master,
            Clock clock, long neverArrivedAfterMs, java.util.function.Supplier<AssetCatalog> assets) {
        this.assets = assets;
        this.neverArrivedAfterMs = neverArrivedAfterMs;
        this.journal = journal;
        this.info = info;
        this.exchange = exchange;
        this.master = master;
        this.clock = clock;
    }

    /** What the venue says of every open Hyperliquid row, oldest first; rows it cannot settle yet stay open. */
    @Override
    public List<Settlement> settlements() {
        List<Settlement> out = new ArrayList<>();
        List<JournalEntry> open = journal.open().stream().filter(e -> HyperliquidExecutor.VENUE.equals(e.venue()))
                .toList();
        if (open.isEmpty()) {
            return out;
        }
        List<UserFill> allFills = null;
        for (JournalEntry e : open) {
            JsonNode answer = info.orderStatus(master, e.cloid());
            String status = answer.path("order").path("status").asText("");
            if (status.equals("open") || status.equals("triggered")) {
                cancel(e);
                answer = info.orderStatus(master, e.cloid());
                status = answer.path("order").path("status").asText("");
            }
            OrderStatus next = next(answer, status, e);
            if (next.isOpen()) {
                out.add(new Settlement(e, next, nothing(e), answer, JSON.arrayNode()));
                continue;
            }
            if (allFills == null) {
                // Once for all rows, from a minute before the oldest: the venue's own clock may run a little ahead.
                allFills = info.userFillsByTime(master, open.get(0).createdAtMs() - 60_000, null);
            }
            ArrayNode fills = fillsOf(allFills, e.cloid());
            BigDecimal reported = filledPerStatus(answer);
            if (sum(fills).compareTo(reported) < 0) {
                // The status says more filled than the fills show (they lag, or fell out of the window): settling now
                // would apply too little, for good. Stay open; the next reconcile reads them again.
                log.warn("order {}: {} filled per its status, {} in the fills found; left open", e.cloid(),
                        reported.toPlainString(), sum(fills).toPlainString());
                out.add(new Settlement(e, e.status(), nothing(e), answer, fills));
                continue;
            }
            out.add(new Settlement(e, next, withVenueLeft(e, execution(e, fills, next)), answer, fills));
        }
        return out;
    }

    /**
     * A spot full exit's result with the token's free balance the venue holds now that the order is final: as for a
     * live exit (see {@link ExecutionResult#venueLeft()}), the position keeps no more dust than the venue holds. If
     * the balance cannot be read, the result goes unbounded, as before.
     */
    private ExecutionResult withVenueLeft(JournalEntry e, ExecutionResult r) {
        JsonNode a = e.request().path("action").path("orders").path(0).path("a");
        if (assets == null || r.type() != DecisionType.EMERGENCY_EXIT || !r.filledAnything() || !a.canConvertToInt()) {
            return r;
        }
        try {
            AssetCatalog catalog = assets.get();
            Asset asset = catalog.byAssetId(a.asInt());
            if (asset.kind() != MarketKind.SPOT) {
                return r;
            }
            int token = catalog.spotBase(asset).tokenIndex();
            return r.withVenueLeft(info.spotAccount(master).free(token));
        } catch (RuntimeException ex) {
            log.warn("order {}: the venue's balance after the exit could not be read ({}); its dust is not bounded",
                    e.cloid(), ex.toString());
            return r;
        }
    }

    private OrderStatus next(JsonNode answer, String status, JournalEntry e) {
        if (answer.path("status").asText("").equals("unknownOid")) {
            boolean old = clock.nowMs() - e.createdAtMs() >= neverArrivedAfterMs;
            return old ? OrderStatus.CANCELLED : e.status();
        }
        return switch (status) {
            case "filled" -> OrderStatus.FILLED;
            case "open", "triggered" -> OrderStatus.RESTING;
            case "" -> e.status();
            default -> status.endsWith("Rejected") || status.equals("rejected") ? OrderStatus.REJECTED
                    : OrderStatus.CANCELLED;
        };
    }

    /** The journalled request names the asset by id ({@code a}), the id the cancel needs. */
    private void cancel(JournalEntry e) {
        JsonNode a = e.request().path("action").path("orders").path(0).path("a");
        if (!a.canConvertToInt()) {
            log.warn("cannot cancel resting order {}: its journalled request names no asset", e.cloid());
            return;
        }
        try {
            log.info("cancelled resting order {} by cloid: {}", e.cloid(), exchange.cancelByCloid(a.asInt(), e.cloid()));
        } catch (UnknownOutcomeException ex) {
            log.warn("cancel of resting order {} had no answer; the next reconcile asks again", e.cloid());
        }
    }

    /** What the order's status says filled: its original size less what is left (0 when the venue has no order). */
    private static BigDecimal filledPerStatus(JsonNode answer) {
        JsonNode o = answer.path("order").path("order");
        if (!o.has("origSz") || !o.has("sz")) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(o.get("origSz").asText()).subtract(new BigDecimal(o.get("sz").asText())).max(BigDecimal.ZERO);
    }

    private static BigDecimal sum(ArrayNode fills) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode f : fills) {
            total = total.add(new BigDecimal(f.get("sz").asText()));
        }
        return total;
    }

    /** The fills of {@code cloid}, each tid once (the same fill twice in an answer counts once). */
    private static ArrayNode fillsOf(List<UserFill> all, String cloid) {
        ArrayNode out = JSON.arrayNode();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (UserFill f : all) {
            if (f.cloid() != null && cloid.equalsIgnoreCase(f.cloid()) && seen.add(f.tid())) {
                out.addObject()
                        .put("tid", f.tid())
                        .put("px", f.px().toPlainString())
                        .put("sz", f.sz().toPlainString())
                        .put("fee", f.fee().toPlainString())
                        .put("fee_token", f.feeToken())
                        .put("time", f.timeMs());
            }
        }
        return out;
    }

    /** Quote tokens of Hyperliquid's pairs, each taken as one USD: a fee charged in one is a fee in USD. */
    private static final java.util.Set<String> USD_TOKENS = java.util.Set.of("USDC", "USDT0", "USDT", "USDH",
            "USDE");

    /**
     * A fill's fee in USD: as it is when charged in a USD quote token (perps, spot sells); a spot buy's fee is charged
     * in the token bought, so it is worth the fill's price (in the pair's quote) per unit.
     */
    static BigDecimal feeUsd(BigDecimal fee, String feeToken, BigDecimal px) {
        return inBaseToken(feeToken) ? fee.multiply(px, MC) : fee;
    }

    /** Whether a fill's fee was charged in the pair's base token (a spot buy) rather than a USD quote. */
    private static boolean inBaseToken(String feeToken) {
        return !USD_TOKENS.contains(feeToken);
    }

    private static ExecutionResult execution(JournalEntry e, ArrayNode fills, OrderStatus status) {
        DecisionType type = type(e);
        BigDecimal size = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        BigDecimal fee = BigDecimal.ZERO;
        for (JsonNode f : fills) {
            BigDecimal px = new BigDecimal(f.get("px").asText());
            BigDecimal feeInToken = new BigDecimal(f.get("fee").asText());
            String feeToken = f.path("fee_token").asText("USDC");
            // A fee in the token bought (a spot buy) never reached the account: count only what did, so the
            // position holds what the venue holds and the fee is counted once, in the fees (see HyperliquidExecutor).
            BigDecimal sz = new BigDecimal(f.get("sz").asText())
                    .subtract(type.isBuy() && inBaseToken(feeToken) ? feeInToken : BigDecimal.ZERO);
            size = size.add(sz);
            notional = notional.add(sz.multiply(px, MC));
            fee = fee.add(feeUsd(feeInToken, feeToken, px));
        }
        if (size.signum() == 0) {
            return new ExecutionResult(status == OrderStatus.REJECTED ? ExecutionResult.Status.REJECTED
                    : ExecutionResult.Status.SKIPPED, type, type.isBuy(), BigDecimal.ZERO, null, BigDecimal.ZERO,
                    BigDecimal.ZERO, e.cloid(), false, "reconciled: " + status.dbValue() + ", nothing filled",
                    e.request());
        }
        return new ExecutionResult(status == OrderStatus.FILLED ? ExecutionResult.Status.FILLED
                : ExecutionResult.Status.PARTIALLY_FILLED, type, type.isBuy(), size, notional.divide(size, MC),
                notional, fee, e.cloid(), false, null, e.request());
    }

    private static ExecutionResult nothing(JournalEntry e) {
        DecisionType type = type(e);
        return new ExecutionResult(ExecutionResult.Status.UNKNOWN, type, type.isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, e.cloid(), false, "the venue cannot tell yet", e.request());
    }

    private static DecisionType type(JournalEntry e) {
        return DecisionType.valueOf(e.action().toUpperCase(Locale.ROOT));
    }
}
