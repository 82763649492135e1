package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import lotus.market.Bar;
import lotus.pm.ActionPlanner;
import lotus.pm.DecisionType;
import lotus.pm.ExecutionResult;
import lotus.pm.ExitScenario;
import lotus.pm.JournalEntry;
import lotus.pm.LearningMultipliers;
import lotus.pm.LeveragePolicy;
import lotus.pm.OrderStatus;
import lotus.pm.PmCoreTick;
import lotus.pm.PmModule;
import lotus.pm.Position;
import lotus.pm.PositionReport;
import lotus.pm.PositionStatus;
import lotus.pm.RegimeFeed;
import lotus.pm.Settlement;
import lotus.pm.TickReport;
import lotus.pm.TradeClosure;
import lotus.pm.Venue;
import lotus.sim.solana.TxScenario;
import lotus.solana.common.Mints;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.StoredPositionLedger;
import lotus.store.Strands;
import lotus.store.SwapAttempts;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Solana exit through the PM whose first landing fails on slippage and whose second lands where the node cannot
 * see it: the tick charges the failed landing's fee with the unknown result, and the reconciler's fill later charges
 * only its own, so the closed trade pays each fee once.
 */
class SolanaUnknownFeeTest {

    private static final Timeframe TF = Timeframe.H1;
    private static final int BARS = 400;
    private static final BigDecimal HELD = new BigDecimal("5000");

    @TempDir
    Path dir;

    SolanaVenue venue;

    @BeforeEach
    void start() {
        venue = new SolanaVenue(dir);
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private BigDecimal usd(long lamports) {
        return BigDecimal.valueOf(lamports).movePointLeft(9).multiply(venue.prices.usd(Mints.WSOL).orElseThrow(),
                MathContext.DECIMAL128);
    }

    private long feeOf(SwapAttempts.Attempt a) throws Exception {
        return venue.rpc.transaction(a.signature()).orElseThrow().fee();
    }

    @Test
    void anUnknownExitChargesTheFailedLandingsFeeOnceAndTheReconciledFillItsOwn() throws Exception {
        String wallet = SolanaVenue.WALLET.address();
        venue.ledger.fundToken(wallet, SolanaVenue.TOKEN, HELD.movePointRight(9).toBigIntegerExact());
        long close = SolanaVenue.START_MS;
        List<Bar> bars = ExitScenario.decline(SolanaVenue.TOKEN, "solana", TF, close - BARS * TF.durationMs(), BARS,
                0.002);
        Positions positions = new Positions(venue.db, venue.clock);
        Strands strands = new Strands(venue.db, venue.clock);
        Position p = ExitScenario.holding(venue.db, positions, SolanaVenue.TOKEN, "solana", "social", bars, HELD);
        PriceDataReader reader = new PriceDataReader(venue.db);
        PmModule module = new PmModule(new Venue("solana", "social"), venue.executor(true),
                new ActionPlanner(LearningMultipliers.NONE, LeveragePolicy.SPOT), new BigDecimal("10000"), x -> 0,
                reader, new StoredPositionLedger(venue.db, positions, strands));
        venue.chain.scenarios(new TxScenario.LandWithErr(6001), new TxScenario.LandUnseen());

        try (PmCoreTick tick = new PmCoreTick(new StoredPositionLedger(venue.db, positions, strands),
                List.of(module), new RegimeFeed(reader), 1)) {
            TickReport r = tick.run(TF, close, close);

            PositionReport exit = r.positions().stream().filter(x -> x.before().id() == p.id()).findFirst()
                    .orElseThrow();
            assertThat(exit.decision().type()).isEqualTo(DecisionType.EMERGENCY_EXIT);
            ExecutionResult unknown = exit.execution();
            assertThat(unknown.status()).as(unknown.reason()).isEqualTo(ExecutionResult.Status.UNKNOWN);
            String cloid = unknown.cloid();
            List<SwapAttempts.Attempt> attempts = venue.attempts.of(cloid);
            assertThat(attempts).extracting(SwapAttempts.Attempt::state).containsExactly(
                    SwapAttempts.State.LANDED_ERR, SwapAttempts.State.SENT);
            long failedFee = feeOf(attempts.get(0));
            assertThat(failedFee).isPositive();
            // The failed landing's fee is charged now, with nothing filled, and the journal keeps its count.
            Position waiting = positions.find(p.id()).orElseThrow();
            assertThat(waiting.quantity()).isEqualByComparingTo(HELD);
            assertThat(waiting.totalFeesUsd()).isEqualByComparingTo(usd(failedFee));
            assertThat(waiting.features().pendingOrder().cloid()).isEqualTo(cloid);
            JournalEntry row = venue.orders.find(cloid).orElseThrow();
            assertThat(row.status()).isEqualTo(OrderStatus.UNKNOWN);
            assertThat(row.response().path(ExecutionResult.FAILED_FEE_LAMPORTS).asLong()).isEqualTo(failedFee);

            // The node catches up: the second attempt landed. The fill charges its own fee only.
            venue.chain.answerStatuses();
            venue.sim.advanceMs(3 * 400L);
            List<Settlement> found = venue.reconciler().settlements();
            assertThat(found).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(OrderStatus.FILLED));
            long fillFee = feeOf(venue.attempts.of(cloid).get(1));
            assertThat(found.get(0).result().feeUsd()).isEqualByComparingTo(usd(fillFee));

            Position settled = module.settle(found.get(0), venue.clock.nowMs());
            assertThat(settled.quantity()).isZero();
            assertThat(settled.status()).isEqualTo(PositionStatus.WATCHLIST);
            assertThat(settled.completedTrades()).singleElement().extracting(TradeClosure.ClosedTrade::feesUsd)
                    .satisfies(f -> assertThat(f).isEqualByComparingTo(usd(failedFee + fillFee)));
            assertThat(venue.ledger.token(wallet, SolanaVenue.TOKEN)).isEqualTo(BigInteger.ZERO);
            assertThat(venue.orders.find(cloid).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
        }
    }
}
