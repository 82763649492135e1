package lotus.hyperliquid.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key order of the actions no public vector covers (HYPERLIQUID.md §7), checked as the exact JSON we would sign. */
class ExchangeActionsTest {

    @Test
    void actionsRenderWithTheirSignedKeyOrder() {
        assertThat(ExchangeActions.cancel(10107, 90542681L).toString())
                .isEqualTo("{\"type\":\"cancel\",\"cancels\":[{\"a\":10107,\"o\":90542681}]}");
        assertThat(ExchangeActions.cancelByCloid(10107, "0x0000000000000000000000000000000a").toString())
                .isEqualTo("{\"type\":\"cancelByCloid\",\"cancels\":[{\"asset\":10107,"
                        + "\"cloid\":\"0x0000000000000000000000000000000a\"}]}");
        assertThat(ExchangeActions.updateLeverage(3, true, 5).toString())
                .isEqualTo("{\"type\":\"updateLeverage\",\"asset\":3,\"isCross\":true,\"leverage\":5}");
        assertThat(ExchangeActions.scheduleCancel(null).toString()).isEqualTo("{\"type\":\"scheduleCancel\"}");
        ExchangeActions.Order ioc = new ExchangeActions.Order(10107, true, new BigDecimal("25.20"), new BigDecimal("0.40"),
                false, new ExchangeActions.Limit(ExchangeActions.Tif.IOC), "0x000000000000000000000000000000ff");
        assertThat(ExchangeActions.order(List.of(ioc)).toString()).isEqualTo("{\"type\":\"order\",\"orders\":[{\"a\":10107,"
                + "\"b\":true,\"p\":\"25.2\",\"s\":\"0.4\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Ioc\"}},"
                + "\"c\":\"0x000000000000000000000000000000ff\"}],\"grouping\":\"na\"}");
    }

    @Test
    void badValuesAreRefusedBeforeAnythingIsSigned() {
        assertThatThrownBy(() -> new ExchangeActions.Order(1, true, new BigDecimal("0"), BigDecimal.ONE, false,
                new ExchangeActions.Limit(ExchangeActions.Tif.GTC), null)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> ExchangeActions.cancelByCloid(1, "0xABC")).hasMessageContaining("cloid");
        assertThatThrownBy(() -> ExchangeActions.updateLeverage(1, true, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ExchangeActions.Trigger(true, BigDecimal.ONE, "stop"))
                .hasMessageContaining("tp or sl");
    }
}
