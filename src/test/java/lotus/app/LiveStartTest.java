package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lotus.exec.AgentCheck;
import lotus.hyperliquid.signing.Signer;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.store.TradingState;
import lotus.store.TradingStates;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live {@link PmAssembly} against the simulator: whose account an agent key trades is asked of the venue, and the
 * first reconcile reads the account and puts a book whose holdings differ from the venue's in {@code reducing}.
 */
class LiveStartTest {

    private static final String MASTER_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String AGENT_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    private static final String OTHER = "0x" + "ab".repeat(20);

    @TempDir
    Path dir;

    private HlSimulator sim;
    private Database db;
    private String master;

    @BeforeEach
    void start() {
        sim = HlSimulator.start(SimConfig.defaults(5).withTradesPerSecond(20).withKeepTrades(false), Clock.system(),
                0);
        master = Signer.fromPrivateKey(MASTER_KEY).address();
        sim.exchange().fundUsdc(master, new BigDecimal("10000"));
        sim.exchange().approveAgent(Signer.fromPrivateKey(AGENT_KEY).address(), master);
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
    }

    @AfterEach
    void stop() {
        sim.close();
        TestDatabases.dispose(db);
    }

    private LotusConfig config(String accountAddress) throws Exception {
        Path yaml = dir.resolve("lotus.yaml");
        Files.writeString(yaml, "execution:\n  live: true\n", StandardCharsets.UTF_8);
        Map<String, String> env = new java.util.HashMap<>(Map.of("HL_NETWORK", "local", "HL_REST_URL",
                sim.restUrl(), "HL_WS_URL", sim.wsUrl(), "HL_PRIVATE_KEY", AGENT_KEY));
        if (accountAddress != null) {
            env.put("HL_ACCOUNT_ADDRESS", accountAddress);
        }
        return ConfigLoader.load(yaml, env).config();
    }

