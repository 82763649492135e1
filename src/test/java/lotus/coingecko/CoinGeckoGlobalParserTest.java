package lotus.coingecko;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.OptionalLong;
import lotus.coingecko.DominanceResult.Failed;
import lotus.coingecko.DominanceResult.Failure;
import lotus.coingecko.DominanceResult.Sampled;
import org.junit.jupiter.api.Test;

/** CoinGecko's {@code /api/v3/global} bodies read without a socket. */
class CoinGeckoGlobalParserTest {

    private static Dominance sampled(String body) {
        DominanceResult r = GlobalParser.parse(body, 42);
        assertThat(r).isInstanceOf(Sampled.class);
        return ((Sampled) r).dominance();
    }

    private static Failed failed(String body) {
        DominanceResult r = GlobalParser.parse(body, 42);
        assertThat(r).isInstanceOf(Failed.class);
        return (Failed) r;
    }

    @Test
    void percentagesKeepEveryDigitADoubleWouldLose() {
        Dominance d = sampled("{\"data\":{\"market_cap_percentage\":{\"btc\":56.719034147142891234,"
                + "\"eth\":11.5,\"usdt\":4.000000000000000001},\"updated_at\":1767225600}}");

        assertThat(d.btc().toPlainString()).isEqualTo("56.719034147142891234");
        assertThat(d.usdt().toPlainString()).isEqualTo("4.000000000000000001");
        assertThat(d.receivedAtMs()).isEqualTo(42);
        assertThat(d.updatedAtMs()).isEqualTo(OptionalLong.of(1_767_225_600_000L));
    }

    @Test
    void integralPercentagesAndAMissingUpdatedAtAreFine() {
        Dominance d = sampled("{\"data\":{\"market_cap_percentage\":{\"btc\":55,\"usdt\":0}}}");

        assertThat(d.btc()).isEqualByComparingTo(new BigDecimal("55"));
        assertThat(d.usdt()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(d.updatedAtMs()).isEmpty();
    }

    @Test
    void htmlAndTruncatedBodiesAreNotJson() {
        assertThat(failed("<html><body>Just a moment...</body></html>").failure()).isEqualTo(Failure.NOT_JSON);
        assertThat(failed("{\"data\":{\"market_cap_percentage\":{\"btc\":56.7").failure())
                .isEqualTo(Failure.NOT_JSON);
        assertThat(failed("").failure()).isEqualTo(Failure.NOT_JSON);
        assertThat(failed("[1,2]").failure()).isEqualTo(Failure.NOT_JSON);
    }

    @Test
    void missingNegativeNanAndOutOfRangeFieldsAreMalformedWithOneClearReason() {
        assertThat(failed("{\"data\":{\"market_cap_percentage\":{\"btc\":56.7}}}").reason())
                .isEqualTo("CoinGecko answer has no usable market_cap_percentage: btc ok, usdt missing");
        assertThat(failed("{\"data\":{\"market_cap_percentage\":{\"btc\":-1.5,\"usdt\":4}}}").reason())
                .isEqualTo("CoinGecko answer has no usable market_cap_percentage: btc out of [0, 100] (-1.5), usdt ok");
        assertThat(failed("{\"data\":{\"market_cap_percentage\":{\"btc\":\"NaN\",\"usdt\":4}}}").reason())
                .isEqualTo("CoinGecko answer has no usable market_cap_percentage: btc not a number (\"NaN\"), usdt ok");
        assertThat(failed("{\"data\":{\"market_cap_percentage\":{\"btc\":100.01,\"usdt\":null}}}").failure())
                .isEqualTo(Failure.MALFORMED);
        assertThat(failed("{\"status\":{\"error_code\":429}}").failure()).isEqualTo(Failure.MALFORMED);
    }
}
