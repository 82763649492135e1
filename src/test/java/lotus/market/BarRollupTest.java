package lotus.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

class BarRollupTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final Set<String> COINS = Set.of("BTC", "ETH", "SOL", "HYPE", "@107");

    private record Key(String coin, Timeframe tf, long openTimeMs) {
    }

    /** Collects what the rollup emits: the latest final and provisional version of every bar. */
    private static final class Collector implements BarSink {
        final Map<Key, Bar> finals = new HashMap<>();
        final Map<Key, Bar> provisionals = new HashMap<>();
        final List<Bar> finalLog = new ArrayList<>();
        final List<Bar> provisionalLog = new ArrayList<>();

        @Override
        public void onBar(Bar bar, boolean isFinal) {
            Key key = new Key(bar.tokenContract(), bar.timeframe(), bar.openTimeMs());
            (isFinal ? finals : provisionals).put(key, bar);
            (isFinal ? finalLog : provisionalLog).add(bar);
        }
    }

    private static Trade trade(String coin, long tid, long time, String px, String sz) {
        return new Trade(coin, tid, time, new BigDecimal(px), new BigDecimal(sz), Side.BUY);
    }

    @Test
    void seededStreamsEqualANaiveGroupByOnEveryTimeframe() {
        long seed = 20261126L;
        SplittableRandom random = new SplittableRandom(seed);
        List<Trade> unique = new ArrayList<>();
        Map<String, Long> price = new HashMap<>();
        long tid = 1_000_000;
        for (String coin : COINS.stream().sorted().toList()) {
            long time = T0 + random.nextLong(0, 60_000);
            price.put(coin, random.nextLong(1_000, 5_000_000));
            for (int i = 0; i < 25_000; i++) {
                time += random.nextInt(4) == 0 ? 0 : random.nextLong(1, 14_000); // ~36 h per coin, 1 in 4 a same-ms tie
                long p = Math.max(1, price.get(coin) + random.nextLong(-50, 51));
                price.put(coin, p);
                int pxScale = random.nextInt(0, 7);
                unique.add(new Trade(coin, tid++, time, BigDecimal.valueOf(p, pxScale),
                        BigDecimal.valueOf(random.nextLong(1, 1_000_000), random.nextInt(0, 9)), Side.BUY));
            }
        }

        // Arrival order: grouped by the minute they arrive in, shuffled inside it. Some trades arrive up to 30 s late
        // (across bar closes), some twice. Grace is 120 s, so none of these is too late.
        record Arrival(long groupMs, double order, Trade trade) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        int late = 0;
        int duplicates = 0;
        for (Trade t : unique) {
            long delay = random.nextInt(20) == 0 ? random.nextLong(0, 30_000) : 0;
            late += delay > 0 ? 1 : 0;
            arrivals.add(new Arrival(Timeframe.M1.floor(t.timeMs() + delay), random.nextDouble(), t));
            if (random.nextInt(50) == 0) {
                duplicates++;
                arrivals.add(new Arrival(Timeframe.M1.floor(t.timeMs() + random.nextLong(0, 30_000)),
                        random.nextDouble(), t));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::groupMs).thenComparingDouble(Arrival::order));
        assertThat(unique.size() + duplicates).as("seed %d", seed).isGreaterThanOrEqualTo(100_000);
        assertThat(late).isGreaterThan(1000);

        Collector out = new Collector();
        BarRollup rollup = new BarRollup("hyperliquid", EnumSet.allOf(Timeframe.class), Duration.ofSeconds(120),
                COINS::contains, out);
        long group = Long.MIN_VALUE;
        for (Arrival a : arrivals) {
            if (a.groupMs() != group) {
                group = a.groupMs();
                rollup.flush(group); // the clock as the minute's first trade arrives
            }
            rollup.accept(a.trade());
        }
        rollup.flush(group + 3 * Timeframe.D1.durationMs());

        assertThat(rollup.count(RollupOutcome.DUPLICATE)).as("seed %d", seed).isEqualTo(duplicates);
        assertThat(rollup.rejected()).as("seed %d", seed).isZero();
        assertThat(rollup.count(RollupOutcome.ACCEPTED) + rollup.count(RollupOutcome.LATE_CORRECTION))
                .isEqualTo(unique.size());
        assertThat(rollup.count(RollupOutcome.LATE_CORRECTION)).isPositive();

        Map<Key, Bar> expected = naiveRollup(unique);
        assertThat(out.finals.keySet()).as("seed %d", seed).isEqualTo(expected.keySet());
        for (var e : expected.entrySet()) {
            Bar got = out.finals.get(e.getKey());
            assertThat(got.sameOhlcv(e.getValue())).as("seed %d bar %s: got %s want %s", seed, e.getKey(), got,
                    e.getValue()).isTrue();
            assertThat(got.tradeCount()).as("seed %d bar %s", seed, e.getKey()).isEqualTo(e.getValue().tradeCount());
        }

        // Larger timeframes equal the rollup of the 1m bars.
        List<Bar> oneMinute = out.finals.values().stream().filter(b -> b.timeframe() == Timeframe.M1).toList();
        for (Timeframe tf : EnumSet.range(Timeframe.M5, Timeframe.D1)) {
            Map<Key, Bar> fromMinutes = mergeBars(oneMinute, tf);
            Map<Key, Bar> direct = new HashMap<>();
            out.finals.forEach((k, b) -> {
                if (k.tf() == tf) {
                    direct.put(k, b);
                }
            });
            assertThat(direct.keySet()).isEqualTo(fromMinutes.keySet());
            direct.forEach((k, b) -> assertThat(b.sameOhlcv(fromMinutes.get(k))).as("%s", k).isTrue());
        }
    }

    /** group by (coin, tf, floor(time)); open/close by (time, tid), the rollup's documented tie-break. */
    private static Map<Key, Bar> naiveRollup(List<Trade> trades) {
        Map<Key, List<Trade>> groups = new HashMap<>();
        for (Trade t : trades) {
            for (Timeframe tf : Timeframe.values()) {
                groups.computeIfAbsent(new Key(t.coin(), tf, tf.floor(t.timeMs())), k -> new ArrayList<>()).add(t);
            }
        }
        Comparator<Trade> byTime = Comparator.comparingLong(Trade::timeMs).thenComparingLong(Trade::tid);
        Map<Key, Bar> out = new HashMap<>();
        groups.forEach((k, ts) -> {
            ts.sort(byTime);
            BigDecimal high = ts.get(0).px();
            BigDecimal low = ts.get(0).px();
            BigDecimal volume = BigDecimal.ZERO;
            for (Trade t : ts) {
                high = high.max(t.px());
                low = low.min(t.px());
                volume = volume.add(t.sz());
            }
            out.put(k, new Bar(k.coin(), "hyperliquid", k.tf(), k.openTimeMs(), ts.get(0).px(), high, low,
                    ts.get(ts.size() - 1).px(), volume, ts.size()));
        });
        return out;
    }

    private static Map<Key, Bar> mergeBars(List<Bar> bars, Timeframe tf) {
        Map<Key, List<Bar>> groups = new TreeMap<>(Comparator.comparing(Key::coin).thenComparingLong(Key::openTimeMs));
        for (Bar b : bars) {
            groups.computeIfAbsent(new Key(b.tokenContract(), tf, tf.floor(b.openTimeMs())), k -> new ArrayList<>())
                    .add(b);
        }
        Map<Key, Bar> out = new HashMap<>();
        groups.forEach((k, bs) -> {
            bs.sort(Comparator.comparingLong(Bar::openTimeMs));
            BigDecimal high = bs.get(0).high();
            BigDecimal low = bs.get(0).low();
            BigDecimal volume = BigDecimal.ZERO;
            for (Bar b : bs) {
                high = high.max(b.high());
                low = low.min(b.low());
                volume = volume.add(b.volume());
            }
            out.put(k, new Bar(k.coin(), "hyperliquid", tf, k.openTimeMs(), bs.get(0).open(), high, low,
                    bs.get(bs.size() - 1).close(), volume, 0));
        });
        return out;
    }

    @Test
    void openAndCloseFollowTradeTimeNotArrivalOrder() {
        Collector out = new Collector();
        BarRollup rollup = new BarRollup("hyperliquid", EnumSet.of(Timeframe.M1), Duration.ofSeconds(10),
                c -> true, out);
        rollup.accept(trade("ETH", 3, T0 + 30_000, "3002", "1"));
        rollup.accept(trade("ETH", 1, T0 + 10_000, "3000", "1"));
        rollup.accept(trade("ETH", 4, T0 + 50_000, "2990", "1"));
        rollup.accept(trade("ETH", 2, T0 + 20_000, "3010", "0.5"));
        rollup.flush(T0 + 60_000);

        Bar bar = out.finals.get(new Key("ETH", Timeframe.M1, T0));
        assertThat(bar.open()).isEqualByComparingTo("3000");
        assertThat(bar.close()).isEqualByComparingTo("2990");
        assertThat(bar.high()).isEqualByComparingTo("3010");
        assertThat(bar.low()).isEqualByComparingTo("2990");
        assertThat(bar.volume()).isEqualByComparingTo("3.5");
        assertThat(bar.tradeCount()).isEqualTo(4);
    }

    @Test
    void provisionalBarsOnFlushThenFinalOnCloseThenCorrectionWithinGraceOnly() {
        Collector out = new Collector();
        BarRollup rollup = new BarRollup("hyperliquid", EnumSet.of(Timeframe.M1, Timeframe.M5),
                Duration.ofSeconds(10), c -> true, out);
        rollup.accept(trade("BTC", 1, T0 + 1_000, "100", "1"));
        rollup.accept(trade("BTC", 2, T0 + 2_000, "101", "2"));
        assertThat(out.provisionalLog).isEmpty();

        rollup.flush(T0 + 5_000);
        assertThat(out.provisionalLog).hasSize(2); // one per changed bar, not per trade
        Bar provisional = out.provisionals.get(new Key("BTC", Timeframe.M5, T0));
        assertThat(provisional.close()).isEqualByComparingTo("101");
        assertThat(provisional.volume()).isEqualByComparingTo("3");
        assertThat(out.finalLog).isEmpty();

        rollup.flush(T0 + 6_000);
        assertThat(out.provisionalLog).as("nothing changed, nothing re-emitted").hasSize(2);

        // A trade in the next minute closes the first 1m bar.
        assertThat(rollup.accept(trade("BTC", 3, T0 + 61_000, "102", "1"))).isEqualTo(RollupOutcome.ACCEPTED);
        assertThat(out.finalLog).extracting(Bar::timeframe, Bar::openTimeMs).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Timeframe.M1, T0));

        // Late by 9 s after the close: within the 10 s grace, the 1m final is corrected and re-emitted.
        assertThat(rollup.accept(trade("BTC", 4, T0 + 59_000, "99", "1"))).isEqualTo(RollupOutcome.LATE_CORRECTION);
        Bar corrected = out.finals.get(new Key("BTC", Timeframe.M1, T0));
        assertThat(corrected.low()).isEqualByComparingTo("99");
        assertThat(corrected.close()).isEqualByComparingTo("99");
        assertThat(corrected.tradeCount()).isEqualTo(3);
        assertThat(out.finalLog).hasSize(2);

        // The same trade again is a duplicate, not a second correction.
        assertThat(rollup.accept(trade("BTC", 4, T0 + 59_000, "99", "1"))).isEqualTo(RollupOutcome.DUPLICATE);

        // Once the clock is past close + grace, the minute is closed for good.
        rollup.flush(T0 + 70_000);
        assertThat(rollup.accept(trade("BTC", 5, T0 + 59_500, "1", "1"))).isEqualTo(RollupOutcome.REJECTED_TOO_LATE);
        assertThat(out.finals.get(new Key("BTC", Timeframe.M1, T0)).low()).isEqualByComparingTo("99");

        // The 5m bar closes on the clock and holds everything accepted.
        rollup.flush(T0 + 300_000);
        Bar fiveMinute = out.finals.get(new Key("BTC", Timeframe.M5, T0));
        assertThat(fiveMinute.open()).isEqualByComparingTo("100");
        assertThat(fiveMinute.close()).isEqualByComparingTo("102");
        assertThat(fiveMinute.low()).isEqualByComparingTo("99");
        assertThat(fiveMinute.volume()).isEqualByComparingTo("5");
        assertThat(fiveMinute.tradeCount()).isEqualTo(4);
    }

    @Test
    void badTradesAreRejectedAndCountedByReasonWhileGoodOnesFlow() {
        Collector out = new Collector();
        BarRollup rollup = new BarRollup("hyperliquid", EnumSet.of(Timeframe.M1), Duration.ofSeconds(10),
                Set.of("ETH")::contains, out);
        assertThat(rollup.accept("ETH", 1, T0, "NaN", "1", Side.BUY)).isEqualTo(RollupOutcome.REJECTED_NOT_A_NUMBER);
        assertThat(rollup.accept("ETH", 2, T0, "3000", "Infinity", Side.BUY))
                .isEqualTo(RollupOutcome.REJECTED_NOT_A_NUMBER);
        assertThat(rollup.accept("ETH", 3, T0, "", "1", Side.BUY)).isEqualTo(RollupOutcome.REJECTED_NOT_A_NUMBER);
        assertThat(rollup.accept("ETH", 4, T0, "0", "1", Side.BUY)).isEqualTo(RollupOutcome.REJECTED_NON_POSITIVE_PRICE);
        assertThat(rollup.accept("ETH", 5, T0, "-3", "1", Side.BUY)).isEqualTo(RollupOutcome.REJECTED_NON_POSITIVE_PRICE);
        assertThat(rollup.accept("ETH", 6, T0, "3000", "0", Side.BUY)).isEqualTo(RollupOutcome.REJECTED_NON_POSITIVE_SIZE);
        assertThat(rollup.accept("DOGE", 7, T0, "0.1", "1", Side.BUY)).isEqualTo(RollupOutcome.REJECTED_UNKNOWN_COIN);
        assertThat(rollup.accept("ETH", 8, T0 + 1, "3000.5", "0.25", Side.SELL)).isEqualTo(RollupOutcome.ACCEPTED);
        rollup.flush(T0 + 60_000);

        assertThat(rollup.count(RollupOutcome.REJECTED_NOT_A_NUMBER)).isEqualTo(3);
        assertThat(rollup.count(RollupOutcome.REJECTED_NON_POSITIVE_PRICE)).isEqualTo(2);
        assertThat(rollup.count(RollupOutcome.REJECTED_NON_POSITIVE_SIZE)).isEqualTo(1);
        assertThat(rollup.count(RollupOutcome.REJECTED_UNKNOWN_COIN)).isEqualTo(1);
        assertThat(rollup.rejected()).isEqualTo(7);
        assertThat(rollup.counts()).containsEntry(RollupOutcome.ACCEPTED, 1L);
        assertThat(out.finals).hasSize(1);
        Bar bar = out.finals.values().iterator().next();
        assertThat(bar.open()).isEqualTo(new BigDecimal("3000.5"));
        assertThat(bar.volume()).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void aLateTradeIntoABarThatNeverOpenedCreatesItWithinGrace() {
        Collector out = new Collector();
        BarRollup rollup = new BarRollup("hyperliquid", EnumSet.of(Timeframe.M1, Timeframe.H1), Duration.ofSeconds(30),
                c -> true, out);
        rollup.accept(trade("SOL", 10, T0 + 60_500, "150", "1"));
        assertThat(rollup.accept(trade("SOL", 9, T0 + 59_000, "149", "2"))).isEqualTo(RollupOutcome.LATE_CORRECTION);
        assertThat(out.finals.get(new Key("SOL", Timeframe.M1, T0)).close()).isEqualByComparingTo("149");

        rollup.flush(T0 + 3_600_000);
        Bar hour = out.finals.get(new Key("SOL", Timeframe.H1, T0));
        assertThat(hour.open()).isEqualByComparingTo("149");
        assertThat(hour.close()).isEqualByComparingTo("150");
        assertThat(hour.volume()).isEqualByComparingTo("3");
    }
}
