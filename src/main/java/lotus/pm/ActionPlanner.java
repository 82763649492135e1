package lotus.pm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.SrLevel;

/**
 * {@code plan_actions_v4} (STRATEGY.md §4): rules 1–7, first match wins, at most one decision per bar. Pure: the
 * memory comes in with the input and goes out with the plan; {@link #afterExecution} folds in what actually filled.
 */
public final class ActionPlanner {

    public static final BigDecimal MAX_TRIM_FRAC = new BigDecimal("0.9");
    public static final int TRIM_COOLDOWN_BARS = 3;
    /** A trim's level counts as new when it moved more than 1 % of the price from the last trim's level. */
    public static final double TRIM_LEVEL_MOVE = 0.01;
    /** The trim_flag's own tolerance (§2): price within 1.0×ATR of the level. */
    public static final double NEAR_LEVEL_ATR = 1.0;
    public static final int MAX_DX_BUYS = 3;
    public static final double DX_ARM_ATR = 6.0;

    private static final MathContext MC = new MathContext(34);

    private final LearningMultipliers learning;
    private final LeveragePolicy leveragePolicy;

    public ActionPlanner(LearningMultipliers learning, LeveragePolicy leveragePolicy) {
        this.learning = Objects.requireNonNull(learning, "learning");
        this.leveragePolicy = Objects.requireNonNull(leveragePolicy, "leveragePolicy");
    }

    /**
     * True when a plan on {@code eng} may read {@link PlanInput#remainingBudgetUsd}: only the buy rules (4–7) do, and
     * each needs its state's flag. A caller may pass zero otherwise: the budget's exact arithmetic was a fifth of a
     * backtest's tick, on bars where no buy rule can fire.
     */
    public static boolean mayReadBudget(EngineOutput eng) {
        EngineOutput.Flags f = eng.flags();
        if (eng.state() == null) {
            return false;
        }
        return switch (eng.state()) {
            case S1 -> f.buySignal();
            case S2 -> f.buyFlag();
            case S3 -> f.buyFlag() || f.reclaimedEma333();
            default -> false;
        };
    }

