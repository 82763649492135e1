package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.store.TestDatabases;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest replays stored bars through the PM: deterministic, and blind to bars after each tick. */
public class BacktestTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final Timeframe TF = Timeframe.H1;
    private static final int BARS = 2000;

    @TempDir
    Path dir;

    Database source;

    @BeforeEach
    void open() {
        source = TestDatabases.open(TestDatabases.Kind.SQLITE, dir.resolve("source"));
        PriceBars bars = new PriceBars(source);
        bars.upsert(PriceTable.HYPERLIQUID, "hyperliquid", cycles("AAA", 5));
        bars.upsert(PriceTable.HYPERLIQUID, "hyperliquid", cycles("BBB", 9));
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(source);
    }

    /** Drift regimes of 150–600 bars (falls and rises) with noise, so the engine goes round its states. */
    static List<Bar> cycles(String token, long seed) {
        return cycles(token, seed, TF, T0, BARS);
    }

    public static List<Bar> cycles(String token, long seed, Timeframe tf, long fromMs, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] drifts = {-0.004, -0.002, 0.001, 0.003, 0.005};
        List<Bar> out = new ArrayList<>();
        double px = 50 + random.nextDouble(100);
        int left = 0;
        double drift = 0;
        for (int i = 0; i < n; i++) {
            if (left-- <= 0) {
                left = 150 + random.nextInt(450);
                drift = drifts[random.nextInt(drifts.length)];
            }
            double open = px;
            px = Math.max(0.01, px * (1 + drift + random.nextGaussian() * 0.012));
            double hi = Math.max(open, px) * (1 + random.nextDouble(0.008));
            double lo = Math.min(open, px) * (1 - random.nextDouble(0.008));
            out.add(new Bar(token, "hyperliquid", tf, fromMs + i * tf.durationMs(), dec(open), dec(hi), dec(lo), dec(px),
                    dec(1e3 + random.nextDouble(1e4)), 0));
        }
        return out;
    }

    private static BigDecimal dec(double v) {
        return new BigDecimal(v).round(new MathContext(10));
    }

    private static Backtest.Settings settings(String book, long toMs) {
        return new Backtest.Settings(List.of("AAA", "BBB"), "hyperliquid", book, TF, Long.MIN_VALUE, toMs,
                new BigDecimal("10000"), new BigDecimal("6"), book.equals("perps") ? 5 : 0);
    }

    /** What {@code lotus backtest} runs: the replay in memory. */
    private Backtest.Result run(long toMs, String name) {
        return Backtest.run(source, settings("spot", toMs), new PrintWriter(new StringWriter()));
    }

    /** The reference: the replay through the live PM's database code, in a scratch database. */
    private Backtest.Result runInDatabase(Backtest.Settings settings, String name) {
        Database scratch = TestDatabases.open(TestDatabases.Kind.SQLITE, dir.resolve(name));
        try {
            return Backtest.run(source, scratch, settings, new PrintWriter(new StringWriter()));
        } finally {
            TestDatabases.dispose(scratch);
        }
    }

    /**
     * Majors and dominance for the regime drivers on 1d and 1h, from before the tokens' first bar to after their last.
     */
    private void storeMajors() {
        PriceBars bars = new PriceBars(source);
        long seed = 100;
        for (String coin : List.of("BTC", "ETH", "SOL", "BNB", "HYPE")) {
            for (Timeframe h : List.of(Timeframe.D1, Timeframe.H1)) {
                long from = h.floor(T0) - 400 * h.durationMs();
                int n = (int) ((T0 + BARS * TF.durationMs() - from) / h.durationMs());
                List<Bar> walk = cycles(coin, seed++, h, from, n);
                bars.upsert(PriceTable.MAJORS, "hyperliquid", walk);
            }
        }
        // And the dominance drivers, read from the regime store as the live regime reads them.
        lotus.store.RegimeBars regime = new lotus.store.RegimeBars(source);
        for (String driver : List.of("btc.d", "usdt.d")) {
            for (Timeframe h : List.of(Timeframe.D1, Timeframe.H1)) {
                long from = h.floor(T0) - 400 * h.durationMs();
                int n = (int) ((T0 + BARS * TF.durationMs() - from) / h.durationMs());
                regime.upsert(cycles(driver, seed++, h, from, n).stream()
                        .map(b -> lotus.store.RegimeBar.of(b, null, "test")).toList());
            }
        }
    }

    @Test
    void theInMemoryReplayGivesTheDatabaseReplaysTradesAndEquity() {
        storeMajors();
        for (String book : List.of("spot", "perps")) {
            Backtest.Settings settings = settings(book, Long.MAX_VALUE);
            Backtest.Result fast = Backtest.run(source, settings, new PrintWriter(new StringWriter()));
            Backtest.Result reference = runInDatabase(settings, "reference-" + book);
            assertThat(fast.trades()).as("the bars must trade for the comparison to mean anything (%s)", book)
                    .hasSizeGreaterThanOrEqualTo(2);
            // Every field of every trade, the ones read back from the database and the ones kept in memory.
            assertThat(fast.trades()).as(book).isEqualTo(reference.trades());
            assertThat(fast.equity()).as(book).isEqualTo(reference.equity());
            assertThat(fast.exposure()).as(book).isEqualTo(reference.exposure());
            assertThat(fast.ticks()).isEqualTo(reference.ticks());
            assertThat(fast.barCount()).isEqualTo(reference.barCount());
        }
    }

    /**
     * Ticks are barriers: positions of one tick run on the workers at once, and their closed trades reach learning in
     * position order before the next tick, so the run is the same on the caller's thread, one worker or two.
     */
    @Test
    void aMultiTokenReplayGivesTheSameTradesAndEquityOnOneAndTwoThreads() {
        storeMajors();
        PriceBars bars = new PriceBars(source);
        List<String> tokens = new ArrayList<>(List.of("AAA", "BBB"));
        for (int i = 1; i <= 3; i++) {
            tokens.add("T" + i);
            bars.upsert(PriceTable.HYPERLIQUID, "hyperliquid", cycles("T" + i, 30 + i));
        }
        Backtest.Settings s = new Backtest.Settings(tokens, "hyperliquid", "spot", TF,
                Long.MIN_VALUE, Long.MAX_VALUE, new BigDecimal("10000"), new BigDecimal("6"), 0);
        Backtest.Result serial = Backtest.run(source, s, 0, new PrintWriter(new StringWriter()));
        Backtest.Result one = Backtest.run(source, s, 1, new PrintWriter(new StringWriter()));
        Backtest.Result two = Backtest.run(source, s, 2, new PrintWriter(new StringWriter()));

        assertThat(serial.trades()).as("the bars must trade for the comparison to mean anything")
                .hasSizeGreaterThanOrEqualTo(5);
        assertThat(serial.trades().stream().map(Backtest.TokenTrade::token).distinct())
                .hasSizeGreaterThanOrEqualTo(4);
        for (Backtest.Result r : List.of(one, two)) {
            assertThat(r.trades()).isEqualTo(serial.trades());
            assertThat(r.equity()).isEqualTo(serial.equity());
            assertThat(r.exposure()).isEqualTo(serial.exposure());
        }
    }

    /**
     * Solana tokens AAA and BBB on the same bars, BBB counted in the nano bucket every day, whose index falls and rises
     * on its own path: BBB's A/E (so its sizes) moves with the bucket and AAA's does not, in memory as in the database.
     */
    @Test
    void aSolanaTokensBucketDriverReachesItsTradesInMemoryAsInTheDatabase() {
        storeMajors();
        PriceBars bars = new PriceBars(source);
        bars.upsert(PriceTable.LOWCAP, "solana", cycles("AAA", 9).stream().map(BacktestTest::onSolana).toList());
        bars.upsert(PriceTable.LOWCAP, "solana", cycles("BBB", 9).stream().map(BacktestTest::onSolana).toList());
        Backtest.Settings s = new Backtest.Settings(List.of("AAA", "BBB"), "solana", "social", TF, Long.MIN_VALUE,
                Long.MAX_VALUE, new BigDecimal("10000"), new BigDecimal("6"), 0);
        Backtest.Result without = Backtest.run(source, s, new PrintWriter(new StringWriter()));

        lotus.store.RegimeBars regime = new lotus.store.RegimeBars(source);
        List<lotus.store.BucketMembers.Member> members = new ArrayList<>();
        for (Timeframe h : List.of(Timeframe.D1, Timeframe.H1)) {
            long from = h.floor(T0) - 400 * h.durationMs();
            int n = (int) ((T0 + BARS * TF.durationMs() - from) / h.durationMs());
            regime.upsert(cycles("bucket.nano", 77, h, from, n).stream()
                    .map(b -> lotus.store.RegimeBar.of(b, 3, "test")).toList());
        }
        for (long day = Timeframe.D1.floor(T0) - Timeframe.D1.durationMs(); day <= T0 + BARS * TF.durationMs();
                day += Timeframe.D1.durationMs()) {
            members.add(new lotus.store.BucketMembers.Member(day, "solana", "BBB",
                    lotus.market.MarketCapBucket.NANO));
        }
        new lotus.store.BucketMembers(source).record(members);

        Backtest.Result with = Backtest.run(source, s, new PrintWriter(new StringWriter()));
        Backtest.Result reference = runInDatabase(s, "reference-bucket");
        assertThat(with.trades()).hasSizeGreaterThanOrEqualTo(4).isEqualTo(reference.trades());
        assertThat(with.equity()).isEqualTo(reference.equity());
        assertThat(with.trades().stream().filter(t -> t.token().equals("BBB")).toList())
                .isNotEqualTo(without.trades().stream().filter(t -> t.token().equals("BBB")).toList());
        assertThat(with.trades().stream().filter(t -> t.token().equals("AAA")).toList())
                .isNotEmpty().isEqualTo(without.trades().stream().filter(t -> t.token().equals("AAA")).toList());
    }

    private static Bar onSolana(Bar b) {
        return new Bar(b.tokenContract(), "solana", b.timeframe(), b.openTimeMs(), b.open(), b.high(), b.low(),
                b.close(), b.volume(), 0);
    }

    /**
     * Fees by default: every fill pays Hyperliquid's spot taker rate on its notional, so a closed trade's fees are the
     * rate times everything it bought and sold, its net PnL is its gross less those fees exactly, and the database
     * replay (total_fees_usd stored and read back) gives the in-memory replay's trades and equity.
     */
    @Test
    void aBacktestWithFeesNetsExactlyItsFillsFeesBelowItsGross() {
        BigDecimal rate = lotus.exec.HyperliquidExecutor.Settings.dryRun().spotTakerFee();
        Backtest.Settings gross = settings("spot", Long.MAX_VALUE);
        Backtest.Settings s = new Backtest.Settings(gross.tokens(), gross.chain(), gross.book(), TF, Long.MIN_VALUE,
                Long.MAX_VALUE, gross.walletUsd(), gross.allocationPct(), 0, lotus.exec.CostModel.of(
                        lotus.exec.HyperliquidExecutor.Settings.dryRun(), 1_000_000, new BigDecimal("150"),
                        new BigDecimal("25")));
        Backtest.Result r = Backtest.run(source, s, new PrintWriter(new StringWriter()));
        assertThat(r.trades()).hasSizeGreaterThanOrEqualTo(2);
        BigDecimal sumGross = BigDecimal.ZERO;
        BigDecimal sumFees = BigDecimal.ZERO;
        BigDecimal sumNet = BigDecimal.ZERO;
        for (Backtest.TokenTrade tt : r.trades()) {
            lotus.pm.TradeClosure.ClosedTrade t = tt.trade();
            // Sells pay the rate on what they extracted; a spot buy pays it on the whole size bought, in tokens, so
            // what it allocated (the tokens credited) is that size less its fee: F − X·r = r·(A + F − X·r).
            BigDecimal buyFees = t.feesUsd().subtract(t.extractedUsd().multiply(rate));
            assertThat(buyFees).as(t.tradeId()).isCloseTo(t.allocatedUsd().add(buyFees).multiply(rate),
                    org.assertj.core.api.Assertions.within(new BigDecimal("1e-24")));
            assertThat(buyFees).as(t.tradeId()).isPositive();
            assertThat(t.netPnlUsd()).as(t.tradeId()).isEqualByComparingTo(t.pnlUsd().subtract(t.feesUsd()));
            sumGross = sumGross.add(t.pnlUsd());
            sumFees = sumFees.add(t.feesUsd());
            sumNet = sumNet.add(t.netPnlUsd());
        }
        assertThat(sumFees).isPositive();
        BacktestSummary.Group all = BacktestSummary.of(r).all();
        assertThat(all.pnlUsd()).isEqualByComparingTo(sumGross);
        assertThat(all.netPnlUsd()).isEqualByComparingTo(sumGross.subtract(sumFees)).isEqualByComparingTo(sumNet);
        assertThat(all.netPnlUsd()).isLessThan(all.pnlUsd());

        Backtest.Result reference = runInDatabase(s, "reference-fees");
        assertThat(r.trades()).isEqualTo(reference.trades());
        assertThat(r.equity()).isEqualTo(reference.equity());
    }

    @Test
    void fromIsTheFirstTickAndTheBarsBeforeItAreTheHistory() {
        long from = T0 + 1200 * TF.durationMs(); // the close of bar 1199
        StringWriter progress = new StringWriter();
        Backtest.Result r = Backtest.run(source, new Backtest.Settings(List.of("AAA", "BBB"), "hyperliquid", "spot",
                TF, from, Long.MAX_VALUE, new BigDecimal("10000"), new BigDecimal("6"), 0), new PrintWriter(progress));

        assertThat(r.ticks()).isEqualTo(BARS - 1199);
        assertThat(r.barCount()).isEqualTo(2L * (BARS - 1199));
        assertThat(r.equity()).hasSize(BARS - 1199);
        assertThat(r.equity().get(0).timeMs()).isEqualTo(from);
        assertThat(progress.toString()).contains("1,602 bars to replay and 2,398 of history before the first tick");
        // With its history the engine is awake at the first tick: it trades long before the 333 bars a position
        // with no history would sleep through, and never enters before the first tick.
        assertThat(r.trades()).isNotEmpty();
        assertThat(r.trades()).allSatisfy(t -> assertThat(t.trade().entry().timeMs()).isGreaterThanOrEqualTo(
                from - TF.durationMs()));
        assertThat(r.trades().get(0).trade().entry().timeMs()).isLessThan(from + 333 * TF.durationMs());

        assertThatThrownBy(() -> Backtest.run(source, new Backtest.Settings(List.of("AAA"), "hyperliquid", "spot", TF,
                T0 + BARS * TF.durationMs() + 1, Long.MAX_VALUE, new BigDecimal("10000"), new BigDecimal("6"), 0),
                new PrintWriter(new StringWriter())))
                .hasMessageContaining("no 1h bar of AAA on hyperliquid closes at or after --from");
    }

    @Test
    void theSameBarsGiveTheSameTradesAndATickNeverSeesItsFuture() {
        Backtest.Result full = run(Long.MAX_VALUE, "a");
        assertThat(full.barCount()).isEqualTo(2L * BARS);
        assertThat(full.ticks()).isEqualTo(BARS);
        assertThat(full.trades()).as("the cycles must produce trades for this test to mean anything")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(full.trades()).allSatisfy(t -> {
            assertThat(t.trade().entry().event()).matches("S[123]\\..+");
            assertThat(t.trade().rr()).isBetween(-33.0, 33.0);
        });

        Backtest.Result again = run(Long.MAX_VALUE, "b");
        assertThat(again.trades()).isEqualTo(full.trades());
        assertThat(again.equity()).isEqualTo(full.equity());

        // Cut the bars after the first trade's exit: what closed by then is identical, with or without the future.
        long exit = full.trades().get(0).trade().exitTimeMs();
        long cut = exit + 5 * TF.durationMs();
        Backtest.Result prefix = run(cut, "c");
        List<Backtest.TokenTrade> closedByCut = full.trades().stream()
                .filter(t -> t.trade().exitTimeMs() < cut).toList();
        assertThat(prefix.trades()).isEqualTo(closedByCut);
        assertThat(prefix.equity()).isEqualTo(full.equity().subList(0, prefix.equity().size()));
    }
}
