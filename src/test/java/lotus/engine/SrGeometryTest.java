package lotus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrGeometryTest {

    /** One period: a swing high at 105 (phase 2) and a swing low at 95 (phase 6), both far above 0.5 % prominence. */
    private static final double[] WAVE = {100, 102, 105, 102, 100, 98, 95, 98};

    private static double[] wave(int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = WAVE[i % WAVE.length];
        }
        return c;
    }

    private static List<SrLevel> levels(double[] c) {
        return SrGeometry.levels(c, 0, c.length);
    }

    private static SrLevel level(double price, int strength) {
        return new SrLevel(price, strength);
    }

    @Test
    void aWaveGivesItsTwoClustersAndTheFibsTheyBoost() {
        // 200 bars: swing highs at bars 2, 10, …, 194 (25 of them), lows at 6, …, 190 (24); ATH 105, ATL 95, R 10.
        double ath = 105;
        double r = 10;
        assertThat(levels(wave(200))).containsExactly(
                level(95 + 2.0 * r, 15), // extension 2.0: nearest 105 is 8.7 % away, no bonus
                level(95 + 1.618 * r, 15 + 25 / 2), // 5.6 % from the 105 cluster: half
                level(95 + 1.272 * r, 15 + 25), // 2.5 % from the 105 cluster: full
                level(ath, 15 + 25), // retracement 0: the 105 cluster comes before the ATH on a distance tie
                level(105, 25), // the cluster of 25 swing highs
                level(ath - 0.236 * r, 15 + 25),
                level(ath - 0.382 * r, 15 + 25 / 2), // 3.8 % from 105
                level(ath - 0.5 * r, 15 + 25 / 2), // 100: 5 % from both clusters, the first (stronger) one wins
                level(ath - 0.618 * r, 15 + 24 / 2), // 3.9 % from 95
                level(ath - 0.786 * r, 15 + 24),
                level(ath - 1.0 * r, 15 + 24),
                level(95, 24));
        // Dropped: extensions 2.618, 3.0, 4.236 (strength 15, the 2.0 one wins the tie by its lower price), ATH/ATL.
    }

    @Test
    void athAndAtlThatAreNoSwingsBoostTheirFibsByTen() {
        double[] c = wave(200);
        c[0] = 80; // ATL, first bar: no swing
        c[199] = 120; // ATH, last bar: no swing
        List<SrLevel> levels = levels(c);
        assertThat(levels).contains(level(120, 15 + 10), level(120 - 1.0 * 40, 15 + 10));
        assertThat(levels).contains(level(105, 25), level(95, 24));
        assertThat(levels).hasSize(12);
    }

    @Test
    void clusterCentreIsTheRunningMeanOfItsMembers() {
        double[] c = wave(200);
        // Highs alternate 105 and 106 (within 6 %): one cluster of 25 whose centre is their mean.
        int highs106 = 0;
        for (int i = 10; i < 200; i += 16) {
            c[i] = 106;
            highs106++;
        }
        double centre = (105.0 * (25 - highs106) + 106.0 * highs106) / 25;
        List<SrLevel> levels = levels(c);
        // The 0 % retracement sits on the ATH (106) and takes 15 + 10 = 25 from it; the cluster is the other 25.
        assertThat(levels).contains(level(106, 25));
        SrLevel cluster = levels.stream().filter(l -> l.strength() == 25 && l.price() < 106).findFirst().orElseThrow();
        assertThat(cluster.price()).isCloseTo(centre, within(1e-12));
        assertThat(levels).contains(level(95, 24));
    }

    @Test
    void swingsMoreThanSixPercentApartFormSeparateClusters() {
        // Highs alternate 105 and 112 (6.7 % apart): two clusters of 13 and 12; lows stay one cluster of 24.
        double[] c = wave(200);
        for (int i = 10; i < 200; i += 16) {
            c[i] = 112;
            c[i - 1] = 106;
            c[i + 1] = 106;
        }
        // Clusters of 12 or 13 lose the 12-cut to the fibs (≥ 15); their strengths show in the fib bonuses instead.
        // ATH 112, ATL 95, R 17. The 0 % fib sits on the 112 cluster (12): 27; merged into one cluster of 25 it
        // would be 3.3 % from its centre. The 23.6 % fib (107.988) is 2.8 % from the 105 cluster (13): 28.
        List<SrLevel> levels = levels(c);
        assertThat(levels).contains(level(112, 15 + 12), level(112 - 0.236 * 17, 15 + 13), level(95, 24));
        assertThat(levels).isEqualTo(naiveLevels(c, 0, c.length));
    }

    @Test
    void needsFiftyBars() {
        assertThat(levels(wave(49))).isEmpty();
        assertThat(levels(wave(50))).hasSize(12);
        double[] c = wave(120);
        assertThat(SrGeometry.levels(c, 71, 120)).isEmpty();
        assertThat(SrGeometry.levels(c, 70, 120)).hasSize(12);
    }

    @Test
    void needsThreeSwingHighsOrThreeSwingLows() {
        double[] c = new double[100];
        for (int i = 0; i < 100; i++) {
            c[i] = 100 + 0.1 * i; // a slow ramp has no strict 5-bar extremes
        }
        int[] highs = {10, 30};
        int[] lows = {20, 40};
        for (int i : highs) {
            c[i] += 5;
        }
        for (int i : lows) {
            c[i] -= 5;
        }
        assertThat(levels(c)).as("2 highs, 2 lows").isEmpty();
        double[] threeHighs = c.clone();
        threeHighs[60] += 5;
        assertThat(levels(threeHighs)).as("3 highs, 2 lows").hasSize(12);
        double[] threeLows = c.clone();
        threeLows[60] -= 5;
        assertThat(levels(threeLows)).as("2 highs, 3 lows").hasSize(12);
    }

    @Test
    void swingsNeedHalfAPercentProminence() {
        // 38 spikes on a flat 100 (bars 5, 10, …, 190): a cluster of 38 if they are swings.
        double[] flat = new double[200];
        Arrays.fill(flat, 100);
        double[] weak = flat.clone();
        double[] strong = flat.clone();
        double[] lows = flat.clone();
        for (int i = 5; i < 195; i += 5) {
            weak[i] = 100.4; // (100.4 − 100) / 100.4 = 0.40 %
            strong[i] = 100.6; // 0.60 %
            lows[i] = 99.45; // measured against its own close: (100 − 99.45) / 99.45 = 0.553 %
        }
        assertThat(levels(weak)).isEmpty();
        assertThat(levels(strong)).contains(level(100.6, 38));
        assertThat(levels(lows)).contains(level(99.45, 38));
    }

    @Test
    void theFiveBarPatternIsStrict() {
        double[] c = new double[100];
        Arrays.fill(c, 100);
        for (int i = 10; i < 90; i += 10) {
            c[i] = 102;
            c[i + 2] = 102; // an equal close two bars later: neither bar is above all four neighbours
        }
        assertThat(levels(c)).isEmpty();
    }

    @Test
    void onlyTheLastMaxBarsCount() {
        int n = SrGeometry.MAX_BARS + 300;
        double[] c = wave(n);
        for (int i = 0; i < 300; i++) {
            c[i] = 1000 + 50 * Math.sin(i); // an older regime far above the wave
        }
        List<SrLevel> all = SrGeometry.levels(c, 0, n);
        assertThat(all).isEqualTo(SrGeometry.levels(c, 300, n));
        assertThat(all).isEqualTo(levels(Arrays.copyOfRange(c, 300, n)));
        assertThat(all.get(0).price()).isLessThan(200);
        assertThat(SrGeometry.levels(c, 0, n - 1)).isNotEqualTo(all); // one older bar leaks in
    }

    @Test
    void outputIsSortedByPriceDescending() {
        for (long seed = 1; seed <= 20; seed++) {
            List<SrLevel> levels = levels(Naive.Ohlcv.random(seed, 400).close());
            assertThat(levels).hasSize(12);
            for (int i = 1; i < levels.size(); i++) {
                assertThat(levels.get(i).price()).isLessThanOrEqualTo(levels.get(i - 1).price());
            }
        }
    }

    @Test
    void matchesTheNaiveReferenceOnRandomSeries() {
        int[] lengths = {50, 51, 120, 1000, SrGeometry.MAX_BARS + 51};
        for (long seed : new long[] {1, 2, 3, 7, 42, 2026, 987654321}) {
            for (int n : lengths) {
                double[] c = Naive.Ohlcv.random(seed, n).close();
                assertLevels(SrGeometry.levels(c, 0, n), naiveLevels(c, 0, n), "seed=" + seed + " n=" + n);
                int from = n / 7;
                assertLevels(SrGeometry.levels(c, from, n - 3), naiveLevels(c, from, n - 3),
                        "slice seed=" + seed + " n=" + n);
                // A coarse price grid makes equal swing closes, equal strengths and ties at the cuts common.
                double[] coarse = Arrays.stream(c).map(x -> Math.round(x / 0.37) * 0.37).toArray();
                assertLevels(SrGeometry.levels(coarse, 0, n), naiveLevels(coarse, 0, n),
                        "coarse seed=" + seed + " n=" + n);
            }
        }
    }

    private static void assertLevels(List<SrLevel> actual, List<SrLevel> expected, String what) {
        assertThat(actual).as(what + " size").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).strength()).as("%s [%d] strength", what, i).isEqualTo(expected.get(i).strength());
            assertThat(Naive.close(actual.get(i).price(), expected.get(i).price()))
                    .as("%s [%d] price %s vs %s", what, i, actual.get(i).price(), expected.get(i).price()).isTrue();
        }
    }

    // ---- Naive reference, written from STRATEGY.md §1 with lists and comparators. ----

    /** Exact sum, so the centre is the correctly rounded mean of the members. */
    private record Cluster(BigDecimal sum, int members) {
        double centre() {
            return sum.divide(BigDecimal.valueOf(members), MathContext.DECIMAL128).doubleValue();
        }
    }

    /** Swing closes of c (whole array), clustered; all clusters in creation order, as levels. */
    private static List<SrLevel> clusters(double[] c) {
        List<Double> swings = new ArrayList<>();
        for (int i = 2; i + 2 < c.length; i++) {
            if (swing(c, i) != 0) {
                swings.add(c[i]);
            }
        }
        swings.sort(Comparator.naturalOrder());
        List<Cluster> clusters = new ArrayList<>();
        for (double p : swings) {
            int joined = -1;
            for (int k = 0; k < clusters.size() && joined < 0; k++) {
                double centre = clusters.get(k).centre();
                if (Math.abs(p - centre) / centre <= 0.06) {
                    joined = k;
                }
            }
            if (joined < 0) {
                clusters.add(new Cluster(new BigDecimal(p), 1));
            } else {
                Cluster k = clusters.get(joined);
                clusters.set(joined, new Cluster(k.sum().add(new BigDecimal(p)), k.members() + 1));
            }
        }
        return clusters.stream().map(k -> new SrLevel(k.centre(), k.members())).toList();
    }

    /** +1 swing high, -1 swing low, 0 neither: above (below) all four neighbours by ≥ 0.5 % of its close. */
    private static int swing(double[] c, int i) {
        double x = c[i];
        double[] nb = {c[i - 2], c[i - 1], c[i + 1], c[i + 2]};
        double min = Arrays.stream(nb).min().orElseThrow();
        double max = Arrays.stream(nb).max().orElseThrow();
        if (x <= 0) {
            return 0;
        }
        if (Arrays.stream(nb).allMatch(y -> y < x) && 100 * (x - min) / x >= 0.5) {
            return 1;
        }
        return Arrays.stream(nb).allMatch(y -> y > x) && 100 * (max - x) / x >= 0.5 ? -1 : 0;
    }

    private static int swingCount(double[] c, int kind) {
        int count = 0;
        for (int i = 2; i + 2 < c.length; i++) {
            if (swing(c, i) == kind) {
                count++;
            }
        }
        return count;
    }

    private static final Comparator<SrLevel> STRONGEST_FIRST =
            Comparator.comparingInt(SrLevel::strength).reversed().thenComparingDouble(SrLevel::price);

    static List<SrLevel> naiveLevels(double[] all, int from, int to) {
        double[] c = Arrays.copyOfRange(all, Math.max(from, to - 9999), to);
        if (c.length < 50 || swingCount(c, 1) < 3 && swingCount(c, -1) < 3) {
            return List.of();
        }
        List<SrLevel> existing = new ArrayList<>(clusters(c).stream().sorted(STRONGEST_FIRST).limit(9).toList());
        double ath = Arrays.stream(c).max().orElseThrow();
        double atl = Arrays.stream(c).min().orElseThrow();
        existing.add(new SrLevel(ath, 10));
        existing.add(new SrLevel(atl, 10));
        List<Double> fibs = new ArrayList<>();
        for (double r : new double[] {0, 0.236, 0.382, 0.5, 0.618, 0.786, 1}) {
            fibs.add(ath - r * (ath - atl));
        }
        for (double k : new double[] {1.272, 1.618, 2.0, 2.618, 3.0, 4.236}) {
            fibs.add(atl + k * (ath - atl));
        }
        List<SrLevel> candidates = new ArrayList<>(existing);
        for (double fib : fibs) {
            SrLevel nearest = existing.get(0);
            for (SrLevel e : existing) {
                if (Math.abs(e.price() - fib) < Math.abs(nearest.price() - fib)) {
                    nearest = e;
                }
            }
            double pct = Math.abs(nearest.price() - fib) / fib * 100;
            int bonus = pct < 3 ? nearest.strength() : pct < 7 ? nearest.strength() / 2 : 0;
            candidates.add(new SrLevel(fib, 15 + bonus));
        }
        return candidates.stream().sorted(STRONGEST_FIRST).limit(12)
                .sorted(Comparator.comparingDouble(SrLevel::price).reversed()
                        .thenComparing(Comparator.comparingInt(SrLevel::strength).reversed()))
                .toList();
    }
}
