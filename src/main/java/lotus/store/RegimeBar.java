package lotus.store;

import java.math.BigDecimal;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * One bar of a regime driver ({@code bucket.nano} ... {@code bucket.big}, {@code btc.d}, {@code usdt.d}): an index or a
 * dominance percentage treated as a price, as {@code regime_price_data_ohlc} holds it.
 *
 * @param volume  the members' summed volume for a bucket; 0 for dominance, which has none
 * @param members how many tokens a bucket bar was built from; null for dominance
 * @param source  where the bar came from ({@code lowcap}, {@code coingecko}, {@code import}, ...)
 */
public record RegimeBar(
        String driver,
        Timeframe timeframe,
        long openTimeMs,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        Integer members,
        String source) {

    /** The chain a regime bar carries when read as a {@link Bar} (its token is the driver). */
    public static final String CHAIN = "regime";

    public RegimeBar {
        if (members != null && members < 0) {
            throw new IllegalArgumentException("negative member count " + members + " in regime bar " + driver);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("regime bar " + driver + " needs a source");
        }
        // The bar's own checks: driver not blank, open time on the timeframe's boundary, high/low around open/close.
        asBar(driver, timeframe, openTimeMs, open, high, low, close, volume);
    }

    /** A regime bar built from a bar whose token is the driver, as the engine reads it back. */
    public static RegimeBar of(Bar bar, Integer members, String source) {
        return new RegimeBar(bar.tokenContract(), bar.timeframe(), bar.openTimeMs(), bar.open(), bar.high(), bar.low(),
                bar.close(), bar.volume(), members, source);
    }

    /** The bar the engine reads: token = driver, chain {@value #CHAIN}, no trade count. */
    public Bar bar() {
        return asBar(driver, timeframe, openTimeMs, open, high, low, close, volume);
    }

    private static Bar asBar(String driver, Timeframe timeframe, long openTimeMs, BigDecimal open, BigDecimal high,
            BigDecimal low, BigDecimal close, BigDecimal volume) {
        return new Bar(driver, CHAIN, timeframe, openTimeMs, open, high, low, close, volume, 0);
    }
}