    public Plan plan(PlanInput in) {
        PlannerMemory m = in.memory().observe(in.position(), in.engine());
        EngineOutput eng = in.engine();
        List<String> why = new ArrayList<>();
        if (eng.dormant()) {
            why.add("hold: engine dormant");
            return Plan.hold(m, why);
        }
        Position p = in.position();
        EngineOutput.Flags f = eng.flags();
        EngineState s = eng.state();
        boolean holding = p.quantity().signum() > 0;

        // Ambiguity: rule 1 has no quantity condition in §4; with nothing held there is nothing to sell, so it holds.
        if (!f.exitPosition()) {
            why.add("r1 exit_position: no");
        } else if (!holding) {
            why.add("r1 exit_position (" + eng.exitReason() + "): flat, nothing to sell");
        } else {
            return sell(m, why, Plan.Rule.EXIT_POSITION, DecisionType.EMERGENCY_EXIT, BigDecimal.ONE,
                    "r1 exit_position (" + eng.exitReason() + "): sell all");
        }

        if (!f.emergencyExit()) {
            why.add("r2 emergency_exit: no");
        } else if (!holding) {
            why.add("r2 emergency_exit: flat");
        } else if (m.emergencyExitDone() && Objects.equals(m.exitS3StartMs(), eng.s3StartMs())) {
            why.add("r2 emergency_exit: already done in S3 episode " + eng.s3StartMs());
        } else {
            return sell(m, why, Plan.Rule.EMERGENCY_EXIT, DecisionType.EMERGENCY_EXIT, BigDecimal.ONE,
                    "r2 emergency_exit: sell all, exit value ~" + usd(p.quantity().multiply(price(eng), MC)));
        }

        Plan trim = trim(p, eng, in.ae(), m, why, holding);
        if (trim != null) {
            return trim;
        }

        BigDecimal remaining = in.remainingBudgetUsd();
        double a = in.ae().a();

        if (s != EngineState.S1 || !f.buySignal()) {
            why.add("r4 S1 buy_signal: no");
        } else if (!m.s2BreakoutSeen()) {
            why.add("r4 S1 buy_signal: no S2 breakout this episode");
        } else if (m.s1EntryUsed()) {
            why.add("r4 S1 buy_signal: already bought in S1 this trade");
        } else {
            BigDecimal size = tier(a, "0.90", "0.60", "0.30");
            return buy(in, m, why, Plan.Rule.S1_RETEST_ENTRY, remaining.multiply(size, MC),
                    "r4 S1 buy_signal: " + size + " of remaining (A=" + num(a) + ")");
        }

        if (s != EngineState.S2 || !f.buyFlag()) {
            why.add("r5 S2 buy_flag: no");
        } else if (!holding) {
            // Ambiguity: flat with a pool left over uses the flat sizing and keeps the pool, as the older system did.
            BigDecimal size = tier(a, "0.25", "0.15", "0.05");
            BigDecimal entryMultiplier = extractionRatio(p).compareTo(BigDecimal.ONE) >= 0 ? new BigDecimal("0.3")
                    : BigDecimal.ONE;
            return buy(in, m, why, Plan.Rule.S2_DIP_BUY, remaining.multiply(size, MC).multiply(entryMultiplier, MC),
                    "r5 S2 buy_flag, flat: " + size + " x entry_multiplier " + entryMultiplier + " of remaining (A="
                            + num(a) + ")");
        } else if (m.trimPoolUsd().signum() > 0 && m.dxBuys() == 0) {
            BigDecimal size = tier(a, "0.60", "0.30", "0.10");
            return buy(in, m, why, Plan.Rule.S2_POOL_BUY, m.trimPoolUsd().multiply(size, MC),
                    "r5 S2 buy_flag: pool " + usd(m.trimPoolUsd()) + " x " + size + " (A=" + num(a) + ")");
        } else {
            // Kept beyond §4 rule 5 (it adds "no DX buys from the pool yet"): DX buys are shares of the pool as
            // trimmed (rule 6) and leave it in place, so after up to 3 × 0.20 of it went to DX buys, rule 5's
            // pool × 0.60 would spend the same trim proceeds again (up to 1.2 × the pool). Reachable only when a
            // trade outlives S3 → S0 (an exit that did not fill in full), since S3 has no path to S2.
            why.add("r5 S2 buy_flag: holding, " + (m.trimPoolUsd().signum() > 0 ? "pool in DX recovery"
                    : "no trim pool"));
        }

        if (s != EngineState.S3 || !f.buyFlag()) {
            why.add("r6 S3 DX buy_flag: no");
        } else if (m.trimPoolUsd().signum() <= 0) {
            why.add("r6 S3 DX buy_flag: no trim pool");
        } else if (m.dxBuys() >= MAX_DX_BUYS) {
            // Ambiguity: a pool with 3 DX buys stays, blocked, until a trim starts the next (the older system
            // emptied it).
            why.add("r6 S3 DX buy_flag: " + m.dxBuys() + " DX buys from this pool already");
        } else if (m.dxNextArm() != null && eng.price() > m.dxNextArm()) {
            why.add("r6 S3 DX buy_flag: price " + num(eng.price()) + " above next arm " + num(m.dxNextArm()));
        } else {
            // The price zone EMA333 ≤ price ≤ EMA144 is the engine's buy_flag gate; repeating it here is how the
            // older system came to use a contradictory zone.
            // Ambiguity: each DX buy is a share of the pool as trimmed (not of what is left), as the older system did.
            BigDecimal size = tier(a, "0.20", "0.10", "0.0333");
            return buy(in, m, why, Plan.Rule.S3_DX_BUY, m.trimPoolUsd().multiply(size, MC),
                    "r6 S3 DX buy #" + (m.dxBuys() + 1) + ": pool " + usd(m.trimPoolUsd()) + " x " + size + " (A="
                            + num(a) + ")");
        }

        if (s != EngineState.S3 || !f.reclaimedEma333()) {
            why.add("r7 reclaimed_ema333: no");
        } else if (m.exitS3StartMs() == null || !m.exitS3StartMs().equals(eng.s3StartMs())) {
            // Ambiguity: only an emergency exit of this S3 episode is rebought; observe() forgets older ones.
            why.add("r7 reclaimed_ema333: no emergency exit this S3 episode");
        } else if (m.rebought()) {
            why.add("r7 reclaimed_ema333: already rebought");
        } else if (m.exitValueUsd().signum() <= 0) {
            why.add("r7 reclaimed_ema333: exit value 0");
        } else {
            BigDecimal size = tier(a, "0.60", "0.30", "0.10");
            return buy(in, m, why, Plan.Rule.S3_RECLAIM_REBUY, m.exitValueUsd().multiply(size, MC),
                    "r7 reclaimed_ema333: exit value " + usd(m.exitValueUsd()) + " x " + size + " (A=" + num(a)
                            + ")");
        }

        why.add("hold: no rule fired (" + s + ")");
        return Plan.hold(m, why);
    }

