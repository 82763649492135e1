package lotus.learning;

import static lotus.learning.LearningWorld.DAY_MS;
import static lotus.learning.LearningWorld.T0;
import static lotus.learning.LearningWorld.in;
import static lotus.learning.LearningWorld.perps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import lotus.learning.LearningWorld.Trade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-book timeframe weights: EWMA of rr by timeframe (τ 14 days) over the book's EWMA, clamped to [0.5, 2.0]. */
class TimeframeWeightsTest {

    private static final double EPS = 1e-12;
    private static final long TAU_MS = 14 * DAY_MS;

    @TempDir
    Path dir;

    LearningWorld world;

    @BeforeEach
    void open() {
        world = LearningWorld.sqlite(dir);
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void weightsAreTheTimeframeEwmaOverTheBookEwmaWithTheLowerClamp() {
        // 1h: rr 1 at T0 + 14 d, then (arriving later, closed earlier) rr 3 at T0; 4h: rr 0.5 at T0 + 14 d.
        world.close(perps("1h", "ETH", "S2", "S2.dip_buy", 1.0).closedAt(T0 + TAU_MS));
        world.close(perps("4h", "BTC", "S1", "S1.retest_entry", 0.5).closedAt(T0 + TAU_MS));
        world.close(perps("1h", "SOL", "S2", "S2.dip_buy", 3.0).closedAt(T0));

        TimeframeWeights w = world.learned().timeframeWeights("perps", "hyperliquid");

        double e = Math.exp(-1); // the T0 trade is one τ older than the others
        double ewma1h = (3 * e + 1) / (e + 1);
        double bookEwma = (3 * e + 1 + 0.5) / (e + 2);
        assertThat(w.ewmaRr().get("1h")).isCloseTo(ewma1h, within(EPS));
        assertThat(w.ewmaRr().get("4h")).isCloseTo(0.5, within(EPS));
        assertThat(w.bookEwmaRr()).isCloseTo(bookEwma, within(EPS));
        assertThat(ewma1h / bookEwma).isBetween(1.39, 1.40);
        assertThat(w.weight("1h")).isCloseTo(ewma1h / bookEwma, within(EPS));
        assertThat(0.5 / bookEwma).isBetween(0.45, 0.46);
        assertThat(w.weight("4h")).isEqualTo(0.5);
        assertThat(w.weight("15m")).isEqualTo(1.0); // no trades on 15m yet
        assertThat(w.weights()).containsOnlyKeys("1h", "4h");
    }

    @Test
    void halfATauWeighsEToTheMinusHalfAndTheUpperClampHolds() {
        long half = T0 + 7 * DAY_MS;
        world.close(in("hyperliquid", "spot", "15m", "ETH", "S2", "S2.dip_buy", 10.0).closedAt(half));
        world.close(in("hyperliquid", "spot", "15m", "ETH", "S2", "S2.dip_buy", 4.0).closedAt(T0));
        world.close(in("hyperliquid", "spot", "1h", "ETH", "S2", "S2.dip_buy", 0.1).closedAt(T0));
        world.close(in("hyperliquid", "spot", "1h", "ETH", "S2", "S2.dip_buy", 0.1).closedAt(half));
        world.close(2, in("hyperliquid", "spot", "4h", "ETH", "S2", "S2.dip_buy", 0.1).closedAt(half));

        TimeframeWeights w = world.learned().timeframeWeights("spot", "hyperliquid");

        double h = Math.exp(-0.5);
        double ewma15m = (10 + 4 * h) / (1 + h);
        double bookEwma = (10 + 4 * h + 0.1 * h + 0.1 + 2 * 0.1) / (1 + h + h + 1 + 2);
        assertThat(w.ewmaRr().get("15m")).isCloseTo(ewma15m, within(EPS));
        assertThat(w.ewmaRr().get("1h")).isCloseTo(0.1, within(EPS));
        assertThat(w.bookEwmaRr()).isCloseTo(bookEwma, within(EPS));
        assertThat(ewma15m / bookEwma).isGreaterThan(2.0);
        assertThat(w.weight("15m")).isEqualTo(2.0);
        assertThat(w.weight("1h")).isEqualTo(0.5);
        assertThat(w.weight("4h")).isEqualTo(0.5);
    }

    @Test
    void aBookWhoseEwmaIsNotPositiveOrThatHasNoTradesWeighsEveryTimeframeOne() {
        world.close(in("solana", "social", "1h", "BONK", "S2", "S2.dip_buy", 2.0));
        world.close(in("solana", "social", "4h", "WIF", "S2", "S2.dip_buy", -3.0));
        world.close(in("solana", "lowcap", "1h", "BONK", "S2", "S2.dip_buy", 0.0));
        LearningSystem learned = world.learned();

        TimeframeWeights social = learned.timeframeWeights("social", "solana");
        assertThat(social.bookEwmaRr()).isCloseTo(-0.5, within(EPS));
        assertThat(social.weights()).isEqualTo(Map.of("1h", 1.0, "4h", 1.0));
        TimeframeWeights zero = learned.timeframeWeights("lowcap", "solana");
        assertThat(zero.bookEwmaRr()).isZero();
        assertThat(zero.weight("1h")).isEqualTo(1.0);
        TimeframeWeights none = learned.timeframeWeights("perps", "hyperliquid");
        assertThat(none.weights()).isEmpty();
        assertThat(none.bookEwmaRr()).isZero();
        assertThat(none.weight("1h")).isEqualTo(1.0);
    }

    @Test
    void incrementalEwmaEqualsTheDirectFormulaOverRandomCloses() {
        long seed = 20260101L;
        SplittableRandom random = new SplittableRandom(seed);
        List<Trade> trades = new ArrayList<>();
        String[] timeframes = {"15m", "1h", "4h"};
        String[] books = {"perps", "spot"};
        for (int i = 0; i < 120; i++) {
            // Closes wander over 90 days and arrive out of order, as strands of different positions do.
            long closedAt = T0 + (long) (random.nextDouble() * 90 * DAY_MS);
            double rr = Math.round((random.nextDouble() * 8 - 2) * 1000) / 1000.0;
            trades.add(in("hyperliquid", books[random.nextInt(2)], timeframes[random.nextInt(3)], "ETH", "S2",
                    "S2.dip_buy", rr).closedAt(closedAt));
        }
        trades.forEach(world::close);
        LearningSystem learned = world.learned();

        for (String book : books) {
            List<Trade> ofBook = trades.stream().filter(t -> t.book().equals(book)).toList();
            long latest = ofBook.stream().mapToLong(Trade::closedAtMs).max().orElseThrow();
            Map<String, double[]> sums = new TreeMap<>();
            double[] all = new double[2];
            for (Trade t : ofBook) {
                double w = Math.exp(-(double) (latest - t.closedAtMs()) / TAU_MS);
                double[] s = sums.computeIfAbsent(t.timeframe(), k -> new double[2]);
                s[0] += w;
                s[1] += w * t.rr();
                all[0] += w;
                all[1] += w * t.rr();
            }
            double bookEwma = all[1] / all[0];
            TimeframeWeights w = learned.timeframeWeights(book, "hyperliquid");
            assertThat(w.bookEwmaRr()).as("seed %d book %s", seed, book).isCloseTo(bookEwma, within(1e-9));
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                double ewma = e.getValue()[1] / e.getValue()[0];
                assertThat(w.ewmaRr().get(e.getKey())).as("seed %d %s %s", seed, book, e.getKey())
                        .isCloseTo(ewma, within(1e-9));
                double expected = bookEwma > 0 ? Math.clamp(ewma / bookEwma, 0.5, 2.0) : 1.0;
                assertThat(w.weight(e.getKey())).as("seed %d %s %s", seed, book, e.getKey())
                        .isCloseTo(expected, within(1e-9));
            }
        }
    }
}
