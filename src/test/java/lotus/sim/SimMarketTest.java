package lotus.sim;

import static lotus.sim.SimTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.market.Bar;
import lotus.market.Trade;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

class SimMarketTest {

    private static SimMarket market(SimConfig config, long startMs) {
        return new SimMarket(config, SimulatedClock.manual(startMs), false);
    }

    private static List<Trade> allTrades(SimMarket market) {
        List<Trade> all = new ArrayList<>();
        market.assets().forEach(asset -> all.addAll(market.trades(asset.apiCoin())));
        return all;
    }

    @Test
    void everyTradePriceAndSizeIsValidForItsAsset() {
        long seed = 7;
        SimMarket market = market(SimTesting.config(seed).withTradesPerSecond(200), T0);
        market.advanceTo(T0 + 30_000);
        List<Trade> trades = allTrades(market);
        assertThat(trades).as("seed %d", seed).hasSizeGreaterThan(4000);
        assertThat(market.tradeCount()).isEqualTo(trades.size());
        for (Trade trade : trades) {
            SimAsset asset = market.asset(trade.coin()).orElseThrow();
            assertThat(SimTesting.validPrice(trade.px(), asset)).as("seed %d px %s of %s", seed, trade.px(), asset)
                    .isTrue();
            assertThat(SimTesting.validSize(trade.sz(), asset)).as("seed %d sz %s of %s", seed, trade.sz(), asset)
                    .isTrue();
        }
        assertThat(trades.stream().map(Trade::coin).distinct().count()).as("coins that traded").isGreaterThan(40);
    }

    @Test
    void tidsIncreaseAcrossAllCoinsAndTimesNeverGoBack() {
        SimMarket market = market(SimTesting.config(11).withTradesPerSecond(100), T0 + 123);
        for (long t = T0; t <= T0 + 20_000; t += 777) {
            market.advanceTo(t);
        }
        List<Trade> byTid = allTrades(market).stream().sorted(Comparator.comparingLong(Trade::tid)).toList();
        assertThat(byTid).hasSizeGreaterThan(1500);
        for (int i = 1; i < byTid.size(); i++) {
            assertThat(byTid.get(i).tid()).isEqualTo(byTid.get(i - 1).tid() + 1); // one global counter
            assertThat(byTid.get(i).timeMs()).isGreaterThanOrEqualTo(byTid.get(i - 1).timeMs());
        }
        assertThat(byTid.getFirst().timeMs()).isGreaterThanOrEqualTo(T0 + 123);
        assertThat(byTid.getLast().timeMs()).isLessThanOrEqualTo(T0 + 20_000);
        assertThat(byTid.getFirst().tid()).isGreaterThan(1L << 32);
    }

    @Test
    void sameSeedGivesTheSameTradesHoweverTimeIsSliced() {
        SimMarket a = market(SimTesting.config(5), T0);
        SimMarket b = market(SimTesting.config(5), T0);
        a.advanceTo(T0 + 60_000);
        for (long t = T0 + 1; t <= T0 + 60_000; t += 13) {
            b.advanceTo(t);
        }
        b.advanceTo(T0 + 60_000);
        assertThat(allTrades(a)).isNotEmpty().isEqualTo(allTrades(b));
        SimMarket other = market(SimTesting.config(6), T0);
        other.advanceTo(T0 + 60_000);
        assertThat(allTrades(other)).isNotEqualTo(allTrades(a));
    }

    @Test
    void liveCandlesEqualANaiveRollupOfTheTrades() {
        SimMarket market = market(SimTesting.config(3).withTradesPerSecond(1.5), T0);
        long end = T0 + 30 * 3_600_000L; // crosses a day boundary
        market.advanceTo(end);
        for (String coin : List.of("BTC", "kPEPE", "@107", "PURR/USDC")) {
            List<Trade> trades = market.trades(coin);
            assertThat(trades).as(coin).hasSizeGreaterThan(200);
            for (Timeframe tf : Timeframe.values()) {
                Map<Long, Bar> expected = naiveRollup(coin, tf, trades);
                List<Bar> actual = market.candles(coin, tf, T0, end + 1);
                assertThat(actual).as("%s %s", coin, tf).hasSameSizeAs(expected.values());
                for (Bar bar : actual) {
                    Bar want = expected.get(bar.openTimeMs());
                    assertThat(want).as("%s %s @%d", coin, tf, bar.openTimeMs()).isNotNull();
                    assertThat(bar.sameOhlcv(want)).as("%s vs %s", bar, want).isTrue();
                    assertThat(bar.tradeCount()).isEqualTo(want.tradeCount());
                    assertThat(bar.tokenContract()).isEqualTo(coin);
                    assertThat(bar.chain()).isEqualTo("hyperliquid");
                }
            }
        }
    }

    private static Map<Long, Bar> naiveRollup(String coin, Timeframe tf, List<Trade> trades) {
        Map<Long, List<Trade>> groups = new TreeMap<>();
        for (Trade trade : trades) {
            groups.computeIfAbsent(tf.floor(trade.timeMs()), k -> new ArrayList<>()).add(trade);
        }
        Map<Long, Bar> bars = new TreeMap<>();
        groups.forEach((open, group) -> {
            BigDecimal high = group.stream().map(Trade::px).max(BigDecimal::compareTo).orElseThrow();
            BigDecimal low = group.stream().map(Trade::px).min(BigDecimal::compareTo).orElseThrow();
            BigDecimal volume = group.stream().map(Trade::sz).reduce(BigDecimal.ZERO, BigDecimal::add);
            bars.put(open, new Bar(coin, "hyperliquid", tf, open, group.getFirst().px(), high, low,
                    group.getLast().px(), volume, group.size()));
        });
        return bars;
    }