    /** Rule 3, or null (with its reason added) when it does not fire. */
    private static Plan trim(Position p, EngineOutput eng, Ae ae, PlannerMemory m, List<String> why,
            boolean holding) {
        if (!eng.flags().trimFlag()) {
            why.add("r3 trim_flag: no");
            return null;
        }
        if (!holding) {
            why.add("r3 trim_flag: flat");
            return null;
        }
        double price = eng.price();
        double atr = eng.features().atr();
        Double level = nearestLevel(eng);
        // Ambiguity: "near an S/R level" = the level nearest the price is within the trim_flag's 1.0×ATR; it is also
        // the level remembered for the "moved > 1 %" test, which (as in the older system) is 1 % of the price.
        if (level == null || Math.abs(level - price) > NEAR_LEVEL_ATR * atr) {
            why.add("r3 trim_flag: no S/R level within " + num(NEAR_LEVEL_ATR) + "xATR (nearest "
                    + (level == null ? "none" : num(level)) + ")");
            return null;
        }
        // Ambiguity: bars since the last trim = whole bar durations between the two evaluated bars' open times; the
        // older system's extra "one trim signal per level" gate is not part of §4 and is left out.
        String cooldown;
        if (m.lastTrimBarMs() == null) {
            cooldown = "first trim";
        } else {
            long bars = Math.max(0, (eng.barOpenTimeMs() - m.lastTrimBarMs()) / p.timeframe().durationMs());
            boolean moved = m.lastTrimLevel() == null || Math.abs(level - m.lastTrimLevel()) > TRIM_LEVEL_MOVE * price;
            if (bars < TRIM_COOLDOWN_BARS && !moved) {
                why.add("r3 trim_flag: cooldown, " + bars + " bars since last trim and level " + num(level)
                        + " within 1% of " + num(m.lastTrimLevel()));
                return null;
            }
            cooldown = bars >= TRIM_COOLDOWN_BARS ? bars + " bars since last trim" : "level moved from "
                    + num(m.lastTrimLevel());
        }
        BigDecimal base = ae.e() >= 0.7 ? new BigDecimal("0.60") : ae.e() >= 0.3 ? new BigDecimal("0.30")
                : new BigDecimal("0.15");
        BigDecimal r = extractionRatio(p);
        BigDecimal multiplier = trimMultiplier(r);
        BigDecimal size = base.multiply(multiplier, MC).min(MAX_TRIM_FRAC);
        return sell(m, why, Plan.Rule.TRIM, DecisionType.TRIM, size, "r3 trim at level " + num(level) + " ("
                + cooldown + "): min(" + base + " x " + multiplier + ", 0.9) = " + size.stripTrailingZeros()
                .toPlainString() + " (E=" + num(ae.e()) + ", extraction ratio " + r.round(new MathContext(4))
                .toPlainString() + ")");
    }

    /** 0.1 (r ≥ 3), 0.3 (r ≥ 1), 1.0 (r ≥ 0.5), else 1.5: the more already taken out, the more the rest rides. */
    static BigDecimal trimMultiplier(BigDecimal extractionRatio) {
        if (extractionRatio.compareTo(BigDecimal.valueOf(3)) >= 0) {
            return new BigDecimal("0.1");
        }
        if (extractionRatio.compareTo(BigDecimal.ONE) >= 0) {
            return new BigDecimal("0.3");
        }
        if (extractionRatio.compareTo(new BigDecimal("0.5")) >= 0) {
            return new BigDecimal("1.0");
        }
        return new BigDecimal("1.5");
    }

    /** r = extracted / allocated; 0 before anything was allocated. */
    static BigDecimal extractionRatio(Position p) {
        return p.totalAllocationUsd().signum() <= 0 ? BigDecimal.ZERO
                : p.totalExtractedUsd().divide(p.totalAllocationUsd(), MC);
    }

    /** The S/R level nearest the price, or null without levels. */
    static Double nearestLevel(EngineOutput eng) {
        Double best = null;
        for (SrLevel l : eng.levels()) {
            if (best == null || Math.abs(l.price() - eng.price()) < Math.abs(best - eng.price())) {
                best = l.price();
            }
        }
        return best;
    }

