package lotus.pm;

import static lotus.engine.EngineState.S0;
import static lotus.engine.EngineState.S1;
import static lotus.engine.EngineState.S2;
import static lotus.engine.EngineState.S3;
import static lotus.pm.Fixtures.BUY_FLAG;
import static lotus.pm.Fixtures.BUY_SIGNAL;
import static lotus.pm.Fixtures.EMERGENCY;
import static lotus.pm.Fixtures.EXIT;
import static lotus.pm.Fixtures.HOUR;
import static lotus.pm.Fixtures.NONE;
import static lotus.pm.Fixtures.RECLAIMED;
import static lotus.pm.Fixtures.T0;
import static lotus.pm.Fixtures.TRIM_FLAG;
import static lotus.pm.Fixtures.engine;
import static lotus.pm.Fixtures.filled;
import static lotus.pm.Fixtures.position;
import static lotus.pm.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.SrLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STRATEGY.md §4: each rule firing and not, its tiers and gates, and the memory that carries across bars. */
class ActionPlannerTest {

    private static final long S3_START = T0 - 50 * HOUR;
    private static final List<SrLevel> LEVELS = List.of(new SrLevel(130, 10), new SrLevel(101, 5),
            new SrLevel(80, 3));
    private static final Ae NEUTRAL = Ae.of(0.5, 0.5);

    private final ActionPlanner planner = new ActionPlanner(LearningMultipliers.NONE, LeveragePolicy.SPOT);

    private static PlannerMemory memory(boolean breakout, boolean s1Used, String tradeId) {
        return new PlannerMemory(tradeId, breakout, s1Used, null, null, BigDecimal.ZERO, 0, null, null,
                BigDecimal.ZERO, false, false);
    }

    private static PlannerMemory pool(String tradeId, String poolUsd, int dxBuys, Double arm) {
        return new PlannerMemory(tradeId, true, false, null, null, usd(poolUsd), dxBuys, arm, null, BigDecimal.ZERO,
                false, false);
    }

    private static PlannerMemory lastTrim(long barMs, double level) {
        return new PlannerMemory("7-1", true, false, barMs, level, BigDecimal.ZERO, 0, null, null, BigDecimal.ZERO,
                false, false);
    }

    private static PlannerMemory exited(long s3StartMs, String valueUsd, boolean rebought) {
        return new PlannerMemory(null, true, false, null, null, BigDecimal.ZERO, 0, null, s3StartMs, usd(valueUsd),
                true, rebought);
    }

    private static EngineOutput s3(EngineOutput.Flags flags, double price) {
        return engine(T0, S3, S3, flags, price, 2, LEVELS, S3_START);
    }

    private static EngineOutput at(EngineState state, EngineOutput.Flags flags) {
        return engine(T0, state, state, flags, 100, 2, LEVELS, state == S3 ? S3_START : null);
    }

    private Plan plan(Position p, EngineOutput e, Ae ae, String remainingUsd, PlannerMemory m) {
        return planner.plan(new PlanInput(p, e, ae, usd(remainingUsd), m, 0));
    }

    private static Position holding() {
        return position("10", "1000", "0", "7-1");
    }

    private static Position flat() {
        return position("0", "0", "0", null);
    }

    /** A caller may pass a zero budget where {@link ActionPlanner#mayReadBudget} says no rule reads it. */
    @Test
    void aPlanTheBudgetCannotReachIsTheSameWithoutIt() {
        int unread = 0;
        for (EngineState state : EngineState.values()) {
            for (int bits = 0; bits < 64; bits++) {
                EngineOutput.Flags f = new EngineOutput.Flags((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
                        (bits & 8) != 0, (bits & 16) != 0, (bits & 32) != 0);
                EngineOutput e = at(state, f);
                if (ActionPlanner.mayReadBudget(e)) {
                    continue;
                }
                for (Position p : List.of(flat(), holding())) {
                    for (PlannerMemory m : List.of(PlannerMemory.FRESH, memory(true, false, "7-1"),
                            pool("7-1", "200", 0, null), exited(S3_START, "300", false))) {
                        assertThat(plan(p, e, NEUTRAL, "0", m)).as("%s %s %s", state, f, m)
                                .isEqualTo(plan(p, e, NEUTRAL, "500", m));
                        unread++;
                    }
                }
            }
        }
        assertThat(unread).isGreaterThan(1000);
    }

    // ---- rule 1

    @Test
    void rule1ExitPositionSellsEverything() {
        EngineOutput e = engine(T0, S0, S3, EXIT, 90, 2, LEVELS, null);
        Plan plan = plan(holding(), e, NEUTRAL, "500", PlannerMemory.FRESH);
        assertThat(plan.rule()).isEqualTo(Plan.Rule.EXIT_POSITION);
        assertThat(plan.decision().type()).isEqualTo(DecisionType.EMERGENCY_EXIT);
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("1");
        assertThat(plan.decision().notionalUsd()).isNull();
        assertThat(plan.entryEvent()).isNull();
        assertThat(plan.reasons()).last().asString().contains("all_emas_below_333");
    }

    @Test
    void rule1HoldsWhenFlat() {
        Plan plan = plan(flat(), engine(T0, S0, S1, EXIT, 90, 2, LEVELS, null), NEUTRAL, "500", PlannerMemory.FRESH);
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).first().asString().contains("flat");
    }

