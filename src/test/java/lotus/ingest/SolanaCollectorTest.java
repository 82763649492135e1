package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.sim.solana.DexScreenerSim;
import lotus.sim.solana.SimPool;
import lotus.sim.solana.SolanaMarket;
import lotus.solana.common.Mints;
import lotus.solana.common.TestMints;
import lotus.solana.dex.DexScreenerClient;
import lotus.solana.dex.PriceCollector;
import lotus.solana.dex.TierSchedule;
import lotus.store.Database;
import lotus.store.LowcapPoint;
import lotus.store.LowcapPrices;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The Solana collector end to end: positions → DexScreener simulator over a socket → stored points and bars. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class SolanaCollectorTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long M = 60_000L;

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;
    SolanaMarket market;
    DexScreenerSim sim;
    Positions positions;
    LowcapPrices prices;
    SolanaCollector collector;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        clock = SimulatedClock.manual(T0 + 2_000);
        market = new SolanaMarket(clock, 11);
        sim = DexScreenerSim.start(market, clock, 0);
        positions = new Positions(db, clock);
        prices = new LowcapPrices(db);
        RateBudget budget = new RateBudget("dexscreener", 250, clock);
        collector = new SolanaCollector(clock, positions, prices,
                new DexScreenerClient(sim.baseUrl(), budget, clock, Duration.ofSeconds(10), 1), budget,
                SolanaCollector.Settings.DEFAULT);
    }

    @AfterEach
    void close() {
        // Null when the PostgreSQL case was skipped before anything started.
        if (collector != null) {
            collector.close();
            sim.close();
        }
        TestDatabases.dispose(db);
    }

    private String token(int i) {
        String mint = TestMints.of("mint" + i);
        market.addToken(mint, "T" + i, 6, new BigDecimal("0.00042"), new BigDecimal("30000"), 0.02);
        market.addPool(SimPool.of("Pool" + i, mint, Mints.WSOL, "30000"));
        return mint;
    }

    private void watch(String mint, String chain, Timeframe tf) {
        positions.insert(new NewPosition(mint, chain, mint, tf, "social", BigDecimal.ONE, BigDecimal.TEN));
    }

    private void setStatus(String mint, String status) {
        db.withConnection(c -> {
            try (var ps = c.prepareStatement("UPDATE lowcap_positions SET status = ? WHERE token_contract = ?")) {
                ps.setString(1, status);
                ps.setString(2, mint);
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void threeHundredOneTokensAreEachCollectedOnceEveryTwoMinutesAndTheHotOneEveryMinute() throws Exception {
        List<String> mints = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String mint = token(i);
            mints.add(mint);
            watch(mint, "solana", Timeframe.H1);
        }
        String hot = token(300);
        watch(hot, "solana", Timeframe.M1);

        List<PriceCollector.Cycle> cycles = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            cycles.add(collector.runOnce());
            clock.advanceMs(M);
        }

        assertThat(cycles).extracting(PriceCollector.Cycle::tokens).containsOnly(301);
        assertThat(cycles).extracting(PriceCollector.Cycle::interval).containsOnly(2);
        assertThat(cycles).extracting(PriceCollector.Cycle::failedChunks).containsOnly(0);
        Map<String, List<Long>> minutesByToken = new HashMap<>();
        for (LowcapPoint p : prices.points("solana", T0, T0 + 4 * M)) {
            minutesByToken.computeIfAbsent(p.tokenContract(), k -> new ArrayList<>())
                    .add((p.timestampMs() - T0) / M);
        }
        long c0 = TierSchedule.cycle(T0);
        for (String mint : mints) {
            long slot = TierSchedule.slot(mint, 2);
            List<Long> expected = Math.floorMod(c0 - slot, 2) == 0 ? List.of(0L, 2L) : List.of(1L, 3L);
            assertThat(minutesByToken.get(mint)).as(mint).isEqualTo(expected);
        }
        assertThat(minutesByToken.get(hot)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(minutesByToken.get(Mints.WSOL)).containsExactly(0L, 1L, 2L, 3L);
        for (PriceCollector.Cycle c : cycles) {
            assertThat(c.points()).isEqualTo(c.due());
            assertThat(c.chunks()).isEqualTo((c.due() + 29) / 30);
        }
        assertThat(cycles.stream().mapToInt(PriceCollector.Cycle::due).sum()).isEqualTo(300 * 2 + 2 * 4);
        assertThat(sim.requests()).allSatisfy(r -> assertThat(r.path().split(",").length).isLessThanOrEqualTo(30));
        assertThat(collector.statusLine()).startsWith("solana tokens=301 interval=2 calls/min=");
        // The 1m bars of the fourth minute exist, and the hot token's 1m bars open at the previous close.
        var hotBars = prices.bars(hot, "solana", Timeframe.M1, T0, T0 + 4 * M);
        assertThat(hotBars).hasSize(4);
        for (int i = 1; i < 4; i++) {
            assertThat(hotBars.get(i).openUsd()).isEqualByComparingTo(hotBars.get(i - 1).closeUsd());
        }
    }

    @Test
    void missingFiguresAreStoredAsNullAndEveryPoolShapeIsPricedInSol() throws Exception {
        String bare = TestMints.of("bare");
        market.addToken(bare, "BARE", 6, new BigDecimal("0.0000000012"), new BigDecimal("1000"), 0);
        market.addPool(new SimPool("BarePool", "pumpswap", bare, Mints.WSOL, null, false, false, null, null));
        String quoted = TestMints.of("quoted");
        market.addToken(quoted, "QUOT", 9, new BigDecimal("3"), new BigDecimal("90000"), 0);
        market.addPool(SimPool.of("QuotPool", Mints.WSOL, quoted, "90000")); // the token on the quote side
        String usdc = TestMints.of("usdc-quoted");
        market.addToken(usdc, "USDQ", 6, new BigDecimal("0.5"), new BigDecimal("5000"), 0);
        market.addPool(SimPool.of("UsdcPool", usdc, Mints.USDC, "5000"));
        for (String mint : List.of(bare, quoted, usdc)) {
            watch(mint, "solana", Timeframe.M1);
        }
        market.setUsd(Mints.WSOL, new BigDecimal("150"));

        PriceCollector.Cycle cycle = collector.runOnce();

        assertThat(cycle.points()).isEqualTo(4);
        LowcapPoint b = prices.points(bare, "solana", T0, T0 + M).getFirst();
        assertThat(b.priceUsd()).isEqualByComparingTo("0.0000000012"); // priceUsd null: inQuote × SOL's USD
        assertThat(b.priceNative()).isEqualByComparingTo("0.000000000008");
        assertThat(b.liquidityUsd()).isNull();
        assertThat(b.liquidityChange1m()).isNull();
        assertThat(b.fdv()).isNull();
        assertThat(b.marketCap()).isNull();
        assertThat(b.quoteToken()).isEqualTo("SOL");
        LowcapPoint q = prices.points(quoted, "solana", T0, T0 + M).getFirst();
        assertThat(q.priceUsd()).isEqualByComparingTo("3");
        assertThat(q.priceNative()).isEqualByComparingTo("0.02");
        LowcapPoint u = prices.points(usdc, "solana", T0, T0 + M).getFirst();
        assertThat(u.priceUsd()).isEqualByComparingTo("0.5");
        assertThat(u.priceNative().toPlainString()).startsWith("0.003333333333");
        assertThat(u.quoteToken()).isEqualTo("USDC");
        assertThat(prices.points(Mints.WSOL, "solana", T0, T0 + M).getFirst().priceNative())
                .isEqualByComparingTo("1");
    }

    @Test
    void theServiceCollectsAtSecondTwoOfEachMinuteOnTheInjectedClock() {
        String mint = token(1);
        watch(mint, "solana", Timeframe.M1);
        clock.setMs(T0 + 30_000);
        collector.start();

        clock.setMs(T0 + M + 1_999);
        assertThat(sim.requests()).isEmpty();
        clock.setMs(T0 + M + 2_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> prices.points(mint, "solana", T0, T0 + 3 * M).size() == 1);
        clock.setMs(T0 + 2 * M + 2_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> prices.points(mint, "solana", T0, T0 + 3 * M).size() == 2);

        assertThat(prices.points(mint, "solana", T0, T0 + 3 * M)).extracting(LowcapPoint::timestampMs)
                .containsExactly(T0 + M + 2_000, T0 + 2 * M + 2_000);
    }

    @Test
    void withoutSolanaPositionsNoCallIsMade() throws Exception {
        watch("BTC", "hyperliquid", Timeframe.M1);

        PriceCollector.Cycle cycle = collector.runOnce();

        assertThat(cycle.tokens()).isZero();
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void onlyOpenSolanaPositionsAreCollectedAndCounted() throws Exception {
        String open = token(1);
        String closed = token(2);
        String paused = token(3);
        watch(open, "solana", Timeframe.H1);
        watch(closed, "solana", Timeframe.M1);
        watch(paused, "solana", Timeframe.H4);
        watch("BTC", "hyperliquid", Timeframe.M1);
        watch(open, "solana", Timeframe.M1); // a second timeframe of the same token: one token, now hot
        setStatus(closed, "closed");
        setStatus(paused, "paused");

        assertThat(positions.collectedOnChain("solana"))
                .containsExactly(new Positions.Collected(open, true));
        PriceCollector.Cycle cycle = collector.runOnce();

        assertThat(cycle.tokens()).isEqualTo(1);
        assertThat(cycle.due()).isEqualTo(2);
        assertThat(sim.requests()).singleElement().satisfies(r -> assertThat(r.path())
                .isEqualTo("/dexscreener/tokens/v1/solana/" + open + "," + Mints.WSOL));
    }
}
