package lotus.pm;

import java.math.BigDecimal;
import java.util.Objects;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;

/**
 * What the action planner remembers between bars (stored as {@code features.pm_v4}). Three
 * lifetimes: per trade (S1 entry used, trims, trim pool and DX ladder), per uptrend episode (S2 breakout seen,
 * cleared by S0/S4), and per S3 episode (the emergency exit, its value and the rebuy, keyed by {@code s3_start_ts}).
 *
 * @param tradeId           the trade the per-trade fields belong to; null before the first entry fills
 * @param s2BreakoutSeen    S2 was reached since the last S0/S4 (rule 4 buys S1 retests only after a breakout)
 * @param s1EntryUsed       rule 4 filled in this trade
 * @param lastTrimBarMs     open time of the bar of the last filled trim; null before the first trim
 * @param lastTrimLevel     the S/R level that trim sold into
 * @param trimPoolUsd       trim proceeds available to rules 5 and 6
 * @param dxBuys            DX buys filled from the current pool
 * @param dxNextArm         price at or below which the next DX buy may fire; null before the first DX buy
 * @param exitS3StartMs     the S3 episode the emergency-exit fields belong to
 * @param exitValueUsd      that episode's emergency exit value (quantity sold × the bar's price, §4 rule 2), the
 *                          base of the reclaim rebuy
 * @param emergencyExitDone the exit filled completely, so rule 2 does not fire again in that episode
 * @param rebought          the reclaim rebuy of that episode filled
 */
public record PlannerMemory(
        String tradeId,
        boolean s2BreakoutSeen,
        boolean s1EntryUsed,
        Long lastTrimBarMs,
        Double lastTrimLevel,
        BigDecimal trimPoolUsd,
        int dxBuys,
        Double dxNextArm,
        Long exitS3StartMs,
        BigDecimal exitValueUsd,
        boolean emergencyExitDone,
        boolean rebought) {

    public static final PlannerMemory FRESH = new PlannerMemory(null, false, false, null, null, BigDecimal.ZERO, 0,
            null, null, BigDecimal.ZERO, false, false);

    public PlannerMemory {
        Objects.requireNonNull(trimPoolUsd, "trimPoolUsd");
        Objects.requireNonNull(exitValueUsd, "exitValueUsd");
        if (trimPoolUsd.signum() < 0 || exitValueUsd.signum() < 0 || dxBuys < 0) {
            throw new IllegalArgumentException("negative planner memory: pool=" + trimPoolUsd + " exit="
                    + exitValueUsd + " dx=" + dxBuys);
        }
    }

    /**
     * The per-bar update, applied by {@link ActionPlanner#plan} before the rules (idempotent, so applying it twice on
     * one bar changes nothing): a closed or replaced trade clears the per-trade fields; S2 marks the breakout and
     * S0, S4 or dormancy end the episode; leaving the S3 episode of the emergency exit forgets it.
     */
    public PlannerMemory observe(Position position, EngineOutput engine) {
        PlannerMemory m = this;
        // Ambiguity: trims, the trim pool and the DX ladder live per trade (the older system kept them forever); a
        // pool does not survive the emergency exit that closes a trade, so DX buys after a rebuy need a new trim.
        String trade = position.currentTradeId();
        if (!Objects.equals(trade, tradeId)) {
            // null → X is the trade the last entry just opened: what that entry recorded belongs to it.
            m = tradeId == null ? m.withTrade(trade, m.s1EntryUsed, m.lastTrimBarMs, m.lastTrimLevel, m.trimPoolUsd,
                    m.dxBuys, m.dxNextArm) : m.withTrade(trade, false, null, null, BigDecimal.ZERO, 0, null);
        }
        // Ambiguity: "after an S2 breakout in this episode" = S2 was seen since the last S0/S4 (the older system's
        // s2_episode); S3 ends only in S0, so S3 needs no reset of its own.
        EngineState state = engine.state();
        boolean breakout = state == EngineState.S2
                || (m.s2BreakoutSeen && state != null && state != EngineState.S0 && state != EngineState.S4);
        Long s3 = engine.s3StartMs();
        boolean sameExitEpisode = m.exitS3StartMs == null || m.exitS3StartMs.equals(s3);
        return new PlannerMemory(m.tradeId, breakout, m.s1EntryUsed, m.lastTrimBarMs, m.lastTrimLevel, m.trimPoolUsd,
                m.dxBuys, m.dxNextArm, sameExitEpisode ? m.exitS3StartMs : null,
                sameExitEpisode ? m.exitValueUsd : BigDecimal.ZERO, sameExitEpisode && m.emergencyExitDone,
                sameExitEpisode && m.rebought);
    }

    /** After a filled trim: proceeds join the pool, or start a fresh pool once the current one began DX buying. */
    PlannerMemory afterTrim(long barOpenTimeMs, Double level, BigDecimal proceedsUsd) {
        // Ambiguity: "DX buys per pool" implies pools turn over; as in the older system, a trim after DX buying
        // began starts a new pool (the old remainder stays extracted profit).
        boolean fresh = dxBuys > 0;
        return withTrade(tradeId, s1EntryUsed, barOpenTimeMs, level,
                fresh ? proceedsUsd : trimPoolUsd.add(proceedsUsd), fresh ? 0 : dxBuys, fresh ? null : dxNextArm);
    }

    PlannerMemory afterS1Entry() {
        return withTrade(tradeId, true, lastTrimBarMs, lastTrimLevel, trimPoolUsd, dxBuys, dxNextArm);
    }

    /** The S2 pool buy uses the pool up, whatever part of it was spent. */
    // Ambiguity: "the pool is used up" also when the buy filled only partly or was capped by the budget.
    PlannerMemory afterPoolBuy() {
        return withTrade(tradeId, s1EntryUsed, lastTrimBarMs, lastTrimLevel, BigDecimal.ZERO, 0, null);
    }

    PlannerMemory afterDxBuy(double nextArm) {
        return withTrade(tradeId, s1EntryUsed, lastTrimBarMs, lastTrimLevel, trimPoolUsd, dxBuys + 1, nextArm);
    }

    /** A partial fill adds its value but leaves the exit open, so the rest is sold on the next bar. */
    // Ambiguity: "once per S3 episode" counts a complete exit; a partial one is retried rather than left exposed.
    PlannerMemory afterEmergencyExit(Long s3StartMs, BigDecimal valueUsd, boolean complete) {
        BigDecimal before = Objects.equals(s3StartMs, exitS3StartMs) ? exitValueUsd : BigDecimal.ZERO;
        return new PlannerMemory(tradeId, s2BreakoutSeen, s1EntryUsed, lastTrimBarMs, lastTrimLevel, trimPoolUsd,
                dxBuys, dxNextArm, s3StartMs, before.add(valueUsd), complete, false);
    }

    PlannerMemory afterRebuy() {
        return new PlannerMemory(tradeId, s2BreakoutSeen, s1EntryUsed, lastTrimBarMs, lastTrimLevel, trimPoolUsd,
                dxBuys, dxNextArm, exitS3StartMs, exitValueUsd, emergencyExitDone, true);
    }

    private PlannerMemory withTrade(String trade, boolean s1Used, Long trimBarMs, Double trimLevel, BigDecimal pool,
            int dx, Double arm) {
        return new PlannerMemory(trade, s2BreakoutSeen, s1Used, trimBarMs, trimLevel, pool, dx, arm, exitS3StartMs,
                exitValueUsd, emergencyExitDone, rebought);
    }
}
