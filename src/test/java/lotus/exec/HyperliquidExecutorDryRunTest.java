package lotus.exec;

import lotus.engine.EngineState;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.OrderTicket;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.util.List;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.hyperliquid.common.MarketKind;
import lotus.time.RateBudget;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.L1Signer;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signature;
import lotus.hyperliquid.signing.Signer;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * Dry runs against the simulator's book over real sockets: the exact signed request, and fills computed by walking the
 * book, checked against a plain reference walk in the test.
 */
class HyperliquidExecutorDryRunTest {

    private static final OrderTicket DRY_TICKET = OrderTicket.unjournalled("0x0000000000000000000000000000000d");

    private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";

    private SimulatedClock clock;
    private HlSimulator sim;
    private HlInfoClient info;
    private HyperliquidExecutor executor;
    private AssetCatalog catalog;

    @BeforeEach
    void start() {
        clock = SimulatedClock.manual(1_767_571_200_000L); // a still clock: the book does not move under the test
        sim = HlSimulator.start(SimConfig.defaults(9).withHistoryMinutes(10), clock, 0);
        RateBudget weight = new RateBudget("w", 1200, clock);
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), weight, clock);
        catalog = info.assetCatalog();
        HlExchangeClient exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(KEY), false,
                new NonceAllocator(clock), weight, null);
        executor = new HyperliquidExecutor(catalog, info, exchange, "0x14791697260e4c9a71f18484c9f997b308e59325",
                HyperliquidExecutor.Settings.dryRun());
    }

    @AfterEach
    void stop() {
        info.close();
        sim.close();
    }

    private static Position position(String token, String book, String qty, String avg, String allocationUsd) {
        return Position.watching(7, token, "hyperliquid", token, Timeframe.H1, book, BigDecimal.ONE, BigDecimal.ZERO, 0)
                .withHoldings(PositionStatus.ACTIVE, new BigDecimal(qty), new BigDecimal(allocationUsd), BigDecimal.ZERO,
                        new BigDecimal(qty), BigDecimal.ZERO, avg == null ? null : new BigDecimal(avg), "t1")
                .withRecords(EngineState.S1, lotus.pm.PositionFeatures.EMPTY, java.util.List.of());
    }

    /** Reference: walk the levels up to the limit; returns {filled, notional}. */
    private static BigDecimal[] walk(List<HlInfoClient.Level> levels, BigDecimal limit, BigDecimal size, boolean buy) {
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (HlInfoClient.Level l : levels) {
            if (buy ? l.px().compareTo(limit) > 0 : l.px().compareTo(limit) < 0) {
                break;
            }
            BigDecimal take = size.subtract(filled).min(l.sz());
            filled = filled.add(take);
            notional = notional.add(take.multiply(l.px()));
        }
        return new BigDecimal[] {filled, notional};
    }

    @Test
    void entryBuysTheRemainingBudgetShareAtTheBookWithTheTakerFee() {
        Asset eth = catalog.byName("ETH");
        HlInfoClient.Book book = info.l2Book("ETH");
        BigDecimal ask = book.asks().get(0).px();
        // $1000 budget, $400 already in (4 × 100): a 0.5 entry buys $300 worth.
        ExecutionResult r = executor.execute(Decision.buy(DecisionType.ENTRY, new BigDecimal("0.5"), new BigDecimal("300"),
                List.of("S1"), 0),
                position("ETH", "perps", "4", "100", "1000"), DRY_TICKET);

        BigDecimal size = new BigDecimal("300").divide(ask, MathContext.DECIMAL128).setScale(eth.szDecimals(),
                RoundingMode.DOWN);
        BigDecimal limit = lotus.hyperliquid.common.Wire.roundPrice(ask.multiply(new BigDecimal("1.005")),
                MarketKind.PERP, eth.szDecimals(), RoundingMode.UP);
        BigDecimal[] want = walk(book.asks(), limit, size, true);
        assertThat(r.status()).isEqualTo(ExecutionResult.Status.FILLED);
        assertThat(r.dryRun()).isTrue();
        assertThat(r.filledSize()).isEqualByComparingTo(size);
        assertThat(r.notionalUsd()).isEqualByComparingTo(want[1]);
        assertThat(r.avgPrice()).isEqualByComparingTo(want[1].divide(size, MathContext.DECIMAL128));
        assertThat(r.feeUsd()).isEqualByComparingTo(want[1].multiply(new BigDecimal("0.00045")));

        JsonNode sent = r.request();
        JsonNode order = sent.get("action").get("orders").get(0);
        assertThat(order.get("a").asInt()).isEqualTo(eth.assetId());
        assertThat(order.get("b").asBoolean()).isTrue();
        assertThat(order.get("p").asText()).isEqualTo(lotus.market.Decimals.plain(limit));
        assertThat(order.get("s").asText()).isEqualTo(lotus.market.Decimals.plain(size));
        assertThat(order.get("t").get("limit").get("tif").asText()).isEqualTo("Ioc");
        assertThat(order.get("c").asText()).matches("0x[0-9a-f]{32}");
        // The request is really signed: it recovers our key's address on testnet.
        Signature sig = new Signature(Numeric.toBigInt(sent.get("signature").get("r").asText()),
                Numeric.toBigInt(sent.get("signature").get("s").asText()), sent.get("signature").get("v").asInt());
        byte[] digest = L1Signer.digest(L1Signer.connectionId(sent.get("action"), sent.get("nonce").asLong(), null, null),
                false);
        assertThat(Signer.recover(digest, sig)).isEqualToIgnoringCase("0x14791697260E4c9A71f18484C9f997B308e59325");
    }

    @Test
    void trimSellsAShareOfTheQuantityAndEmergencyExitSellsAllOfItReduceOnly() {
        Asset sol = catalog.byName("SOL");
        HlInfoClient.Book book = info.l2Book("SOL");
        ExecutionResult trim = executor.execute(Decision.sell(DecisionType.TRIM, new BigDecimal("0.25"), List.of()),
                position("SOL", "perps", "10.37", "150", "5000"), DRY_TICKET);
        BigDecimal trimSize = new BigDecimal("2.5925").setScale(sol.szDecimals(), RoundingMode.DOWN);
        assertThat(trim.filledSize()).isEqualByComparingTo(trimSize);
        assertThat(trim.buy()).isFalse();
        assertThat(trim.request().get("action").get("orders").get(0).get("r").asBoolean()).isTrue();
        BigDecimal limit = lotus.hyperliquid.common.Wire.roundPrice(book.bids().get(0).px().multiply(
                new BigDecimal("0.995")), MarketKind.PERP, sol.szDecimals(), RoundingMode.DOWN);
        assertThat(trim.notionalUsd()).isEqualByComparingTo(walk(book.bids(), limit, trimSize, false)[1]);

        ExecutionResult exit = executor.execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of()),
                position("SOL", "perps", "10.37", "150", "5000"), DRY_TICKET);
        assertThat(exit.filledSize()).isEqualByComparingTo("10.37");
    }

    @Test
    void spotSellsAreNotReduceOnlyAndPayTheSpotFee() {
        Asset spot = catalog.assets().stream().filter(a -> a.kind() == MarketKind.SPOT).findFirst().orElseThrow();
        HlInfoClient.Book book = info.l2Book(spot.apiCoin());
        BigDecimal qty = new BigDecimal("500").divide(book.bids().get(0).px(), MathContext.DECIMAL128)
                .setScale(spot.szDecimals(), RoundingMode.DOWN);
        ExecutionResult r = executor.execute(Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of()),
                position(spot.name(), "spot", qty.toPlainString(), "1", "500"), DRY_TICKET);
        assertThat(r.status()).isIn(ExecutionResult.Status.FILLED, ExecutionResult.Status.PARTIALLY_FILLED);
        assertThat(r.request().get("action").get("orders").get(0).get("r").asBoolean()).isFalse();
        assertThat(r.feeUsd()).isEqualByComparingTo(r.notionalUsd().multiply(new BigDecimal("0.0007")));
    }

    @Test
    void tooSmallNothingToSellAndUnknownTokensAreSkippedWithTheReason() {
        ExecutionResult small = executor.execute(Decision.buy(DecisionType.ENTRY, new BigDecimal("0.01"), new BigDecimal("5"),
                List.of(), 0),
                position("ETH", "perps", "0", null, "500"), DRY_TICKET);
        assertThat(small.status()).isEqualTo(ExecutionResult.Status.SKIPPED);
        assertThat(small.reason()).contains("below the $11 minimum");
        assertThat(small.request()).isNull();

        ExecutionResult nothing = executor.execute(Decision.sell(DecisionType.TRIM, new BigDecimal("0.5"), List.of()),
                position("ETH", "perps", "0", null, "500"), DRY_TICKET);
        assertThat(nothing.status()).isEqualTo(ExecutionResult.Status.SKIPPED);
        assertThat(nothing.reason()).startsWith("nothing to sell");

        ExecutionResult unknown = executor.execute(Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, new BigDecimal("500"), List.of(), 0),
                position("NOPE", "perps", "0", null, "500"), DRY_TICKET);
        assertThat(unknown.status()).isEqualTo(ExecutionResult.Status.SKIPPED);
        assertThat(unknown.reason()).contains("NOPE");
    }
}
