package lotus.hyperliquid.common;

import static java.math.RoundingMode.DOWN;
import static java.math.RoundingMode.UP;
import static lotus.hyperliquid.common.MarketKind.PERP;
import static lotus.hyperliquid.common.MarketKind.SPOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Wire prices and sizes: every example of HYPERLIQUID.md §5, then seeded random prices against a naive reference. */
class WireTest {

    /** Digits, an optional fraction that does not end in 0, no sign, no exponent, no ".5". */
    private static final Pattern CANONICAL = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @Test
    void pricesOfTheDocumentTable() {
        assertThat(Wire.price(d("97432.57"), PERP, 5, DOWN)).isEqualTo("97432");
        assertThat(Wire.price(d("97432.57"), PERP, 5, UP)).isEqualTo("97433");
        assertThat(Wire.price(d("3007.14"), PERP, 4, DOWN)).isEqualTo("3007.1");
        assertThat(Wire.price(d("3007.14"), PERP, 4, UP)).isEqualTo("3007.2");
        assertThat(Wire.price(d("0.0016014"), PERP, 0, DOWN)).isEqualTo("0.001601");
        assertThat(Wire.price(d("123.456"), PERP, 5, DOWN)).isEqualTo("123.4");
        assertThat(Wire.price(d("12345.6"), PERP, 0, DOWN)).isEqualTo("12345");
        assertThat(Wire.price(d("1234567"), PERP, 0, DOWN)).isEqualTo("1234567");
        assertThat(Wire.price(d("25.1234"), SPOT, 2, DOWN)).isEqualTo("25.123");
        assertThat(Wire.price(d("0.000123456"), SPOT, 0, DOWN)).isEqualTo("0.00012345");
        assertThat(Wire.price(d("0.0001234"), SPOT, 3, DOWN)).isEqualTo("0.00012");
        assertThat(Wire.price(d("1670.10"), PERP, 4, DOWN)).isEqualTo("1670.1");
        assertThat(Wire.price(d("1670.10"), PERP, 4, UP)).isEqualTo("1670.1");
    }

    @Test
    void validityOfTheDocumentTable() {
        assertThat(Wire.isValidPrice(d("97432.5"), PERP, 5)).isFalse();
        assertThat(Wire.isValidPrice(d("97432"), PERP, 5)).isTrue();
        assertThat(Wire.isValidPrice(d("123456"), PERP, 0)).isTrue();
        assertThat(Wire.isValidPrice(d("12345.6"), PERP, 0)).isFalse();
        assertThat(Wire.isValidPrice(d("1670.10"), PERP, 4)).isTrue();
        assertThat(Wire.isValidPrice(d("1E+2"), PERP, 5)).isTrue();
        assertThat(Wire.isValidPrice(d("0.001601"), PERP, 0)).isTrue();
        assertThat(Wire.isValidPrice(d("0.0016014"), PERP, 0)).isFalse();
        assertThat(Wire.isValidPrice(d("0.00012345"), SPOT, 0)).isTrue();
        assertThat(Wire.isValidPrice(d("0.00012345"), PERP, 0)).isFalse();
        assertThat(Wire.isValidPrice(d("0"), PERP, 0)).isFalse();
        assertThat(Wire.isValidPrice(d("-5"), PERP, 0)).isFalse();
    }

    @Test
    void aSpotBuysFeeIsInBaseUnitsCutDownToTheTokensWeiDecimals() {
        // 200 PURR at 0.07 %: 0.14 PURR, within PURR's 5 wei decimals.
        assertThat(Wire.spotBuyFee(d("200"), d("0.0007"), 5)).isEqualByComparingTo("0.14");
        // 0.12345 UBTC at 0.07 % is 0.000086415 exactly; UBTC has 8 wei decimals here: cut, never rounded up.
        assertThat(Wire.spotBuyFee(d("0.12345"), d("0.0007"), 8)).isEqualTo(d("0.00008641"));
        assertThat(Wire.spotBuyFee(d("0.00001"), d("0.0007"), 8)).isZero();
    }

    @Test
    void aCarryStaysValidAndCanonical() {
        assertThat(Wire.price(d("9.99996"), PERP, 0, UP)).isEqualTo("10");
        assertThat(Wire.price(d("9.99996"), PERP, 0, DOWN)).isEqualTo("9.9999");
        assertThat(Wire.price(d("99999.5"), PERP, 0, UP)).isEqualTo("100000");
        assertThat(Wire.price(d("0.96"), PERP, 5, UP)).isEqualTo("1");
        assertThat(Wire.price(d("0.0000009"), PERP, 0, UP)).isEqualTo("0.000001");
    }

