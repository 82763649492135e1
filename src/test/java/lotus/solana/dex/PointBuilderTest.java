package lotus.solana.dex;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import lotus.solana.common.Mints;
import org.junit.jupiter.api.Test;

/** A token's 1m point from its pair (SOLANA.md §2.3–2.4). */
class PointBuilderTest {

    private static final String TOKEN = "BonkToken1111111111111111111111111111111111";
    private static final long T = 1_767_225_602_000L;

    private static DexPair pair(String base, String baseSymbol, String quote, String quoteSymbol, String nat,
            String usd, String liq, String m5, String fdv) {
        return new DexPair("solana", "raydium", "PAIR", base, baseSymbol, quote, quoteSymbol, dec(nat), dec(usd),
                dec(liq), dec(m5), dec("100"), dec("600"), dec("2400"), dec("-1.5"), dec("250000"), dec(fdv),
                null);
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static PricePoint built(PointBuilder.Outcome o) {
        return ((PointBuilder.Built) o).point();
    }

    @Test
    void onASolPairTheNativePriceIsThePairsAndMissingFiguresStayNull() {
        PricePoint p = built(PointBuilder.build(TOKEN, pair(TOKEN, "BONK", Mints.WSOL, "SOL", "0.000001234",
                "0.000245", "15000", "120.5", null), new BigDecimal("150"), new BigDecimal("14000"), T));
        assertThat(p.priceUsd()).isEqualTo(new BigDecimal("0.000245"));
        assertThat(p.priceNative()).isEqualTo(new BigDecimal("0.000001234"));
        assertThat(p.quoteToken()).isEqualTo("SOL");
        assertThat(p.liquidityChange1m()).isEqualByComparingTo("1000");
        assertThat(p.volume1m()).isEqualByComparingTo("24.1");
        assertThat(p.volume5m()).isEqualByComparingTo("120.5");
        assertThat(p.fdv()).isNull();
        assertThat(p.marketCap()).isEqualByComparingTo("250000");
        assertThat(p.timestampMs()).isEqualTo(T);
    }

    @Test
    void onAUsdcPairTheNativePriceIsUsdOverSolsAndUnknownWithoutIt() {
        DexPair usdc = pair(TOKEN, "BONK", Mints.USDC, "USDC", "0.3", "0.3", null, null, "1000");
        PricePoint p = built(PointBuilder.build(TOKEN, usdc, new BigDecimal("150"), null, T));
        assertThat(p.priceNative()).isEqualByComparingTo("0.002");
        assertThat(p.quoteToken()).isEqualTo("USDC");
        assertThat(p.liquidityUsd()).isNull();
        assertThat(p.liquidityChange1m()).isNull();
        assertThat(p.volume1m()).isNull();
        assertThat(built(PointBuilder.build(TOKEN, usdc, null, null, T)).priceNative()).isNull();
    }

    @Test
    void onTheQuoteSideThePricesAreInvertedAndTheOtherSidesSymbolRecorded() {
        // 1 SOL (base) = 4000 of ours; SOL at 150 USD: ours is 0.00025 SOL and 0.0375 USD.
        DexPair quoted = pair(Mints.WSOL, "SOL", TOKEN, "BONK", "4000", "150", "1", null, null);
        PricePoint p = built(PointBuilder.build(TOKEN, quoted, new BigDecimal("150"), null, T));
        assertThat(p.priceNative()).isEqualByComparingTo("0.00025");
        assertThat(p.priceUsd()).isEqualByComparingTo("0.0375");
        assertThat(p.quoteToken()).isEqualTo("SOL");
    }

    @Test
    void aMissingUsdPriceIsDerivedFromSolsOnASolPairAndOtherwiseNoPoint() {
        DexPair solNoUsd = pair(TOKEN, "BONK", Mints.WSOL, "SOL", "0.002", null, "1", null, null);
        assertThat(built(PointBuilder.build(TOKEN, solNoUsd, new BigDecimal("150"), null, T)).priceUsd())
                .isEqualByComparingTo("0.3");
        assertThat(PointBuilder.build(TOKEN, solNoUsd, null, null, T))
                .isEqualTo(new PointBuilder.NoPoint("no_usd_price"));
        DexPair usdcNoUsd = pair(TOKEN, "BONK", Mints.USDC, "USDC", "0.3", null, "1", null, null);
        assertThat(PointBuilder.build(TOKEN, usdcNoUsd, new BigDecimal("150"), null, T))
                .isEqualTo(new PointBuilder.NoPoint("no_usd_price"));
        assertThat(PointBuilder.build(TOKEN, pair(TOKEN, "BONK", Mints.WSOL, "SOL", "0", "1", "1", null, null),
                new BigDecimal("150"), null, T)).isEqualTo(new PointBuilder.NoPoint("no_native_price"));
    }

    @Test
    void solItselfIsWorthOneSol() {
        DexPair solUsdc = pair(Mints.WSOL, "SOL", Mints.USDC, "USDC", "150.2", "150.2", "9000000", null, null);
        PricePoint p = built(PointBuilder.build(Mints.WSOL, solUsdc, null, null, T));
        assertThat(p.priceNative()).isEqualTo(BigDecimal.ONE);
        assertThat(p.priceUsd()).isEqualByComparingTo("150.2");
    }
}
