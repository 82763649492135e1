package lotus.coingecko;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * BTC's and USDT's share of the total crypto market cap, in percent, as CoinGecko's {@code GET /api/v3/global}
 * gave them: exact decimals, each in [0, 100].
 *
 * @param receivedAtMs the injected clock when the answer arrived: the sample's time
 * @param updatedAtMs  CoinGecko's {@code data.updated_at} (unix seconds on the wire), when it sent one
 */
public record Dominance(BigDecimal btc, BigDecimal usdt, long receivedAtMs, OptionalLong updatedAtMs) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Dominance {
        check("btc", btc);
        check("usdt", usdt);
        Objects.requireNonNull(updatedAtMs, "updatedAtMs");
    }

    public Dominance(BigDecimal btc, BigDecimal usdt, long receivedAtMs) {
        this(btc, usdt, receivedAtMs, OptionalLong.empty());
    }

    private static void check(String name, BigDecimal percent) {
        Objects.requireNonNull(percent, name);
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException(name + " dominance must be within [0, 100], got " + percent);
        }
    }
}
