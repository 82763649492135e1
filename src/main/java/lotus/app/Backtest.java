package lotus.app;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import lotus.engine.SrGeometry;
import lotus.exec.CostModel;
import lotus.exec.PaperExecutor;
import lotus.learning.LearningSystem;
import lotus.store.ClosedTradeStrands;
import lotus.store.LearningTables;
import lotus.market.Bar;
import lotus.market.MarketCapBucket;
import lotus.pm.PmCoreTick;
import lotus.pm.PmModule;
import lotus.pm.Venue;
import lotus.pm.PositionReport;
import lotus.pm.RegimeFeed;
import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.store.MemoryPositionLedger;
import lotus.store.MemoryPriceHistory;
import lotus.store.NewPosition;
import lotus.pm.Pnl;
import lotus.pm.Position;
import lotus.pm.TradeClosure;
import lotus.pm.PositionLedger;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.pm.PriceHistory;
import lotus.store.PriceTable;
import lotus.store.BarColumns;
import lotus.store.BucketMembers;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.store.StoredPositionLedger;
import lotus.store.Strands;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;

/**
 * Replays stored bars through the same PM code as the live loop (PM Core Tick, modules, engine, planner, accounting,
 * closure, learning) on a simulated clock, away from the live positions: in memory, or in a scratch database as a
 * reference. A tick at a bar close sees only bars opening before it, and fills are paper fills at that bar's close,
 * so nothing is seen before its time.
 */
public final class Backtest {

    /** Regime drivers warm up on this many bars of each horizon before the first tick. */
    private static final int REGIME_WARM_BARS = 2000;
    private static final MathContext MC = new MathContext(34);

    /**
     * @param chain    the tokens' token_chain (their bars come from that chain's table)
     * @param book     book_id of the positions, which selects the planner (perps may lever)
     * @param fromMs   the first tick: trading starts at the first bar close at or after it, and the bars before it
     *                 are the positions' history (up to the engine's {@link SrGeometry#MAX_BARS}), as they would be
     *                 for live positions at that time; {@link Long#MIN_VALUE} ticks at every stored close
     * @param toMs     bars opening before this; {@link Long#MAX_VALUE} for all
     * @param costs    the paper fills' fees and slippage ({@link CostModel#NONE}: gross figures only)
     */
    public record Settings(List<String> tokens, String chain, String book, Timeframe timeframe, long fromMs,
            long toMs, BigDecimal walletUsd, BigDecimal allocationPct, int maxLeverage, CostModel costs) {

        public Settings {
            tokens = List.copyOf(tokens);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("a backtest needs at least one token");
            }
            Objects.requireNonNull(timeframe, "timeframe");
            Objects.requireNonNull(costs, "costs");
        }

        /** A backtest without costs: fills at the close, no fee (the figures of STRATEGY.md §5 alone). */
        public Settings(List<String> tokens, String chain, String book, Timeframe timeframe, long fromMs, long toMs,
                BigDecimal walletUsd, BigDecimal allocationPct, int maxLeverage) {
            this(tokens, chain, book, timeframe, fromMs, toMs, walletUsd, allocationPct, maxLeverage, CostModel.NONE);
        }

