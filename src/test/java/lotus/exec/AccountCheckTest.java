package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import lotus.time.RateBudget;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The venue's account read back and compared with the book, token by token, on SQLite and the simulator. */
class AccountCheckTest {

    private static final String AGENT_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    private static final String MASTER = "0x14791697260e4c9a71f18484c9f997b308e59325";
    private static final String AGENT = "0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901";

    @TempDir
    Path dir;

    private SimulatedClock clock;
    private HlSimulator sim;
    private HlInfoClient info;
    private HlExchangeClient exchange;
    private Database db;
    private Positions positions;

    @BeforeEach
    void start() {
        clock = SimulatedClock.manual(1_767_571_200_000L);
        sim = HlSimulator.start(SimConfig.defaults(11).withHistoryMinutes(10), clock, 0);
        sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
        sim.exchange().approveAgent(AGENT, MASTER);
        RateBudget weight = new RateBudget("w", 1200, clock);
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), weight, clock);
        exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(AGENT_KEY), false,
                new NonceAllocator(clock), weight, null);
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        positions = new Positions(db, clock);
    }

    @AfterEach
    void stop() {
        exchange.close();
        info.close();
        sim.close();
        TestDatabases.dispose(db);
    }

    @Test
    void eachTokensBookSumIsComparedWithTheVenueWithinOneSizeStep() throws Exception {
        trade("ETH", true, "0.05");
        trade("BTC", false, "0.001");
        trade("PURR/USDC", true, "300");
        trade("PURR/USDC", false, "100");
        trade("HYPE/USDC", true, "2");

        hold("ETH", Timeframe.H1, "perps", "0.03");
        hold("ETH", Timeframe.H4, "perps", "0.02");
        hold("SOL", Timeframe.H1, "perps", "1.5");
        hold("PURR/USDC", Timeframe.H1, "spot", "150");
        // Spot buys pay their fee in the token bought: the venue holds 300 − 0.21 − 100 PURR and 2 − 0.0014 HYPE.
        hold("PURR/USDC", Timeframe.D1, "spot", "49.79");
        hold("HYPE/USDC", Timeframe.H1, "spot", "1.99"); // under one step (0.01) off: still no drift
        hold("ATOM", Timeframe.H1, "perps", "0"); // watched, held nowhere: no row
        hold("So11111111111111111111111111111111111111112", Timeframe.H1, "social", "3", "solana");

        AccountCheck.Report report = new AccountCheck(info.assetCatalog(), info, positions).check(MASTER);

        assertThat(report.rows()).containsExactly(
                new AccountCheck.Row("BTC", "perps", new BigDecimal("-0.001"), BigDecimal.ZERO,
                        new BigDecimal("0.00001"), true),
                new AccountCheck.Row("ETH", "perps", new BigDecimal("0.05"), new BigDecimal("0.05"),
                        new BigDecimal("0.0001"), false),
                new AccountCheck.Row("SOL", "perps", BigDecimal.ZERO, new BigDecimal("1.5"), new BigDecimal("0.01"),
                        true),
                new AccountCheck.Row("HYPE/USDC", "spot", new BigDecimal("1.9986"), new BigDecimal("1.99"),
                        new BigDecimal("0.01"), false),
                new AccountCheck.Row("PURR/USDC", "spot", new BigDecimal("199.79"), new BigDecimal("199.79"),
                        BigDecimal.ONE, false));
        assertThat(report.drifts()).extracting(AccountCheck.Row::token).containsExactly("BTC", "SOL");
        assertThat(report.spot().total("USDC")).isEqualByComparingTo(sim.exchange().usdc(MASTER));
        assertThat(report.perp().szi("ETH")).isEqualByComparingTo("0.05");
    }

    @Test
    void aSpotBookThatDisagreesByMoreThanAStepIsADrift() throws Exception {
        trade("PURR/USDC", true, "300");
        hold("PURR/USDC", Timeframe.H1, "spot", "298");
        AccountCheck.Report report = new AccountCheck(info.assetCatalog(), info, positions).check(MASTER);
        assertThat(report.rows()).containsExactly(new AccountCheck.Row("PURR/USDC", "spot", new BigDecimal("299.79"),
                new BigDecimal("298"), BigDecimal.ONE, true));
    }

    private void trade(String coin, boolean buy, String sz) throws Exception {
        var asset = info.assetCatalog().byName(coin);
        var book = info.l2Book(asset.apiCoin());
        BigDecimal px = (buy ? book.asks() : book.bids()).get(3).px();
        var answer = exchange.order(List.of(new ExchangeActions.Order(asset.assetId(), buy, px, new BigDecimal(sz), false,
                new ExchangeActions.Limit(ExchangeActions.Tif.IOC), null)));
        assertThat(answer.toString()).as(coin).contains("Filled[totalSz=" + sz);
        clock.advanceMs(1_000);
    }

    private void hold(String token, Timeframe tf, String book, String qty) {
        hold(token, tf, book, qty, "hyperliquid");
    }

    private void hold(String token, Timeframe tf, String book, String qty, String chain) {
        Position p = positions.insert(new NewPosition(token, chain, token, tf, book, BigDecimal.ONE,
                new BigDecimal("1000")));
        BigDecimal q = new BigDecimal(qty);
        positions.update(p.withHoldings(PositionStatus.ACTIVE, q, new BigDecimal("1000"), BigDecimal.ZERO, q,
                BigDecimal.ZERO, BigDecimal.ONE, "t1"));
    }
}