    @Test
    void everyTimeframeIsTheRollupOfItsOneMinuteCandlesAcrossHistoryAndLive() {
        long start = T0 + 7 * 60_000 + 30_000; // mid-minute: the first live minute merges history and trades
        SimMarket market = market(SimTesting.config(9).withHistoryMinutes(3 * 24 * 60).withTradesPerSecond(20), start);
        long end = start + 2 * 3_600_000L;
        market.advanceTo(end);
        for (String coin : List.of("ETH", "DOGE", "@107")) {
            List<Bar> minutes = market.candles(coin, Timeframe.M1, 0, Long.MAX_VALUE);
            assertThat(minutes).hasSize(3 * 24 * 60 + 1 + 120); // every history minute, the split one, 2 h live
            Bar split = market.candles(coin, Timeframe.M1, Timeframe.M1.floor(start), start).getFirst();
            long liveInSplit = market.trades(coin).stream().filter(t -> t.timeMs() < Timeframe.M1.floor(start) + 60_000)
                    .count();
            assertThat(split.tradeCount()).as("history part + live part").isGreaterThan((int) liveInSplit);
            for (Timeframe tf : EnumSet.range(Timeframe.M5, Timeframe.D1)) {
                for (Bar bar : market.candles(coin, tf, minutes.getFirst().openTimeMs(), end + 1)) {
                    List<Bar> inside = minutes.stream()
                            .filter(m -> m.openTimeMs() >= bar.openTimeMs() && m.openTimeMs() < bar.closeTimeMs())
                            .toList();
                    Bar want = new Bar(coin, "hyperliquid", tf, bar.openTimeMs(), inside.getFirst().open(),
                            inside.stream().map(Bar::high).max(BigDecimal::compareTo).orElseThrow(),
                            inside.stream().map(Bar::low).min(BigDecimal::compareTo).orElseThrow(),
                            inside.getLast().close(),
                            inside.stream().map(Bar::volume).reduce(BigDecimal.ZERO, BigDecimal::add),
                            inside.stream().mapToInt(Bar::tradeCount).sum());
                    assertThat(bar.sameOhlcv(want)).as("%s %s: %s vs %s", coin, tf, bar, want).isTrue();
                    assertThat(bar.tradeCount()).isEqualTo(want.tradeCount());
                }
            }
            for (Bar bar : minutes) {
                SimAsset asset = market.asset(coin).orElseThrow();
                assertThat(List.of(bar.open(), bar.high(), bar.low(), bar.close()))
                        .allMatch(px -> SimTesting.validPrice(px, asset), "valid prices in " + bar);
            }
        }
    }

    @Test
    void onlyTheMostRecentMaxCandlesAreKept() {
        SimMarket market = market(SimTesting.config(4).withHistoryMinutes(500).withMaxCandles(100), T0);
        List<Bar> minutes = market.candles("BTC", Timeframe.M1, 0, Long.MAX_VALUE);
        assertThat(minutes).hasSize(100);
        assertThat(minutes.getFirst().openTimeMs()).isEqualTo(T0 - 100 * 60_000L);
        assertThat(minutes.getLast().openTimeMs()).isEqualTo(T0 - 60_000L);
        assertThat(market.candles("BTC", Timeframe.M5, 0, Long.MAX_VALUE)).hasSize(100);
        assertThat(market.candles("BTC", Timeframe.H1, 0, Long.MAX_VALUE)).hasSize(9); // 500 min touch 9 hours
        assertThat(market.candles("BTC", Timeframe.M1, T0 - 10 * 60_000L, T0 - 5 * 60_000L))
                .extracting(Bar::openTimeMs)
                .containsExactly(T0 - 600_000, T0 - 540_000, T0 - 480_000, T0 - 420_000, T0 - 360_000);
    }

    @Test
    void withoutKeepTradesTheTruthListIsEmptyButCountsAndCandlesContinue() {
        SimMarket market = market(SimTesting.config(4).withKeepTrades(false).withHistoryMinutes(0), T0);
        market.advanceTo(T0 + 10_000);
        assertThat(market.trades("BTC")).isEmpty();
        assertThat(market.tradeCount()).isGreaterThan(300);
        long counted = market.assets().stream()
                .flatMap(a -> market.candles(a.apiCoin(), Timeframe.M1, T0, T0 + 60_000).stream())
                .mapToLong(Bar::tradeCount).sum();
        assertThat(counted).isEqualTo(market.tradeCount());
    }

    @Test
    void midLiesStrictlyBetweenTheQuotedBidAndAskAndUnknownCoinsAreRefused() {
        SimMarket market = market(SimTesting.config(8), T0);
        market.advanceTo(T0 + 5_000);
        for (SimAsset asset : market.assets()) {
            SimCoin.Book book = market.book(asset.apiCoin(), T0 + 5_000);
            BigDecimal mid = market.mid(asset.apiCoin());
            assertThat(mid).isStrictlyBetween(book.bids().getFirst().px(), book.asks().getFirst().px());
        }
        assertThatThrownBy(() -> market.mid("NOPE")).isInstanceOf(IllegalArgumentException.class);
    }
}
