package lotus.solana.dex;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import lotus.solana.common.Mints;
import org.junit.jupiter.api.Test;

/** Pair choice and pricing (SOLANA.md §2.3). */
class PairPickerTest {

    private static final String TOKEN = "BonkToken1111111111111111111111111111111111";

    private static DexPair pair(String address, String base, String quote, String nat, String usd, String liq) {
        return new DexPair("solana", "raydium", address, base, "B", quote, "Q",
                nat == null ? null : new BigDecimal(nat),
                usd == null ? null : new BigDecimal(usd), liq == null ? null : new BigDecimal(liq), null, null, null,
                null, null, null, null, null);
    }

    @Test
    void aTokenIsPricedByItsDeepestSolPoolElseItsDeepestPool() {
        DexPair usdcDeep = pair("P1", TOKEN, Mints.USDC, "0.5", "0.5", "900000");
        DexPair solShallow = pair("P2", TOKEN, Mints.WSOL, "0.0025", "0.5", "1000");
        DexPair solDeeper = pair("P3", TOKEN, Mints.WSOL, "0.0026", "0.52", "2000");
        DexPair otherChain = new DexPair("base", "uni", "P0", TOKEN, "B", Mints.WSOL, "Q", BigDecimal.ONE,
                BigDecimal.ONE, new BigDecimal("1e9"), null, null, null, null, null, null, null, null);
        assertThat(PairPicker.pick(TOKEN, List.of(usdcDeep, solShallow, solDeeper, otherChain))).contains(solDeeper);
        assertThat(PairPicker.pick(TOKEN, List.of(usdcDeep, pair("P4", TOKEN, "Other", "1", "1", null))))
                .contains(usdcDeep);
        assertThat(PairPicker.pick("Unknown", List.of(usdcDeep))).isEmpty();
    }

    @Test
    void tiesBreakOnThePairAddressAndMissingLiquidityRanksAsZero() {
        DexPair b = pair("PB", TOKEN, Mints.WSOL, "1", "1", "10");
        DexPair a = pair("PA", TOKEN, Mints.WSOL, "1", "1", "10");
        DexPair none = pair("P0", TOKEN, Mints.WSOL, "1", "1", null);
        assertThat(PairPicker.pick(TOKEN, List.of(b, none, a))).contains(a);
        assertThat(PairPicker.pick(TOKEN, List.of(none, pair("PZ", TOKEN, Mints.WSOL, "1", "1", "0.01"))))
                .map(DexPair::pairAddress).contains("PZ");
    }

    @Test
    void solIsPricedByItsDeepestStablecoinPoolMatchedByMintNotSymbol() {
        DexPair fakeUsdc = new DexPair("solana", "x", "PF", Mints.WSOL, "SOL", "FakeMint", "USDC", new BigDecimal("1"),
                new BigDecimal("1"), new BigDecimal("1e12"), null, null, null, null, null, null, null, null);
        DexPair usdt = pair("PT", Mints.WSOL, Mints.USDT, "150.1", "150.1", "5000000");
        DexPair usdc = pair("PC", Mints.WSOL, Mints.USDC, "150.2", "150.2", "9000000");
        assertThat(PairPicker.pick(Mints.WSOL, List.of(fakeUsdc, usdt, usdc))).contains(usdc);
    }

    @Test
    void onTheQuoteSideBothPricesAreInvertedThroughTheNativePrice() {
        // 1 base token = 4000 of ours, and the base token is worth 2 USD: ours is worth 0.0005 USD and 0.00025 base.
        DexPair quoted = pair("PQ", "BaseMint", TOKEN, "4000", "2", "10");
        PairPicker.Priced p = PairPicker.price(TOKEN, quoted).orElseThrow();
        assertThat(p.tokenIsBase()).isFalse();
        assertThat(p.inQuote()).isEqualByComparingTo("0.00025");
        assertThat(p.usd()).isEqualByComparingTo("0.0005");

        PairPicker.Priced base = PairPicker.price(TOKEN, pair("PB", TOKEN, Mints.WSOL, "0.000001234", "0.000245",
                "1")).orElseThrow();
        assertThat(base.inQuote()).isEqualTo(new BigDecimal("0.000001234"));
        assertThat(base.usd()).isEqualTo(new BigDecimal("0.000245"));

        PairPicker.Priced third = PairPicker.price(TOKEN, pair("P3", "BaseMint", TOKEN, "3", null, "1"))
                .orElseThrow();
        assertThat(third.inQuote()).isEqualTo(BigDecimal.ONE.divide(new BigDecimal(3), MathContext.DECIMAL128));
        assertThat(third.usd()).isNull();
    }

    @Test
    void noPositiveNativePriceMeansNoPoint() {
        assertThat(PairPicker.price(TOKEN, pair("P", TOKEN, Mints.WSOL, null, "1", "1"))).isEmpty();
        assertThat(PairPicker.price(TOKEN, pair("P", TOKEN, Mints.WSOL, "0", "1", "1"))).isEmpty();
        assertThat(PairPicker.price(TOKEN, pair("P", "BaseMint", TOKEN, "-2", "1", "1"))).isEmpty();
    }
}
