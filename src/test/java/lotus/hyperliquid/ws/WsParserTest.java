package lotus.hyperliquid.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import lotus.market.Side;
import lotus.market.Trade;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** Frame samples in the shapes of HYPERLIQUID.md §2.3, and the ways they go wrong. */
class WsParserTest {

    private final WsParser parser = new WsParser();

    @Test
    void tradesFrameBecomesTradesWithExactDecimals() {
        String frame = "{\"channel\":\"trades\",\"data\":[{\"coin\":\"ETH\",\"side\":\"B\",\"px\":\"3007.1\",\"sz\":\"0.5\","
                + "\"time\":1700000000123,\"hash\":\"0xabc\",\"tid\":118906512037719,\"users\":[\"0x1\",\"0x2\"]},"
                + "{\"coin\":\"ETH\",\"side\":\"A\",\"px\":\"3007.00\",\"sz\":\"0.000012345678901234\",\"time\":1700000000124,"
                + "\"hash\":\"0xdef\",\"tid\":118906512037720,\"users\":[\"0x1\",\"0x2\"]}]}";
        WsFrame.Trades t = (WsFrame.Trades) parser.parse(frame);
        assertThat(t.coin()).isEqualTo("ETH");
        assertThat(t.rejected()).isZero();
        assertThat(t.trades()).containsExactly(
                new Trade("ETH", 118906512037719L, 1700000000123L, new BigDecimal("3007.1"), new BigDecimal("0.5"),
                        Side.BUY),
                new Trade("ETH", 118906512037720L, 1700000000124L, new BigDecimal("3007.00"),
                        new BigDecimal("0.000012345678901234"), Side.SELL));
    }

    @Test
    void badTradesAreCountedWhileTheirNeighboursSurvive() {
        String frame = "{\"channel\":\"trades\",\"data\":["
                + "{\"coin\":\"SOL\",\"side\":\"B\",\"px\":\"NaN\",\"sz\":\"1\",\"time\":1,\"tid\":1},"
                + "{\"coin\":\"SOL\",\"side\":\"B\",\"px\":\"150.5\",\"sz\":\"1\",\"time\":2},"
                + "{\"coin\":\"SOL\",\"side\":\"B\",\"px\":150.5,\"sz\":\"1\",\"time\":3,\"tid\":3},"
                + "{\"coin\":\"SOL\",\"side\":\"X\",\"px\":\"150.5\",\"sz\":\"1\",\"time\":4,\"tid\":4},"
                + "{\"coin\":\"SOL\",\"side\":\"A\",\"px\":\"-1\",\"sz\":\"1\",\"time\":5,\"tid\":5},"
                + "{\"coin\":\"SOL\",\"side\":\"A\",\"px\":[\"1\"],\"sz\":\"1\",\"time\":7,\"tid\":7},"
                + "{\"coin\":\"SOL\",\"side\":\"A\",\"px\":\"150.25\",\"sz\":\"2\",\"time\":6,\"tid\":6}]}";
        WsFrame.Trades t = (WsFrame.Trades) parser.parse(frame);
        assertThat(t.rejected()).isEqualTo(6);
        assertThat(t.firstProblem()).isEqualTo("not a decimal: 'NaN'");
        assertThat(t.trades()).extracting(Trade::tid).containsExactly(6L);
        assertThat(t.trades().get(0).px()).isEqualTo(new BigDecimal("150.25"));
    }

    @Test
    void controlFramesAndCandles() {
        assertThat(parser.parse("{\"channel\":\"pong\"}")).isEqualTo(new WsFrame.Pong());
        assertThat(parser.parse("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\","
                + "\"subscription\":{\"type\":\"trades\",\"coin\":\"ETH\"}}}"))
                .isEqualTo(new WsFrame.Ack("subscribe", Subscription.trades("ETH")));
        assertThat(parser.parse("{\"channel\":\"error\",\"data\":\"Already subscribed: {\\\"type\\\":\\\"trades\\\"}\"}"))
                .isEqualTo(new WsFrame.Error("Already subscribed: {\"type\":\"trades\"}"));
        assertThat(parser.parse("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"97431.5\"}}}"))
                .isEqualTo(new WsFrame.Other("allMids"));
        assertThat(parser.parse("Websocket connection established.")).isEqualTo(new WsFrame.Other("greeting"));

        WsFrame.Candle c = (WsFrame.Candle) parser.parse("{\"channel\":\"candle\",\"data\":{\"t\":1700000040000,"
                + "\"T\":1700000099999,\"s\":\"ETH\",\"i\":\"1m\",\"o\":\"3007.1\",\"c\":\"3008.4\",\"h\":\"3009.0\","
                + "\"l\":\"3006.9\",\"v\":\"12.4381\",\"n\":57}}");
        assertThat(c.candle().coin()).isEqualTo("ETH");
        assertThat(c.candle().interval()).isEqualTo(Timeframe.M1);
        assertThat(c.candle().openTimeMs()).isEqualTo(1700000040000L);
        assertThat(c.candle().high()).isEqualTo(new BigDecimal("3009.0"));
        assertThat(c.candle().volume()).isEqualTo(new BigDecimal("12.4381"));
        assertThat(c.candle().trades()).isEqualTo(57);
    }

    @Test
    void malformedInputIsAValueNeverAnException() {
        assertThat(parser.parse("not json")).isInstanceOf(WsFrame.Malformed.class);
        assertThat(parser.parse("{\"channel\":\"trades\",\"data\":[{\"coin\":\"ETH\"")).isInstanceOf(WsFrame.Malformed.class);
        assertThat(parser.parse("{\"channel\":\"trades\",\"data\":{}}")).isInstanceOf(WsFrame.Malformed.class);
        assertThat(parser.parse("{\"channel\":\"trades\",\"data\":[1,2]}")).isInstanceOf(WsFrame.Malformed.class);
        assertThat(parser.parse("{\"data\":1}")).isEqualTo(new WsFrame.Malformed("{\"data\":1}", "no channel"));
        assertThat(parser.parse("{\"channel\":\"candle\",\"data\":{\"t\":\"x\"}}")).isInstanceOf(WsFrame.Malformed.class);
        assertThat(parser.parse("")).isInstanceOf(WsFrame.Malformed.class);
        assertThat(parser.parse("{\"channel\":\"subscriptionResponse\",\"data\":{}}"))
                .isInstanceOf(WsFrame.Malformed.class);
    }

    @Test
    void dataBeforeChannelStillParses() {
        WsFrame f = parser.parse("{\"data\":[{\"coin\":\"BTC\",\"side\":\"A\",\"px\":\"97431\",\"sz\":\"0.001\","
                + "\"time\":9,\"tid\":10}],\"channel\":\"trades\"}");
        assertThat(((WsFrame.Trades) f).trades()).extracting(Trade::coin, Trade::tid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BTC", 10L));
    }
}
