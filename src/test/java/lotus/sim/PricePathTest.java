package lotus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PricePathTest {

    @Test
    void aMonthOfSimulatedTimeVisitsEveryRegimeAndStaysWithinBounds() {
        for (long seed = 1; seed <= 5; seed++) {
            PricePath path = new PricePath(100, 0.01, 0, new SplittableRandom(seed));
            Set<PricePath.Regime> seen = EnumSet.noneOf(PricePath.Regime.class);
            double min = Double.MAX_VALUE;
            double max = 0;
            for (long t = 0; t <= 30 * 24 * 3_600_000L; t += 60_000) {
                double price = path.advanceTo(t);
                seen.add(path.regime());
                min = Math.min(min, price);
                max = Math.max(max, price);
            }
            assertThat(seen).as("seed %d", seed).isEqualTo(EnumSet.allOf(PricePath.Regime.class));
            assertThat(min).as("seed %d", seed).isGreaterThanOrEqualTo(5.0);
            assertThat(max).as("seed %d", seed).isLessThanOrEqualTo(2000.0).isGreaterThan(min * 1.1);
        }
    }

    @Test
    void theSameSeedAndTimesGiveTheSamePath() {
        PricePath a = new PricePath(3000, 0.006, 0, new SplittableRandom(4));
        PricePath b = new PricePath(3000, 0.006, 0, new SplittableRandom(4));
        for (long t = 0; t < 10_000_000; t += 12_345) {
            assertThat(a.advanceTo(t)).isEqualTo(b.advanceTo(t));
        }
    }
}
