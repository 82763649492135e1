package lotus.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A settled fill's fee in USD, whatever token the venue charged it in (HYPERLIQUID.md: fills carry feeToken). */
class ReconciledFeeTest {

    @Test
    void aFeeInUsdcStaysAndAFeeInTheTokenBoughtIsWorthTheFillsPrice() {
        assertThat(HyperliquidReconciler.feeUsd(new BigDecimal("0.004601"), "USDC", new BigDecimal("3007.2")))
                .isEqualByComparingTo("0.004601");
        // A spot buy of HYPE/USDC at 25.5 charged 0.0007 HYPE: 0.01785 USD.
        assertThat(HyperliquidReconciler.feeUsd(new BigDecimal("0.0007"), "HYPE", new BigDecimal("25.5")))
                .isEqualByComparingTo("0.01785");
        // A sell of a pair quoted in USDT0 pays its fee in USDT0: a USD amount.
        assertThat(HyperliquidReconciler.feeUsd(new BigDecimal("0.02"), "USDT0", new BigDecimal("25.5")))
                .isEqualByComparingTo("0.02");
        // A rebate (negative fee) keeps its sign.
        assertThat(HyperliquidReconciler.feeUsd(new BigDecimal("-0.001"), "USDC", new BigDecimal("3000")))
                .isEqualByComparingTo("-0.001");
    }
}