    @Test
    void rule1WinsOverATrimOnTheSameBar() {
        EngineOutput.Flags both = new EngineOutput.Flags(false, false, true, false, true, false);
        Plan plan = plan(holding(), engine(T0, S3, S3, both, 100, 2, LEVELS, S3_START), NEUTRAL, "0",
                PlannerMemory.FRESH);
        assertThat(plan.rule()).isEqualTo(Plan.Rule.EXIT_POSITION);
    }

    // ---- rule 2

    @Test
    void rule2EmergencyExitSellsAllOncePerS3Episode() {
        Plan first = plan(holding(), s3(EMERGENCY, 95), NEUTRAL, "0", PlannerMemory.FRESH);
        assertThat(first.rule()).isEqualTo(Plan.Rule.EMERGENCY_EXIT);
        assertThat(first.decision().type()).isEqualTo(DecisionType.EMERGENCY_EXIT);
        assertThat(first.decision().sizeFrac()).isEqualByComparingTo("1");
        assertThat(first.reasons()).last().asString().contains("exit value ~$950");

        PlannerMemory after = ActionPlanner.afterExecution(first.memory(), first,
                filled(DecisionType.EMERGENCY_EXIT, "10", "95"), s3(EMERGENCY, 95));
        assertThat(after.exitS3StartMs()).isEqualTo(S3_START);
        assertThat(after.exitValueUsd()).isEqualByComparingTo("950");
        assertThat(after.emergencyExitDone()).isTrue();

        // the caller's books said 10 were sold but say some came back (a rebuy): still no second exit this episode
        Plan second = plan(position("4", "1000", "950", "7-2"), s3(EMERGENCY, 94), NEUTRAL, "0", after);
        assertThat(second.isHold()).isTrue();
        assertThat(second.reasons()).anySatisfy(r -> assertThat(r).contains("already done in S3 episode"));
    }

    @Test
    void rule2RemembersQuantityTimesPriceNotTheFillsProceeds() {
        // The exit is planned on a bar at 95 and fills all 10 at 93.5 (slippage): proceeds 935, but §4 rule 2's
        // exit value is quantity × price = 10 × 95 = 950, and the rebuy at A 0.75 is 950 × 0.60 = 570 (not 561).
        Plan exit = plan(holding(), s3(EMERGENCY, 95), NEUTRAL, "0", PlannerMemory.FRESH);
        PlannerMemory m = ActionPlanner.afterExecution(exit.memory(), exit,
                filled(DecisionType.EMERGENCY_EXIT, "10", "93.5"), s3(EMERGENCY, 95));
        assertThat(m.exitValueUsd()).isEqualByComparingTo("950");
        Plan rebuy = plan(flat(), s3(RECLAIMED, 101), Ae.of(0.75, 0.5), "1500", m);
        assertThat(rebuy.decision().notionalUsd()).isEqualByComparingTo("570");
    }

    @Test
    void rule2FiresAgainInANewS3Episode() {
        PlannerMemory oldEpisode = exited(S3_START - 500 * HOUR, "950", true);
        Plan plan = plan(holding(), s3(EMERGENCY, 95), NEUTRAL, "0", oldEpisode);
        assertThat(plan.rule()).isEqualTo(Plan.Rule.EMERGENCY_EXIT);
    }

