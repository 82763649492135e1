package lotus.hyperliquid.common;

import java.math.BigDecimal;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * One Hyperliquid candle ({@code t T s i o c h l v n}): from the {@code candle} channel or {@code candleSnapshot}.
 * Volume is in base units.
 */
public record HlCandle(String coin, Timeframe interval, long openTimeMs, BigDecimal open, BigDecimal high,
        BigDecimal low, BigDecimal close, BigDecimal volume, int trades) {

    /** The bar stored for it, under our name for the token (a spot pair's canonical name, not {@code @107}). */
    public Bar toBar(String tokenContract, String chain) {
        return new Bar(tokenContract, chain, interval, openTimeMs, open, high, low, close, volume, trades);
    }
}
