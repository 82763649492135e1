package lotus.solana.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import lotus.solana.jupiter.JupiterError.Kind;
import org.junit.jupiter.api.Test;

/** Answer shapes the simulator does not produce, read without a socket. */
class JupiterParserTest {

    private static final String QUOTE = "{\"inputMint\":\"A\",\"inAmount\":\"25000000\",\"outputMint\":\"B\","
            + "\"outAmount\":\"16198753\",\"otherAmountThreshold\":\"16117760\",\"swapMode\":\"ExactIn\","
            + "\"slippageBps\":50,\"priceImpactPct\":\"0.0012\",\"routePlan\":[],\"timeTaken\":0.015}";

    @Test
    void theDocumentedQuoteReadsExactly() throws Exception {
        Quote q = JupiterParser.quote(QUOTE);

        assertThat(q.outAmount()).isEqualTo(BigInteger.valueOf(16_198_753));
        assertThat(q.otherAmountThreshold()).isEqualTo(BigInteger.valueOf(16_117_760));
        assertThat(q.priceImpact()).isEqualByComparingTo("0.0012");
        assertThat(q.raw().toString()).isEqualTo(QUOTE);
    }

    @Test
    void aQuoteWithoutItsThresholdOrWithANumberForAnAmountIsMalformed() {
        JupiterError missing = catchThrowableOfType(JupiterError.class,
                () -> JupiterParser.quote(QUOTE.replace("\"otherAmountThreshold\":\"16117760\",", "")));
        JupiterError decimal = catchThrowableOfType(JupiterError.class,
                () -> JupiterParser.quote(QUOTE.replace("\"16198753\"", "\"16198753.5\"")));

        assertThat(missing.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(missing.getMessage()).isEqualTo(
                "quote: unreadable answer: quote field otherAmountThreshold is missing or not a string");
        assertThat(decimal.getMessage()).contains("outAmount is not an integer string: 16198753.5");
    }

    @Test
    void anImpactSentAsAJsonNumberStaysExact() throws Exception {
        // Read with exact decimals, a JSON number never passes through a double.
        Quote q = JupiterParser.quote(QUOTE.replace("\"0.0012\"", "1.2E-3"));

        assertThat(q.priceImpact()).isEqualTo(new BigDecimal("1.2E-3"));
    }

    @Test
    void aQuoteRecordRefusesATreeItCouldNotRead() {
        assertThatThrownBy(() -> new Quote(JupiterParser.JSON.readTree("[]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a quote is a JSON object, got ARRAY");
    }

    @Test
    void aSwapAnswerNeedsItsTransactionAndAnIntegerHeight() throws Exception {
        SwapResponse ok = JupiterParser.swap("{\"swapTransaction\":\"AQID\",\"lastValidBlockHeight\":279632475,"
                + "\"simulationError\":null}");
        JupiterError noHeight = catchThrowableOfType(JupiterError.class,
                () -> JupiterParser.swap("{\"swapTransaction\":\"AQID\",\"lastValidBlockHeight\":\"279632475\"}"));
        JupiterError noTx = catchThrowableOfType(JupiterError.class,
                () -> JupiterParser.swap("{\"lastValidBlockHeight\":1}"));

        assertThat(ok.lastValidBlockHeight()).isEqualTo(279_632_475L);
        assertThat(ok.prioritizationFeeLamports()).isEmpty();
        assertThat(ok.computeUnitLimit()).isEmpty();
        assertThat(noHeight.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(noTx.getMessage()).isEqualTo("swap: unreadable answer: swapTransaction is missing or not a string");
    }

    @Test
    void refusalsAreClassifiedByStatusAndCode() {
        assertThat(JupiterParser.refusal("quote", 400,
                "{\"error\":\"x\",\"errorCode\":\"ROUTE_PLAN_DOES_NOT_CONSUME_ALL_THE_AMOUNT\"}").kind())
                .isEqualTo(Kind.NO_ROUTE);
        assertThat(JupiterParser.refusal("quote", 400, "{\"error\":\"x\",\"errorCode\":\"INVALID_MINT\"}"))
                .extracting(JupiterError::kind, JupiterError::errorCode, JupiterError::retryLater)
                .containsExactly(Kind.REQUEST_SHAPE, "INVALID_MINT", false);
        assertThat(JupiterParser.refusal("quote", 401, "Unauthorized").kind()).isEqualTo(Kind.REQUEST_SHAPE);
        assertThat(JupiterParser.refusal("quote", 500, "internal").kind()).isEqualTo(Kind.SERVER);
        assertThat(JupiterParser.refusal("swap", 502, "<html>bad gateway</html>").kind()).isEqualTo(Kind.SERVER);
    }

    @Test
    void theBackoffCeilingDoublesUpToItsMaximum() {
        JupiterClient.Backoff b = JupiterClient.Backoff.defaults();

        assertThat(new long[] {b.ceilingMs(0), b.ceilingMs(1), b.ceilingMs(2), b.ceilingMs(3), b.ceilingMs(40)})
                .containsExactly(1_000, 2_000, 4_000, 8_000, 8_000);
    }
}