    @Test
    void rule2PartialFillLeavesTheExitOpenAndAddsUpItsValue() {
        Plan first = plan(holding(), s3(EMERGENCY, 95), NEUTRAL, "0", PlannerMemory.FRESH);
        // Fills a little under each bar's price: the value is still each part's quantity × its bar's price.
        PlannerMemory m = ActionPlanner.afterExecution(first.memory(), first,
                Fixtures.partial(DecisionType.EMERGENCY_EXIT, "6", "94.5"), s3(EMERGENCY, 95));
        assertThat(m.emergencyExitDone()).isFalse();
        Plan retry = plan(position("4", "1000", "567", "7-1"), s3(EMERGENCY, 94), NEUTRAL, "0", m);
        assertThat(retry.rule()).isEqualTo(Plan.Rule.EMERGENCY_EXIT);
        m = ActionPlanner.afterExecution(retry.memory(), retry, filled(DecisionType.EMERGENCY_EXIT, "4", "93.5"),
                s3(EMERGENCY, 94));
        assertThat(m.exitValueUsd()).isEqualByComparingTo("946"); // 6 × 95 + 4 × 94 (proceeds: 567 + 374 = 941)
        assertThat(m.emergencyExitDone()).isTrue();
    }

    @Test
    void rule2HoldsWhenFlat() {
        assertThat(plan(flat(), s3(EMERGENCY, 95), NEUTRAL, "500", PlannerMemory.FRESH).isHold()).isTrue();
    }

    // ---- rule 3

    @Test
    void rule3FirstTrimNearALevel() {
        Plan plan = plan(holding(), s3(TRIM_FLAG, 100), NEUTRAL, "0", PlannerMemory.FRESH);
        assertThat(plan.rule()).isEqualTo(Plan.Rule.TRIM);
        assertThat(plan.decision().type()).isEqualTo(DecisionType.TRIM);
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("0.45"); // min(0.30 × 1.5, 0.9), r = 0
        assertThat(plan.decision().leverage()).isZero();
        assertThat(plan.reasons()).last().asString().contains("first trim").contains("101");
    }