    @Test
    void wireStringsHaveNoExponentNoTrailingZerosAndKeepTheLeadingZero() {
        assertThat(Wire.price(d("1E+2"), PERP, 5, DOWN)).isEqualTo("100");
        assertThat(Wire.price(d("100.000"), PERP, 2, UP)).isEqualTo("100");
        assertThat(Wire.price(d("0.50"), SPOT, 2, DOWN)).isEqualTo("0.5");
        assertThat(Wire.price(d("1.2E+7"), SPOT, 8, DOWN)).isEqualTo("12000000");
        assertThat(Wire.roundPrice(d("3007.14"), PERP, 4, DOWN)).isEqualByComparingTo("3007.1");
        assertThat(Wire.size(d("1E+1"), 2)).isEqualTo("10");
        assertThat(Wire.size(d("2.500"), 4)).isEqualTo("2.5");
    }

    @Test
    void pricesThatAreNotPositiveOrRoundToZeroAreRefused() {
        assertThatThrownBy(() -> Wire.price(BigDecimal.ZERO, PERP, 2, UP)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> Wire.price(d("-1"), PERP, 2, UP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wire.price(d("0.0000004"), PERP, 0, DOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0000004").hasMessageContaining("to 0");
        assertThatThrownBy(() -> Wire.price(d("0.5"), SPOT, 8, DOWN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Wire.price(d("0.5"), SPOT, 8, UP)).isEqualTo("1");
        assertThatThrownBy(() -> Wire.price(d("1"), PERP, 7, UP)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("szDecimals 7");
    }

    @Test
    void sizesRoundDownAndZeroIsRefused() {
        assertThat(Wire.size(d("0.01474"), 4)).isEqualTo("0.0147");
        assertThat(Wire.size(d("123.456789"), 2)).isEqualTo("123.45");
        assertThat(Wire.size(d("7.9"), 0)).isEqualTo("7");
        assertThat(Wire.roundSizeDown(d("0.00009"), 4)).isEqualByComparingTo("0");
        assertThatThrownBy(() -> Wire.size(d("0.00009"), 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.00009").hasMessageContaining("szDecimals 4");
        assertThatThrownBy(() -> Wire.size(d("-1"), 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenDollarsOfEthNeedsTheMinimumRoundedUpToTheLot() {
        BigDecimal px = d("3007.1");
        assertThat(Wire.belowMinimumNotional(d("0.0033"), px, d("10")))
                .hasValue("order notional $9.92343 (0.0033 × 3007.1) is below the $10 minimum");
        BigDecimal sz = Wire.minimumSizeUp(d("10"), px, 4);
        assertThat(sz).isEqualByComparingTo("0.0034");
        assertThat(Wire.size(sz, 4)).isEqualTo("0.0034");
        assertThat(Wire.belowMinimumNotional(sz, px, d("10"))).isEmpty();
        assertThat(Wire.belowMinimumNotional(d("1"), d("10"), d("10"))).as("exactly the minimum").isEmpty();
        assertThat(Wire.belowMinimumNotional(d("0.9999"), d("10"), d("10"))).isPresent();
        assertThat(Wire.minimumSizeUp(d("10"), d("2.5"), 2)).as("exact quotient").isEqualByComparingTo("4");
    }

    @Test
    void randomPricesRoundToTheNearestValidPriceInTheirDirection() {
        long seed = 20260105L;
        SplittableRandom random = new SplittableRandom(seed);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            BigDecimal px = randomPrice(random);
            for (MarketKind kind : MarketKind.values()) {
                for (int szDecimals = 0; szDecimals <= kind.maxDecimals(); szDecimals++) {
                    checkRounding(seed, px, kind, szDecimals, DOWN);
                    checkRounding(seed, px, kind, szDecimals, UP);
                    checked += 2;
                }
            }
        }
        assertThat(checked).isEqualTo(20_000 * 2 * (7 + 9));
    }

    @Test
    void isValidPriceAgreesWithTheNaiveRule() {
        long seed = 77L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal px = randomPrice(random);
            MarketKind kind = random.nextBoolean() ? PERP : SPOT;
            int szDecimals = random.nextInt(kind.maxDecimals() + 1);
            if (Wire.isValidPrice(px, kind, szDecimals) != naiveValid(px, kind.maxDecimals() - szDecimals)) {
                fail("seed %d: isValidPrice(%s, %s, %d) disagrees with the naive rule", seed, px, kind, szDecimals);
            }
        }
    }

    @Test
    void randomSizesRoundDownToTheLotAndMinimumsRoundUp() {
        long seed = 4242L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal sz = randomPrice(random);
            BigDecimal px = randomPrice(random);
            int szDecimals = random.nextInt(9);
            BigDecimal lot = BigDecimal.ONE.movePointLeft(szDecimals);
            String why = "seed " + seed + " sz " + sz + " px " + px + " szDecimals " + szDecimals;

            BigDecimal down = Wire.roundSizeDown(sz, szDecimals);
            boolean onLot = down.remainder(lot).signum() == 0;
            if (!onLot || down.compareTo(sz) > 0 || sz.subtract(down).compareTo(lot) >= 0) {
                fail("%s: roundSizeDown gave %s", why, down);
            }
            if (down.signum() > 0) {
                String wire = Wire.size(sz, szDecimals);
                if (!CANONICAL.matcher(wire).matches() || new BigDecimal(wire).compareTo(down) != 0) {
                    fail("%s: size gave '%s'", why, wire);
                }
            }

            BigDecimal notional = BigDecimal.valueOf(random.nextInt(1, 5_000), random.nextInt(3));
            BigDecimal min = Wire.minimumSizeUp(notional, px, szDecimals);
            boolean enough = min.multiply(px).compareTo(notional) >= 0;
            boolean oneLotLessIsNot = min.subtract(lot).multiply(px).compareTo(notional) < 0;
            if (min.remainder(lot).signum() != 0 || !enough || !oneLotLessIsNot
                    || Wire.belowMinimumNotional(min, px, notional).isPresent()) {
                fail("%s notional %s: minimumSizeUp gave %s", why, notional, min);
            }
        }
    }

    /** Leading digit anywhere from 1e-8 to 1e7, 1 to 10 significant digits, sometimes with trailing zeros. */
    private static BigDecimal randomPrice(SplittableRandom random) {
        int exponent = random.nextInt(-8, 8);
        int digits = random.nextInt(1, 11);
        BigInteger unscaled = BigInteger.valueOf(random.nextLong(pow10(digits - 1), pow10(digits)));
        BigDecimal px = new BigDecimal(unscaled, digits - 1 - exponent);
        return random.nextInt(8) == 0 ? px.setScale(px.scale() + random.nextInt(1, 4)) : px;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /**
     * The result is a canonical valid price on the right side of {@code px}, and no valid price lies between them. A
     * valid price with s decimals on the far side would put the grid-s neighbour of the result there, valid too; so
     * checking each grid's one neighbour is a complete search.
     */
    private static void checkRounding(long seed, BigDecimal px, MarketKind kind, int szDecimals, RoundingMode mode) {
        int maxDecimals = kind.maxDecimals() - szDecimals;
        String why = "seed " + seed + ": " + mode + " " + px.toPlainString() + " " + kind + " szDecimals " + szDecimals;
        BigDecimal result;
        try {
            result = Wire.roundPrice(px, kind, szDecimals, mode);
        } catch (IllegalArgumentException e) {
            // Only DOWN below the smallest valid price may fail: there is no valid price in (0, px].
            if (mode != DOWN || naiveValid(BigDecimal.ONE.movePointLeft(maxDecimals), maxDecimals)
                    && BigDecimal.ONE.movePointLeft(maxDecimals).compareTo(px) <= 0) {
                fail("%s: refused (%s)", why, e.getMessage());
            }
            return;
        }
        String wire = Wire.price(px, kind, szDecimals, mode);
        if (!CANONICAL.matcher(wire).matches() || new BigDecimal(wire).compareTo(result) != 0) {
            fail("%s: wire string '%s' for %s", why, wire, result);
        }
        if (!naiveValid(result, maxDecimals)) {
            fail("%s: %s is not a valid price", why, wire);
        }
        int side = result.compareTo(px);
        if (mode == DOWN ? side > 0 : side < 0) {
            fail("%s: %s is on the wrong side", why, wire);
        }
        for (int k = 0; k <= maxDecimals; k++) {
            BigDecimal step = BigDecimal.ONE.movePointLeft(k);
            BigDecimal neighbour = mode == DOWN ? result.setScale(k, RoundingMode.FLOOR).add(step)
                    : result.setScale(k, RoundingMode.CEILING).subtract(step);
            boolean between = mode == DOWN ? neighbour.compareTo(px) <= 0 : neighbour.compareTo(px) >= 0;
            if (between && naiveValid(neighbour, maxDecimals)) {
                fail("%s: gave %s but %s is valid and nearer", why, wire, neighbour.toPlainString());
            }
        }
    }

    /** HYPERLIQUID.md §5 by counting characters: an integer, or at most 5 significant digits and maxDecimals. */
    private static boolean naiveValid(BigDecimal px, int maxDecimals) {
        if (px.signum() <= 0) {
            return false;
        }
        String plain = px.toPlainString();
        if (plain.contains(".")) {
            plain = plain.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        int dot = plain.indexOf('.');
        if (dot < 0) {
            return true;
        }
        int decimals = plain.length() - dot - 1;
        String significant = plain.replace(".", "").replaceFirst("^0+", "");
        return decimals <= maxDecimals && significant.length() <= 5;
    }
}
