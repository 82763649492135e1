package lotus.sim;

import static lotus.sim.SimTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import lotus.market.MarketCapBucket;
import lotus.sim.solana.JupiterSim;
import lotus.sim.solana.SolanaMarket;
import lotus.sim.solana.SolanaVenueSim;
import lotus.solana.common.Base58;
import lotus.solana.common.Mints;
import lotus.solana.dex.DexScreenerClient;
import lotus.solana.dex.PairPicker;
import lotus.solana.jupiter.JupiterClient;
import lotus.solana.jupiter.Quote;
import lotus.solana.jupiter.QuoteRequest;
import lotus.solana.rpc.RpcClient;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

/**
 * The simulator's one port also serves the local Solana venue under the paths a local run's configuration defaults
 * to: DexScreener, Jupiter and the RPC node answer for the seeded tokens from one price path, read by Lotus's own
 * clients over sockets.
 */
class SimSolanaVenueTest {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigInteger TWENTY_FIVE_USDC = BigInteger.valueOf(25_000_000);

    @Test
    void onePortAnswersDexScreenerJupiterAndRpcForTheSeededTokensWithOnePrice() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0 + 30_000);
        try (HlSimulator sim = HlSimulator.start(SimTesting.config(7).withExtraPerps(0).withSolanaTokens(4), clock, 0);
                DexScreenerClient dex = new DexScreenerClient(sim.restUrl() + "/dexscreener",
                        new RateBudget("dexscreener", 250, clock), clock, Duration.ofSeconds(5), 1);
                JupiterClient jupiter = new JupiterClient(sim.restUrl() + JupiterSim.PREFIX, Optional.empty(),
                        new RateBudget("jupiter", 600, clock), clock, Duration.ofSeconds(5))) {
            RpcClient rpc = new RpcClient(sim.restUrl() + "/rpc", new RateBudget("rpc", 600, clock), clock,
                    Duration.ofSeconds(5));
            SolanaMarket market = sim.solanaMarket();
            List<String> tokens = sim.solana().tokens();
            assertThat(tokens).hasSize(4);
            assertThat(new HashSet<>(tokens)).hasSize(4);
            for (String mint : tokens) {
                assertThat(Base58.decode(mint)).as(mint).hasSize(32);
                assertThat(Base58.encode(Base58.decode(mint))).isEqualTo(mint);
            }

            for (int minute = 0; minute < 3; minute++) {
                var answer = (DexScreenerClient.Answered) dex.tokens(tokens).get(0);
                assertThat(answer.notIndexed()).isEmpty();
                for (String mint : tokens) {
                    BigDecimal usd = PairPicker.price(mint, PairPicker.pick(mint, answer.pairs()).orElseThrow())
                            .orElseThrow().usd();
                    assertThat(usd).as(mint).isEqualByComparingTo(market.usd(mint).orElseThrow());

                    int decimals = rpc.mintDecimals(mint);
                    assertThat(decimals).isEqualTo(market.decimals(mint).orElseThrow()).isIn(6, 9);

                    Quote q = jupiter.quote(new QuoteRequest(Mints.USDC, mint, TWENTY_FIVE_USDC, 50));
                    // The token's own pool sets the impact, never the stablecoin's.
                    BigDecimal depth = market.poolDepthUsd(mint);
                    assertThat(q.outAmount()).as(mint).isEqualTo(naiveOut(usd, decimals, depth));
                    BigDecimal paid = new BigDecimal(TWENTY_FIVE_USDC).movePointLeft(6)
                            .divide(new BigDecimal(q.outAmount()).movePointLeft(decimals), MC);
                    BigDecimal impact = new BigDecimal("25").divide(depth.add(new BigDecimal("25")), MC);
                    assertThat(paid.divide(usd, MC)).isCloseTo(BigDecimal.ONE.divide(BigDecimal.ONE.subtract(impact),
                            MC), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
                }
                clock.advanceMs(60_000);
            }
        }
    }

    /**
     * Six seeded tokens fill two bucket drivers with three members each, whatever the seed: the even ones list in
     * nano, the odd ones in small, and stay there across the day before and the day after the listing.
     */
    @Test
    void sixTokensListThreeNanoAndThreeSmallAndStayInTheirBuckets() {
        for (long seed : List.of(1L, 7L, 42L, 20_260_105L)) {
            SimulatedClock clock = SimulatedClock.manual(T0);
            SolanaVenueSim venue = new SolanaVenueSim(clock, seed, 6);
            clock.advanceMs(Duration.ofDays(1).toMillis());
            List<String> tokens = venue.tokens();
            for (int i = 0; i < tokens.size(); i++) {
                MarketCapBucket expected = i % 2 == 0 ? MarketCapBucket.NANO : MarketCapBucket.SMALL;
                for (long at = T0 - Duration.ofDays(1).toMillis(); at <= clock.nowMs(); at += 3_600_000L) {
                    BigDecimal cap = venue.market().marketCapUsdAt(tokens.get(i), at);
                    assertThat(MarketCapBucket.of(cap)).as("seed %d token %d at %d: %s", seed, i, at, cap)
                            .contains(expected);
                    assertThat(cap).isEqualByComparingTo(venue.market().fdvUsdAt(tokens.get(i), at)
                            .multiply(new BigDecimal("0.9"), new MathContext(12)));
                }
            }
        }
    }

    @Test
    void aTokensPastIsOneFixedPathThatMeetsItsPresent() {
        SimulatedClock clock = SimulatedClock.manual(T0);
        SolanaMarket market = new SolanaMarket(clock, 3);
        market.addToken("PastTok1111111111111111111111111111111111111", "PAST", 6, new BigDecimal("0.002"),
                new BigDecimal("50000"), 0.003, true);
        String mint = "PastTok1111111111111111111111111111111111111";
        List<BigDecimal> seen = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            seen.add(market.usd(mint).orElseThrow());
            clock.advanceMs(60_000);
        }
        // Read out of order, then again: every minute, before the listing too, gives one price.
        List<BigDecimal> past = new ArrayList<>();
        for (int m = -500; m < 5; m++) {
            past.add(market.usdAt(mint, T0 + m * 60_000L + 59_999));
        }
        for (int m = 4; m >= -500; m--) {
            assertThat(market.usdAt(mint, T0 + m * 60_000L)).isEqualByComparingTo(past.get(m + 500));
        }
        assertThat(past.subList(500, 505)).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(seen);
        assertThat(market.usdAt(mint, T0)).isEqualByComparingTo("0.002");
        assertThat(past.stream().distinct().count()).isGreaterThan(400);
        SolanaMarket twin = new SolanaMarket(SimulatedClock.manual(T0), 3);
        twin.addToken(mint, "PAST", 6, new BigDecimal("0.002"), new BigDecimal("50000"), 0.003, true);
        assertThat(twin.usdAt(mint, T0 - 500 * 60_000L)).isEqualByComparingTo(past.get(0));
    }

    /** SOLANA.md §6 by hand: $25 at the path's price less the impact 25 / (depth + 25), in raw units, rounded down. */
    private static BigInteger naiveOut(BigDecimal usd, int decimals, BigDecimal depthUsd) {
        BigDecimal notional = new BigDecimal("25");
        BigDecimal impact = notional.divide(depthUsd.add(notional), MC);
        return notional.multiply(BigDecimal.ONE.subtract(impact), MC).divide(usd, MC).movePointRight(decimals)
                .setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    }
}
