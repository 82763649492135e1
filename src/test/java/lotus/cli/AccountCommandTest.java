package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lotus.app.ConfigLoader;
import lotus.app.LotusConfig;
import lotus.time.RateBudget;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.market.Decimals;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.pm.PositionStatus;
import lotus.store.Positions;
import lotus.time.Clock;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lotus account} against the simulator: venue and book side by side, the verdict, and the exit codes. */
class AccountCommandTest {

    private static final String MASTER_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String MASTER = "0x14791697260e4c9a71f18484c9f997b308e59325";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run lotus(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsVenueAndBookPerTokenAndCountsTheDrifts() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(1_767_571_200_000L);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(13).withHistoryMinutes(10), clock, 0);
                HlInfoClient info = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                        new RateBudget("w", 1200, clock), clock);
                HlExchangeClient exchange = new HlExchangeClient(URI.create(sim.restUrl()),
                        Signer.fromPrivateKey(MASTER_KEY), false, new NonceAllocator(clock),
                        new RateBudget("x", 1200, clock), null)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            exchange.order(List.of(new ExchangeActions.Order(eth, true, info.l2Book("ETH").asks().get(3).px(),
                    new BigDecimal("0.05"), false, new ExchangeActions.Limit(ExchangeActions.Tif.IOC), null)));
            exchange.order(List.of(new ExchangeActions.Order(10_000, true,
                    info.l2Book("PURR/USDC").asks().get(3).px(), new BigDecimal("300"), false,
                    new ExchangeActions.Limit(ExchangeActions.Tif.IOC), null)));

            Path yaml = dir.resolve("lotus.yaml");
            Files.writeString(yaml, "data_dir: " + dir.resolve("data") + "\nhyperliquid:\n  network: testnet\n"
                    + "  rest_url: " + sim.restUrl() + "\n  account_address: \"" + MASTER + "\"\n");
            LotusConfig config = ConfigLoader.load(yaml, Map.of()).config();
            try (Database db = Database.open(config.db().url(), 2)) {
                db.migrate();
                Positions positions = new Positions(db, Clock.system());
                hold(positions, "ETH", "perps", "0.05");
                hold(positions, "PURR/USDC", "spot", "250");
            }

            Run r = lotus("--config", yaml.toString(), "account");
            assertThat(r.err()).isEmpty();
            assertThat(r.exit()).isEqualTo(1);
            List<String> lines = r.out().lines().toList();
            assertThat(lines.getFirst()).startsWith("account " + MASTER + " on testnet: perp account value ")
                    .contains("; spot USDC " + Decimals.plain(sim.exchange().usdc(MASTER)) + " (hold 0)");
            assertThat(lines.subList(1, lines.size())).containsExactly(
                    String.format("%-6s %-16s %20s %20s  %s", "book", "token", "venue", "book qty", ""),
                    String.format("%-6s %-16s %20s %20s  %s", "perps", "ETH", "0.05", "0.05", "ok"),
                    String.format("%-6s %-16s %20s %20s  %s", "spot", "PURR/USDC", "299.79", "250", "DRIFT"),
                    "DRIFT on 1 token(s)");
        }
    }

    @Test
    void withoutAnAddressItSaysSoInOneLineAndExits2() throws Exception {
        Path yaml = dir.resolve("lotus.yaml");
        Files.writeString(yaml, "data_dir: " + dir.resolve("data") + "\n");
        Run r = lotus("--config", yaml.toString(), "account");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lotus account: no account: set hyperliquid.account_address "
                + "(HL_ACCOUNT_ADDRESS) or a signing key (HL_PRIVATE_KEY)" + System.lineSeparator());
    }

    private static void hold(Positions positions, String token, String book, String qty) {
        var p = positions.insert(new NewPosition(token, "hyperliquid", token, Timeframe.H1, book, BigDecimal.ONE,
                new BigDecimal("1000")));
        BigDecimal q = new BigDecimal(qty);
        positions.update(p.withHoldings(PositionStatus.ACTIVE, q, new BigDecimal("1000"), BigDecimal.ZERO, q,
                BigDecimal.ZERO, BigDecimal.ONE, "t1"));
    }
}
