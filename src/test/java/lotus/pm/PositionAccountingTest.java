package lotus.pm;

import static lotus.pm.Fixtures.T0;
import static lotus.pm.Fixtures.filled;
import static lotus.pm.Fixtures.partial;
import static lotus.pm.Fixtures.position;
import static lotus.pm.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** STRATEGY.md §5 with exact decimals: budget, buy and sell fills, PnL. */
class PositionAccountingTest {

    private static Position watchlist() {
        return position(PositionStatus.WATCHLIST, "0", "0", "0", "0", "0", null, null);
    }

    @Test
    void remainingBudgetIsTheWalletShareLessWhatIsStillCommitted() {
        // 10000 × 15 / 100 − (600 − 100)
        assertThat(PositionAccounting.remainingBudgetUsd(position("1", "600", "100", "7-1"), usd("10000")))
                .isEqualByComparingTo("1000");
        // extraction above allocation gives budget back: 1500 − (600 − 900)
        assertThat(PositionAccounting.remainingBudgetUsd(position("1", "600", "900", "7-1"), usd("10000")))
                .isEqualByComparingTo("1800");
        // over-committed: max(0, 1500 − 2000)
        assertThat(PositionAccounting.remainingBudgetUsd(position("1", "2000", "0", "7-1"), usd("10000")))
                .isEqualByComparingTo("0");
    }

    @Test
    void remainingBudgetUsesThePositionsPercent() {
        Position p = Position.watching(7, "ETH", "hyperliquid", "ETH", lotus.time.Timeframe.H1, "spot", usd("6.5"),
                usd("0"), T0);
        assertThat(PositionAccounting.remainingBudgetUsd(p, usd("1234.56"))).isEqualByComparingTo("80.2464");
    }

    @Test
    void twoBuysAverageTheEntryActivateAndOpenOneTrade() {
        Position first = PositionAccounting.applyFill(watchlist(), filled(DecisionType.ENTRY, "2", "100"), T0);
        assertThat(first.status()).isEqualTo(PositionStatus.ACTIVE);
        assertThat(first.currentTradeId()).isEqualTo("7-" + T0);
        assertThat(first.quantity()).isEqualByComparingTo("2");
        assertThat(first.totalAllocationUsd()).isEqualByComparingTo("200");
        assertThat(first.totalTokensBought()).isEqualByComparingTo("2");
        assertThat(first.avgEntryPrice()).isEqualByComparingTo("100");

        Position second = PositionAccounting.applyFill(first, filled(DecisionType.ADD, "3", "110"), T0 + 60_000);
        assertThat(second.currentTradeId()).isEqualTo("7-" + T0);
        assertThat(second.quantity()).isEqualByComparingTo("5");
        assertThat(second.totalAllocationUsd()).isEqualByComparingTo("530"); // 200 + 330, the fee not included
        assertThat(second.totalTokensBought()).isEqualByComparingTo("5");
        assertThat(second.avgEntryPrice()).isEqualByComparingTo("106"); // 530 / 5
        assertThat(second.totalExtractedUsd()).isEqualByComparingTo("0");
        assertThat(second.version()).isEqualTo(3);
    }

    @Test
    void averageEntryKeeps34Digits() {
        Position p = PositionAccounting.applyFill(watchlist(), filled(DecisionType.ENTRY, "1", "100"), T0);
        p = PositionAccounting.applyFill(p, filled(DecisionType.ADD, "2", "101"), T0 + 1);
        assertThat(p.avgEntryPrice()).isEqualByComparingTo("100.6666666666666666666666666666667"); // 302 / 3
    }

