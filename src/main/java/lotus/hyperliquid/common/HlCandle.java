package lotus.hyperliquid.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import lotus.market.Decimals;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * One Hyperliquid candle ({@code t T s i o c h l v n}): from the {@code candle} channel or {@code candleSnapshot}.
 * Volume is in base units.
 */
public record HlCandle(String coin, Timeframe interval, long openTimeMs, BigDecimal open, BigDecimal high,
        BigDecimal low, BigDecimal close, BigDecimal volume, int trades) {

    /**
     * One candle object {@code {t,T,s,i,o,c,h,l,v,n}}: an element of a {@code candleSnapshot} answer or the data of a
     * {@code candle} frame, so it is parsed here, where both the REST and the WebSocket clients reach it.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static HlCandle parse(JsonNode c) {
        if (c == null || !c.isObject()) {
            throw new IllegalArgumentException("candle is not an object");
        }
        return new HlCandle(text(c, "s"), Timeframe.parse(text(c, "i")), integer(c, "t"), decimal(c, "o"),
                decimal(c, "h"), decimal(c, "l"), decimal(c, "c"), decimal(c, "v"), (int) integer(c, "n"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("candle field " + field + " missing or not a string");
        }
        return v.asText();
    }

    private static long integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("candle field " + field + " missing or not an integer");
        }
        return v.asLong();
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        return Decimals.parse(text(n, field));
    }

    /** The bar stored for it, under our name for the token (a spot pair's canonical name, not {@code @107}). */
    public Bar toBar(String tokenContract, String chain) {
        return new Bar(tokenContract, chain, interval, openTimeMs, open, high, low, close, volume, trades);
    }
}