    private Plan buy(PlanInput in, PlannerMemory m, List<String> why, Plan.Rule rule, BigDecimal baseNotional,
            String detail) {
        BigDecimal remaining = in.remainingBudgetUsd();
        // Ambiguity: a buy rule that matches without budget still wins (first match), so the bar holds.
        if (remaining.signum() <= 0) {
            why.add(detail + ": no remaining budget");
            return Plan.hold(m, why);
        }
        double multiplier = learning.multiplier(in.position(), rule.entryEvent());
        if (!(multiplier >= 0) || Double.isInfinite(multiplier)) {
            throw new IllegalStateException("learning multiplier for " + rule.entryEvent() + " must be finite and not"
                    + " negative, got " + multiplier);
        }
        BigDecimal wanted = baseNotional.multiply(BigDecimal.valueOf(multiplier), MC);
        BigDecimal notional = wanted.min(remaining);
        if (notional.signum() <= 0) {
            why.add(detail + ", learning x" + num(multiplier) + ": nothing to spend");
            return Plan.hold(m, why);
        }
        BigDecimal sizeFrac = notional.divide(remaining, MC);
        // Ambiguity: entry when no trade is open (null trade id), else add, for every buy rule (the older system's).
        DecisionType type = in.position().currentTradeId() == null ? DecisionType.ENTRY : DecisionType.ADD;
        int leverage = leveragePolicy.leverage(in.ae().a(), in.assetMaxLeverage());
        String line = detail + ", learning x" + num(multiplier) + " -> " + type.label() + " " + usd(notional)
                + (wanted.compareTo(remaining) > 0 ? " (capped)" : "") + " of remaining " + usd(remaining)
                + ", leverage " + leverage;
        why.add(line);
        Decision d = Decision.buy(type, sizeFrac, notional, List.of(rule.entryEvent(), line), leverage);
        return new Plan(d, rule, rule.entryEvent(), why, m);
    }

    private static Plan sell(PlannerMemory m, List<String> why, Plan.Rule rule, DecisionType type, BigDecimal sizeFrac,
            String line) {
        why.add(line);
        return new Plan(Decision.sell(type, sizeFrac, List.of(line)), rule, null, why, m);
    }

    /**
     * The memory after the plan's decision was executed: only what filled counts, so a skipped, rejected or unknown
     * result changes nothing. {@code engine} is the output the plan was made from.
     */
    public static PlannerMemory afterExecution(PlannerMemory m, Plan plan, ExecutionResult result,
            EngineOutput engine) {
        if (plan.isHold()) {
            return m;
        }
        return afterFill(m, PlannedAction.of(plan, engine, engine.barOpenTimeMs(), "", null), result);
    }

    /**
     * {@link #afterExecution} for a decision planned earlier: its fill may come back from the reconciler, after a
     * restart, when only what the plan kept of the engine's output is left.
     */
    static PlannerMemory afterFill(PlannerMemory m, PlannedAction planned, ExecutionResult result) {
        if (!result.filledAnything()) {
            return m;
        }
        if (result.type() != planned.type()) {
            throw new IllegalArgumentException("result of a " + result.type().label() + " for a plan to "
                    + planned.type().label());
        }
        return switch (planned.rule()) {
            // Closing the trade (quantity 0) is what resets the per-trade memory, on the next observe().
            case EXIT_POSITION -> m;
            // §4 rule 2: the exit value is quantity × price, the price of the bar the exit was planned on, whatever
            // the fill's slippage; the quantity is what filled, so a partial exit and its retry add up to the whole.
            // Emergency exit proceeds do not join the trim pool (§4 says trims), unlike the older system.
            case EMERGENCY_EXIT -> m.afterEmergencyExit(planned.s3StartMs(),
                    result.filledSize().multiply(BigDecimal.valueOf(planned.price()), MC),
                    result.status() == ExecutionResult.Status.FILLED);
            case TRIM -> m.afterTrim(planned.barOpenMs(), planned.nearestLevel(), result.notionalUsd());
            case S1_RETEST_ENTRY -> m.afterS1Entry();
            case S2_DIP_BUY -> m;
            case S2_POOL_BUY -> m.afterPoolBuy();
            case S3_DX_BUY -> {
                double fill = result.avgPrice() != null ? result.avgPrice().doubleValue() : planned.price();
                yield m.afterDxBuy(fill - DX_ARM_ATR * planned.atr());
            }
            case S3_RECLAIM_REBUY -> m.afterRebuy();
        };
    }

    /** The A tier of §4: {@code hi} if A ≥ 0.7, {@code mid} if A ≥ 0.3, else {@code lo}. */
    private static BigDecimal tier(double a, String hi, String mid, String lo) {
        return new BigDecimal(a >= 0.7 ? hi : a >= 0.3 ? mid : lo);
    }

    private static BigDecimal price(EngineOutput eng) {
        return BigDecimal.valueOf(eng.price());
    }

    private static String num(double x) {
        return Double.isFinite(x) ? new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString()
                : String.valueOf(x);
    }

    private static String usd(BigDecimal x) {
        return "$" + x.round(new MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
