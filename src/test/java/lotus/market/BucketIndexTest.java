package lotus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

class BucketIndexTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long MIN = 60_000L;
    private static final Set<String> ABCD = Set.of("A", "B", "C", "D");

    private static Bar bar(String token, long openMs, String o, String h, String l, String c) {
        return new Bar(token, "solana", Timeframe.M1, openMs, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l),
                new BigDecimal(c), BigDecimal.ONE, 1);
    }

    private static Bar flat(String token, long openMs, String px) {
        return bar(token, openMs, px, px, px, px);
    }

    private static Map<String, Bar> minute(Bar... bars) {
        Map<String, Bar> out = new HashMap<>();
        for (Bar b : bars) {
            out.put(b.tokenContract(), b);
        }
        return out;
    }

    private static void assertBar(Optional<Bar> bar, long openMs, String o, String h, String l, String c) {
        assertThat(bar).isPresent();
        Bar b = bar.get();
        assertThat(b.tokenContract()).isEqualTo("bucket.small");
        assertThat(b.chain()).isEqualTo("regime");
        assertThat(b.timeframe()).isEqualTo(Timeframe.M1);
        assertThat(b.openTimeMs()).isEqualTo(openMs);
        assertThat(b.open()).isEqualByComparingTo(o);
        assertThat(b.high()).isEqualByComparingTo(h);
        assertThat(b.low()).isEqualByComparingTo(l);
        assertThat(b.close()).isEqualByComparingTo(c);
        assertThat(b.volume()).isEqualByComparingTo("0");
    }

    /**
     * Members at 1e-6, 0.5, 2 and 3000. Relative to each previous close (A, B, C, D):
     * m1 close 1.1 1 0.95 1.05 (mean 1.025), high 1.2 1.02 1 1.05 (1.0675), low 0.95 0.98 0.9 1 (0.9575);
     * m2 close 0.9 1.1 1 0.98 (0.995), high 1 1.12 1.05 1 (1.0425), low 0.8 1 0.99 0.96 (0.9375);
     * m3 close 1 0.8 1.1 1.05 (0.9875), high = close (0.9875, below 1: every member gapped, so high = open),
     * low 0.9 0.75 1.1 1.05 (0.95).
     */
    @Test
    void indexOfMembersAtVeryDifferentPriceScalesEqualsTheHandComputedBars() {
        BucketIndex index = new BucketIndex(MarketCapBucket.SMALL);
        assertThat(index.onMinute(T0, ABCD, minute(flat("A", T0, "0.000001"), flat("B", T0, "0.5"),
                flat("C", T0, "2"), flat("D", T0, "3000")))).isEmpty();

        long m1 = T0 + MIN;
        assertBar(index.onMinute(m1, ABCD, minute(
                bar("A", m1, "0.000001", "0.0000012", "0.00000095", "0.0000011"),
                bar("B", m1, "0.5", "0.51", "0.49", "0.5"),
                bar("C", m1, "2", "2", "1.8", "1.9"),
                bar("D", m1, "3000", "3150", "3000", "3150"))),
                m1, "100", "106.75", "95.75", "102.5");

        long m2 = T0 + 2 * MIN;
        assertBar(index.onMinute(m2, ABCD, minute(
                bar("A", m2, "0.0000011", "0.0000011", "0.00000088", "0.00000099"),
                bar("B", m2, "0.5", "0.56", "0.5", "0.55"),
                bar("C", m2, "1.9", "1.995", "1.881", "1.9"),
                bar("D", m2, "3150", "3150", "3024", "3087"))),
                m2, "102.5", "106.85625", "96.09375", "101.9875");

        long m3 = T0 + 3 * MIN;
        assertBar(index.onMinute(m3, ABCD, minute(
                bar("A", m3, "0.00000099", "0.00000099", "0.000000891", "0.00000099"),
                bar("B", m3, "0.44", "0.44", "0.4125", "0.44"),
                bar("C", m3, "2.09", "2.09", "2.09", "2.09"),
                bar("D", m3, "3241.35", "3241.35", "3241.35", "3241.35"))),
                m3, "101.9875", "101.9875", "96.888125", "100.71265625");

        assertThat(index.counts()).isEqualTo(new BucketIndex.Counts(3, 1, 4));
        assertThat(index.lastClose()).isEqualByComparingTo("100.71265625");
    }

    @Test
    void aBucketBelowThreeMembersHasNoBarAndTheNextBarContinuesFromTheLastClose() {
        BucketIndex index = new BucketIndex(MarketCapBucket.SMALL);
        index.onMinute(T0, ABCD, minute(flat("A", T0, "1"), flat("B", T0, "1"), flat("C", T0, "1"),
                flat("D", T0, "1")));
        long m1 = T0 + MIN;
        assertBar(index.onMinute(m1, ABCD, minute(flat("A", m1, "1.1"), flat("B", m1, "1.1"), flat("C", m1, "1.1"),
                flat("D", m1, "1.1"))), m1, "100", "110", "100", "110");

        // C and D leave the bucket (their bars still arrive) and the index is too thin for two minutes.
        long m2 = T0 + 2 * MIN;
        assertThat(index.onMinute(m2, Set.of("A", "B"), minute(flat("A", m2, "2"), flat("B", m2, "2"),
                flat("C", m2, "2.2"), flat("D", m2, "2.2")))).isEmpty();
        long m3 = T0 + 3 * MIN;
        assertThat(index.onMinute(m3, Set.of("A", "B"), minute(flat("A", m3, "4"), flat("B", m3, "4"),
                flat("C", m3, "4.4"), flat("D", m3, "4.4")))).isEmpty();

        // C is back: its t−1 is its m3 bar, kept although it was not a member then. Mean of 1.1, 1, 0.75 = 0.95.
        long m4 = T0 + 4 * MIN;
        assertBar(index.onMinute(m4, Set.of("A", "B", "C"), minute(flat("A", m4, "4.4"), flat("B", m4, "4"),
                flat("C", m4, "3.3"))), m4, "110", "110", "104.5", "104.5");
        assertThat(index.counts()).isEqualTo(new BucketIndex.Counts(2, 3, 4));
    }

    @Test
    void aMemberWithoutABarAtTOrTMinusOneIsLeftOutOfThatMinute() {
        BucketIndex index = new BucketIndex(MarketCapBucket.SMALL);
        index.onMinute(T0, ABCD, minute(flat("A", T0, "1"), flat("B", T0, "1"), flat("C", T0, "1")));
        long m1 = T0 + MIN;
        assertBar(index.onMinute(m1, ABCD, minute(flat("A", m1, "1.3"), flat("B", m1, "1"), flat("C", m1, "1"),
                flat("D", m1, "9"))), m1, "100", "110", "100", "110");
        long m3 = T0 + 3 * MIN; // m2 skipped: nobody has a bar at m3 − 1
        assertThat(index.onMinute(m3, ABCD, minute(flat("A", m3, "1"), flat("B", m3, "1"), flat("C", m3, "1"),
                flat("D", m3, "1")))).isEmpty();
        assertThat(index.counts()).isEqualTo(new BucketIndex.Counts(1, 2, 4 + 1 + 4));
    }

    @Test
    void minutesMustIncreaseAndBarsMustBeOfThatMinute() {
        BucketIndex index = new BucketIndex(MarketCapBucket.SMALL);
        index.onMinute(T0, ABCD, Map.of());
        assertThatThrownBy(() -> index.onMinute(T0, ABCD, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.onMinute(T0 + MIN + 1, ABCD, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.onMinute(T0 + MIN, ABCD, minute(flat("A", T0, "1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given a bar of A");
    }

    /** The formula as written, in plain loops over arrays: [minute][member] prices, null for a missing bar. */
    private static List<BigDecimal[]> reference(BigDecimal[][][] ohlc, boolean[][] member) {
        MathContext mc = MathContext.DECIMAL128;
        List<BigDecimal[]> out = new ArrayList<>();
        BigDecimal previousClose = new BigDecimal("100");
        for (int t = 1; t < ohlc.length; t++) {
            BigDecimal sumC = BigDecimal.ZERO;
            BigDecimal sumH = BigDecimal.ZERO;
            BigDecimal sumL = BigDecimal.ZERO;
            int n = 0;
            for (int m = 0; m < ohlc[t].length; m++) {
                if (!member[t][m] || ohlc[t][m] == null || ohlc[t - 1][m] == null) {
                    continue;
                }
                BigDecimal base = ohlc[t - 1][m][3];
                sumH = sumH.add(ohlc[t][m][1].divide(base, mc), mc);
                sumL = sumL.add(ohlc[t][m][2].divide(base, mc), mc);
                sumC = sumC.add(ohlc[t][m][3].divide(base, mc), mc);
                n++;
            }
            if (n < 3) {
                out.add(null);
                continue;
            }
            BigDecimal count = new BigDecimal(n);
            BigDecimal close = previousClose.multiply(sumC.divide(count, mc), mc);
            BigDecimal high = previousClose.multiply(sumH.divide(count, mc), mc);
            BigDecimal low = previousClose.multiply(sumL.divide(count, mc), mc);
            if (high.compareTo(previousClose) < 0) {
                high = previousClose;
            }
            if (low.compareTo(previousClose) > 0) {
                low = previousClose;
            }
            out.add(new BigDecimal[] {previousClose, high, low, close});
            previousClose = close;
        }
        return out;
    }

    @Test
    void seededRandomMinutesEqualTheReferenceToTheLastDigit() {
        long seed = 20260114L;
        SplittableRandom random = new SplittableRandom(seed);
        int minutes = 200;
        int members = 10;
        // Names sort in member order, as the index sums members in token order.
        String[] names = new String[members];
        long[] unscaled = new long[members];
        int[] scale = new int[members];
        for (int m = 0; m < members; m++) {
            names[m] = "T" + m;
            unscaled[m] = random.nextLong(100_000, 10_000_000);
            scale[m] = random.nextInt(0, 13); // from about 1e-7 to 1e7
        }
        BigDecimal[][][] ohlc = new BigDecimal[minutes][members][];
        boolean[][] member = new boolean[minutes][members];
        for (int t = 0; t < minutes; t++) {
            boolean thin = random.nextInt(20) == 0;
            for (int m = 0; m < members; m++) {
                member[t][m] = thin ? m < 2 : random.nextInt(10) != 0;
                if (random.nextInt(15) == 0) {
                    continue;
                }
                long open = unscaled[m];
                long close = Math.max(1, open + random.nextLong(-open / 50, open / 50 + 1));
                long high = Math.max(open, close) + random.nextLong(0, open / 100 + 1);
                long low = Math.max(1, Math.min(open, close) - random.nextLong(0, open / 100 + 1));
                unscaled[m] = close;
                ohlc[t][m] = new BigDecimal[] {BigDecimal.valueOf(open, scale[m]), BigDecimal.valueOf(high, scale[m]),
                        BigDecimal.valueOf(low, scale[m]), BigDecimal.valueOf(close, scale[m])};
            }
        }
        List<BigDecimal[]> expected = reference(ohlc, member);

        BucketIndex index = new BucketIndex(MarketCapBucket.SMALL);
        int made = 0;
        for (int t = 0; t < minutes; t++) {
            long openMs = T0 + t * MIN;
            Map<String, Bar> bars = new HashMap<>();
            List<String> memberNames = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                BigDecimal[] p = ohlc[t][m];
                if (p != null) {
                    bars.put(names[m], new Bar(names[m], "solana", Timeframe.M1, openMs, p[0], p[1], p[2], p[3],
                            BigDecimal.ONE, 1));
                }
                if (member[t][m]) {
                    memberNames.add(names[m]);
                }
            }
            Optional<Bar> got = index.onMinute(openMs, memberNames, bars);
            if (t == 0) {
                assertThat(got).as("seed %d minute 0", seed).isEmpty();
                continue;
            }
            BigDecimal[] want = expected.get(t - 1);
            if (want == null) {
                assertThat(got).as("seed %d minute %d", seed, t).isEmpty();
                continue;
            }
            made++;
            Bar b = got.orElseThrow(() -> new AssertionError("seed " + seed + " minute: no bar"));
            assertThat(new BigDecimal[] {b.open(), b.high(), b.low(), b.close()}).as("seed %d minute %d", seed, t)
                    .usingElementComparator(BigDecimal::compareTo).containsExactly(want);
        }
        assertThat(made).as("seed %d", seed).isGreaterThan(150);
        assertThat(index.counts().bars()).isEqualTo(made);
        assertThat(index.counts().thinMinutes()).isEqualTo(minutes - made);
    }
}