    @Test
    void rule3NeedsALevelWithinOneAtr() {
        // nearest level 101 is 3.5 away from 97.5, ATR 2
        Plan plan = plan(holding(), s3(TRIM_FLAG, 97.5), NEUTRAL, "0", PlannerMemory.FRESH);
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).anySatisfy(r -> assertThat(r).contains("no S/R level within"));
        EngineOutput noLevels = engine(T0, S3, S3, TRIM_FLAG, 100, 2, List.of(), S3_START);
        assertThat(plan(holding(), noLevels, NEUTRAL, "0", PlannerMemory.FRESH).isHold()).isTrue();
    }

    @Test
    void rule3HoldsWhenFlat() {
        assertThat(plan(flat(), s3(TRIM_FLAG, 100), NEUTRAL, "0", PlannerMemory.FRESH).isHold()).isTrue();
    }

    @Test
    void trimCooldownTwoBarsNoThreeBarsYes() {
        Plan twoBars = plan(holding(), s3(TRIM_FLAG, 100), NEUTRAL, "0", lastTrim(T0 - 2 * HOUR, 101));
        assertThat(twoBars.isHold()).isTrue();
        assertThat(twoBars.reasons()).anySatisfy(r -> assertThat(r).contains("cooldown, 2 bars"));
        Plan threeBars = plan(holding(), s3(TRIM_FLAG, 100), NEUTRAL, "0", lastTrim(T0 - 3 * HOUR, 101));
        assertThat(threeBars.rule()).isEqualTo(Plan.Rule.TRIM);
    }

    @Test
    void trimCooldownIsLiftedByALevelThatMovedMoreThanOnePercent() {
        // |101 − 99.9| = 1.1 > 1 % of 100: a new level
        Plan moved = plan(holding(), s3(TRIM_FLAG, 100), NEUTRAL, "0", lastTrim(T0 - HOUR, 99.9));
        assertThat(moved.rule()).isEqualTo(Plan.Rule.TRIM);
        assertThat(moved.reasons()).last().asString().contains("level moved");
        // |101 − 100.1| = 0.9 ≤ 1: the same level
        Plan same = plan(holding(), s3(TRIM_FLAG, 100), NEUTRAL, "0", lastTrim(T0 - HOUR, 100.1));
        assertThat(same.isHold()).isTrue();
    }

    @ParameterizedTest(name = "E={0} -> {1}")
    @CsvSource({"0.70, 0.60", "0.6999, 0.30", "0.30, 0.30", "0.2999, 0.15", "1.0, 0.60", "0.0, 0.15"})
    void trimTierByE(double e, String expected) {
        // extraction ratio 0.5 → multiplier 1.0, so the size is the tier itself
        Position p = position("10", "1000", "500", "7-1");
        Plan plan = plan(p, s3(TRIM_FLAG, 100), Ae.of(0.5, e), "0", PlannerMemory.FRESH);
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "extracted {0} of 1000 -> {1}")
    @CsvSource({"0, 0.45", "499.99, 0.45", "500, 0.30", "999.99, 0.30", "1000, 0.09", "2999.99, 0.09",
        "3000, 0.03", "9000, 0.03"})
    void trimMultiplierByExtractionRatio(String extracted, String expected) {
        // tier 0.30 (E = 0.5) × 1.5 / 1.0 / 0.3 / 0.1
        Position p = position("10", "1000", extracted, "7-1");
        Plan plan = plan(p, s3(TRIM_FLAG, 100), NEUTRAL, "0", PlannerMemory.FRESH);
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo(expected);
    }

    @Test
    void trimIsCappedAtNinetyPercent() {
        Plan plan = plan(holding(), s3(TRIM_FLAG, 100), Ae.of(0.5, 0.9), "0", PlannerMemory.FRESH);
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("0.9"); // min(0.60 × 1.5, 0.9)
        assertThat(ActionPlanner.MAX_TRIM_FRAC).isEqualByComparingTo("0.9");
    }

    @Test
    void trimProceedsGoToThePoolAndStartTheCooldown() {
        Plan trim = plan(holding(), s3(TRIM_FLAG, 100), NEUTRAL, "0", pool("7-1", "100", 0, null));
        PlannerMemory m = ActionPlanner.afterExecution(trim.memory(), trim, filled(DecisionType.TRIM, "4.5", "100"),
                s3(TRIM_FLAG, 100));
        assertThat(m.trimPoolUsd()).isEqualByComparingTo("550");
        assertThat(m.lastTrimBarMs()).isEqualTo(T0);
        assertThat(m.lastTrimLevel()).isEqualTo(101.0);
        EngineOutput nextBar = engine(T0 + HOUR, S3, S3, TRIM_FLAG, 100, 2, LEVELS, S3_START);
        assertThat(plan(position("5.5", "1000", "450", "7-1"), nextBar, NEUTRAL, "0", m).isHold()).isTrue();
    }

    @Test
    void aTrimAfterDxBuyingStartsAFreshPool() {
        PlannerMemory recovering = pool("7-1", "300", 1, 83.0);
        Plan trim = plan(holding(), s3(TRIM_FLAG, 100), NEUTRAL, "0", recovering);
        PlannerMemory m = ActionPlanner.afterExecution(trim.memory(), trim, filled(DecisionType.TRIM, "2", "100"),
                s3(TRIM_FLAG, 100));
        assertThat(m.trimPoolUsd()).isEqualByComparingTo("200");
        assertThat(m.dxBuys()).isZero();
        assertThat(m.dxNextArm()).isNull();
    }

    // ---- rule 4

    @Test
    void rule4S1RetestEntryAfterABreakout() {
        Plan plan = plan(flat(), at(S1, BUY_SIGNAL), NEUTRAL, "1000", memory(true, false, null));
        assertThat(plan.rule()).isEqualTo(Plan.Rule.S1_RETEST_ENTRY);
        assertThat(plan.entryEvent()).isEqualTo("S1.retest_entry");
        Decision d = plan.decision();
        assertThat(d.type()).isEqualTo(DecisionType.ENTRY);
        assertThat(d.sizeFrac()).isEqualByComparingTo("0.60");
        assertThat(d.notionalUsd()).isEqualByComparingTo("600");
        assertThat(d.leverage()).isZero();
    }

    @Test
    void rule4NeedsAnS2BreakoutThisEpisode() {
        Plan plan = plan(flat(), at(S1, BUY_SIGNAL), NEUTRAL, "1000", PlannerMemory.FRESH);
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).anySatisfy(r -> assertThat(r).contains("no S2 breakout"));
    }

    @Test
    void rule4IsAnAddInsideATrade() {
        Plan plan = plan(position("3", "300", "0", "7-1"), at(S1, BUY_SIGNAL), NEUTRAL, "700",
                memory(true, false, "7-1"));
        assertThat(plan.decision().type()).isEqualTo(DecisionType.ADD);
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo("420"); // 0.60 × 700
    }

    @ParameterizedTest(name = "A={0} -> {1}")
    @CsvSource({"0.70, 0.90", "0.6999, 0.60", "0.30, 0.60", "0.2999, 0.30"})
    void rule4TierByA(double a, String expected) {
        Plan plan = plan(flat(), at(S1, BUY_SIGNAL), Ae.of(a, 0.5), "1000", memory(true, false, null));
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo(expected);
    }

    @Test
    void s1EntryOncePerTrade() {
        Plan first = plan(flat(), at(S1, BUY_SIGNAL), NEUTRAL, "1000", memory(true, false, null));
        PlannerMemory m = ActionPlanner.afterExecution(first.memory(), first, filled(DecisionType.ENTRY, "6", "100"),
                at(S1, BUY_SIGNAL));
        assertThat(m.s1EntryUsed()).isTrue();

        // the fill opened trade 7-…; a second S1 signal in that trade does not buy
        Position inTrade = position("6", "600", "0", "7-" + T0);
        EngineOutput later = engine(T0 + 5 * HOUR, S1, S1, BUY_SIGNAL, 100, 2, LEVELS, null);
        Plan second = plan(inTrade, later, NEUTRAL, "400", m);
        assertThat(second.isHold()).isTrue();
        assertThat(second.reasons()).anySatisfy(r -> assertThat(r).contains("already bought in S1 this trade"));

        // the trade closes (row reset, no trade id) and a new one may buy its S1 retest
        Plan afterClose = plan(flat(), later, NEUTRAL, "1000", second.memory());
        assertThat(afterClose.rule()).isEqualTo(Plan.Rule.S1_RETEST_ENTRY);
        assertThat(afterClose.decision().type()).isEqualTo(DecisionType.ENTRY);
    }

    @Test
    void anotherTradeIdAlsoAllowsAnotherS1Entry() {
        Plan plan = plan(position("1", "100", "0", "7-2"), at(S1, BUY_SIGNAL), NEUTRAL, "900",
                memory(true, true, "7-1"));
        assertThat(plan.rule()).isEqualTo(Plan.Rule.S1_RETEST_ENTRY);
    }

    // ---- rule 5

    @Test
    void rule5FlatS2BuyUsesTheRemainingBudget() {
        Plan plan = plan(flat(), at(S2, BUY_FLAG), NEUTRAL, "1000", PlannerMemory.FRESH);
        assertThat(plan.rule()).isEqualTo(Plan.Rule.S2_DIP_BUY);
        assertThat(plan.entryEvent()).isEqualTo("S2.dip_buy");
        assertThat(plan.decision().type()).isEqualTo(DecisionType.ENTRY);
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("0.15");
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo("150");
    }

    @ParameterizedTest(name = "A={0} -> {1}")
    @CsvSource({"0.70, 0.25", "0.6999, 0.15", "0.30, 0.15", "0.2999, 0.05"})
    void rule5FlatTierByA(double a, String expected) {
        Plan plan = plan(flat(), at(S2, BUY_FLAG), Ae.of(a, 0.5), "1000", PlannerMemory.FRESH);
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo(expected);
    }

    @Test
    void rule5EntryMultiplierShrinksBuysAfterTheAllocationCameBack() {
        // r = 100 / 100 = 1 → 0.15 × 0.3; r = 99.99 / 100 → 0.15 × 1.0
        Plan paidBack = plan(position("0", "100", "100", null), at(S2, BUY_FLAG), NEUTRAL, "1000",
                PlannerMemory.FRESH);
        assertThat(paidBack.decision().notionalUsd()).isEqualByComparingTo("45");
        Plan notYet = plan(position("0", "100", "99.99", null), at(S2, BUY_FLAG), NEUTRAL, "1000",
                PlannerMemory.FRESH);
        assertThat(notYet.decision().notionalUsd()).isEqualByComparingTo("150");
    }

    @Test
    void rule5WithATrimPoolBuysAShareOfThePoolAndUsesItUp() {
        Plan plan = plan(holding(), at(S2, BUY_FLAG), Ae.of(0.8, 0.5), "1000", pool("7-1", "200", 0, null));
        assertThat(plan.rule()).isEqualTo(Plan.Rule.S2_POOL_BUY);
        assertThat(plan.decision().type()).isEqualTo(DecisionType.ADD);
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo("120"); // 200 × 0.60
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("0.12"); // 120 / 1000
        PlannerMemory m = ActionPlanner.afterExecution(plan.memory(), plan, filled(DecisionType.ADD, "1.2", "100"),
                at(S2, BUY_FLAG));
        assertThat(m.trimPoolUsd()).isEqualByComparingTo("0");
    }

    @Test
    void rule5PoolBuyIsCappedAtTheRemainingBudget() {
        Plan plan = plan(holding(), at(S2, BUY_FLAG), NEUTRAL, "50", pool("7-1", "200", 0, null));
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo("50"); // min(200 × 0.30, 50)
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("1");
    }

    @Test
    void rule5LeavesAPoolThatStartedItsDxLadderAlone() {
        // Kept beyond §4: three DX buys at A 0.8 took 3 × 0.20 × 500 = 300 of this pool, and the pool stays 500;
        // a pool buy of 500 × 0.60 = 300 more would spend 600 of 500 trimmed, so S2 holds until the next trim.
        Plan plan = plan(holding(), at(S2, BUY_FLAG), Ae.of(0.8, 0.5), "1000", pool("7-1", "500", 3, 59.0));
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).anySatisfy(r -> assertThat(r).contains("pool in DX recovery"));
    }

    @Test
    void rule5HoldsWhenHoldingWithoutAPool() {
        Plan plan = plan(holding(), at(S2, BUY_FLAG), NEUTRAL, "1000", memory(true, false, "7-1"));
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).anySatisfy(r -> assertThat(r).contains("no trim pool"));
    }

    // ---- rule 6

    @Test
    void rule6DxBuyFromThePoolThenArmsTheLadderSixAtrsBelowTheFill() {
        Plan plan = plan(holding(), s3(BUY_FLAG, 95), NEUTRAL, "1000", pool("7-1", "300", 0, null));
        assertThat(plan.rule()).isEqualTo(Plan.Rule.S3_DX_BUY);
        assertThat(plan.entryEvent()).isEqualTo("S3.dx");
        assertThat(plan.decision().type()).isEqualTo(DecisionType.ADD);
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo("30"); // 300 × 0.10
        PlannerMemory m = ActionPlanner.afterExecution(plan.memory(), plan, filled(DecisionType.ADD, "0.32", "94"),
                s3(BUY_FLAG, 95));
        assertThat(m.dxBuys()).isEqualTo(1);
        assertThat(m.dxNextArm()).isEqualTo(94 - 6.0 * 2); // fill price − 6.0 × ATR
        assertThat(m.trimPoolUsd()).isEqualByComparingTo("300");
    }

    @ParameterizedTest(name = "A={0} -> {1}")
    @CsvSource({"0.70, 60", "0.6999, 30", "0.30, 30", "0.2999, 9.99"})
    void rule6TierByA(double a, String notional) {
        Plan plan = plan(holding(), s3(BUY_FLAG, 95), Ae.of(a, 0.5), "1000", pool("7-1", "300", 0, null));
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo(notional);
    }

    @Test
    void dxLadderThirdBuyAllowedFourthNot() {
        assertThat(plan(holding(), s3(BUY_FLAG, 70), NEUTRAL, "1000", pool("7-1", "300", 2, 71.0)).rule())
                .isEqualTo(Plan.Rule.S3_DX_BUY);
        Plan fourth = plan(holding(), s3(BUY_FLAG, 50), NEUTRAL, "1000", pool("7-1", "300", 3, 59.0));
        assertThat(fourth.isHold()).isTrue();
        assertThat(fourth.reasons()).anySatisfy(r -> assertThat(r).contains("3 DX buys"));
    }

    @Test
    void dxLadderWaitsForPriceAtOrBelowTheArm() {
        assertThat(plan(holding(), s3(BUY_FLAG, 83.01), NEUTRAL, "1000", pool("7-1", "300", 1, 83.0)).isHold())
                .isTrue();
        assertThat(plan(holding(), s3(BUY_FLAG, 83.0), NEUTRAL, "1000", pool("7-1", "300", 1, 83.0)).rule())
                .isEqualTo(Plan.Rule.S3_DX_BUY);
    }

    @Test
    void rule6NeedsAPool() {
        Plan plan = plan(holding(), s3(BUY_FLAG, 95), NEUTRAL, "1000", memory(true, false, "7-1"));
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).anySatisfy(r -> assertThat(r).contains("no trim pool"));
    }

    // ---- rule 7

    @Test
    void rule7RebuysAShareOfTheExitValueOnce() {
        PlannerMemory m = exited(S3_START, "1000", false);
        Plan plan = plan(flat(), s3(RECLAIMED, 101), NEUTRAL, "2000", m);
        assertThat(plan.rule()).isEqualTo(Plan.Rule.S3_RECLAIM_REBUY);
        assertThat(plan.entryEvent()).isEqualTo("S3.reclaim_rebuy");
        assertThat(plan.decision().type()).isEqualTo(DecisionType.ENTRY);
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo("300"); // 1000 × 0.30
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("0.15"); // 300 / 2000

        PlannerMemory after = ActionPlanner.afterExecution(plan.memory(), plan,
                filled(DecisionType.ENTRY, "2.97", "101"), s3(RECLAIMED, 101));
        assertThat(after.rebought()).isTrue();
        Plan again = plan(position("2.97", "300", "0", "7-9"), s3(RECLAIMED, 102), NEUTRAL, "1700", after);
        assertThat(again.isHold()).isTrue();
        assertThat(again.reasons()).anySatisfy(r -> assertThat(r).contains("already rebought"));
    }

    @ParameterizedTest(name = "A={0} -> {1}")
    @CsvSource({"0.70, 600", "0.6999, 300", "0.30, 300", "0.2999, 100", "0.9, 600"})
    void rule7TierByAndCappedAtRemaining(double a, String notional) {
        Plan plan = plan(flat(), s3(RECLAIMED, 101), Ae.of(a, 0.5), "5000", exited(S3_START, "1000", false));
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo(notional);
        Plan capped = plan(flat(), s3(RECLAIMED, 101), Ae.of(a, 0.5), "80", exited(S3_START, "1000", false));
        assertThat(capped.decision().notionalUsd()).isEqualByComparingTo("80");
    }

    @Test
    void rule7NeedsAnEmergencyExitOfThisEpisode() {
        assertThat(plan(flat(), s3(RECLAIMED, 101), NEUTRAL, "2000", PlannerMemory.FRESH).isHold()).isTrue();
        Plan older = plan(flat(), s3(RECLAIMED, 101), NEUTRAL, "2000", exited(S3_START - 900 * HOUR, "1000", false));
        assertThat(older.isHold()).isTrue();
        assertThat(older.memory().exitValueUsd()).isEqualByComparingTo("0");
    }

    @Test
    void emergencyExitThenReclaimRebuyFlowAcrossBars() {
        Plan exit = plan(holding(), s3(EMERGENCY, 95), NEUTRAL, "0", PlannerMemory.FRESH);
        PlannerMemory m = ActionPlanner.afterExecution(exit.memory(), exit,
                filled(DecisionType.EMERGENCY_EXIT, "10", "95"), s3(EMERGENCY, 95));
        // the caller closes the trade: flat, no trade id, budget back
        EngineOutput stillBelow = engine(T0 + HOUR, S3, S3, EMERGENCY, 94, 2, LEVELS, S3_START);
        Plan below = plan(flat(), stillBelow, NEUTRAL, "1500", m);
        assertThat(below.isHold()).isTrue();
        EngineOutput reclaim = engine(T0 + 2 * HOUR, S3, S3, RECLAIMED, 101, 2, LEVELS, S3_START);
        Plan rebuy = plan(flat(), reclaim, Ae.of(0.75, 0.5), "1500", below.memory());
        assertThat(rebuy.decision().notionalUsd()).isEqualByComparingTo("570"); // 950 × 0.60
        m = ActionPlanner.afterExecution(rebuy.memory(), rebuy, filled(DecisionType.ENTRY, "5.6", "101"), reclaim);
        EngineOutput reclaimAgain = engine(T0 + 5 * HOUR, S3, S3, RECLAIMED, 101, 2, LEVELS, S3_START);
        assertThat(plan(position("5.6", "565.6", "0", "7-x"), reclaimAgain, NEUTRAL, "900", m).isHold()).isTrue();
    }

    // ---- budget, learning, leverage, dormancy

    @Test
    void buysAreSkippedWithoutRemainingBudget() {
        Plan plan = plan(flat(), at(S1, BUY_SIGNAL), NEUTRAL, "0", memory(true, false, null));
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).last().asString().contains("no remaining budget");
    }

    @Test
    void learningMultipliersScaleEntriesAndAddsButNeverTrimsOrExits() {
        List<String> asked = new ArrayList<>();
        ActionPlanner learned = new ActionPlanner((p, event) -> {
            asked.add(event);
            return 0.5;
        }, LeveragePolicy.SPOT);
        Plan s1 = learned.plan(new PlanInput(flat(), at(S1, BUY_SIGNAL), NEUTRAL, usd("1000"),
                memory(true, false, null), 0));
        assertThat(s1.decision().notionalUsd()).isEqualByComparingTo("300"); // 1000 × 0.60 × 0.5
        assertThat(s1.decision().sizeFrac()).isEqualByComparingTo("0.3");
        Plan dx = learned.plan(new PlanInput(holding(), s3(BUY_FLAG, 95), NEUTRAL, usd("1000"),
                pool("7-1", "300", 0, null), 0));
        assertThat(dx.decision().notionalUsd()).isEqualByComparingTo("15"); // 300 × 0.10 × 0.5
        assertThat(asked).containsExactly("S1.retest_entry", "S3.dx");

        Plan trim = learned.plan(new PlanInput(holding(), s3(TRIM_FLAG, 100), NEUTRAL, usd("0"),
                PlannerMemory.FRESH, 0));
        assertThat(trim.decision().sizeFrac()).isEqualByComparingTo("0.45");
        Plan exit = learned.plan(new PlanInput(holding(), s3(EMERGENCY, 95), NEUTRAL, usd("0"),
                PlannerMemory.FRESH, 0));
        assertThat(exit.decision().sizeFrac()).isEqualByComparingTo("1");
        assertThat(asked).hasSize(2);
    }

    @Test
    void learningMultiplierAboveOneIsCappedAtTheRemainingBudgetAndZeroHolds() {
        ActionPlanner bold = new ActionPlanner((p, event) -> 2.0, LeveragePolicy.SPOT);
        Plan plan = bold.plan(new PlanInput(flat(), at(S1, BUY_SIGNAL), Ae.of(0.8, 0.5), usd("1000"),
                memory(true, false, null), 0));
        assertThat(plan.decision().notionalUsd()).isEqualByComparingTo("1000"); // min(1000 × 0.90 × 2, 1000)
        assertThat(plan.decision().sizeFrac()).isEqualByComparingTo("1");
        ActionPlanner silenced = new ActionPlanner((p, event) -> 0.0, LeveragePolicy.SPOT);
        assertThat(silenced.plan(new PlanInput(flat(), at(S1, BUY_SIGNAL), NEUTRAL, usd("1000"),
                memory(true, false, null), 0)).isHold()).isTrue();
    }

    @Test
    void perpsLeverageRisesWithAWithinBothMaximaAndSellsCarryNone() {
        ActionPlanner perps = new ActionPlanner(LearningMultipliers.NONE, new LeveragePolicy(5));
        Plan buy = perps.plan(new PlanInput(flat(), at(S1, BUY_SIGNAL), Ae.of(0.5, 0.5), usd("1000"),
                memory(true, false, null), 10));
        assertThat(buy.decision().leverage()).isEqualTo(3); // 1 + ⌊0.5 × (5 − 1)⌋
        Plan capped = perps.plan(new PlanInput(flat(), at(S1, BUY_SIGNAL), Ae.of(1.0, 0.5), usd("1000"),
                memory(true, false, null), 2));
        assertThat(capped.decision().leverage()).isEqualTo(2);
        Plan trim = perps.plan(new PlanInput(holding(), s3(TRIM_FLAG, 100), Ae.of(1.0, 0.5), usd("0"),
                PlannerMemory.FRESH, 10));
        assertThat(trim.decision().leverage()).isZero();
    }

    @Test
    void leveragePolicyIsMonotoneInAAndZeroByDefault() {
        LeveragePolicy policy = new LeveragePolicy(10);
        assertThat(policy.leverage(0.0, 20)).isEqualTo(1);
        assertThat(policy.leverage(0.7, 20)).isEqualTo(7); // 1 + ⌊0.7 × 9⌋ = 1 + 6
        assertThat(policy.leverage(1.0, 20)).isEqualTo(10);
        assertThat(policy.leverage(1.0, 4)).isEqualTo(4);
        assertThat(policy.leverage(1.0, 0)).isZero();
        int previous = 0;
        for (int i = 0; i <= 1000; i++) {
            int lev = policy.leverage(i / 1000.0, 20);
            assertThat(lev).isGreaterThanOrEqualTo(previous).isBetween(1, 10);
            previous = lev;
        }
        assertThat(LeveragePolicy.SPOT.leverage(1.0, 50)).isZero();
    }

    @Test
    void dormantEngineHolds() {
        Plan plan = plan(holding(), Fixtures.dormant(), NEUTRAL, "1000", PlannerMemory.FRESH);
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).containsExactly("hold: engine dormant");
    }

    @Test
    void holdExplainsEveryRule() {
        Plan plan = plan(holding(), at(S3, NONE), NEUTRAL, "1000", PlannerMemory.FRESH);
        assertThat(plan.isHold()).isTrue();
        assertThat(plan.reasons()).hasSize(8);
        assertThat(plan.reasons().get(0)).startsWith("r1");
        assertThat(plan.reasons().get(6)).startsWith("r7");
    }

    @Test
    void nothingFilledChangesNoMemory() {
        Plan dx = plan(holding(), s3(BUY_FLAG, 95), NEUTRAL, "1000", pool("7-1", "300", 0, null));
        ExecutionResult skipped = ExecutionResult.skipped(DecisionType.ADD, true, true, "below minimum notional");
        assertThat(ActionPlanner.afterExecution(dx.memory(), dx, skipped, s3(BUY_FLAG, 95))).isEqualTo(dx.memory());
    }
}