    @Test
    void averageEntryIsOverTokensBoughtNotTheQuantityHeld() {
        Position p = PositionAccounting.applyFill(watchlist(), filled(DecisionType.ENTRY, "2", "100"), T0);
        p = PositionAccounting.applyFill(p, filled(DecisionType.TRIM, "1", "120"), T0 + 1);
        p = PositionAccounting.applyFill(p, filled(DecisionType.ADD, "1", "110"), T0 + 2);
        assertThat(p.quantity()).isEqualByComparingTo("2");
        assertThat(p.totalAllocationUsd()).isEqualByComparingTo("310");
        assertThat(p.avgEntryPrice()).isEqualByComparingTo("103.3333333333333333333333333333333"); // 310 / 3
    }

    @Test
    void aBuyDoesNotActivateAPausedRow() {
        Position paused = position(PositionStatus.PAUSED, "0", "0", "0", "0", "0", null, null);
        assertThat(PositionAccounting.applyFill(paused, filled(DecisionType.ENTRY, "1", "5"), T0).status())
                .isEqualTo(PositionStatus.PAUSED);
    }

    @Test
    void aTrimExtractsItsProceeds() {
        Position held = position(PositionStatus.ACTIVE, "5", "530", "0", "5", "0", "106", "7-1");
        Position trimmed = PositionAccounting.applyFill(held, filled(DecisionType.TRIM, "1.5", "120"), T0);
        assertThat(trimmed.quantity()).isEqualByComparingTo("3.5");
        assertThat(trimmed.totalExtractedUsd()).isEqualByComparingTo("180");
        assertThat(trimmed.totalTokensSold()).isEqualByComparingTo("1.5");
        assertThat(trimmed.totalAllocationUsd()).isEqualByComparingTo("530");
        assertThat(trimmed.avgEntryPrice()).isEqualByComparingTo("106");
        assertThat(trimmed.currentTradeId()).isEqualTo("7-1");
        assertThat(trimmed.status()).isEqualTo(PositionStatus.ACTIVE);
    }

    @Test
    void aSellLargerThanTheQuantityLeavesZeroNotLess() {
        Position held = position(PositionStatus.ACTIVE, "3.5", "530", "180", "5", "1.5", "106", "7-1");
        Position out = PositionAccounting.applyFill(held, filled(DecisionType.EMERGENCY_EXIT, "4", "100"), T0);
        assertThat(out.quantity()).isEqualByComparingTo("0");
        assertThat(out.totalTokensSold()).isEqualByComparingTo("5.5");
        assertThat(out.totalExtractedUsd()).isEqualByComparingTo("580");
    }

    @Test
    void aFullExitThatFilledAllItAskedForEmptiesThePositionAndAPartialOneDoesNot() {
        Position held = position(PositionStatus.ACTIVE, "3.5", "530", "180", "5", "1.5", "106", "7-1");
        // The venue held 3.4965 (the buy's fee was taken in the token): that is all the exit could ask for.
        Position out = PositionAccounting.applyFill(held, filled(DecisionType.EMERGENCY_EXIT, "3.4965", "100"), T0);
        assertThat(out.quantity()).isEqualByComparingTo("0");
        assertThat(out.totalTokensSold()).isEqualByComparingTo("4.9965");
        ExecutionResult part = new ExecutionResult(ExecutionResult.Status.PARTIALLY_FILLED, DecisionType.EMERGENCY_EXIT,
                false, new BigDecimal("2"), new BigDecimal("100"), new BigDecimal("200"), BigDecimal.ZERO, "0xc2", true,
                null, null);
        assertThat(PositionAccounting.applyFill(held, part, T0).quantity()).isEqualByComparingTo("1.5");
        // A trim that filled is a trim: what it did not sell stays.
        assertThat(PositionAccounting.applyFill(held, filled(DecisionType.TRIM, "1", "100"), T0).quantity())
                .isEqualByComparingTo("2.5");
    }

