package lotus.market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One exchange trade. The record checks only its shape; whether the values make sense (a positive price, a coin
 * we track) is judged by the consumer, which counts what it rejects ({@link BarRollup}).
 *
 * @param tid the venue's trade id, our dedupe key (unique per coin)
 */
public record Trade(String coin, long tid, long timeMs, BigDecimal px, BigDecimal sz, Side side) {

    public Trade {
        if (coin == null || coin.isBlank()) {
            throw new IllegalArgumentException("trade coin must not be blank");
        }
        Objects.requireNonNull(px, "px");
        Objects.requireNonNull(sz, "sz");
        Objects.requireNonNull(side, "side");
    }
}