        /** What the positions may spend together (wallet × total_allocation_pct / 100 each): the benchmark's buy. */
        public BigDecimal budgetUsd() {
            return walletUsd.multiply(allocationPct, MC).divide(BigDecimal.valueOf(100), MC)
                    .multiply(BigDecimal.valueOf(tokens.size()), MC);
        }
    }

    /**
     * One point of the equity curve: realised PnL of closed trades plus the open trades' PnL, after a tick, both net
     * of fees.
     */
    public record EquityPoint(long timeMs, BigDecimal equityUsd, int open) {
    }

    /** A closed trade of one token. */
    public record TokenTrade(String token, TradeClosure.ClosedTrade trade) {
    }

    /**
     * @param trades    every closed trade (the completed_trades entries with their token), in closing order
     * @param exposure  share of position-ticks that held a quantity
     * @param bars      each token's replayed bars (closing at or after the first tick), in the settings' token order
     * @param benchmark the budget bought at the first tick and held, valued at every tick
     */
    public record Result(Settings settings, List<TokenTrade> trades, List<EquityPoint> equity, Map<String,
            List<Bar>> bars, BuyAndHold benchmark, long barCount, long ticks, double exposure, long wallNs,
            long replayNs) {

        public Result {
            bars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bars));
        }
    }

    private Backtest() {
    }

    /**
     * The backtest as {@code lotus backtest} runs it: the bars are read from {@code source} once and the replay keeps
     * positions, strands and lessons in memory ({@link MemoryPriceHistory}, {@link MemoryPositionLedger},
     * {@link LearningSystem#inMemory}), through the same PM Core Tick, module, planner, accounting and closure as the
     * live loop. Gives the same trades and equity as {@link #run(Database, Database, Settings, PrintWriter)}.
     */
    public static Result run(Database source, Settings s, PrintWriter progress) {
        return run(source, s, defaultParallelism(s), progress);
    }

    /**
     * Positions on both cores when there are several: ticks are barriers. Within one tick positions are independent
     * (each reads its own bars and its token's rows, the tick's A/E and the lessons learned before the tick) and run
     * in parallel; after it, the memory ledger numbers the tick's strands in position order and learning applies the
     * closed trades, so the next tick sees the same lessons on any number of threads.
     */
    static int defaultParallelism(Settings s) {
        return s.tokens().size() < 2 ? 0 : Math.min(s.tokens().size(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The same with {@code parallelism} positions processed at once (0: one by one on the caller's thread); the
     * trades, equity and strands do not depend on it.
     */
    public static Result run(Database source, Settings s, int parallelism, PrintWriter progress) {
        long start = System.nanoTime();
        Loaded loaded = load(source, s);
        MemoryPriceHistory prices = new MemoryPriceHistory();
        for (BarColumns own : loaded.tokenBars()) {
            prices.put(PriceTable.forChain(s.chain()), own);
        }
        for (BarColumns major : loaded.majorBars()) {
            prices.put(PriceTable.MAJORS, major);
        }
        for (List<Bar> driver : loaded.regimeBars()) {
            prices.putRegime(driver);
        }
        prices.putBucketMembers(loaded.bucketMembers());
        loaded.printTo(progress, s, start);
        progress.printf(Locale.ROOT, "  %,d token and major bars held in columns: %,d bytes, %.1f a bar%n",
                prices.size(), prices.bytes(), prices.size() == 0 ? 0.0 : (double) prices.bytes() / prices.size());
        SimulatedClock clock = SimulatedClock.manual(loaded.closes()[0]);
        MemoryPositionLedger ledger = MemoryPositionLedger.tickOrdered(clock);
        for (String token : s.tokens()) {
            ledger.insert(newPosition(s, token));
        }
        return replay(s, loaded, clock, prices, ledger, LearningSystem.inMemory(new ClosedTradeStrands(ledger)),
                parallelism, progress, start);
    }

    /**
     * The backtest through the database code of the live PM: the bars (and the majors, for A/E) are copied into
     * {@code scratch}, where every tick reads its bars and writes each position in a transaction. Slow (a few
     * thousand bars/s); kept as the reference the in-memory {@link #run(Database, Settings, PrintWriter)} is tested
     * against.
     */
    public static Result run(Database source, Database scratch, Settings s, PrintWriter progress) {
        long start = System.nanoTime();
        Loaded loaded = load(source, s);
        PriceBars scratchBars = new PriceBars(scratch);
        for (BarColumns own : loaded.tokenBars()) {
            scratchBars.upsert(PriceTable.forChain(s.chain()), s.chain(), own.asList());
        }
        for (BarColumns major : loaded.majorBars()) {
            scratchBars.upsert(PriceTable.MAJORS, PriceTable.HYPERLIQUID_CHAIN, major.asList());
        }
        RegimeBars scratchRegime = new RegimeBars(scratch);
        for (List<Bar> driver : loaded.regimeBars()) {
            scratchRegime.upsert(driver.stream().map(b -> RegimeBar.of(b, null, "backtest")).toList());
        }
        new BucketMembers(scratch).record(loaded.bucketMembers());
        loaded.printTo(progress, s, start);
        SimulatedClock clock = SimulatedClock.manual(loaded.closes()[0]);
        Positions positions = new Positions(scratch, clock);
        Strands strands = new Strands(scratch, clock);
        for (String token : s.tokens()) {
            positions.insert(newPosition(s, token));
        }
        return replay(s, loaded, clock, new PriceDataReader(scratch),
                new StoredPositionLedger(scratch, positions, strands), new LearningSystem(new ClosedTradeStrands(strands), new LearningTables(scratch)), 1,
                progress, start);
    }

    /**
     * The bars a backtest replays, read once from the source.
     *
     * @param closes  every distinct bar close of the tokens from the first tick on, ascending: one tick each
     * @param bars    bars closing at or after the first tick (the ones replayed)
     * @param history bars before the first tick, loaded as the positions' history
     */
    private record Loaded(List<BarColumns> tokenBars, List<BarColumns> majorBars, List<List<Bar>> regimeBars,
            List<BucketMembers.Member> bucketMembers, long[] closes, long bars, long history) {

        void printTo(PrintWriter progress, Settings s, long startNs) {
            progress.printf(Locale.ROOT, "backtest: %,d bars to replay and %,d of history before the first tick, of"
                    + " %d token(s), loaded in %.1f s; replaying %,d ticks%n", bars, history, s.tokens().size(),
                    (System.nanoTime() - startNs) / 1e9, closes.length);
            progress.flush();
        }
    }

    private static Loaded load(Database source, Settings s) {
        PriceDataReader sourceReader = new PriceDataReader(source);
        List<BarColumns> tokenBars = new ArrayList<>();
        long bars = 0;
        long firstOpen = Long.MAX_VALUE;
        long lastClose = Long.MIN_VALUE;
        long history = 0;
        long historyFrom = s.fromMs() == Long.MIN_VALUE ? Long.MIN_VALUE
                : s.fromMs() - (long) SrGeometry.MAX_BARS * s.timeframe().durationMs();
        long firstClose = s.fromMs();
        for (String token : s.tokens()) {
            BarColumns own = sourceReader.columns(PriceTable.forChain(s.chain()), token, s.chain(), s.timeframe(),
                    historyFrom, s.toMs());
            if (own == null) {
                throw new IllegalArgumentException("no " + s.timeframe().label() + " bars for " + token + " on "
                        + s.chain() + " in the requested range");
            }
            long lastOwnClose = own.openTimeMs(own.size() - 1) + s.timeframe().durationMs();
            if (lastOwnClose < firstClose) {
                throw new IllegalArgumentException("no " + s.timeframe().label() + " bar of " + token + " on "
                        + s.chain() + " closes at or after --from " + java.time.Instant.ofEpochMilli(firstClose)
                        + "; its last closes at " + java.time.Instant.ofEpochMilli(lastOwnClose));
            }
            tokenBars.add(own);
            long replayed = own.size() - firstReplayed(own, firstClose, s.timeframe());
            bars += replayed;
            history += own.size() - replayed;
            firstOpen = Math.min(firstOpen, own.openTimeMs(0));
            lastClose = Math.max(lastClose, lastOwnClose);
        }
        // Every token's closes merged: a sorted long array, not a TreeSet of a million boxed longs.
        long[] all = new long[Math.toIntExact(bars)];
        int n = 0;
        for (BarColumns own : tokenBars) {
            for (int i = firstReplayed(own, firstClose, s.timeframe()); i < own.size(); i++) {
                all[n++] = own.openTimeMs(i) + s.timeframe().durationMs();
            }
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (distinct == 0 || all[i] != all[distinct - 1]) {
                all[distinct++] = all[i];
            }
        }
        long[] closes = Arrays.copyOf(all, distinct);
        List<BarColumns> majorBars = new ArrayList<>();
        for (String coin : List.of("BTC", "SOL", "ETH", "BNB", "HYPE")) {
            for (Timeframe h : List.of(Timeframe.D1, Timeframe.H1, Timeframe.M1)) {
                // Ambiguity: the 1m regime horizon is copied only for backtests under 1h; above, its weight is at
                // most 0.10 × 0.15 and copying a year of 1m majors would cost more than the replay.
                if (h == Timeframe.M1 && s.timeframe().durationMs() >= Timeframe.H1.durationMs()) {
                    continue;
                }
                long from = firstOpen - REGIME_WARM_BARS * h.durationMs();
                BarColumns major = sourceReader.columns(PriceTable.MAJORS, coin, PriceTable.HYPERLIQUID_CHAIN, h,
                        from, lastClose);
                if (major != null) {
                    majorBars.add(major);
                }
            }
        }
        // The dominance and bucket drivers, as the live regime reads them from regime_price_data_ohlc, and the days'
        // bucket members that give a token its bucket's driver.
        List<List<Bar>> regimeBars = new ArrayList<>();
        List<String> drivers = new ArrayList<>(List.of("btc.d", "usdt.d"));
        for (MarketCapBucket b : MarketCapBucket.values()) {
            drivers.add(b.driver());
        }
        for (String driver : drivers) {
            for (Timeframe h : List.of(Timeframe.D1, Timeframe.H1, Timeframe.M1)) {
                if (h == Timeframe.M1 && s.timeframe().durationMs() >= Timeframe.H1.durationMs()) {
                    continue;
                }
                List<Bar> driverBars = sourceReader.regimeBars(driver, h,
                        firstOpen - REGIME_WARM_BARS * h.durationMs(), lastClose);
                if (!driverBars.isEmpty()) {
                    regimeBars.add(driverBars);
                }
            }
        }
        List<BucketMembers.Member> members = new BucketMembers(source).between(s.chain(),
                Timeframe.D1.floor(firstOpen), lastClose);
        return new Loaded(tokenBars, majorBars, regimeBars, members, closes, bars, history);
    }

    /** Index of the first bar closing at or after {@code firstClose}: the first one replayed. */
    private static int firstReplayed(BarColumns bars, long firstClose, Timeframe tf) {
        return firstClose == Long.MIN_VALUE ? 0 : bars.lowerBound(firstClose - tf.durationMs());
    }

    private static NewPosition newPosition(Settings s, String token) {
        return new NewPosition(token, s.chain(), token, s.timeframe(), s.book(), s.allocationPct(), BigDecimal.ZERO);
    }

    /** A tick at every close, through the live PM code on whatever history and ledger it is given. */
    private static Result replay(Settings s, Loaded loaded, SimulatedClock clock, PriceHistory prices,
            PositionLedger ledger, LearningSystem learning, int parallelism, PrintWriter progress, long start) {
        PmModule module = PmModules.build(List.of(new PmModules.Route(new Venue(s.chain(), s.book()),
                new PaperExecutor(prices, clock, s.costs()), p -> s.maxLeverage())), learning, s.walletUsd(),
                s.maxLeverage(),
                prices, ledger).get(0);

        long replayStart = System.nanoTime();
        long[] closes = loaded.closes();
        List<EquityPoint> equity = new ArrayList<>(closes.length);
        Map<Long, BigDecimal> openPnl = new HashMap<>();
        Map<Long, Boolean> holding = new HashMap<>();
        BigDecimal realised = BigDecimal.ZERO;
        long heldTicks = 0;
        long positionTicks = 0;
        int done = 0;
        long step = Math.max(1, closes.length / 10);
        try (PmCoreTick tick = new PmCoreTick(ledger, List.of(module), new RegimeFeed(prices), parallelism)) {
            for (long close : closes) {
                clock.setMs(close);
                TickReport r = tick.run(s.timeframe(), close, close);
                learning.catchUp();
                for (PositionReport pr : r.positions()) {
                    if (pr.outcome() == PositionReport.Outcome.FAILED) {
                        throw new IllegalStateException("backtest stopped: " + pr.before().label() + " failed at "
                                + java.time.Instant.ofEpochMilli(close) + ": " + pr.note());
                    }
                    Position after = pr.after();
                    if (after == null) {
                        continue;
                    }
                    int closedNow = after.completedTrades().size() - pr.before().completedTrades().size();
                    for (int i = 0; i < closedNow; i++) {
                        TradeClosure.ClosedTrade t = after.completedTrades().get(pr.before().completedTrades().size()
                                + i);
                        realised = realised.add(t.netPnlUsd(), MC);
                    }
                    Pnl pnl = after.features().pnl();
                    boolean held = after.quantity().signum() > 0;
                    holding.put(after.id(), held);
                    openPnl.put(after.id(), held && pnl != null ? pnl.netPnlUsd() : BigDecimal.ZERO);
                }
                BigDecimal open = BigDecimal.ZERO;
                int openCount = 0;
                for (Map.Entry<Long, BigDecimal> e : openPnl.entrySet()) {
                    open = open.add(e.getValue(), MC);
                    if (holding.getOrDefault(e.getKey(), false)) {
                        openCount++;
                    }
                }
                heldTicks += openCount;
                positionTicks += s.tokens().size();
                equity.add(new EquityPoint(close, realised.add(open, MC), openCount));
                if (++done % step == 0) {
                    progress.printf(Locale.ROOT, "  %3d%% %s equity %s USD%n", 100L * done / closes.length,
                            java.time.Instant.ofEpochMilli(close), realised.add(open, MC).setScale(2,
                                    java.math.RoundingMode.HALF_EVEN).toPlainString());
                    progress.flush();
                }
            }
        }
        long replayNs = System.nanoTime() - replayStart;
        List<TokenTrade> trades = new ArrayList<>();
        for (Position p : ledger.byTimeframe(s.timeframe())) {
            for (TradeClosure.ClosedTrade t : p.completedTrades()) {
                trades.add(new TokenTrade(p.tokenContract(), t));
            }
        }
        trades.sort(java.util.Comparator.comparingLong((TokenTrade t) -> t.trade().exitTimeMs())
                .thenComparing(TokenTrade::token));
        Map<String, List<Bar>> replayed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < s.tokens().size(); i++) {
            BarColumns own = loaded.tokenBars().get(i);
            replayed.put(s.tokens().get(i), own.view(firstReplayed(own, closes[0], s.timeframe()), own.size()));
        }
        BuyAndHold benchmark = BuyAndHold.of(s.budgetUsd(), List.copyOf(replayed.values()), closes,
                s.timeframe().durationMs(), s.costs(), new Venue(s.chain(), s.book()));
        return new Result(s, trades, equity, replayed, benchmark, loaded.bars(), closes.length,
                positionTicks == 0 ? 0 : (double) heldTicks / positionTicks, System.nanoTime() - start, replayNs);
    }
}