    /**
     * HYPE spot (2 size decimals): a buy credits 1.9986 (the fee taken in the token), the full exit can sell 1.99 and
     * leaves 0.0086 as dust, outside quantity and trade; the next full exit sells quantity and dust on the grid.
     */
    @Test
    void aFullExitKeepsWhatItLeftAsDustAndTheNextFullExitSellsIt() {
        Position held = position(PositionStatus.ACTIVE, "1.9986", "49.965", "0", "1.9986", "0", "25", "7-1");
        Position out = PositionAccounting.applyFill(held, filled(DecisionType.EMERGENCY_EXIT, "1.99", "25"), T0);
        assertThat(out.quantity()).isZero();
        assertThat(out.dust()).isEqualTo(new BigDecimal("0.0086"));
        assertThat(out.totalTokensSold()).isEqualTo(new BigDecimal("1.99"));
        assertThat(out.totalExtractedUsd()).isEqualByComparingTo("49.75");
        Position closed = TradeClosure.reset(out, TradeClosure.summarise(out, new TradeClosure.Entry(T0, "S1", "e"),
                java.util.List.of(), T0, "emergency_exit"));
        assertThat(closed.dust()).as("closure keeps the dust: it is on the venue").isEqualTo(new BigDecimal("0.0086"));

        // The next trade: a buy and a trim leave the dust alone.
        Position again = PositionAccounting.applyFill(closed, filled(DecisionType.ENTRY, "1.9986", "25"), T0 + 1);
        assertThat(again.quantity()).isEqualTo(new BigDecimal("1.9986"));
        assertThat(again.dust()).isEqualTo(new BigDecimal("0.0086"));
        Position trimmed = PositionAccounting.applyFill(again, filled(DecisionType.TRIM, "0.5", "25"), T0 + 2);
        assertThat(trimmed.quantity()).isEqualTo(new BigDecimal("1.4986"));
        assertThat(trimmed.dust()).isEqualTo(new BigDecimal("0.0086"));
        // Its full exit sold 1.50 = roundDown(1.4986 + 0.0086): 0.0072 is left, and the trade's proceeds count the
        // 0.0014 of the earlier dust it sold.
        Position second = PositionAccounting.applyFill(trimmed, filled(DecisionType.EMERGENCY_EXIT, "1.50", "30"),
                T0 + 3);
        assertThat(second.quantity()).isZero();
        assertThat(second.dust()).isEqualTo(new BigDecimal("0.0072"));
        assertThat(second.totalExtractedUsd()).isEqualByComparingTo("57.5"); // 0.5 × 25 + 1.50 × 30

        // A full exit that filled less than it asked for sells from the quantity; the dust stays.
        Position part = PositionAccounting.applyFill(trimmed, partial(DecisionType.EMERGENCY_EXIT, "1", "30"), T0);
        assertThat(part.quantity()).isEqualTo(new BigDecimal("0.4986"));
        assertThat(part.dust()).isEqualTo(new BigDecimal("0.0086"));
        // Had it sold beyond the quantity, the excess came from the dust.
        Position most = PositionAccounting.applyFill(trimmed, partial(DecisionType.EMERGENCY_EXIT, "1.5", "30"), T0);
        assertThat(most.quantity()).isZero();
        assertThat(most.dust()).isEqualTo(new BigDecimal("0.0072"));
        // An exit that sold more than the book held leaves no dust, not less than none.
        assertThat(PositionAccounting.applyFill(trimmed, filled(DecisionType.EMERGENCY_EXIT, "1.51", "30"), T0)
                .dust()).isZero();
    }

