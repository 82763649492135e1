package lotus.solana.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** DexScreener's answers read into pairs (SOLANA.md §2.1–2.2). */
class DexParserTest {

    private static final String PAIR = "{\"chainId\":\"solana\",\"dexId\":\"raydium\",\"url\":\"u\","
            + "\"pairAddress\":\"PA\","
            + "\"labels\":null,\"baseToken\":{\"address\":\"MintA\",\"name\":\"A\",\"symbol\":\"AAA\"},"
            + "\"quoteToken\":{\"address\":\"So11111111111111111111111111111111111111112\",\"symbol\":\"SOL\"},"
            + "\"priceNative\":\"0.000001234\",\"priceUsd\":\"0.000245\",\"txns\":{\"m5\":{\"buys\":3,\"sells\":1}},"
            + "\"volume\":{\"m5\":120.5,\"h1\":1000,\"h6\":6000.25,\"h24\":24000},\"priceChange\":{\"h24\":-3.5},"
            + "\"liquidity\":{\"usd\":15000.1,\"base\":123456,\"quote\":40.2},\"fdv\":null,\"marketCap\":240000,"
            + "\"pairCreatedAt\":1717171717000,\"boosts\":{\"active\":1},\"unknownField\":[1,2]}";

    @Test
    void aBareArrayReadsEveryFieldExactlyAndKeepsNullsAsNull() {
        DexParser.Parsed parsed = DexParser.parse("[" + PAIR + "]");
        assertThat(parsed.rejected()).isZero();
        DexPair p = parsed.pairs().get(0);
        assertThat(p.pairAddress()).isEqualTo("PA");
        assertThat(p.baseMint()).isEqualTo("MintA");
        assertThat(p.quoteSymbol()).isEqualTo("SOL");
        assertThat(p.priceNative()).isEqualTo(new BigDecimal("0.000001234"));
        assertThat(p.priceUsd()).isEqualTo(new BigDecimal("0.000245"));
        assertThat(p.liquidityUsd()).isEqualByComparingTo("15000.1");
        assertThat(p.volumeM5()).isEqualByComparingTo("120.5");
        assertThat(p.volumeH6()).isEqualByComparingTo("6000.25");
        assertThat(p.priceChangeH24()).isEqualByComparingTo("-3.5");
        assertThat(p.marketCap()).isEqualByComparingTo("240000");
        assertThat(p.fdv()).isNull(); // the predecessor lost the whole row on "fdv": null
        assertThat(p.pairCreatedAtMs()).isEqualTo(1_717_171_717_000L);
    }

    @Test
    void theLegacyObjectFormAndItsNullPairsAreRead() {
        assertThat(DexParser.parse("{\"schemaVersion\":\"1.0.0\",\"pairs\":[" + PAIR + "]}").pairs()).hasSize(1);
        assertThat(DexParser.parse("{\"schemaVersion\":\"1.0.0\",\"pairs\":null}").pairs()).isEmpty();
        assertThat(DexParser.parse("[]").pairs()).isEmpty();
    }

    @Test
    void aPairWithoutItsAddressesOrWithABadPriceIsCountedAndTheOthersKept() {
        String noLiquidity = PAIR.replace("\"liquidity\":{\"usd\":15000.1,\"base\":123456,\"quote\":40.2},", "")
                .replace("\"PA\"", "\"PB\"");
        String noBase = PAIR.replace("\"address\":\"MintA\",", "");
        String badPrice = PAIR.replace("\"0.000001234\"", "\"n/a\"");
        DexParser.Parsed parsed = DexParser.parse("[" + noLiquidity + "," + noBase + "," + badPrice + "]");
        assertThat(parsed.pairs()).extracting(DexPair::pairAddress).containsExactly("PB");
        assertThat(parsed.pairs().get(0).liquidityUsd()).isNull();
        assertThat(parsed.rejected()).isEqualTo(2);
    }

    @Test
    void aBodyThatIsNotAnAnswerIsOneClearError() {
        assertThatThrownBy(() -> DexParser.parse("<html>429</html>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DexScreener answer is not JSON");
        assertThatThrownBy(() -> DexParser.parse("[{\"chainId\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DexParser.parse("{\"error\":\"x\"}"))
                .hasMessage("DexScreener answer is neither an array nor an object with pairs");
    }
}
