package lotus.market;

import java.math.BigDecimal;
import java.util.Objects;
import lotus.time.Timeframe;

/**
 * One OHLC bar keyed by its open time (UTC ms). Volume is in base units, as Hyperliquid reports it.
 *
 * @param tradeCount trades rolled into the bar; 0 when the source does not say (stored bars)
 */
public record Bar(
        String tokenContract,
        String chain,
        Timeframe timeframe,
        long openTimeMs,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        int tradeCount) {

    public Bar {
        if (tokenContract == null || tokenContract.isBlank()) {
            throw new IllegalArgumentException("bar token_contract must not be blank");
        }
        if (chain == null || chain.isBlank()) {
            throw new IllegalArgumentException("bar chain must not be blank");
        }
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        if (timeframe.floor(openTimeMs) != openTimeMs) {
            throw new IllegalArgumentException("bar open time " + openTimeMs + " is not on a " + timeframe + " boundary");
        }
        if (high.compareTo(open) < 0 || high.compareTo(close) < 0 || low.compareTo(open) > 0 || low.compareTo(close) > 0) {
            throw new IllegalArgumentException("inconsistent bar " + tokenContract + " " + timeframe + " @" + openTimeMs
                    + ": o=" + open + " h=" + high + " l=" + low + " c=" + close);
        }
        if (volume.signum() < 0 || tradeCount < 0) {
            throw new IllegalArgumentException("negative volume or trade count in bar " + tokenContract + " @" + openTimeMs);
        }
    }

    /** The first instant after this bar. */
    public long closeTimeMs() {
        return timeframe.closeTimeMs(openTimeMs);
    }

    /** Same values, compared as numbers (so {@code 1.0} equals {@code 1}); trade count ignored. */
    public boolean sameOhlcv(Bar other) {
        return tokenContract.equals(other.tokenContract) && chain.equals(other.chain) && timeframe == other.timeframe
                && openTimeMs == other.openTimeMs && samePrices(other);
    }

    /**
     * Same open, high, low, close and volume, compared as numbers, whatever the token is called: a stored bar
     * against the venue's candle of the same coin, which the venue names differently (a spot pair's {@code @index}).
     */
    public boolean samePrices(Bar other) {
        return open.compareTo(other.open) == 0 && high.compareTo(other.high) == 0 && low.compareTo(other.low) == 0
                && close.compareTo(other.close) == 0 && volume.compareTo(other.volume) == 0;
    }
}