    /**
     * A book that held more than the venue (a row from before spot fees were taken in tokens, or a transfer): the
     * exit is cut to the venue's free balance, and what the venue still holds bounds the dust, so no phantom dust is
     * left for a later exit to sell out of another position's tokens. A perps row keeps none.
     */
    @Test
    void whatTheVenueStillHoldsBoundsTheDustAndOnlyASpotBalanceHasAny() {
        Position gross = position(PositionStatus.ACTIVE, "300", "9000", "0", "300", "0", "30", "7-1");
        ExecutionResult cut = filled(DecisionType.EMERGENCY_EXIT, "299.79", "30");
        assertThat(PositionAccounting.applyFill(gross, cut, T0).dust()).as("unknown: the book's remainder")
                .isEqualByComparingTo("0.21");
        assertThat(PositionAccounting.applyFill(gross, cut.withVenueLeft(new BigDecimal("0.0041")), T0).dust())
                .isEqualByComparingTo("0.0041");
        assertThat(PositionAccounting.applyFill(gross, cut.withVenueLeft(BigDecimal.ZERO), T0).dust()).isZero();
        // Another position's tokens on the same balance do not count: the book's remainder is the bound then.
        Position held = position(PositionStatus.ACTIVE, "1.9986", "49.965", "0", "1.9986", "0", "25", "7-1");
        assertThat(PositionAccounting.applyFill(held, filled(DecisionType.EMERGENCY_EXIT, "1.99", "25")
                .withVenueLeft(new BigDecimal("5.0086")), T0).dust()).isEqualByComparingTo("0.0086");

        Position perps = Position.watching(8, "ETH", "hyperliquid", "ETH", lotus.time.Timeframe.H1, "perps",
                new BigDecimal("15"), BigDecimal.ZERO, T0).withHoldings(PositionStatus.ACTIVE, new BigDecimal("3"),
                        new BigDecimal("90"), BigDecimal.ZERO, new BigDecimal("3"), BigDecimal.ZERO,
                        new BigDecimal("30"), "8-1").stored(3, T0);
        Position closed = PositionAccounting.applyFill(perps, filled(DecisionType.EMERGENCY_EXIT, "2.9", "30"), T0);
        assertThat(closed.quantity()).isZero();
        assertThat(closed.dust()).isZero();
    }

    @Test
    void aResultThatFilledNothingChangesNothing() {
        Position p = watchlist();
        ExecutionResult skipped = ExecutionResult.skipped(DecisionType.ENTRY, true, false, "no price");
        assertThat(PositionAccounting.applyFill(p, skipped, T0)).isSameAs(p);
    }

    @Test
    void pnlFields() {
        Position p = position(PositionStatus.ACTIVE, "3.5", "530", "180", "5", "1.5", "106", "7-1");
        Pnl pnl = PositionAccounting.pnl(p, usd("130"));
        assertThat(pnl.currentUsdValue()).isEqualByComparingTo("455"); // 3.5 × 130
        assertThat(pnl.totalPnlUsd()).isEqualByComparingTo("105"); // 455 + 180 − 530
        assertThat(pnl.unrealisedPnlUsd()).isEqualByComparingTo("84"); // (130 − 106) × 3.5
        assertThat(pnl.rpnlUsd()).isEqualByComparingTo("21"); // 105 − 84 = 1.5 × (120 − 106)
        assertThat(pnl.totalPnlPct()).isEqualByComparingTo("19.81132075471698113207547169811321"); // 105/530 %
        assertThat(pnl.unrealisedPnlPct()).isEqualByComparingTo("15.84905660377358490566037735849057");
        assertThat(pnl.rpnlPct()).isEqualByComparingTo("3.962264150943396226415094339622642");
    }

    @Test
    void pnlWithNothingAllocatedIsZero() {
        Pnl pnl = PositionAccounting.pnl(watchlist(), usd("130"));
        assertThat(pnl.currentUsdValue()).isEqualByComparingTo("0");
        assertThat(pnl.totalPnlUsd()).isEqualByComparingTo("0");
        assertThat(pnl.unrealisedPnlUsd()).isEqualByComparingTo("0");
        assertThat(pnl.rpnlUsd()).isEqualByComparingTo("0");
        assertThat(pnl.totalPnlPct()).isEqualByComparingTo("0");
        assertThat(pnl.rpnlPct()).isEqualByComparingTo("0");
    }

    @Test
    void afterAFullExitAllPnlIsRealised() {
        Position closed = position(PositionStatus.ACTIVE, "0", "530", "580", "5", "5", "106", "7-1");
        Pnl pnl = PositionAccounting.pnl(closed, usd("90"));
        assertThat(pnl.totalPnlUsd()).isEqualByComparingTo("50");
        assertThat(pnl.unrealisedPnlUsd()).isEqualByComparingTo("0");
        assertThat(pnl.rpnlUsd()).isEqualByComparingTo("50");
    }

