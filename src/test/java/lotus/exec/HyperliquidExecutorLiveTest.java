package lotus.exec;

import lotus.engine.EngineState;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import lotus.pm.Settlement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.time.RateBudget;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import lotus.store.Orders;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path against the simulator's {@code /exchange} over real sockets: an agent key trading for its master,
 * the journal written before each send, and an answer lost in transit settled by cloid without a second order.
 */
class HyperliquidExecutorLiveTest {

    private static final String MASTER_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String AGENT_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    private static final String MASTER = "0x14791697260e4c9a71f18484c9f997b308e59325";
    private static final String AGENT = "0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901";

    @TempDir
    Path dir;

    private SimulatedClock clock;
    private HlSimulator sim;
    private HlInfoClient info;
    private Database db;
    private Orders journal;
    private HyperliquidExecutor executor;

    private HyperliquidReconciler reconciler;
    private HlExchangeClient exchange;
    private long bar = 1_767_571_200_000L;

    @BeforeEach
    void start() {
        clock = SimulatedClock.manual(1_767_571_200_000L);
        sim = HlSimulator.start(SimConfig.defaults(9).withHistoryMinutes(10), clock, 0);
        sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
        sim.exchange().approveAgent(AGENT, MASTER);
        RateBudget weight = new RateBudget("w", 1200, clock);
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), weight, clock);
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        journal = new Orders(db, clock);
        exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(AGENT_KEY),
                false, new NonceAllocator(clock), weight, null);
        executor = new HyperliquidExecutor(info.assetCatalog(), info, exchange, MASTER,
                HyperliquidExecutor.Settings.dryRun().withLive(true));
        reconciler = new HyperliquidReconciler(journal, info, exchange, MASTER, clock);
    }

    @AfterEach
    void stop() {
        info.close();
        sim.close();
        TestDatabases.dispose(db);
    }

    private static Position position(String token, String qty, String avg) {
        return held(3, token, "perps", qty, avg);
    }

    /** A decision's ticket journalling into {@link #journal}, as the PM's ledger does (without the position). */
    private OrderTicket ticket(DecisionType type) {
        bar += 3_600_000;
        String cloid = OrderTicket.cloid(3, bar, type, 0);
        long barClose = bar;
        return new OrderTicket(cloid, (venue, request) -> db.inTransaction(c -> journal.recordIntent(c, cloid, venue,
                3L, barClose, type.label(), request)));
    }

    @Test
    void anEntryIsJournalledBeforeItIsSentAndFillsOnTheVenue() {
        OrderTicket t = ticket(DecisionType.ENTRY);
        ExecutionResult r = executor.execute(Decision.buy(DecisionType.ENTRY, new BigDecimal("0.5"), new BigDecimal("1000"),
                List.of("S1"), 3), position("ETH", "0", null), t);
        assertThat(r.status()).as(r.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.dryRun()).isFalse();
        assertThat(r.cloid()).isEqualTo(t.cloid());
        assertThat(r.notionalUsd()).isBetween(new BigDecimal("990"), new BigDecimal("1000"));
        var venue = sim.exchange().position(MASTER, "ETH").orElseThrow();
        assertThat(venue.szi()).isEqualByComparingTo(r.filledSize());
        assertThat(venue.leverage()).isEqualTo(3);
        // The executor journals and sends; settling the row with the position is the PM's.
        JournalEntry row = journal.find(r.cloid()).orElseThrow();
        assertThat(row.status()).isEqualTo(OrderStatus.SENT);
        assertThat(row.positionId()).isEqualTo(3L);
        assertThat(row.barCloseMs()).isEqualTo(bar);
        assertThat(row.request().get("action").get("orders").get(0).get("c").asText()).isEqualTo(r.cloid());

        ExecutionResult trim = executor.execute(Decision.sell(DecisionType.TRIM, new BigDecimal("0.5"), List.of()),
                position("ETH", r.filledSize().toPlainString(), r.avgPrice().toPlainString()), ticket(DecisionType.TRIM));
        assertThat(trim.status()).as(trim.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(sim.exchange().position(MASTER, "ETH").orElseThrow().szi())
                .isEqualByComparingTo(r.filledSize().subtract(trim.filledSize()));
    }

    @Test
    void anOrderThatCannotBeJournalledIsNeverSent() {
        OrderTicket t = new OrderTicket(OrderTicket.cloid(3, 1, DecisionType.ENTRY, 0), (venue, request) -> {
            throw new lotus.store.StoreException("disk full");
        });
        ExecutionResult r = executor.execute(Decision.buy(DecisionType.ENTRY, new BigDecimal("0.5"), new BigDecimal("500"),
                List.of(), 0), position("ETH", "0", null), t);
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.REJECTED);
        assertThat(r.reason()).isEqualTo("not sent: the order could not be journalled: disk full");
        assertThat(sim.exchange().fills(MASTER)).isEmpty();
        assertThat(sim.exchange().orderByCloid(MASTER, t.cloid())).isEmpty();
    }

    @Test
    void aLostAnswerIsSettledByCloidFromTheVenuesFillsAndNeverSentTwice() {
        sim.faults().dropExchangeResponses(1);
        ExecutionResult r = executor.execute(Decision.buy(DecisionType.ENTRY, new BigDecimal("0.25"), new BigDecimal("500"),
                List.of(), 0), position("BTC", "0", null), ticket(DecisionType.ENTRY));
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.UNKNOWN);
        var venueFills = sim.exchange().fills(MASTER);
        assertThat(venueFills).isNotEmpty(); // the venue did apply it
        BigDecimal venueSize = venueFills.stream().map(f -> f.sz()).reduce(BigDecimal.ZERO, BigDecimal::add);

        List<Settlement> found = reconciler.settlements();
        assertThat(found).hasSize(1);
        Settlement s = found.get(0);
        assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(s.entry().cloid()).isEqualTo(r.cloid());
        assertThat(s.result().status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(s.result().filledSize()).isEqualByComparingTo(venueSize);
        assertThat(s.result().buy()).isTrue();
        assertThat(s.fills()).hasSize(venueFills.size());
        assertThat(s.fills().get(0).get("tid").asLong()).isEqualTo(venueFills.get(0).tid());
        // Reading is not settling: the row stays open until the PM applies it with the position.
        assertThat(journal.find(r.cloid()).orElseThrow().status()).isEqualTo(OrderStatus.SENT);
        assertThat(journal.settle(r.cloid(), s.status(), s.response(), s.fills())).isTrue();
        assertThat(journal.settle(r.cloid(), s.status(), s.response(), s.fills())).isFalse();
        assertThat(reconciler.settlements()).isEmpty();
        assertThat(sim.exchange().fills(MASTER)).hasSize(venueFills.size()); // nothing was sent again
    }

    @Test
    void aSellOfWhatTheVenueDoesNotHoldIsNeverSent() {
        // A reduce-only sell of a position the venue does not have: sized from the venue's position, nothing to send.
        ExecutionResult r = executor.execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of()),
                position("SOL", "5", "150"), ticket(DecisionType.EMERGENCY_EXIT));
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.SKIPPED);
        assertThat(r.reason()).isEqualTo("nothing to sell (quantity 5, the venue holds none)");
        assertThat(sim.exchange().fills(MASTER)).isEmpty();
    }

    @Test
    void aDustRemainderOfAPerpIsClosedReduceOnlyBelowTheMinimum() {
        ExecutionResult buy = executor.execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("30"),
                List.of(), 0), position("ETH", "0", null), ticket(DecisionType.ENTRY));
        assertThat(buy.status()).as(buy.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        BigDecimal held = sim.exchange().position(MASTER, "ETH").orElseThrow().szi();
        BigDecimal dust = held.divide(BigDecimal.valueOf(4)).setScale(4, java.math.RoundingMode.DOWN);
        ExecutionResult trim = executor.execute(Decision.sell(DecisionType.TRIM, new BigDecimal("0.75"), List.of()),
                position("ETH", held.toPlainString(), buy.avgPrice().toPlainString()), ticket(DecisionType.TRIM));
        assertThat(trim.status()).as(trim.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        BigDecimal left = sim.exchange().position(MASTER, "ETH").orElseThrow().szi();
        assertThat(left.multiply(buy.avgPrice())).isLessThan(new BigDecimal("10"));
        // Under $10, but it closes the position: sent reduce-only, and the venue takes it.
        ExecutionResult exit = executor.execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of()),
                position("ETH", left.toPlainString(), buy.avgPrice().toPlainString()), ticket(DecisionType.EMERGENCY_EXIT));
        assertThat(exit.status()).as(exit.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(exit.filledSize()).isEqualByComparingTo(left);
        assertThat(sim.exchange().position(MASTER, "ETH").map(p -> p.szi().signum()).orElse(0)).isZero();
        assertThat(dust.signum()).isPositive();
    }

    @Test
    void aReduceOnlySellIsSizedDownToTheVenuesPosition() {
        ExecutionResult buy = executor.execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("500"),
                List.of(), 0), position("ETH", "0", null), ticket(DecisionType.ENTRY));
        BigDecimal venue = sim.exchange().position(MASTER, "ETH").orElseThrow().szi();
        // The book believes in more than the venue holds: never ask for more ("would increase position").
        ExecutionResult exit = executor.execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of()),
                position("ETH", venue.add(BigDecimal.ONE).toPlainString(), buy.avgPrice().toPlainString()),
                ticket(DecisionType.EMERGENCY_EXIT));
        assertThat(exit.status()).as(exit.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(exit.filledSize()).isEqualByComparingTo(venue);
    }

    @Test
    void dryRunAndLiveFillTheSameOrderAlike() {
        RateBudget weight = new RateBudget("w2", 1200, clock);
        HlExchangeClient signer = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(AGENT_KEY),
                false, new NonceAllocator(clock), weight, null);
        HyperliquidExecutor dry = new HyperliquidExecutor(info.assetCatalog(), info, signer, MASTER,
                HyperliquidExecutor.Settings.dryRun());
        Decision entry = Decision.buy(DecisionType.ENTRY, new BigDecimal("0.5"), new BigDecimal("1000"), List.of(),
                0);
        ExecutionResult simulated = dry.execute(entry, position("ETH", "0", null),
                OrderTicket.unjournalled(OrderTicket.cloid(3, 0, DecisionType.ENTRY, 0)));
        ExecutionResult live = executor.execute(entry, position("ETH", "0", null), ticket(DecisionType.ENTRY));
        assertThat(live.status()).isEqualTo(simulated.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(live.filledSize()).isEqualByComparingTo(simulated.filledSize());
        assertThat(live.avgPrice()).isEqualByComparingTo(simulated.avgPrice());
        assertThat(live.feeUsd()).isEqualByComparingTo(simulated.feeUsd());
        assertThat(sim.exchange().fills(MASTER)).hasSize(1); // the dry run sent nothing
        assertThat(sim.exchange().fills(MASTER).get(0).fee()).isEqualByComparingTo(live.feeUsd());
    }

    @Test
    void aCrashBetweenJournalAndSendIsSettledAsNeverPlacedOnceItIsOldEnough() throws Exception {
        String cloid = "0x000000000000000000000000000000aa";
        journal.recordIntent(cloid, "hyperliquid", 3L, "entry",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"action\":{\"type\":\"order\"}}"));
        // Younger than the grace, it may still be on its way: left open.
        assertThat(reconciler.settlements()).singleElement().satisfies(s -> {
            assertThat(s.settled()).isFalse();
            assertThat(s.status()).isEqualTo(OrderStatus.SENT);
        });
        clock.advanceMs(HyperliquidReconciler.NEVER_ARRIVED_AFTER_MS);
        Settlement s = reconciler.settlements().get(0);
        assertThat(s.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(s.result().filledAnything()).isFalse();
        assertThat(s.fills()).isEmpty();
        assertThat(sim.exchange().orderByCloid(MASTER, cloid)).isEmpty();
        assertThat(sim.exchange().fills(MASTER)).isEmpty();
    }

    @Test
    void theDeadMansSwitchCancelsWhatRestsWhenItIsNotPushedForward() throws Exception {
        int eth = info.assetCatalog().byName("ETH").assetId();
        BigDecimal bid = info.l2Book("ETH").bids().get(0).px();
        BigDecimal low = lotus.hyperliquid.common.Wire.roundPrice(bid.multiply(new BigDecimal("0.8")),
                lotus.hyperliquid.common.MarketKind.PERP, 4, java.math.RoundingMode.DOWN);
        String cloid = OrderTicket.cloid(9, 0, DecisionType.ENTRY, 0);
        exchange.order(List.of(new lotus.hyperliquid.exchange.ExchangeActions.Order(eth, true, low,
                new BigDecimal("0.01"), false, new lotus.hyperliquid.exchange.ExchangeActions.Limit(
                        lotus.hyperliquid.exchange.ExchangeActions.Tif.GTC), cloid)));
        DeadMansSwitch dms = new DeadMansSwitch(exchange, clock, 30_000);
        assertThat(dms.refresh()).isTrue();
        assertThat(dms.armedUntilMs()).isEqualTo(clock.nowMs() + 30_000);
        // Pushed forward in time, it does not fire.
        clock.advanceMs(20_000);
        assertThat(dms.refresh()).isTrue();
        clock.advanceMs(20_000);
        assertThat(info.orderStatus(MASTER, cloid).path("order").path("status").asText()).isEqualTo("open");
        // Not pushed (the process is gone): the venue cancels the resting order at the time last set.
        clock.advanceMs(11_000);
        assertThat(info.orderStatus(MASTER, cloid).path("order").path("status").asText())
                .isEqualTo("scheduledCancel");
        assertThatThrownBy(() -> new DeadMansSwitch(exchange, clock, 4_999))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSpotExitNeverAsksForMoreThanTheVenuesFreeBalance() {
        AssetCatalog catalog = info.assetCatalog();
        lotus.hyperliquid.common.Asset pair = catalog.assets().stream()
                .filter(a -> a.kind() == lotus.hyperliquid.common.MarketKind.SPOT).findFirst().orElseThrow();
        ExecutionResult buy = executor.execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("200"),
                List.of(), 0), spot(pair.name(), "0", null), ticket(DecisionType.ENTRY));
        assertThat(buy.status()).as(buy.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        int token = catalog.spotBase(pair).tokenIndex();
        BigDecimal held = info.spotAccount(MASTER).byToken(token).orElseThrow().total();
        // The result counts what the venue credited (the fee was taken in the token); a book that believes in more
        // still sells only what the venue holds.
        assertThat(buy.filledSize()).isEqualByComparingTo(held);
        ExecutionResult exit = executor.execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of()),
                spot(pair.name(), held.add(BigDecimal.ONE).toPlainString(), buy.avgPrice().toPlainString()),
                ticket(DecisionType.EMERGENCY_EXIT));
        assertThat(exit.status()).as(exit.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(exit.filledSize()).isEqualByComparingTo(lotus.hyperliquid.common.Wire.roundSizeDown(held,
                pair.szDecimals()));
        assertThat(exit.filledSize()).isLessThanOrEqualTo(buy.filledSize());
    }

    private static Position spot(String token, String qty, String avg) {
        return held(4, token, "spot", qty, avg);
    }

    private static Position held(long id, String token, String book, String qty, String avg) {
        return Position.watching(id, token, "hyperliquid", token, Timeframe.H1, book, BigDecimal.ONE,
                BigDecimal.ZERO, 0).withHoldings(PositionStatus.ACTIVE, new BigDecimal(qty), new BigDecimal("2000"),
                        BigDecimal.ZERO, new BigDecimal(qty), BigDecimal.ZERO, avg == null ? null : new BigDecimal(avg),
                        null).withRecords(EngineState.S1, lotus.pm.PositionFeatures.EMPTY, java.util.List.of());
    }
}
