package lotus.sim;

import java.math.BigDecimal;

/**
 * Valid Hyperliquid prices of one asset as integers ("units") of {@code 10^-decimals}, where {@code decimals} is
 * {@code MAX_DECIMALS - szDecimals} (HYPERLIQUID.md §5). A price is valid when it is a multiple of its tick: the unit
 * step of its fifth significant digit, but never finer than one unit and never coarser than 1.0 (integers are always
 * valid). Working in longs keeps the hot path free of BigDecimal and every candle compact.
 */
final class PriceGrid {

    private final int decimals;
    private final long oneUnit;

    PriceGrid(int decimals) {
        if (decimals < 0 || decimals > 8) {
            throw new IllegalArgumentException("price decimals must be 0..8, got " + decimals);
        }
        this.decimals = decimals;
        this.oneUnit = pow10(decimals);
    }

    int decimals() {
        return decimals;
    }

    /** The step between neighbouring valid prices at {@code units} (> 0). */
    long tick(long units) {
        int digits = digits(units);
        long sigFigTick = digits > 5 ? pow10(digits - 5) : 1;
        return Math.min(sigFigTick, oneUnit);
    }

    /** The largest valid price at or below {@code units}; at least one tick of the smallest price. */
    long floor(long units) {
        if (units < 1) {
            return 1;
        }
        return units - units % tick(units);
    }

    /** The smallest valid price at or above {@code units}. A carry ({@code 99999 -> 100000}) stays valid. */
    long ceil(long units) {
        long down = floor(units);
        return down == units ? units : down + tick(units);
    }

    /** The valid price nearest to a latent price (ties up). */
    long nearest(double price) {
        long units = Math.max(1, Math.round(price * oneUnit));
        long down = floor(units);
        long up = ceil(units);
        return units - down < up - units ? down : up;
    }

    /** The next valid price below {@code units} (which must be valid and above the smallest price). */
    long below(long units) {
        return units <= 1 ? 1 : floor(units - 1);
    }

    /** The next valid price above {@code units}. */
    long above(long units) {
        return ceil(units + 1);
    }

    double toDouble(long units) {
        return (double) units / oneUnit;
    }

    BigDecimal toDecimal(long units) {
        return decimal(units, decimals);
    }

    /** {@code units * 10^-scale}, canonical: no trailing zeros, never a negative scale (so plain text round-trips). */
    static BigDecimal decimal(long units, int scale) {
        BigDecimal value = BigDecimal.valueOf(units, scale).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private static int digits(long units) {
        int digits = 1;
        for (long rest = units; rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
