package lotus.hyperliquid.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import lotus.market.Decimals;

/**
 * Prices and sizes as the venue accepts them (HYPERLIQUID.md §5). Every string is built from an exact
 * {@link BigDecimal} and is canonical (no exponent, no trailing zeros, leading zero kept), because the signature
 * covers these exact characters: {@code "1670.10"} or {@code "1E+2"} sign other bytes than the server re-encodes.
 */
public final class Wire {

    /** Significant figures a non-integer price may carry. */
    private static final int PRICE_SIG_FIGS = 5;

    private Wire() {
    }

    /** {@link #roundPrice} as a wire string. */
    public static String price(BigDecimal px, MarketKind kind, int szDecimals, RoundingMode mode) {
        return Decimals.plain(roundPrice(px, kind, szDecimals, mode));
    }

    /**
     * The nearest valid price in the direction of {@code mode}, in one step: 5 significant figures, at most
     * {@code MAX_DECIMALS - szDecimals} decimals, integers always allowed. Passive orders round away from the market
     * (buy DOWN, sell UP), IOC orders toward it. Refuses a price that is not positive or that rounds to 0.
     */
    public static BigDecimal roundPrice(BigDecimal px, MarketKind kind, int szDecimals, RoundingMode mode) {
        int maxDecimals = priceDecimals(kind, szDecimals);
        if (px == null || px.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, got " + px);
        }
        int leadingExponent = px.precision() - px.scale() - 1;
        int scale = Math.max(0, Math.min(maxDecimals, PRICE_SIG_FIGS - 1 - leadingExponent));
        BigDecimal rounded = px.setScale(scale, mode);
        if (rounded.signum() == 0) {
            throw new IllegalArgumentException("price " + px.toPlainString() + " rounds " + mode + " to 0 on a "
                    + kind + " with szDecimals " + szDecimals + " (at most " + maxDecimals + " decimals)");
        }
        return rounded;
    }

    /** The venue's check: an integer, or at most 5 significant figures and {@code MAX_DECIMALS - szDecimals} decimals. */
    public static boolean isValidPrice(BigDecimal px, MarketKind kind, int szDecimals) {
        int maxDecimals = priceDecimals(kind, szDecimals);
        if (px == null || px.signum() <= 0) {
            return false;
        }
        BigDecimal q = px.stripTrailingZeros();
        return q.scale() <= 0 || (q.scale() <= maxDecimals && q.precision() <= PRICE_SIG_FIGS);
    }

    /** {@link #roundSizeDown} as a wire string; a size that rounds to 0 is refused rather than sent. */
    public static String size(BigDecimal sz, int szDecimals) {
        BigDecimal rounded = roundSizeDown(sz, szDecimals);
        if (rounded.signum() == 0) {
            throw new IllegalArgumentException("size " + sz.toPlainString() + " rounds down to 0 at szDecimals "
                    + szDecimals + " (smallest lot " + Decimals.plain(lot(szDecimals)) + ")");
        }
        return Decimals.plain(rounded);
    }

    /**
     * Cut to {@code szDecimals} decimals, always down so a size never exceeds the budget or the position it came
     * from. May return 0; {@link #size} refuses that.
     */
    public static BigDecimal roundSizeDown(BigDecimal sz, int szDecimals) {
        checkSzDecimals(szDecimals);
        if (sz == null || sz.signum() < 0) {
            throw new IllegalArgumentException("size must not be negative (the side carries the sign), got " + sz);
        }
        return sz.setScale(szDecimals, RoundingMode.DOWN);
    }

    /**
     * A spot buy's fee in base units, as the venue charges it: in the token bought, {@code sz × rate} cut down to the
     * token's {@code weiDecimals} (its smallest unit). Mainnet reports a 0.31 HYPE buy at 0.07 % as fee
     * {@code 0.00021699}: eight decimals, and never above the exact product. The account is credited {@code sz − fee}.
     */
    public static BigDecimal spotBuyFee(BigDecimal sz, BigDecimal rate, int weiDecimals) {
        return sz.multiply(rate).setScale(weiDecimals, RoundingMode.DOWN).stripTrailingZeros();
    }

    /**
     * The smallest lot multiple whose notional at {@code px} reaches {@code notionalUsd}: a minimum rounded down
     * would fall below the venue's floor ($10 of ETH at 3007.1 is 0.0034, not 0.0033).
     */
    public static BigDecimal minimumSizeUp(BigDecimal notionalUsd, BigDecimal px, int szDecimals) {
        checkSzDecimals(szDecimals);
        if (notionalUsd == null || notionalUsd.signum() <= 0 || px == null || px.signum() <= 0) {
            throw new IllegalArgumentException("notional and price must be positive, got notional " + notionalUsd
                    + " and price " + px);
        }
        // divide(…, scale, UP) rounds the exact quotient, so sz × px >= notional holds exactly.
        return notionalUsd.divide(px, szDecimals, RoundingMode.UP);
    }

    /**
     * Why the venue would refuse {@code sz} at {@code px} for being under {@code minNotional}, or empty if it would
     * not. Exact product, no rounding: a notional of 9.999 must not pass as "$10.00". Spot minimums are in the
     * quote token, which is USDC for every pair we trade.
     */
    public static Optional<String> belowMinimumNotional(BigDecimal sz, BigDecimal px, BigDecimal minNotional) {
        if (sz == null || sz.signum() < 0 || px == null || px.signum() <= 0 || minNotional == null
                || minNotional.signum() < 0) {
            throw new IllegalArgumentException("size, price and minimum must be non-negative (price positive), got "
                    + sz + ", " + px + ", " + minNotional);
        }
        BigDecimal notional = sz.multiply(px);
        if (notional.compareTo(minNotional) >= 0) {
            return Optional.empty();
        }
        return Optional.of("order notional $" + Decimals.plain(notional) + " (" + Decimals.plain(sz) + " × "
                + Decimals.plain(px) + ") is below the $" + Decimals.plain(minNotional) + " minimum");
    }

    private static int priceDecimals(MarketKind kind, int szDecimals) {
        if (kind == null || szDecimals < 0 || szDecimals > kind.maxDecimals()) {
            throw new IllegalArgumentException("szDecimals " + szDecimals + " is outside 0.."
                    + (kind == null ? "?" : kind.maxDecimals()) + " for " + kind);
        }
        return kind.maxDecimals() - szDecimals;
    }

    private static void checkSzDecimals(int szDecimals) {
        if (szDecimals < 0) {
            throw new IllegalArgumentException("szDecimals must not be negative, got " + szDecimals);
        }
    }

    private static BigDecimal lot(int szDecimals) {
        return BigDecimal.ONE.movePointLeft(szDecimals);
    }
}
