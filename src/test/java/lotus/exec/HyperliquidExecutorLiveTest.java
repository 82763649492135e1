package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.hyperliquid.common.RateBudget;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.JournalEntry;
import lotus.store.OrderStatus;
import lotus.store.Orders;
import lotus.store.Position;
import lotus.store.PositionStatus;
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
        HlExchangeClient exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(AGENT_KEY),
                false, new NonceAllocator(clock), weight, null);
        executor = new HyperliquidExecutor(AssetCatalog.load(info), info, exchange, journal, MASTER,
                HyperliquidExecutor.Settings.dryRun().withLive(true));
    }

    @AfterEach
    void stop() {
        info.close();
        sim.close();
        TestDatabases.dispose(db);
    }

    private static Position position(String token, String qty, String avg) {
        return new Position(3, token, "hyperliquid", token, Timeframe.H1, "perps", PositionStatus.ACTIVE, "S1",
                JsonNodeFactory.instance.objectNode(), new BigDecimal(qty), BigDecimal.ONE, new BigDecimal("2000"),
                BigDecimal.ZERO, new BigDecimal(qty), BigDecimal.ZERO, avg == null ? null : new BigDecimal(avg), null,
                JsonNodeFactory.instance.arrayNode(), 0, 0, 0);
    }

    @Test
    void anEntryFillsOnTheVenueAndIsJournalledAsFilled() {
        ExecutionResult r = executor.execute(Decision.buy(DecisionType.ENTRY, new BigDecimal("0.5"), new BigDecimal("1000"),
                List.of("S1"), 3),
                position("ETH", "0", null));
        assertThat(r.status()).as(r.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.dryRun()).isFalse();
        assertThat(r.notionalUsd()).isBetween(new BigDecimal("990"), new BigDecimal("1000"));
        var venue = sim.exchange().position(MASTER, "ETH").orElseThrow();
        assertThat(venue.szi()).isEqualByComparingTo(r.filledSize());
        assertThat(venue.leverage()).isEqualTo(3);
        JournalEntry row = journal.find(r.cloid()).orElseThrow();
        assertThat(row.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(row.positionId()).isEqualTo(3L);
        assertThat(row.request().get("action").get("orders").get(0).get("c").asText()).isEqualTo(r.cloid());

        ExecutionResult trim = executor.execute(Decision.sell(DecisionType.TRIM, new BigDecimal("0.5"), List.of()),
                position("ETH", r.filledSize().toPlainString(), r.avgPrice().toPlainString()));
        assertThat(trim.status()).as(trim.reason()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(sim.exchange().position(MASTER, "ETH").orElseThrow().szi())
                .isEqualByComparingTo(r.filledSize().subtract(trim.filledSize()));
    }

    @Test
    void aLostAnswerIsReconciledByCloidAndNeverSentTwice() {
        sim.faults().dropExchangeResponses(1);
        ExecutionResult r = executor.execute(Decision.buy(DecisionType.ENTRY, new BigDecimal("0.25"), new BigDecimal("500"),
                List.of(), 0),
                position("BTC", "0", null));
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.UNKNOWN);
        assertThat(sim.exchange().fills(MASTER)).isNotEmpty(); // the venue did apply it
        // Settled right after the timeout, by cloid, without sending again.
        int fillsBefore = sim.exchange().fills(MASTER).size();
        assertThat(journal.find(r.cloid()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(journal.inStatus(EnumSet.of(OrderStatus.SENT, OrderStatus.UNKNOWN))).isEmpty();
        assertThat(sim.exchange().fills(MASTER)).hasSize(fillsBefore);
        assertThat(executor.reconcile()).isZero();
    }

    @Test
    void refusalsAreRejectedWithTheVenuesText() {
        // A reduce-only sell with no position: the venue refuses, the journal says so.
        ExecutionResult r = executor.execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of()),
                position("SOL", "5", "150"));
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.REJECTED);
        assertThat(r.reason()).startsWith("Reduce only order would increase position");
        assertThat(journal.find(r.cloid()).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void dryRunAndLiveFillTheSameOrderAlike() {
        RateBudget weight = new RateBudget("w2", 1200, clock);
        HlExchangeClient signer = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(AGENT_KEY),
                false, new NonceAllocator(clock), weight, null);
        HyperliquidExecutor dry = new HyperliquidExecutor(AssetCatalog.load(info), info, signer, journal, MASTER,
                HyperliquidExecutor.Settings.dryRun());
        Decision entry = Decision.buy(DecisionType.ENTRY, new BigDecimal("0.5"), new BigDecimal("1000"), List.of(),
                0);
        ExecutionResult simulated = dry.execute(entry, position("ETH", "0", null));
        ExecutionResult live = executor.execute(entry, position("ETH", "0", null));
        assertThat(live.status()).isEqualTo(simulated.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(live.filledSize()).isEqualByComparingTo(simulated.filledSize());
        assertThat(live.avgPrice()).isEqualByComparingTo(simulated.avgPrice());
        assertThat(live.feeUsd()).isEqualByComparingTo(simulated.feeUsd());
        assertThat(sim.exchange().fills(MASTER)).hasSize(1); // the dry run sent nothing
        assertThat(sim.exchange().fills(MASTER).get(0).fee()).isEqualByComparingTo(live.feeUsd());
    }

    @Test
    void aCrashBetweenJournalAndSendIsSettledAsNeverPlaced() throws Exception {
        String cloid = "0x000000000000000000000000000000aa";
        journal.recordIntent(cloid, "hyperliquid", 3L, "entry",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"action\":{\"type\":\"order\"}}"));
        assertThat(executor.reconcile()).isEqualTo(1);
        assertThat(journal.find(cloid).orElseThrow().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(sim.exchange().orderByCloid(MASTER, cloid)).isEmpty();
        assertThat(sim.exchange().fills(MASTER)).isEmpty();
    }
}
