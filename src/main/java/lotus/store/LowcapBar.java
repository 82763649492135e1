package lotus.store;

import java.math.BigDecimal;
import java.util.Objects;
import lotus.time.Timeframe;

/**
 * One row of {@code lowcap_price_data_ohlc} with the collector's columns (SOLANA.md §2.7): USD and SOL prices, the
 * market figures of the latest point, and how many 1m bars of the period the bar was built from.
 *
 * @param openNative   the price in SOL; 0 when unknown (the column is NOT NULL, readers treat 0 as absent)
 * @param barsUsed     1m bars rolled into this bar; null on rows written before the collector
 * @param coveragePct  {@code 100 × barsUsed / expectedBars}; null with {@code barsUsed}
 * @param partial      coverage below the tier's threshold: written anyway, with {@code source = 'partial'}
 */
public record LowcapBar(String tokenContract, String chain, Timeframe timeframe, long openTimeMs, BigDecimal openUsd,
        BigDecimal highUsd, BigDecimal lowUsd, BigDecimal closeUsd, BigDecimal openNative, BigDecimal highNative,
        BigDecimal lowNative, BigDecimal closeNative, BigDecimal volume, BigDecimal liquidityUsd, BigDecimal fdv,
        BigDecimal marketCap, String dexId, String pairAddress, Integer barsUsed, Integer expectedBars,
        BigDecimal coveragePct, boolean partial, String source) {

    public LowcapBar {
        Objects.requireNonNull(tokenContract, "tokenContract");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(timeframe, "timeframe");
        for (BigDecimal v : new BigDecimal[] {openUsd, highUsd, lowUsd, closeUsd, openNative, highNative, lowNative,
                closeNative, volume}) {
            Objects.requireNonNull(v, "a bar's prices and volume are NOT NULL");
        }
    }
}
