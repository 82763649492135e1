package lotus.pm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lotus.store.PositionJson;
import lotus.engine.EngineState;
import lotus.exec.HyperliquidExecutor;
import lotus.exec.PaperExecutor;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.time.RateBudget;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.market.Bar;
import lotus.sim.HlSimulator;
import lotus.sim.SimAsset;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Orders;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.store.Strand;
import lotus.store.StoredPositionLedger;
import lotus.store.Strands;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The router over real parts: SQLite or PostgreSQL, the simulator's books behind the Hyperliquid dry-run executor,
 * the Solana paper executor on stored bars. Each traded position holds a quantity, sits in S1 (stored), and its last
 * bar completes a bearish EMA order, so the engine falls S1 → S0 with exit_position and the planner exits in full:
 * a decision that must reach the executor of the position's own venue.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class PmCoreTickTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final Timeframe TF = Timeframe.H1;
    private static final int BARS = 400;
    private static final int ENTRY_BARS_AGO = ExitScenario.ENTRY_BARS_AGO;

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    Database db;
    HlSimulator sim;
    HlInfoClient info;
    SimulatedClock clock;
    Positions positions;
    Strands strands;
    PriceDataReader reader;
    AssetCatalog catalog;
    HyperliquidExecutor hyperliquid;

    @BeforeEach
    void start() {
        sim = HlSimulator.start(SimConfig.defaults(21).withTradesPerSecond(20).withKeepTrades(false), Clock.system(),
                0);
        db = TestDatabases.open(kind, dir);
        clock = SimulatedClock.manual(T0 + BARS * TF.durationMs());
        positions = new Positions(db, clock);
        strands = new Strands(db, clock);
        reader = new PriceDataReader(db);
        RateBudget weight = new RateBudget("w", 1200, clock);
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), weight, clock);
        catalog = info.assetCatalog();
        HlExchangeClient exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.ephemeral(), false,
                new NonceAllocator(clock), weight, null);
        hyperliquid = new HyperliquidExecutor(catalog, info, exchange, "0x" + "1".repeat(40),
                HyperliquidExecutor.Settings.dryRun());
    }

    @AfterEach
    void stop() {
        if (info != null) {
            info.close();
        }
        sim.close();
        if (db != null) {
            TestDatabases.dispose(db);
        }
    }

    private PmModule module(String chain, String book, lotus.pm.Executor executor) {
        return new PmModule(new Venue(chain, book), executor,
                new ActionPlanner(LearningMultipliers.NONE, LeveragePolicy.SPOT), new BigDecimal("10000"), p -> 0,
                reader, new StoredPositionLedger(db, positions, strands));
    }

    /** A steady decline with a small wobble: every EMA ends in bearish order (S0-order). */
    private static List<Bar> decline(String token, String chain, int n, double start) {
        return ExitScenario.decline(token, chain, TF, T0, n, start);
    }

    /** Stores the bars, and a position holding {@code quantity} whose stored engine says S1 at the next-to-last bar. */
    private Position holding(String token, String chain, String book, List<Bar> bars, BigDecimal quantity) {
        return ExitScenario.holding(db, positions, token, chain, book, bars, quantity);
    }

    /** Enough of the coin to clear the $11 minimum at the simulator's price. */
    private BigDecimal sizeFor(SimAsset a) {
        return new BigDecimal("50").divide(sim.market().mid(a.apiCoin()), MathContext.DECIMAL64)
                .setScale(a.szDecimals(), RoundingMode.UP);
    }

    @Test
    void eachVenueReachesItsOwnModuleAndExecutorAndFailuresStayContained() throws Exception {
        SimAsset perp = sim.market().assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP).skip(6)
                .findFirst().orElseThrow();
        SimAsset spot = sim.market().assets().stream().filter(a -> a.kind() == SimAsset.Kind.SPOT).findFirst()
                .orElseThrow();
        String mint = "So1TestMint11111111111111111111111111111111";
        Position perps = holding(perp.name(), "hyperliquid", "perps", decline(perp.name(), "hyperliquid", BARS, 50),
                sizeFor(perp));
        Position spots = holding(spot.name(), "hyperliquid", "spot", decline(spot.name(), "hyperliquid", BARS, 3),
                sizeFor(spot));
        List<Bar> solBars = decline(mint, "solana", BARS, 0.02);
        Position social = holding(mint, "solana", "social", solBars, new BigDecimal("12345.678"));
        // No module for base; an unreadable stored state; a token that is still short of bars; a module whose venue throws.
        Position base = holding("0xBASE", "base", "social", decline("0xBASE", "base", BARS, 1), BigDecimal.ONE);
        Position broken = holding("BROKEN", "solana", "social", decline("BROKEN", "solana", BARS, 1), BigDecimal.ONE);
        // A stored engine output this version cannot read: set aside on reading, and the engine rebuilt from the bars.
        ObjectNode corrupt = PositionJson.features(broken.features());
        ((ObjectNode) corrupt.get("uptrend_engine_v4")).put("state", "S9");
        broken = positions.update(broken.withFeatures(PositionJson.features(corrupt)));
        // An open order this version cannot read: the position fails, closed, rather than plan past its order.
        Position jammed = holding("JAMMED", "solana", "social", decline("JAMMED", "solana", BARS, 1), BigDecimal.ONE);
        ObjectNode stuck = PositionJson.features(jammed.features());
        stuck.putObject("pending_order").put("rule", "no_such_rule").put("decision_type", "entry").put("cloid", "0xab");
        jammed = positions.update(jammed.withFeatures(PositionJson.features(stuck)));
        new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid", decline("YOUNG", "hyperliquid", 100, 5));
        Position young = positions.insert(new NewPosition("YOUNG", "hyperliquid", "YOUNG", TF, "spot",
                new BigDecimal("6"), BigDecimal.ZERO));
        Position down = holding("DOWN", "solana", "vault", decline("DOWN", "solana", BARS, 1), BigDecimal.ONE);

        long close = T0 + BARS * TF.durationMs();
        try (PmCoreTick tick = new PmCoreTick(new StoredPositionLedger(db, positions, strands), List.of(
                module("hyperliquid", "spot", hyperliquid),
                module("hyperliquid", "perps", hyperliquid),
                module("solana", "social", new PaperExecutor(reader, clock)),
                module("solana", "vault", (d, p, t) -> {
                    throw new IllegalStateException("venue down");
                })), new RegimeFeed(reader), 2)) {
            TickReport r = tick.run(TF, close, close + 2_000);

            assertThat(r.routed()).isEqualTo(Map.of("hyperliquid/perps", 1, "hyperliquid/spot", 2,
                    "solana/social", 3, "solana/vault", 1));
            assertThat(r.unrouted()).isEqualTo(1);
            assertThat(r.failed()).isEqualTo(2);
            assertThat(r.dormant()).isEqualTo(1);
            assertThat(tick.unroutedTotal()).isEqualTo(1);
            assertThat(report(r, base).outcome()).isEqualTo(PositionReport.Outcome.NO_MODULE);
            assertThat(report(r, broken).outcome()).isEqualTo(PositionReport.Outcome.PLANNED);
            assertThat(report(r, broken).after().features().engine().state()).isEqualTo(EngineState.S0);
            assertThat(report(r, down).outcome()).isEqualTo(PositionReport.Outcome.FAILED);
            assertThat(report(r, down).note()).contains("venue down");
            assertThat(report(r, jammed).outcome()).isEqualTo(PositionReport.Outcome.FAILED);
            assertThat(report(r, jammed).note()).contains("features.pending_order cannot be read");
            assertThat(report(r, young).outcome()).isEqualTo(PositionReport.Outcome.DORMANT);
            assertThat(report(r, young).note()).isEqualTo("dormant: 100 of 333 bars");

            for (Position p : List.of(perps, spots, social)) {
                PositionReport pr = report(r, p);
                assertThat(pr.module()).isEqualTo(p.tokenChain() + "/" + p.bookId());
                assertThat(pr.engine().state()).isEqualTo(EngineState.S0);
                assertThat(pr.engine().prevState()).isEqualTo(EngineState.S1);
                assertThat(pr.engine().exitReason()).isEqualTo("s1_to_s0_bearish_order");
                assertThat(pr.decision().type()).isEqualTo(DecisionType.EMERGENCY_EXIT);
                ExecutionResult x = pr.execution();
                assertThat(x.status()).isEqualTo(ExecutionResult.Status.FILLED);
                assertThat(x.dryRun()).isTrue();
                assertThat(x.filledSize()).isEqualByComparingTo(p.quantity());

                // The exit emptied the trade: closed, summarised, and the row back on the watchlist.
                Position stored = positions.find(p.id()).orElseThrow();
                assertThat(stored.status()).isEqualTo(PositionStatus.WATCHLIST);
                assertThat(stored.quantity()).isEqualByComparingTo("0");
                assertThat(stored.totalTokensSold()).isEqualByComparingTo("0");
                assertThat(stored.totalExtractedUsd()).isEqualByComparingTo("0");
                assertThat(stored.totalAllocationUsd()).isEqualByComparingTo("0");
                assertThat(stored.avgEntryPrice()).isNull();
                assertThat(stored.currentTradeId()).isNull();
                assertThat(stored.totalAllocationPct()).isEqualByComparingTo("6");
                assertThat(stored.features().currentTrade()).isNull();
                assertThat(stored.completedTrades()).hasSize(1);
                com.fasterxml.jackson.databind.JsonNode trade = PositionJson.closedTrade(stored.completedTrades().get(0));
                assertThat(trade.get("trade_id").asText()).isEqualTo(p.id() + "-1");
                assertThat(new BigDecimal(trade.get("exit_price").asText())).isEqualByComparingTo(x.avgPrice());
                assertThat(new BigDecimal(trade.get("pnl_usd").asText()))
                        .isEqualByComparingTo(x.notionalUsd().subtract(p.totalAllocationUsd()));
                assertThat(trade.get("closed_by").asText()).isEqualTo("emergency_exit");
                assertThat(trade.get("bars").asInt()).isEqualTo(ENTRY_BARS_AGO);
                assertThat(trade.get("hold_class").asText()).isEqualTo("short");
                // R/R from the position's own venue table over the holding period (the last 11 bars).
                List<Bar> own = reader.bars(p.tokenContract(), p.tokenChain(), TF, BARS);
                double entry = p.avgEntryPrice().doubleValue();
                double low = entry;
                for (Bar b : own.subList(BARS - ENTRY_BARS_AGO, BARS)) {
                    low = Math.min(low, b.low().doubleValue());
                }
                double ret = (x.avgPrice().doubleValue() - entry) / entry;
                double dd = (entry - low) / entry;
                assertThat(trade.get("max_drawdown").asDouble()).isEqualTo(dd);
                assertThat(trade.get("return").asDouble()).isCloseTo(ret, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(trade.get("rr").asDouble()).isCloseTo(Math.max(-33, Math.min(33, ret / dd)),
                        org.assertj.core.data.Offset.offset(1e-9));
                assertThat(stored.state()).isEqualTo(EngineState.S0);
                assertThat(stored.version()).isEqualTo(p.version() + 1);
                assertThat(stored.features().engine().exitReason())
                        .isEqualTo("s1_to_s0_bearish_order");
                assertThat(stored.features().lastAction().type().label())
                        .isEqualTo("emergency_exit");
            }
            // Hyperliquid orders name the perp's index and the spot pair's 10000 + index; Solana sends nothing and
            // fills at the stored close of the bar just closed.
            assertThat(report(r, perps).execution().request().at("/action/orders/0/a").asInt())
                    .isEqualTo(catalog.byName(perp.name()).assetId());
            assertThat(report(r, spots).execution().request().at("/action/orders/0/a").asInt())
                    .isEqualTo(catalog.byName(spot.name()).assetId()).isGreaterThanOrEqualTo(10_000);
            assertThat(report(r, social).execution().request()).isNull();
            assertThat(report(r, social).execution().avgPrice()).isEqualByComparingTo(solBars.get(BARS - 1).close());

            // The failures and the unrouted position were left as they were.
            assertThat(positions.find(base.id()).orElseThrow().version()).isEqualTo(base.version());
            assertThat(positions.find(broken.id()).orElseThrow().version()).isEqualTo(broken.version() + 1);
            assertThat(positions.find(down.id()).orElseThrow().version()).isEqualTo(down.version());
            assertThat(positions.find(jammed.id()).orElseThrow().version()).isEqualTo(jammed.version());
            assertThat(positions.find(young.id()).orElseThrow().features().engine().bars()).isEqualTo(100);

            List<Strand> transitions = strands.byKind("engine_transition", 0, 100);
            assertThat(transitions).hasSize(3);
            assertThat(transitions).allSatisfy(s -> {
                assertThat(s.payload().path("from").asText()).isEqualTo("S1");
                assertThat(s.payload().path("to").asText()).isEqualTo("S0");
            });
            assertThat(transitions).extracting(s -> s.scope().path("token_chain").asText() + "/"
                    + s.scope().path("book_id").asText())
                    .containsExactlyInAnyOrder("hyperliquid/perps", "hyperliquid/spot", "solana/social");
            assertThat(strands.byKind("pm_execution", 0, 100)).hasSize(3);
            List<Strand> closed = strands.byKind("position_closed", 0, 100);
            assertThat(closed).hasSize(3);
            assertThat(closed).allSatisfy(s -> {
                assertThat(s.scope().path("timeframe").asText()).isEqualTo("1h");
                assertThat(s.scope().path("entry_state").asText()).isEqualTo("S1");
                assertThat(s.scope().path("entry_event").asText()).isEqualTo("S1.retest_entry");
                assertThat(s.payload().path("rr").isNumber()).isTrue();
            });
            assertThat(closed).extracting(s -> s.scope().path("token_chain").asText() + "/"
                    + s.scope().path("book_id").asText() + " " + s.scope().path("token_ticker").asText())
                    .containsExactlyInAnyOrder("hyperliquid/perps " + perp.name(), "hyperliquid/spot " + spot.name(),
                            "solana/social " + mint);

            // The same bar again: nothing new closed, so nothing is planned or done twice.
            TickReport again = tick.run(TF, close, close + 60_000);
            assertThat(report(again, perps).outcome()).isEqualTo(PositionReport.Outcome.NO_NEW_BAR);
            assertThat(again.decisions()).isZero();
            assertThat(strands.byKind("pm_execution", 0, 100)).hasSize(3);
        }
    }

    @Test
    void aPaperFillThatCannotBeAccountedFailsThePositionAndLeavesTheRowAlone() {
        // A holding without an average entry price (bad data): the exit fills, then its closure cannot be computed.
        Position p = holding("NOENTRY", "solana", "social", decline("NOENTRY", "solana", BARS, 1), BigDecimal.TEN);
        Position broken = positions.update(new Position(p.id(), p.tokenContract(), p.tokenChain(), p.tokenTicker(),
                p.timeframe(), p.bookId(), p.status(), p.state(), p.features(), p.quantity(), p.dust(),
                p.totalAllocationPct(), p.totalAllocationUsd(), p.totalExtractedUsd(), p.totalTokensBought(), p.totalTokensSold(),
                p.totalFeesUsd(), null, p.currentTradeId(), p.completedTrades(), p.version(), p.createdAtMs(),
                p.updatedAtMs()));
        long close = T0 + BARS * TF.durationMs();
        try (PmCoreTick tick = new PmCoreTick(new StoredPositionLedger(db, positions, strands), List.of(module("solana", "social",
                new PaperExecutor(reader, clock))), new RegimeFeed(reader), 1)) {
            TickReport r = tick.run(TF, close, close);
            assertThat(report(r, broken).outcome()).isEqualTo(PositionReport.Outcome.FAILED);
            assertThat(report(r, broken).note()).contains("cannot close");
        }
        // A paper fill has no venue behind it: nothing to reconcile, and the row is as it was.
        assertThat(positions.find(broken.id()).orElseThrow().version()).isEqualTo(broken.version());
        assertThat(strands.byKind("pm_execution", 0, 10)).isEmpty();
    }

    @Test
    void aLiveExitWhoseAnswerIsLostBlocksThePositionUntilItsFillIsSettledOnce() throws Exception {
        String masterKey = "0x0123456789012345678901234567890123456789012345678901234567890123";
        String agentKey = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
        String master = Signer.fromPrivateKey(masterKey).address();
        String agent = Signer.fromPrivateKey(agentKey).address();
        sim.exchange().fundUsdc(master, new BigDecimal("100000"));
        sim.exchange().approveAgent(agent, master);
        HlExchangeClient exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(agentKey),
                false, new NonceAllocator(Clock.system()), new RateBudget("live", 1200, Clock.system()), null);
        HyperliquidExecutor live = new HyperliquidExecutor(catalog, info, exchange, master,
                HyperliquidExecutor.Settings.dryRun().withLive(true));
        SimAsset perp = sim.market().assets().stream().filter(a -> a.kind() == SimAsset.Kind.PERP).skip(6)
                .findFirst().orElseThrow();
        ExecutionResult opened = live.execute(lotus.pm.Decision.buy(DecisionType.ENTRY, BigDecimal.ONE,
                new BigDecimal("60"), List.of(), 0), holdingless(perp.name()),
                new lotus.pm.OrderTicket(lotus.pm.OrderTicket.cloid(0, 0, DecisionType.ENTRY, 0), (v, r) -> { }));
        assertThat(opened.status()).as(opened.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        List<Bar> bars = decline(perp.name(), "hyperliquid", BARS, 50);
        Position p = holding(perp.name(), "hyperliquid", "perps", bars, opened.filledSize());
        int venueFillsBefore = sim.exchange().fills(master).size();

        long close = T0 + BARS * TF.durationMs();
        PmModule module = module("hyperliquid", "perps", live);
        try (PmCoreTick tick = new PmCoreTick(new StoredPositionLedger(db, positions, strands), List.of(module), new RegimeFeed(reader), 1)) {
            sim.faults().dropExchangeResponses(1); // the venue fills the exit; its answer never arrives
            TickReport r = tick.run(TF, close, close);
            PositionReport exit = report(r, p);
            assertThat(exit.decision().type()).isEqualTo(DecisionType.EMERGENCY_EXIT);
            assertThat(exit.execution().status()).isEqualTo(ExecutionResult.Status.UNKNOWN);
            String cloid = exit.execution().cloid();
            assertThat(cloid).isEqualTo(lotus.pm.OrderTicket.cloid(p.id(), p.createdAtMs(), close,
                    DecisionType.EMERGENCY_EXIT, 0));
            Position waiting = positions.find(p.id()).orElseThrow();
            assertThat(waiting.quantity()).isEqualByComparingTo(opened.filledSize()); // not applied: not known
            assertThat(waiting.features().pendingOrder().cloid()).isEqualTo(cloid);
            Orders journal = new Orders(db, clock);
            assertThat(journal.find(cloid).orElseThrow().status()).isEqualTo(lotus.pm.OrderStatus.UNKNOWN);
            assertThat(sim.exchange().position(master, perp.apiCoin()).map(x -> x.szi().signum()).orElse(0))
                    .isZero(); // the venue did it

            // A new bar: the position is blocked, so nothing is planned (not even the exit again).
            Bar last = bars.get(bars.size() - 1);
            new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid", List.of(new Bar(last.tokenContract(),
                    last.chain(), TF, close, last.close(), last.close(), last.close(), last.close(), last.volume(),
                    0)));
            TickReport blocked = tick.run(TF, close + TF.durationMs(), close + TF.durationMs());
            assertThat(report(blocked, p).outcome()).isEqualTo(PositionReport.Outcome.BLOCKED);
            assertThat(report(blocked, p).note()).startsWith("order " + cloid + " (emergency_exit of the bar closing at ");
            assertThat(blocked.decisions()).isZero();

            // The reconciler finds the fill by cloid; the PM applies it with the journal's settlement.
            lotus.exec.HyperliquidReconciler reconciler = new lotus.exec.HyperliquidReconciler(journal, info,
                    exchange, master, clock);
            List<lotus.pm.Settlement> found = reconciler.settlements();
            assertThat(found).singleElement().satisfies(s -> assertThat(s.status())
                    .isEqualTo(lotus.pm.OrderStatus.FILLED));
            Position settled = module.settle(found.get(0), clock.nowMs());
            assertThat(settled.quantity()).isZero();
            assertThat(settled.status()).isEqualTo(PositionStatus.WATCHLIST); // the trade closed
            assertThat(settled.completedTrades()).hasSize(1);
            assertThat(settled.features().pendingOrder()).isNull();
            assertThat(settled.features().lastAction().reconciled()).isTrue();
            var row = journal.find(cloid).orElseThrow();
            assertThat(row.status()).isEqualTo(lotus.pm.OrderStatus.FILLED);
            assertThat(row.fills()).hasSize(sim.exchange().fills(master).size() - venueFillsBefore);
            assertThat(strands.byKind("position_closed", 0, 10)).hasSize(1);

            // Reported again (a second reconciler, a restart): refused, and nothing changes.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> module.settle(found.get(0), clock.nowMs()))
                    .isInstanceOf(lotus.pm.AlreadySettledException.class);
            assertThat(positions.find(p.id()).orElseThrow().version()).isEqualTo(settled.version());
            assertThat(reconciler.settlements()).isEmpty();
            assertThat(strands.byKind("position_closed", 0, 10)).hasSize(1);
            assertThat(sim.exchange().fills(master).size() - venueFillsBefore).isEqualTo(row.fills().size());
        }
    }

    /** A flat row to open a venue position with, before the test's own position exists. */
    private static Position holdingless(String token) {
        return Position.watching(0, token, "hyperliquid", token, TF, "perps", BigDecimal.ONE, BigDecimal.ZERO, 0);
    }

    private static PositionReport report(TickReport r, Position p) {
        return r.positions().stream().filter(x -> x.before().id() == p.id()).findFirst().orElseThrow();
    }
}
