package lotus.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
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
import lotus.store.JournalEntry;
import lotus.store.OrderStatus;
import lotus.store.Orders;
import lotus.store.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid spot and perps (seed §7): entry and add spend the decision's notional, trim sells
 * {@code quantity × size_frac}, emergency exit sells everything, each as an aggressive IOC limit at the best opposite
 * price moved by the slippage (a "market" order, HYPERLIQUID.md §7). Perps set the decision's leverage, capped at the
 * asset's maximum, before the first order of a position.
 *
 * <p>Dry run (the default) signs the exact request it would send and fills it against the current book with the taker
 * fee, returning the same result shape as live. Live journals each order under its cloid before sending it, and
 * never resends after an unknown outcome: {@link #reconcile()} settles those by cloid.
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
            BigDecimal spotTakerFee) {

        public static Settings dryRun() {
            return new Settings(false, new BigDecimal("0.005"), new BigDecimal("11"), new BigDecimal("0.00045"),
                    new BigDecimal("0.0007"));
        }

        public Settings withLive(boolean on) {
            return new Settings(on, slippage, minNotionalUsd, perpTakerFee, spotTakerFee);
        }
    }

    private final AssetCatalog catalog;
    private final HlInfoClient info;
    private final HlExchangeClient exchange;
    private final Orders journal;
    private final String master;
    private final Settings settings;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param master the account traded for (its address for orderStatus); the exchange client's signer may be its
     *               agent
     */
    public HyperliquidExecutor(AssetCatalog catalog, HlInfoClient info, HlExchangeClient exchange, Orders journal,
            String master, Settings settings) {
        this.catalog = catalog;
        this.info = info;
        this.exchange = exchange;
        this.journal = journal;
        this.master = master;
        this.settings = settings;
        if (settings.live()) {
            log.warn("LIVE TRADING on Hyperliquid: orders signed by {} for {} will be sent", exchange.signerAddress(),
                    master);
        }
    }

    @Override
    public ExecutionResult execute(Decision decision, Position position) {
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
        BigDecimal size = buy ? buySize(decision, position, ref, asset) : sellSize(decision, position, asset);
        if (size.signum() <= 0) {
            return ExecutionResult.skipped(decision.type(), buy, dry, buy ? "no budget left to buy with"
                    : "nothing to sell (quantity " + position.quantity().toPlainString() + ")");
        }
        BigDecimal factor = buy ? BigDecimal.ONE.add(settings.slippage()) : BigDecimal.ONE.subtract(settings.slippage());
        // An IOC rounds toward the market: a buy limit up, a sell limit down (HYPERLIQUID.md §5).
        BigDecimal limit = Wire.roundPrice(ref.multiply(factor, MC), asset.kind(), asset.szDecimals(),
                buy ? RoundingMode.UP : RoundingMode.DOWN);
        Optional<String> tooSmall = Wire.belowMinimumNotional(size, limit, settings.minNotionalUsd());
        if (tooSmall.isPresent()) {
            return ExecutionResult.skipped(decision.type(), buy, dry, tooSmall.get());
        }
        boolean reduceOnly = !buy && asset.kind() == MarketKind.PERP;
        String cloid = newCloid();
        ExchangeActions.Order order = new ExchangeActions.Order(asset.assetId(), buy, limit, size, reduceOnly,
                new ExchangeActions.Limit(ExchangeActions.Tif.IOC), cloid);
        HlExchangeClient.SignedAction signed = exchange.sign(ExchangeActions.order(List.of(order)));
        if (dry) {
            return fillAgainstBook(decision, asset, opposite, limit, size, cloid, signed);
        }
        return sendLive(decision, position, asset, cloid, signed);
    }

    private BigDecimal buySize(Decision d, Position p, BigDecimal ref, Asset asset) {
        return Wire.roundSizeDown(d.notionalUsd().divide(ref, MC), asset.szDecimals());
    }

    private static BigDecimal sellSize(Decision d, Position p, Asset asset) {
        BigDecimal qty = d.type() == DecisionType.EMERGENCY_EXIT ? p.quantity() : p.quantity().multiply(d.sizeFrac());
        return Wire.roundSizeDown(qty, asset.szDecimals());
    }

    /** The dry-run fill model: walk the book up to the limit, volume-weighted, taker fee on the notional. */
    private ExecutionResult fillAgainstBook(Decision d, Asset asset, List<HlInfoClient.Level> levels, BigDecimal limit,
            BigDecimal size, String cloid, HlExchangeClient.SignedAction signed) {
        boolean buy = d.type().isBuy();
        BigDecimal left = size;
        BigDecimal notional = BigDecimal.ZERO;
        for (HlInfoClient.Level l : levels) {
            boolean within = buy ? l.px().compareTo(limit) <= 0 : l.px().compareTo(limit) >= 0;
            if (!within || left.signum() == 0) {
                break;
            }
            BigDecimal take = left.min(l.sz());
            notional = notional.add(take.multiply(l.px()));
            left = left.subtract(take);
        }
        BigDecimal filled = size.subtract(left);
        if (filled.signum() == 0) {
            return new ExecutionResult(ExecutionResult.Status.REJECTED, d.type(), buy, BigDecimal.ZERO, null,
                    BigDecimal.ZERO, BigDecimal.ZERO, cloid, true,
                    "Order could not immediately match against any resting orders (dry run)", signed.body());
        }
        BigDecimal fee = notional.multiply(asset.kind() == MarketKind.PERP ? settings.perpTakerFee()
                : settings.spotTakerFee());
        return new ExecutionResult(left.signum() == 0 ? ExecutionResult.Status.FILLED
                : ExecutionResult.Status.PARTIALLY_FILLED, d.type(), buy, filled, notional.divide(filled, MC), notional,
                fee, cloid, true, null, signed.body());
    }

    private ExecutionResult sendLive(Decision d, Position p, Asset asset, String cloid,
            HlExchangeClient.SignedAction signed) {
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
        journal.recordIntent(cloid, VENUE, p.id(), d.type().label(), signed.body());
        ExchangeResponse response;
        try {
            response = exchange.send(signed);
        } catch (UnknownOutcomeException e) {
            journal.updateStatus(cloid, OrderStatus.UNKNOWN, null);
            log.warn("order {} for {}: outcome unknown, reconciling by cloid: {}", cloid, p.label(), e.getMessage());
            try {
                reconcile(); // settles the journal now; the caller still sees UNKNOWN and must not resend
            } catch (RuntimeException again) {
                log.warn("reconcile after an unknown outcome failed; it runs again at the next start: {}",
                        again.getMessage());
            }
            return new ExecutionResult(ExecutionResult.Status.UNKNOWN, d.type(), buy, BigDecimal.ZERO, null,
                    BigDecimal.ZERO, BigDecimal.ZERO, cloid, false, e.getMessage(), signed.body());
        }
        return settle(d, asset, cloid, signed, response);
    }

    private ExecutionResult settle(Decision d, Asset asset, String cloid, HlExchangeClient.SignedAction signed,
            ExchangeResponse response) {
        boolean buy = d.type().isBuy();
        com.fasterxml.jackson.databind.node.ObjectNode answer = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("answer", response.toString());
        if (response instanceof ExchangeResponse.Orders orders && !orders.statuses().isEmpty()) {
            OrderOutcome o = orders.statuses().get(0);
            if (o instanceof OrderOutcome.Filled f) {
                journal.updateStatus(cloid, OrderStatus.FILLED, answer);
                BigDecimal notional = f.totalSz().multiply(f.avgPx());
                BigDecimal fee = notional.multiply(asset.kind() == MarketKind.PERP ? settings.perpTakerFee()
                        : settings.spotTakerFee());
                BigDecimal wanted = new BigDecimal(signed.action().get("orders").get(0).get("s").asText());
                return new ExecutionResult(f.totalSz().compareTo(wanted) < 0 ? ExecutionResult.Status.PARTIALLY_FILLED
                        : ExecutionResult.Status.FILLED, d.type(), buy, f.totalSz(), f.avgPx(), notional, fee, cloid,
                        false, null, signed.body());
            }
            if (o instanceof OrderOutcome.Rejected r) {
                journal.updateStatus(cloid, OrderStatus.REJECTED, answer);
                return rejected(d, cloid, r.text(), signed);
            }
            journal.updateStatus(cloid, OrderStatus.RESTING, answer);
            return rejected(d, cloid, "IOC answered " + o + "; left to the reconciler", signed);
        }
        journal.updateStatus(cloid, OrderStatus.REJECTED, answer);
        return rejected(d, cloid, response.toString(), signed);
    }

    private static ExecutionResult rejected(Decision d, String cloid, String reason,
            HlExchangeClient.SignedAction signed) {
        return new ExecutionResult(ExecutionResult.Status.REJECTED, d.type(), d.type().isBuy(), BigDecimal.ZERO, null,
                BigDecimal.ZERO, BigDecimal.ZERO, cloid, false, reason, signed.body());
    }

    /**
     * Settles every journalled order whose outcome is unknown ({@code sent} or {@code unknown}) by asking the venue
     * by cloid; returns how many changed. Run at start and after any timeout, before trading again.
     */
    public int reconcile() {
        int changed = 0;
        for (JournalEntry e : journal.inStatus(EnumSet.of(OrderStatus.SENT, OrderStatus.UNKNOWN))) {
            if (!VENUE.equals(e.venue())) {
                continue;
            }
            var answer = info.orderStatus(master, e.cloid());
            String status = answer.path("order").path("status").asText("");
            OrderStatus next = switch (status) {
                case "filled" -> OrderStatus.FILLED;
                case "open" -> OrderStatus.RESTING;
                case "canceled", "" -> answer.path("status").asText("").equals("unknownOid") ? OrderStatus.REJECTED
                        : OrderStatus.CANCELLED;
                default -> status.endsWith("Rejected") ? OrderStatus.REJECTED : OrderStatus.CANCELLED;
            };
            journal.updateStatus(e.cloid(), next, answer);
            log.info("reconciled order {} ({}): {}", e.cloid(), e.action(), next.dbValue());
            changed++;
        }
        return changed;
    }

    /** 16 random bytes: unique per order, so a resend is recognisable and a lookup by cloid is exact. */
    private String newCloid() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return "0x" + HexFormat.of().formatHex(b);
    }
}
