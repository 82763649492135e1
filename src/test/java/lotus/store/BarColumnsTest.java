package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/**
 * {@link BarColumns} hands back the very decimals it was given (unscaled value and scale, so {@code equals} holds,
 * not only {@code compareTo}): what accounting and paper fills read from a backtest's columns is what is stored.
 */
class BarColumnsTest {

    private static final long T0 = 1_767_225_600_000L;

    /** A decimal of any shape a table or the venue gives: trailing zeros, 0 to 30 decimals, wider than a long. */
    private static BigDecimal decimal(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> BigDecimal.valueOf(r.nextLong(0, Long.MAX_VALUE), r.nextInt(0, 30));
            case 1 -> new BigDecimal(r.nextLong(1, 1_000_000) + "." + "0".repeat(r.nextInt(1, 8)));
            case 2 -> new BigDecimal(java.math.BigInteger.valueOf(r.nextLong(1, Long.MAX_VALUE))
                    .multiply(java.math.BigInteger.valueOf(r.nextLong(2, 1_000_000))), r.nextInt(0, 20));
            case 3 -> BigDecimal.valueOf(r.nextLong(1, 1000), -r.nextInt(1, 5)); // 1.2E+3, as PostgreSQL may keep it
            default -> BigDecimal.valueOf(r.nextLong(1, 100), r.nextInt(0, 200)); // scale beyond a byte
        };
    }

    private static List<Bar> bars(SplittableRandom r, int n) {
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal a = decimal(r);
            BigDecimal b = decimal(r);
            BigDecimal lo = a.min(b);
            BigDecimal hi = a.max(b);
            out.add(new Bar("AAA", "hyperliquid", Timeframe.M1, T0 + i * 60_000L, r.nextBoolean() ? lo : hi, hi, lo,
                    r.nextBoolean() ? lo : hi, decimal(r), r.nextInt(20) == 0 ? r.nextInt(1, 1000) : 0));
        }
        return out;
    }

    @Test
    void everyBarReadBackEqualsTheOneHeldDecimalForDecimal() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Bar> original = bars(new SplittableRandom(seed), 500);
            BarColumns columns = BarColumns.of(original);
            assertThat(columns.asList()).as("seed %d", seed).isEqualTo(original);
            assertThat(columns.view(100, 200)).isEqualTo(original.subList(100, 200));
            assertThat(columns.asList().subList(10, 20).subList(2, 5)).isEqualTo(original.subList(12, 15));
            assertThat(columns.lowerBound(T0 + 100 * 60_000L)).isEqualTo(100);
            assertThat(columns.lowerBound(T0 + 100 * 60_000L + 1)).isEqualTo(101);
        }
    }

    /** The text a SQLite column holds, read without a BigDecimal where it can, as {@code new BigDecimal(text)}. */
    @Test
    void storedTextsReadBackAsTheirDecimals() {
        SplittableRandom r = new SplittableRandom(3);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.0", "007.50", "123456789012345678",
                "1234567890123456789", "0.000012345678901235", "1E+3", "-12.5", "99999999999999999.9"));
        for (int i = 0; i < 2000; i++) {
            texts.add(decimal(r).toPlainString());
        }
        BarColumns.Builder b = new BarColumns.Builder("AAA", "hyperliquid", Timeframe.M1, 4);
        List<BigDecimal> expected = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            BigDecimal d = new BigDecimal(t);
            // The text as every price, and as the volume when not negative.
            String volume = d.signum() < 0 ? "1" : t;
            b.addText(T0 + i * 60_000L, t, t, t, t, volume);
            expected.add(d);
        }
        BarColumns columns = b.build();
        for (int i = 0; i < texts.size(); i++) {
            Bar bar = columns.bar(i);
            BigDecimal d = expected.get(i);
            assertThat(List.of(bar.open(), bar.high(), bar.low(), bar.close())).as(texts.get(i))
                    .containsOnly(d);
            assertThat(bar.volume()).isEqualTo(d.signum() < 0 ? BigDecimal.ONE : d);
        }
    }

    @Test
    void anInconsistentOrUnorderedBarIsRefusedAsTheRecordRefusesIt() {
        BarColumns.Builder b = new BarColumns.Builder("AAA", "hyperliquid", Timeframe.M1, 4);
        b.addText(T0, "10", "12", "9", "11", "5");
        assertThatThrownBy(() -> b.addText(T0 + 60_000, "10", "9.5", "9", "11", "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inconsistent bar AAA");
        assertThatThrownBy(() -> b.addText(T0, "10", "12", "9", "11", "5"))
                .hasMessageContaining("not in strictly increasing open time");
        assertThatThrownBy(() -> b.addText(T0 + 60_001, "10", "12", "9", "11", "5"))
                .hasMessageContaining("boundary");
        b.addText(T0 + 60_000, "10", "12", "9", "11", "5");
        assertThat(b.build().asList()).extracting(Bar::openTimeMs).containsExactly(T0, T0 + 60_000);
    }
}