    @Test
    void anAgentWithoutItsMasterTradesForTheMasterTheVenueNamesAndABookThatDriftsIsReducing() throws Exception {
        Positions positions = new Positions(db, Clock.system());
        Position eth = positions.insert(new NewPosition("ETH", "hyperliquid", "ETH", Timeframe.H1, "perps",
                new BigDecimal("3"), BigDecimal.ZERO));
        positions.update(eth.withHoldings(eth.status(), new BigDecimal("0.5"), eth.totalAllocationUsd(),
                eth.totalExtractedUsd(), new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("3000"),
                eth.id() + "-1"));
        TradingStates states = new TradingStates(db, Clock.system());

        try (PmAssembly pm = PmAssembly.build(config(null), db, Clock.system(), false)) {
            assertThat(pm.live()).isTrue();
            assertThat(pm.liveBanner().orElseThrow().lines().toList()).containsExactly(
                    "LIVE TRADING on Hyperliquid local (" + sim.restUrl() + ")",
                    "  account " + master.toLowerCase(java.util.Locale.ROOT) + ", signed by agent "
                            + Signer.fromPrivateKey(AGENT_KEY).address().toLowerCase(java.util.Locale.ROOT),
                    "  live_scale 0.1 (every live buy is multiplied by it)",
                    "  per order at most $100, 10 orders a minute; per token $250, per book $1000 and 10 open"
                            + " positions",
                    "  daily loss stop $100, drawdown stop 10 %, halt after 3 unknown outcomes in a row;"
                            + " ./lotus halt stops it");
        }
        // The book believes in 0.5 ETH; the venue's account holds none.
        assertThat(states.effective("perps")).isEqualTo(TradingState.REDUCING);
        assertThat(states.current("perps").reason()).isEqualTo("account_drift: ETH: venue 0, book 0.5 (step 0.0001)");
        assertThat(states.effective("spot")).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void aBookThatMatchesTheVenueStaysActive() throws Exception {
        try (PmAssembly pm = PmAssembly.build(config(master), db, Clock.system(), false)) {
            assertThat(pm.live()).isTrue();
        }
        TradingStates states = new TradingStates(db, Clock.system());
        assertThat(states.effective("perps")).isEqualTo(TradingState.ACTIVE);
        assertThat(states.effective("spot")).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void anAgentOfAnotherMasterRefusesToStart() throws Exception {
        assertThatThrownBy(() -> PmAssembly.build(config(OTHER), db, Clock.system(), false))
                .isInstanceOf(AgentCheck.Refused.class)
                .hasMessageContaining(OTHER)
                .hasMessageContaining(master.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void aDryRunAsksTheVenueNothingAboutTheKey() throws Exception {
        try (PmAssembly pm = PmAssembly.build(config(OTHER), db, Clock.system(), true)) {
            assertThat(pm.live()).isFalse();
            assertThat(pm.liveBanner()).isEmpty();
        }
    }

    @Test
    void theDriftIsAlertedThenTheBookEnteringReducingAndEveryTickIsMetered() throws Exception {
        Positions positions = new Positions(db, Clock.system());
        Position eth = positions.insert(new NewPosition("ETH", "hyperliquid", "ETH", Timeframe.H1, "perps",
                new BigDecimal("3"), BigDecimal.ZERO));
        positions.update(eth.withHoldings(eth.status(), new BigDecimal("0.5"), eth.totalAllocationUsd(),
                eth.totalExtractedUsd(), new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("3000"),
                eth.id() + "-1"));
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (lotus.alert.WebhookReceiver receiver = new lotus.alert.WebhookReceiver();
                lotus.alert.HttpAlerts alerts = lotus.alert.HttpAlerts.start(receiver.url(),
                        lotus.alert.HttpAlerts.Settings.defaults(), Clock.system());
                PmAssembly pm = PmAssembly.build(config(null), db, Clock.system(), false,
                        PmAssembly.restBudget(Clock.system()), new PmAssembly.Hooks(alerts, false, meters))) {
            // The start-up reconcile read the account: the venue holds no ETH.
            var drift = receiver.next();
            assertThat(drift.get("kind").asText() + " " + drift.get("book").asText()).isEqualTo("account_drift perps");
            assertThat(drift.get("text").asText()).isEqualTo("ETH: venue 0, book 0.5 (step 0.0001)");
            pm.pollStates();
            var reducing = receiver.next();
            assertThat(reducing.get("kind").asText() + " " + reducing.get("book").asText())
                    .isEqualTo("reducing perps");
            assertThat(reducing.get("text").asText()).isEqualTo("perps is reducing (by risk_gate): account_drift: ETH:"
                    + " venue 0, book 0.5 (step 0.0001)");

            long now = System.currentTimeMillis();
            pm.runTick(Timeframe.H1, Timeframe.H1.floor(now), now);
            assertThat(meters.get("lotus.tick.duration").tag("timeframe", "1h").timer().count()).isEqualTo(1);
            assertThat(meters.get("lotus.risk.refusals").tag("limit", "trading_state").functionCounter().count())
                    .isZero();
            assertThat(receiver.pending()).isZero(); // the tick alerted nothing new
            // Every call budget the PM spends is metered with its limit, Solana's too.
            for (String budget : java.util.List.of("hyperliquid-rest", "jupiter", "solana-rpc")) {
                assertThat(meters.get("lotus.rest.weight.limit").tag("budget", budget).gauge().value()).as(budget)
                        .isPositive();
            }
        }
    }

    @Test
    void aFillTheReconcilerSettlesAfterALostAnswerIsCountedOnceAsAFill() throws Exception {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        lotus.sim.SimAsset perp = sim.market().assets().stream()
                .filter(a -> a.kind() == lotus.sim.SimAsset.Kind.PERP).skip(6).findFirst().orElseThrow();
        Timeframe tf = Timeframe.H1;
        long now = System.currentTimeMillis();
        int bars = 400;
        long t0 = tf.floor(now) - bars * tf.durationMs();
        try (PmAssembly pm = PmAssembly.build(config(master), db, Clock.system(), false,
                PmAssembly.restBudget(Clock.system()), new PmAssembly.Hooks(lotus.alert.AlertSink.NONE, false,
                        meters))) {
            // Opened outside a tick, so no fill is counted for it; the tick's exit then loses its answer.
            lotus.pm.ExecutionResult opened = pm.hyperliquidExecutor().execute(lotus.pm.Decision.buy(
                    lotus.pm.DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("60"), java.util.List.of(), 0),
                    Position.watching(0, perp.name(), "hyperliquid", perp.name(), tf, "perps", BigDecimal.ONE,
                            BigDecimal.ZERO, 0),
                    new lotus.pm.OrderTicket(lotus.pm.OrderTicket.cloid(0, 0, lotus.pm.DecisionType.ENTRY, 0),
                            (v, r) -> { }));
            assertThat(opened.status()).as(opened.reason()).isEqualTo(lotus.pm.ExecutionResult.Status.FILLED);
            Position p = lotus.pm.ExitScenario.holding(db, new Positions(db, Clock.system()), perp.name(),
                    "hyperliquid", "perps", lotus.pm.ExitScenario.decline(perp.name(), "hyperliquid", tf, t0, bars,
                            50), opened.filledSize());
            sim.faults().dropExchangeResponses(1);

            lotus.pm.TickReport r = pm.runTick(tf, t0 + bars * tf.durationMs(), now);
            lotus.pm.PositionReport exit = r.positions().stream().filter(x -> x.before().id() == p.id())
                    .findFirst().orElseThrow();
            assertThat(exit.execution().status()).isEqualTo(lotus.pm.ExecutionResult.Status.UNKNOWN);
            // The tick reconciles after an unknown outcome; a later reconcile finds nothing more to settle.
            assertThat(pm.reconcile()).isEqualTo(new PmAssembly.Reconciled(0, 0, 0));
            assertThat(new Positions(db, Clock.system()).find(p.id()).orElseThrow().quantity()).isZero();
        }
        assertThat(meters.get("lotus.fills").tags("venue", "hyperliquid", "book", "perps", "side", "sell").counter()
                .count()).isEqualTo(1);
        assertThat(meters.find("lotus.fills").tag("side", "buy").counter()).isNull();
        assertThat(meters.get("lotus.orders").tags("venue", "hyperliquid", "book", "perps", "outcome", "unknown")
                .counter().count()).isEqualTo(1);
    }
}
