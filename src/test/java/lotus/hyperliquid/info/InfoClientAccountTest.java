package lotus.hyperliquid.info;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import lotus.time.RateBudget;
import lotus.hyperliquid.exchange.ExchangeActions;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.sim.SimFill;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

/** The typed account reads of {@link HlInfoClient} against the simulator: role, fills by time, perp and spot state. */
class InfoClientAccountTest {

    private static final long START = 1_767_571_200_000L;
    private static final String MASTER_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String MASTER = "0x14791697260e4c9a71f18484c9f997b308e59325";
    private static final String AGENT = "0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901";
    private static final String STRANGER = "0x00000000000000000000000000000000000000bb";

    @Test
    void userRoleReadsUsersAgentsAndMissingAddresses() {
        SimulatedClock clock = SimulatedClock.manual(START);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(5).withHistoryMinutes(10), clock, 0);
                HlInfoClient info = client(sim, clock)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("10"));
            sim.exchange().approveAgent(AGENT, MASTER);
            assertThat(info.userRole(MASTER)).isEqualTo(new UserRole(UserRole.Kind.USER, null));
            assertThat(info.userRole(AGENT)).isEqualTo(new UserRole(UserRole.Kind.AGENT, MASTER));
            assertThat(info.userRole(STRANGER)).isEqualTo(new UserRole(UserRole.Kind.MISSING, null));
        }
    }

    @Test
    void fillsByTimeAndBothAccountStatesAreTyped() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(START);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(6).withHistoryMinutes(10), clock, 0);
                HlInfoClient info = client(sim, clock);
                HlExchangeClient exchange = new HlExchangeClient(URI.create(sim.restUrl()),
                        Signer.fromPrivateKey(MASTER_KEY), false, new NonceAllocator(clock),
                        new RateBudget("x", 1200, clock), null)) {
            sim.exchange().fundUsdc(MASTER, new BigDecimal("100000"));
            int eth = sim.market().asset("ETH").orElseThrow().assetId();
            String cloid = String.format("0x%032x", 42);
            BigDecimal ethAsk = info.l2Book("ETH").asks().get(2).px();
            exchange.order(List.of(order(eth, true, ethAsk, "0.05", cloid)));
            clock.advanceMs(60_000);
            BigDecimal purrAsk = info.l2Book("PURR/USDC").asks().get(2).px();
            exchange.order(List.of(order(10_000, true, purrAsk, "200", null)));
            clock.advanceMs(60_000);
            BigDecimal ethBid = info.l2Book("ETH").bids().get(2).px();
            exchange.order(List.of(order(eth, false, ethBid, "0.02", null)));

            List<UserFill> fills = info.userFillsByTime(MASTER, START, null);
            List<SimFill> truth = sim.exchange().fills(MASTER).reversed();
            assertThat(fills).hasSameSizeAs(truth).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 0; i < truth.size(); i++) {
                SimFill t = truth.get(i);
                UserFill f = fills.get(i);
                assertThat(f.coin()).isEqualTo(t.coin());
                assertThat(f.px()).isEqualByComparingTo(t.px());
                assertThat(f.sz()).isEqualByComparingTo(t.sz());
                assertThat(f.side()).isEqualTo(t.side());
                assertThat(f.timeMs()).isEqualTo(t.timeMs());
                assertThat(f.oid()).isEqualTo(t.oid());
                assertThat(f.tid()).isEqualTo(t.tid());
                assertThat(f.cloid()).isEqualTo(t.cloid());
                assertThat(f.fee()).isEqualByComparingTo(t.fee());
                assertThat(f.feeToken()).isEqualTo(t.feeToken());
                // A spot buy pays its fee in the token bought, everything else in USDC (the venue's rule).
                assertThat(f.feeToken()).isEqualTo(f.coin().equals("PURR/USDC") && f.side().equals("B") ? "PURR"
                        : "USDC");
            }
            assertThat(fills.getFirst().cloid()).isEqualTo(cloid);
            assertThat(info.userFillsByTime(MASTER, START + 60_000, START + 60_000))
                    .allSatisfy(f -> assertThat(f.coin()).isEqualTo("PURR/USDC")).isNotEmpty();

            PerpAccount perp = info.perpAccount(MASTER);
            assertThat(perp.sziByCoin().keySet()).containsExactly("ETH");
            assertThat(perp.szi("ETH")).isEqualByComparingTo("0.03");
            assertThat(perp.szi("BTC")).isZero();
            assertThat(perp.accountValue()).isPositive();
            assertThat(perp.withdrawable()).isPositive().isLessThanOrEqualTo(perp.accountValue());

            SpotAccount spot = info.spotAccount(MASTER);
            // 200 bought, less the 0.14 PURR (200 × 0.0007) the venue took as the fee.
            assertThat(spot.total("PURR")).isEqualByComparingTo("199.86");
            assertThat(spot.byToken(1).orElseThrow().hold()).isZero();
            assertThat(spot.total("USDC")).isEqualByComparingTo(sim.exchange().usdc(MASTER));
            assertThat(spot.total("HYPE")).isZero();
        }
    }

    private static ExchangeActions.Order order(int asset, boolean buy, BigDecimal px, String sz, String cloid) {
        return new ExchangeActions.Order(asset, buy, px, new BigDecimal(sz), false,
                new ExchangeActions.Limit(ExchangeActions.Tif.IOC), cloid);
    }

    private static HlInfoClient client(HlSimulator sim, SimulatedClock clock) {
        return new HlInfoClient(URI.create(sim.restUrl() + "/info"), new RateBudget("w", 1200, clock), clock);
    }
}