    private static ExecutionResult withFee(ExecutionResult r, String feeUsd) {
        return new ExecutionResult(r.status(), r.type(), r.buy(), r.filledSize(), r.avgPrice(), r.notionalUsd(),
                new BigDecimal(feeUsd), r.cloid(), r.dryRun(), r.reason(), r.request());
    }

    @Test
    void everyFillBuyOrSellAddsItsFeeAndTheGrossTotalsLeaveItOut() {
        Position p = PositionAccounting.applyFill(watchlist(), withFee(filled(DecisionType.ENTRY, "2", "100"),
                "0.09"), T0);
        assertThat(p.totalFeesUsd()).isEqualByComparingTo("0.09");
        p = PositionAccounting.applyFill(p, withFee(filled(DecisionType.ADD, "3", "110"), "0.1485"), T0 + 1);
        assertThat(p.totalFeesUsd()).isEqualByComparingTo("0.2385");
        p = PositionAccounting.applyFill(p, withFee(filled(DecisionType.TRIM, "1.5", "120"), "0.081"), T0 + 2);
        assertThat(p.totalFeesUsd()).isEqualTo(new BigDecimal("0.3195"));
        // §5's totals are the notionals, fees apart: 200 + 330 allocated, 180 extracted.
        assertThat(p.totalAllocationUsd()).isEqualByComparingTo("530");
        assertThat(p.totalExtractedUsd()).isEqualByComparingTo("180");
        ExecutionResult nothing = ExecutionResult.skipped(DecisionType.ADD, true, true, "no price");
        assertThat(PositionAccounting.applyFill(p, nothing, T0 + 3).totalFeesUsd()).isEqualTo(p.totalFeesUsd());
    }

    @Test
    void aResultThatFilledNothingButPaidAFeeAddsOnlyTheFee() {
        // A Solana swap that landed and failed: nothing moved but the network fee.
        Position p = PositionAccounting.applyFill(watchlist(), withFee(filled(DecisionType.ENTRY, "2", "100"),
                "0.09"), T0);
        ExecutionResult failed = new ExecutionResult(ExecutionResult.Status.REJECTED, DecisionType.ADD, true,
                BigDecimal.ZERO, null, BigDecimal.ZERO, new BigDecimal("0.00123"), "0xfail", false, "landed, 6001",
                null);

        Position after = PositionAccounting.applyFill(p, failed, T0 + 1);

        assertThat(after.totalFeesUsd()).isEqualTo(new BigDecimal("0.09123"));
        assertThat(after.withFees(p.totalFeesUsd())).isEqualTo(p); // nothing else changed
    }

    @Test
    void netPnlIsGrossLessTheTradesFeesExactly() {
        Position p = position(PositionStatus.ACTIVE, "3.5", "530", "180", "5", "1.5", "106", "7-1")
                .withFees(new BigDecimal("0.3195"));
        Pnl pnl = PositionAccounting.pnl(p, usd("130"));
        assertThat(pnl.totalPnlUsd()).isEqualByComparingTo("105"); // gross as §5 has it, unchanged by fees
        assertThat(pnl.feesUsd()).isEqualByComparingTo("0.3195");
        assertThat(pnl.netPnlUsd()).isEqualTo(new BigDecimal("104.6805")); // 105 − 0.3195
        assertThat(pnl.netPnlPct()).isEqualByComparingTo("19.75103773584905660377358490566038"); // 104.6805/530 %
        Pnl free = PositionAccounting.pnl(position(PositionStatus.ACTIVE, "3.5", "530", "180", "5", "1.5", "106",
                "7-1"), usd("130"));
        assertThat(free.feesUsd()).isZero();
        assertThat(free.netPnlUsd()).isEqualByComparingTo(free.totalPnlUsd());
    }
}
