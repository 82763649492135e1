package lotus.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import lotus.pm.Venue;

/**
 * What a paper fill costs (issue 16), per venue and book, so backtests and paper trading report fees as the live
 * executors do: Hyperliquid charges its taker rate on the notional (spot and perps apart, the same rates as
 * {@link HyperliquidExecutor.Settings}' dry-run fill model); a Solana swap pays the network's base fee and the
 * priority fee in SOL, and its route's pool fee on the notional. Slippage moves the fill price against the order.
 *
 * @param perpTakerRate        Hyperliquid perps taker fee, a fraction of the notional
 * @param spotTakerRate        Hyperliquid spot taker fee, a fraction of the notional
 * @param solanaFeeLamports    per swap: the base fee plus the priority fee paid
 * @param assumedSolUsd        SOL's price for the network fee when no SOL bar has closed yet
 * @param solanaRouteFeeBps    the route's pool fee on the notional, in basis points
 * @param slippageBps          buys fill this many basis points above the close, sells below
 */
public record CostModel(BigDecimal perpTakerRate, BigDecimal spotTakerRate, long solanaFeeLamports,
        BigDecimal assumedSolUsd, BigDecimal solanaRouteFeeBps, BigDecimal slippageBps) {

    // Before NONE: its constructor checks against BPS.
    private static final MathContext MC = new MathContext(34);
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** Solana's base fee: 5,000 lamports per signature, and a swap has one. */
    public static final long SOLANA_BASE_FEE_LAMPORTS = 5_000;
    /** Nothing charged and no slippage: fills as paper fills were before costs were kept (gross only). */
    public static final CostModel NONE = new CostModel(BigDecimal.ZERO, BigDecimal.ZERO, 0, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO);

    public CostModel {
        Objects.requireNonNull(perpTakerRate, "perpTakerRate");
        Objects.requireNonNull(spotTakerRate, "spotTakerRate");
        Objects.requireNonNull(assumedSolUsd, "assumedSolUsd");
        Objects.requireNonNull(solanaRouteFeeBps, "solanaRouteFeeBps");
        Objects.requireNonNull(slippageBps, "slippageBps");
        if (perpTakerRate.signum() < 0 || spotTakerRate.signum() < 0 || solanaFeeLamports < 0
                || assumedSolUsd.signum() < 0 || solanaRouteFeeBps.signum() < 0 || slippageBps.signum() < 0) {
            throw new IllegalArgumentException("costs cannot be negative: " + this);
        }
        if (slippageBps.compareTo(BPS) >= 0) {
            throw new IllegalArgumentException("slippage must be below 10000 bps, got " + slippageBps);
        }
    }

    /**
     * The configured costs without slippage.
     *
     * @param hyperliquid         the taker rates of Hyperliquid's dry-run fill model
     * @param priorityFeeLamports the priority fee a swap pays (the configured cap: a paper fill cannot know less)
     */
    public static CostModel of(HyperliquidExecutor.Settings hyperliquid, long priorityFeeLamports,
            BigDecimal assumedSolUsd, BigDecimal solanaRouteFeeBps) {
        return new CostModel(hyperliquid.perpTakerFee(), hyperliquid.spotTakerFee(),
                SOLANA_BASE_FEE_LAMPORTS + priorityFeeLamports, assumedSolUsd, solanaRouteFeeBps, BigDecimal.ZERO);
    }

    public CostModel withSlippageBps(BigDecimal bps) {
        return new CostModel(perpTakerRate, spotTakerRate, solanaFeeLamports, assumedSolUsd, solanaRouteFeeBps, bps);
    }

    /**
     * The fee of one fill of {@code notionalUsd} on {@code venue}; 0 on a venue without costs.
     *
     * @param solUsd SOL's price now, or null when unknown (the assumed price is used)
     */
    public BigDecimal feeUsd(Venue venue, BigDecimal notionalUsd, BigDecimal solUsd) {
        return switch (venue.tokenChain()) {
            case Venue.HYPERLIQUID -> notionalUsd.multiply(venue.bookId().equals("perps") ? perpTakerRate
                    : spotTakerRate, MC);
            case Venue.SOLANA -> BigDecimal.valueOf(solanaFeeLamports).movePointLeft(9)
                    .multiply(solUsd != null && solUsd.signum() > 0 ? solUsd : assumedSolUsd, MC)
                    .add(notionalUsd.multiply(solanaRouteFeeBps, MC).divide(BPS, MC), MC);
            default -> BigDecimal.ZERO;
        };
    }

    /**
     * The part of a buy of {@code size} tokens the venue keeps as its fee, in the token bought: Hyperliquid charges a
     * spot buy's fee so (HYPERLIQUID.md; the account is credited the rest); 0 on every other venue and side, whose
     * fees are paid in the quote.
     */
    public BigDecimal buyFeeInTokens(Venue venue, BigDecimal size) {
        return venue.buyFeeInTokenBought() ? size.multiply(spotTakerRate) : BigDecimal.ZERO;
    }

    /** The price an order fills at when the market is at {@code price}: slippage against the order's side. */
    public BigDecimal fillPrice(BigDecimal price, boolean buy) {
        if (slippageBps.signum() == 0) {
            return price;
        }
        BigDecimal move = price.multiply(slippageBps, MC).divide(BPS, MC);
        return buy ? price.add(move, MC) : price.subtract(move, MC);
    }
}
