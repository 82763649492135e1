package lotus.store;

import java.util.Objects;

/**
 * One row of {@code trading_states}, or the implicit {@code active} of a scope that has none.
 *
 * @param scope       {@code global} or a book id
 * @param reason      why it was set; null for the implicit active state
 * @param changedAtMs when it was set; 0 for the implicit active state
 * @param changedBy   who set it ({@code operator}, {@code risk_gate}); null for the implicit active state
 */
public record ScopeState(String scope, TradingState state, String reason, long changedAtMs, String changedBy) {

    public ScopeState {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
    }

    /** What a scope without a row is in. */
    public static ScopeState implicitActive(String scope) {
        return new ScopeState(scope, TradingState.ACTIVE, null, 0, null);
    }

}
