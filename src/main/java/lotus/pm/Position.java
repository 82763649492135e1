package lotus.pm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import lotus.engine.EngineState;
import lotus.time.Timeframe;

/**
 * One row of {@code lowcap_positions}: a token watched or traded on one timeframe, in one book. Unique by
 * {@code (tokenContract, tokenChain, timeframe)}; {@code version} guards concurrent updates.
 *
 * @param state          the engine's state on the newest bar; null before the engine has enough bars
 * @param dust           tokens this position's full exits left on the venue, each below one size step (a Hyperliquid
 *                       spot buy's fee is taken in the token, so what it credits is off the size grid): held beside
 *                       {@code quantity}, never part of it nor of a trade, sold with the next full exit once the two
 *                       add up to a step; 0 where full exits sell all (perps, Solana, paper)
 * @param totalFeesUsd   fees of the open trade's fills in USD, kept beside the §5 totals so PnL can be told gross
 *                       and net; 0 outside a trade
 * @param avgEntryPrice  null until the first fill
 * @param currentTradeId null outside a trade
 */
public record Position(
        long id,
        String tokenContract,
        String tokenChain,
        String tokenTicker,
        Timeframe timeframe,
        String bookId,
        PositionStatus status,
        EngineState state,
        PositionFeatures features,
        BigDecimal quantity,
        BigDecimal dust,
        BigDecimal totalAllocationPct,
        BigDecimal totalAllocationUsd,
        BigDecimal totalExtractedUsd,
        BigDecimal totalTokensBought,
        BigDecimal totalTokensSold,
        BigDecimal totalFeesUsd,
        BigDecimal avgEntryPrice,
        String currentTradeId,
        List<TradeClosure.ClosedTrade> completedTrades,
        long version,
        long createdAtMs,
        long updatedAtMs) {

    public Position {
        Objects.requireNonNull(tokenContract, "tokenContract");
        Objects.requireNonNull(tokenChain, "tokenChain");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(bookId, "bookId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(dust, "dust");
        Objects.requireNonNull(totalAllocationPct, "totalAllocationPct");
        Objects.requireNonNull(totalAllocationUsd, "totalAllocationUsd");
        Objects.requireNonNull(totalExtractedUsd, "totalExtractedUsd");
        Objects.requireNonNull(totalTokensBought, "totalTokensBought");
        Objects.requireNonNull(totalTokensSold, "totalTokensSold");
        Objects.requireNonNull(totalFeesUsd, "totalFeesUsd");
        completedTrades = List.copyOf(completedTrades);
    }

    /**
     * A new row as a position starts: on the watchlist, nothing held, no state, features or trades, version 0.
     *
     * @param tokenTicker null when the token has none
     */
    public static Position watching(long id, String tokenContract, String tokenChain, String tokenTicker,
            Timeframe timeframe, String bookId, BigDecimal allocationPct, BigDecimal allocationUsd, long createdAtMs) {
        return new Position(id, tokenContract, tokenChain, tokenTicker, timeframe, bookId, PositionStatus.WATCHLIST,
                null, PositionFeatures.EMPTY, BigDecimal.ZERO, BigDecimal.ZERO, allocationPct, allocationUsd,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, null, List.of(), 0,
                createdAtMs, createdAtMs);
    }

    /** This row with its holdings and trade replaced (fills, closure); everything else as it is. */
    public Position withHoldings(PositionStatus newStatus, BigDecimal newQuantity, BigDecimal allocationUsd,
            BigDecimal extractedUsd, BigDecimal tokensBought, BigDecimal tokensSold, BigDecimal newAvgEntryPrice,
            String tradeId) {
        return new Position(id, tokenContract, tokenChain, tokenTicker, timeframe, bookId, newStatus, state, features,
                newQuantity, dust, totalAllocationPct, allocationUsd, extractedUsd, tokensBought, tokensSold,
                totalFeesUsd, newAvgEntryPrice, tradeId, completedTrades, version, createdAtMs, updatedAtMs);
    }

    /** This row with its fee total replaced (fills add to it, closure zeroes it). */
    public Position withFees(BigDecimal feesUsd) {
        return new Position(id, tokenContract, tokenChain, tokenTicker, timeframe, bookId, status, state, features,
                quantity, dust, totalAllocationPct, totalAllocationUsd, totalExtractedUsd, totalTokensBought,
                totalTokensSold, feesUsd, avgEntryPrice, currentTradeId, completedTrades, version, createdAtMs,
                updatedAtMs);
    }

    /** This row with its dust replaced (a full exit leaves the remainder it could not sell). */
    public Position withDust(BigDecimal newDust) {
        return new Position(id, tokenContract, tokenChain, tokenTicker, timeframe, bookId, status, state, features,
                quantity, newDust, totalAllocationPct, totalAllocationUsd, totalExtractedUsd, totalTokensBought,
                totalTokensSold, totalFeesUsd, avgEntryPrice, currentTradeId, completedTrades, version, createdAtMs,
                updatedAtMs);
    }

    /** This row with its engine state, features and completed trades replaced. */
    public Position withRecords(EngineState newState, PositionFeatures newFeatures,
            List<TradeClosure.ClosedTrade> newCompletedTrades) {
        return new Position(id, tokenContract, tokenChain, tokenTicker, timeframe, bookId, status, newState,
                newFeatures, quantity, dust, totalAllocationPct, totalAllocationUsd, totalExtractedUsd,
                totalTokensBought, totalTokensSold, totalFeesUsd, avgEntryPrice, currentTradeId, newCompletedTrades,
                version, createdAtMs, updatedAtMs);
    }

    /** This row with its features replaced. */
    public Position withFeatures(PositionFeatures newFeatures) {
        return withRecords(state, newFeatures, completedTrades);
    }

    /** This row as an update stored it: the next version, written at {@code atMs}. */
    public Position stored(long newVersion, long atMs) {
        return new Position(id, tokenContract, tokenChain, tokenTicker, timeframe, bookId, status, state, features,
                quantity, dust, totalAllocationPct, totalAllocationUsd, totalExtractedUsd, totalTokensBought,
                totalTokensSold, totalFeesUsd, avgEntryPrice, currentTradeId, completedTrades, newVersion, createdAtMs,
                atMs);
    }

    /** A short name for logs: {@code hyperliquid/spot ETH 1h #12}. */
    public String label() {
        return tokenChain + "/" + bookId + " " + (tokenTicker != null ? tokenTicker : tokenContract) + " "
                + timeframe + " #" + id;
    }
}
