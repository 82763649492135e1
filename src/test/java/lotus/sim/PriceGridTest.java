package lotus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import lotus.market.Decimals;
import org.junit.jupiter.api.Test;

class PriceGridTest {

    /** Floor and ceil of a decimal price on the grid of an asset with {@code decimals} price decimals. */
    private static String floor(String px, int decimals) {
        PriceGrid grid = new PriceGrid(decimals);
        long units = new BigDecimal(px).movePointRight(decimals).longValue();
        return Decimals.plain(grid.toDecimal(grid.floor(units)));
    }

    private static String ceil(String px, int decimals) {
        PriceGrid grid = new PriceGrid(decimals);
        long units = new BigDecimal(px).movePointRight(decimals).setScale(0, RoundingMode.CEILING)
                .longValueExact();
        return Decimals.plain(grid.toDecimal(grid.ceil(units)));
    }

    @Test
    void roundsLikeTheTableInHyperliquidMdSection5() {
        assertThat(floor("97432.57", 1)).isEqualTo("97432");
        assertThat(ceil("97432.57", 1)).isEqualTo("97433");
        assertThat(floor("3007.14", 2)).isEqualTo("3007.1");
        assertThat(ceil("3007.14", 2)).isEqualTo("3007.2");
        assertThat(floor("0.0016014", 6)).isEqualTo("0.001601");
        assertThat(floor("123.456", 1)).isEqualTo("123.4");
        assertThat(floor("12345.6", 6)).isEqualTo("12345");
        assertThat(floor("1234567", 6)).isEqualTo("1234567");
        assertThat(floor("25.1234", 6)).isEqualTo("25.123");
        assertThat(floor("0.000123456", 8)).isEqualTo("0.00012345");
        assertThat(floor("0.0001234", 5)).isEqualTo("0.00012");
        assertThat(ceil("9.99996", 6)).isEqualTo("10");
    }

    @Test
    void neighboursOfValidPricesAreValidAndAdjacent() {
        SimAsset perp = new SimAsset("X", "X", SimAsset.Kind.PERP, 2, 10, 0);
        PriceGrid grid = new PriceGrid(perp.priceDecimals());
        SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < 20_000; i++) {
            long units = grid.floor(random.nextLong(1, 100_000_000_000L));
            long above = grid.above(units);
            assertThat(SimTesting.validPrice(grid.toDecimal(units), perp)).as("units %d", units).isTrue();
            assertThat(SimTesting.validPrice(grid.toDecimal(above), perp)).as("above %d", units).isTrue();
            for (long between = units + 1; between < Math.min(above, units + 50); between++) {
                assertThat(SimTesting.validPrice(grid.toDecimal(between), perp)).as("between %d", between).isFalse();
            }
            if (units > 1) {
                assertThat(grid.above(grid.below(units))).isEqualTo(units);
            }
        }
    }
}
