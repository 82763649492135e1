package lotus.pm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import lotus.engine.EngineState;
import lotus.market.Bar;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** STRATEGY.md §6: R/R, outcome and hold-time classes of a closed trade, and the row reset. */
class TradeClosureTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long DAY = 86_400_000L;

    /** Bought 10 at 100 (allocated 1000), sold everything for {@code extracted}. */
    private static Position emptied(String extracted) {
        return Position.watching(7, "ETH", "hyperliquid", "ETH", Timeframe.H1, "perps", new BigDecimal("6"),
                BigDecimal.ZERO, T0).withHoldings(PositionStatus.ACTIVE, BigDecimal.ZERO, new BigDecimal("1000"),
                        new BigDecimal(extracted), BigDecimal.TEN, BigDecimal.TEN, new BigDecimal("100"), "7-" + T0)
                .withRecords(EngineState.S0, PositionFeatures.EMPTY.withAe(new Ae(0.5, 0.25, List.of())), List.of())
                .stored(4, T0);
    }

    private static Bar bar(int hour, String low, String high) {
        return new Bar("ETH", "hyperliquid", Timeframe.H1, T0 + hour * 3_600_000L, new BigDecimal(low),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(high), BigDecimal.ONE, 0);
    }

    @Test
    void rrIsReturnOverDrawdownClampedAndThirtyThreeWithoutDrawdown() {
        assertThat(TradeClosure.rr(0.10, 0.05)).isEqualTo(2.0);
        assertThat(TradeClosure.rr(-0.20, 0.10)).isEqualTo(-2.0);
        assertThat(TradeClosure.rr(0.50, 0.01)).isEqualTo(33);
        assertThat(TradeClosure.rr(-0.50, 0.01)).isEqualTo(-33);
        assertThat(TradeClosure.rr(0.02, 0)).isEqualTo(33);
        assertThat(TradeClosure.rr(0, 0)).isZero();
        assertThat(TradeClosure.rr(-0.02, 0)).isZero();
    }

    @Test
    void outcomeClassesFollowTheRrBands() {
        assertThat(TradeClosure.outcome(2.01)).isEqualTo("big_win");
        assertThat(TradeClosure.outcome(2.0)).isEqualTo("small_win");
        assertThat(TradeClosure.outcome(0.51)).isEqualTo("small_win");
        assertThat(TradeClosure.outcome(0.5)).isEqualTo("breakeven");
        assertThat(TradeClosure.outcome(0)).isEqualTo("breakeven");
        assertThat(TradeClosure.outcome(-0.01)).isEqualTo("small_loss");
        assertThat(TradeClosure.outcome(-1.0)).isEqualTo("small_loss");
        assertThat(TradeClosure.outcome(-1.01)).isEqualTo("big_loss");
    }

    @Test
    void holdClassesAreUnderSevenDaysUpToThirtyAndLonger() {
        assertThat(TradeClosure.holdClass(7 * DAY - 1)).isEqualTo("short");
        assertThat(TradeClosure.holdClass(7 * DAY)).isEqualTo("medium");
        assertThat(TradeClosure.holdClass(30 * DAY)).isEqualTo("medium");
        assertThat(TradeClosure.holdClass(30 * DAY + 1)).isEqualTo("long");
    }

    @Test
    void aTradeIsSummarisedOnItsHoldingBarsAndTheRowResetForTheNext() {
        TradeClosure.Entry entry = new TradeClosure.Entry(T0, "S2", "S2.dip_buy");
        // Sold 10 for 1120: exit 112, return +12 %; lowest low 96 → drawdown 4 %; highest high 118 → gain 18 %.
        List<Bar> held = List.of(bar(0, "99", "101"), bar(1, "96", "105"), bar(2, "104", "118"));
        Position p = emptied("1120");
        TradeClosure.ClosedTrade t = TradeClosure.summarise(p, entry, held, T0 + 2 * 3_600_000L, "emergency_exit");
        assertThat(t.exitPrice()).isEqualByComparingTo("112");
        assertThat(t.returnFrac()).isEqualTo((112.0 - 100) / 100);
        assertThat(t.maxDrawdown()).isEqualTo((100.0 - 96) / 100);
        assertThat(t.maxGain()).isEqualTo((118.0 - 100) / 100);
        assertThat(t.rr()).isEqualTo(((112.0 - 100) / 100) / ((100.0 - 96) / 100));
        assertThat(t.outcome()).isEqualTo("big_win");
        assertThat(t.holdClass()).isEqualTo("short");
        assertThat(t.pnlUsd()).isEqualByComparingTo("120");
        assertThat(lotus.store.PositionJson.closedTrade(t).get("pnl_usd").asText()).isEqualTo("120");
        assertThat(t.entry().event()).isEqualTo("S2.dip_buy");

        // Entry above every low of the window but never below: min includes the entry itself.
        TradeClosure.ClosedTrade flat = TradeClosure.summarise(emptied("1010"), entry,
                List.of(bar(0, "100", "101")), T0, "trim");
        assertThat(flat.maxDrawdown()).isZero();
        assertThat(flat.rr()).isEqualTo(33);

        Position reset = TradeClosure.reset(p, t);
        assertThat(reset.status()).isEqualTo(PositionStatus.WATCHLIST);
        assertThat(reset.quantity()).isEqualByComparingTo("0");
        assertThat(reset.totalAllocationUsd()).isEqualByComparingTo("0");
        assertThat(reset.totalExtractedUsd()).isEqualByComparingTo("0");
        assertThat(reset.totalTokensBought()).isEqualByComparingTo("0");
        assertThat(reset.totalTokensSold()).isEqualByComparingTo("0");
        assertThat(reset.avgEntryPrice()).isNull();
        assertThat(reset.currentTradeId()).isNull();
        assertThat(reset.totalAllocationPct()).isEqualByComparingTo("6");
        assertThat(reset.features().ae().a()).isEqualTo(0.5); // what closure does not touch is kept
        assertThat(reset.completedTrades()).hasSize(1);
        assertThat(reset.completedTrades()).containsExactly(t);
        assertThat(TradeClosure.scope(p, entry)).isEqualTo(new lotus.learning.Scope("perps", "hyperliquid", "1h", "ETH",
                "S2", "S2.dip_buy"));
    }

    @Test
    void rrAndOutcomeAreOnTheReturnNetOfFeesAndTheGrossOneIsKept() {
        TradeClosure.Entry entry = new TradeClosure.Entry(T0, "S2", "S2.dip_buy");
        List<Bar> held = List.of(bar(0, "99", "101"), bar(1, "96", "105"));
        // Sold 10 for 1000.50: gross +0.05 %; the fills paid 0.90 USD, 0.09 % of the 1000 allocated: net −0.04 %.
        Position p = emptied("1000.50").withFees(new BigDecimal("0.90"));
        TradeClosure.ClosedTrade t = TradeClosure.summarise(p, entry, held, T0 + 3_600_000L, "trim");
        assertThat(t.returnFrac()).isEqualTo((100.05 - 100) / 100);
        assertThat(t.netReturnFrac()).isEqualTo((100.05 - 100) / 100 - 0.0009);
        assertThat(t.rr()).isEqualTo(((100.05 - 100) / 100 - 0.0009) / ((100.0 - 96) / 100));
        assertThat(t.rr()).isNegative();
        assertThat(t.outcome()).isEqualTo("small_loss"); // gross, it would have been a win
        assertThat(t.pnlUsd()).isEqualByComparingTo("0.50");
        assertThat(t.feesUsd()).isEqualByComparingTo("0.90");
        assertThat(t.netPnlUsd()).isEqualTo(new BigDecimal("-0.40"));
        var json = lotus.store.PositionJson.closedTrade(t);
        assertThat(json.get("fees_usd").asText()).isEqualTo("0.90");
        assertThat(json.get("net_pnl_usd").asText()).isEqualTo("-0.40");
        assertThat(json.get("return").asDouble()).isEqualTo(t.returnFrac());
        assertThat(json.get("net_return").asDouble()).isEqualTo(t.netReturnFrac());

        Position reset = TradeClosure.reset(p, t);
        assertThat(reset.totalFeesUsd()).as("the next trade starts without fees").isZero();
        assertThat(reset.completedTrades()).containsExactly(t);
    }

    @Test
    void aClosedTradeStoredBeforeFeesWereKeptReadsWithFeesZeroAndNetAsGross() throws Exception {
        var old = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"trade_id\":\"7-1\","
                + "\"entry_time_ms\":1767225600000,\"exit_time_ms\":1767229200000,\"entry_price\":\"100\","
                + "\"exit_price\":\"112\",\"return\":0.12,\"max_drawdown\":0.04,\"rr\":3.0,"
                + "\"outcome\":\"big_win\",\"allocated_usd\":\"1000\",\"extracted_usd\":\"1120\","
                + "\"pnl_usd\":\"120\",\"closed_by\":\"trim\",\"bars\":2}");
        TradeClosure.ClosedTrade t = lotus.store.PositionJson.completedTrades(
                new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(old)).get(0);
        assertThat(t.feesUsd()).isEqualTo(BigDecimal.ZERO);
        assertThat(t.netPnlUsd()).isEqualTo(new BigDecimal("120"));
        assertThat(t.netReturnFrac()).isEqualTo(0.12);
        assertThat(t.rr()).isEqualTo(3.0);
    }

    @Test
    void closingNeedsAnEntryPriceAndSomethingSold() {
        Position none = emptied("0");
        Position noEntry = new Position(none.id(), none.tokenContract(), none.tokenChain(), none.tokenTicker(),
                none.timeframe(), none.bookId(), none.status(), none.state(), none.features(), none.quantity(),
                none.dust(), none.totalAllocationPct(), none.totalAllocationUsd(), none.totalExtractedUsd(),
                none.totalTokensBought(), BigDecimal.ZERO, none.totalFeesUsd(), null, none.currentTradeId(),
                none.completedTrades(), none.version(), none.createdAtMs(), none.updatedAtMs());
        assertThatThrownBy(() -> TradeClosure.summarise(noEntry, new TradeClosure.Entry(T0, "S1", "x"), List.of(),
                T0, "trim")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot close");
    }
}
