package lotus.hyperliquid.info;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code spotClearinghouseState} (HYPERLIQUID.md §3): one balance per token held. */
public record SpotAccount(List<Balance> balances) {

    /**
     * @param coin  the token's name ({@code USDC}, {@code PURR}); names are not unique, {@code token} is
     * @param token the token index (not the pair index, §4)
     * @param hold  what open orders lock
     */
    public record Balance(String coin, int token, BigDecimal total, BigDecimal hold) {
        public Balance {
            Objects.requireNonNull(coin, "coin");
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(hold, "hold");
        }
    }

    public SpotAccount {
        balances = List.copyOf(balances);
    }

    public Optional<Balance> byToken(int token) {
        return balances.stream().filter(b -> b.token() == token).findFirst();
    }

    /** What of {@code token} no open order locks (total − hold, never below 0), zero when absent. */
    public BigDecimal free(int token) {
        return byToken(token).map(b -> b.total().subtract(b.hold()).max(BigDecimal.ZERO)).orElse(BigDecimal.ZERO);
    }

    /** The first balance named {@code coin}; prefer {@link #byToken} where names may repeat. */
    public Optional<Balance> byCoin(String coin) {
        return balances.stream().filter(b -> b.coin().equals(coin)).findFirst();
    }

    /** The total of {@code coin}, zero when absent. */
    public BigDecimal total(String coin) {
        return byCoin(coin).map(Balance::total).orElse(BigDecimal.ZERO);
    }
}
