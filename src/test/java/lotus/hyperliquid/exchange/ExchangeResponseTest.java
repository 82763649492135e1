package lotus.hyperliquid.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Answers in the shapes of HYPERLIQUID.md §7, each kind of status, and the refusals by prefix. */
class ExchangeResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ExchangeResponse parse(String json) throws Exception {
        return ExchangeResponse.parse(JSON.readTree(json));
    }

    @Test
    void orderStatusesInRequestOrder() throws Exception {
        ExchangeResponse r = parse("{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":["
                + "{\"resting\":{\"oid\":77738308}},"
                + "{\"filled\":{\"totalSz\":\"0.4\",\"avgPx\":\"25.18\",\"oid\":77738309,\"cloid\":\"0x0000000000000000000000000000000a\"}},"
                + "{\"error\":\"Order could not immediately match against any resting orders. asset=10107\"},"
                + "\"waitingForTrigger\","
                + "{\"error\":\"Order has invalid price. asset=3\"}]}}}");
        assertThat(((ExchangeResponse.Orders) r).statuses()).containsExactly(
                new OrderOutcome.Resting(77738308, null),
                new OrderOutcome.Filled(new BigDecimal("0.4"), new BigDecimal("25.18"), 77738309,
                        "0x0000000000000000000000000000000a"),
                new OrderOutcome.Rejected(RejectKind.NO_IMMEDIATE_MATCH,
                        "Order could not immediately match against any resting orders. asset=10107"),
                new OrderOutcome.Waiting("waitingForTrigger"),
                new OrderOutcome.Rejected(RejectKind.INVALID_PRICE, "Order has invalid price. asset=3"));
    }

    @Test
    void wholeRequestRefusalsAndCancels() throws Exception {
        ExchangeResponse.Refused refused = (ExchangeResponse.Refused) parse(
                "{\"status\":\"err\",\"response\":\"L1 error: User or API Wallet 0xabc does not exist.\"}");
        assertThat(refused.kind()).isEqualTo(RejectKind.UNKNOWN_SIGNER);
        assertThat(refused.kind().isOurFault()).isTrue();
        assertThat(RejectKind.of("Invalid nonce: duplicate nonce 5")).isEqualTo(RejectKind.INVALID_NONCE);
        assertThat(RejectKind.of("Something new the venue added")).isEqualTo(RejectKind.OTHER);
        assertThat(RejectKind.MIN_NOTIONAL.isOurFault()).isFalse();

        ExchangeResponse.Cancels c = (ExchangeResponse.Cancels) parse("{\"status\":\"ok\",\"response\":{\"type\":\"cancel\","
                + "\"data\":{\"statuses\":[\"success\",{\"error\":\"Order was never placed, already canceled, or filled.\"}]}}}");
        assertThat(c.count()).isEqualTo(2);
        assertThat(c.failures().get(0)).isNull();
        assertThat(c.failures().get(1).kind()).isEqualTo(RejectKind.CANCEL_NOT_FOUND);
        assertThat(c.allSucceeded()).isFalse();
        assertThat(parse("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}")).isEqualTo(new ExchangeResponse.Ok());
        assertThatThrownBy(() -> parse("{\"status\":\"maybe\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
