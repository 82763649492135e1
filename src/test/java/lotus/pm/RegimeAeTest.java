package lotus.pm;

import static lotus.engine.EngineState.S0;
import static lotus.engine.EngineState.S1;
import static lotus.engine.EngineState.S2;
import static lotus.engine.EngineState.S3;
import static lotus.pm.Fixtures.BUY_FLAG;
import static lotus.pm.Fixtures.NONE;
import static lotus.pm.Fixtures.TRIM_FLAG;
import static lotus.pm.Fixtures.driver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Map;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** A tick's A/E per token: the shared drivers for every token, its own bucket's driver on top for a bucket member. */
class RegimeAeTest {

    private static final double EPS = 1e-12;

    private static Position watching(String contract, String chain) {
        return Position.watching(1, contract, chain, contract, Timeframe.H1, "social", new BigDecimal("6"),
                BigDecimal.ZERO, Fixtures.T0);
    }

    /**
     * All five drivers in known states, executed on 1h (multipliers 1d 0.30, 1h 0.55, 1m 0.15): BTC 1h S1 (+0.25,
     * −0.15), ALT 1d S2+buy_flag (+0.20, 0), BTC.d 1h S3 (+0.20, −0.05), USDT.d 1m S2+trim_flag (−0.10, +0.30); buckets
     * nano 1d S3 (+0.20, −0.05), small 1h S0 freshly from S1 (−0.70, +0.70), mid only dormant, big none.
     */
    @Test
    void eachTokenGetsTheSharedDriversAndItsOwnBucketsByHand() {
        Regime regime = Regime.EMPTY
                .with(RegimeDriver.BTC, Timeframe.H1, driver(S1, S1, NONE))
                .with(RegimeDriver.ALT, Timeframe.D1, driver(S2, S2, BUY_FLAG))
                .with(RegimeDriver.BTC_D, Timeframe.H1, driver(S3, S3, NONE))
                .with(RegimeDriver.USDT_D, Timeframe.M1, driver(S2, S2, TRIM_FLAG))
                .withBucket(MarketCapBucket.NANO, Timeframe.D1, driver(S3, S3, NONE))
                .withBucket(MarketCapBucket.SMALL, Timeframe.H1, driver(S0, S1, NONE))
                .withBucket(MarketCapBucket.MID, Timeframe.H1, Fixtures.dormant())
                .withMembers("solana", Map.of("NanoMint", MarketCapBucket.NANO, "SmallMint", MarketCapBucket.SMALL,
                        "MidMint", MarketCapBucket.MID, "BigMint", MarketCapBucket.BIG));

        RegimeAe ae = RegimeAe.compute(regime, Timeframe.H1);

        double sharedA = 0.5
                + 0.25 * 1.0 * 0.40 * 0.55     // BTC 1h S1
                + 0.20 * 1.5 * 0.50 * 0.30     // ALT 1d S2 + buy_flag
                + 0.20 * -1.0 * 0.40 * 0.55    // BTC.d 1h S3
                + -0.10 * -3.0 * 0.10 * 0.15;  // USDT.d 1m S2 + trim_flag
        double sharedE = 0.5
                + -0.15 * 1.0 * 0.40 * 0.55
                + 0.0 * 1.5 * 0.50 * 0.30
                + -0.05 * -1.0 * 0.40 * 0.55
                + 0.30 * -3.0 * 0.10 * 0.15;
        // 0.5 + 0.055 + 0.045 − 0.044 + 0.0045 and 0.5 − 0.033 + 0 + 0.011 − 0.0135
        assertThat(sharedA).isCloseTo(0.5605, within(EPS));
        assertThat(sharedE).isCloseTo(0.4645, within(EPS));
        assertThat(ae.shared().a()).isCloseTo(sharedA, within(EPS));
        assertThat(ae.shared().e()).isCloseTo(sharedE, within(EPS));

        // Nano: + 3.0 × 0.50 × 0.30 = 0.45 of S3's (+0.20, −0.05).
        Ae nano = ae.of(watching("NanoMint", "solana"));
        assertThat(nano.a()).isCloseTo(sharedA + 0.20 * 0.45, within(EPS));
        assertThat(nano.e()).isCloseTo(sharedE - 0.05 * 0.45, within(EPS));
        assertThat(nano.breakdown()).filteredOn(c -> c.driver() == RegimeDriver.BUCKET).singleElement()
                .satisfies(c -> {
                    assertThat(c.horizon()).isEqualTo(Timeframe.D1);
                    assertThat(c.weight()).isCloseTo(0.45, within(EPS));
                });
        // Small: + 3.0 × 0.40 × 0.55 = 0.66 of a fresh fall from S1 (−0.30 − 0.40, +0.30 + 0.40).
        Ae small = ae.of(watching("SmallMint", "solana"));
        assertThat(small.a()).isCloseTo(sharedA - 0.70 * 0.66, within(EPS));
        assertThat(small.e()).isCloseTo(sharedE + 0.70 * 0.66, within(EPS));
        assertThat(small.breakdown()).filteredOn(c -> c.driver() == RegimeDriver.BUCKET)
                .extracting(Ae.Contribution::flags).containsExactly(java.util.List.of("fell_from_S1"));
        assertThat(small.breakdown()).filteredOn(c -> c.driver() == RegimeDriver.USDT_D)
                .extracting(Ae.Contribution::flags).containsExactly(java.util.List.of("trim_flag"));
        // Mid is dormant and big has no bars: their members get the shared A/E, as a token in no bucket does.
        for (String bucketless : new String[] {"MidMint", "BigMint", "UnknownMint"}) {
            assertThat(ae.of(watching(bucketless, "solana"))).as(bucketless).isEqualTo(ae.shared());
        }
        assertThat(ae.of(watching("NanoMint", "hyperliquid"))).isEqualTo(ae.shared());
        assertThat(ae.shared().breakdown()).extracting(Ae.Contribution::driver)
                .doesNotContain(RegimeDriver.BUCKET);
    }
}
