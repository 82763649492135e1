package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lotus.risk.RiskLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** risk.* keys: their defaults, the file and the environment, and their bounds. */
class RiskConfigTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, "data_dir: " + dir.resolve("data") + "\n" + text);
        return p;
    }

    @Test
    void defaultsAreTheConservativeLimits() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, Map.of());
        assertThat(loaded.config().risk().limits()).isEqualTo(RiskLimits.defaults());
        assertThat(loaded.entries()).filteredOn(e -> e.key().startsWith("risk."))
                .extracting(ConfigLoader.Entry::key, ConfigLoader.Entry::env, ConfigLoader.Entry::shown)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("risk.max_order_notional_usd",
                                "LOTUS_RISK_MAX_ORDER_NOTIONAL_USD", "100"),
                        org.assertj.core.groups.Tuple.tuple("risk.max_orders_per_minute",
                                "LOTUS_RISK_MAX_ORDERS_PER_MINUTE", "10"),
                        org.assertj.core.groups.Tuple.tuple("risk.max_book_exposure_usd",
                                "LOTUS_RISK_MAX_BOOK_EXPOSURE_USD", "1000"),
                        org.assertj.core.groups.Tuple.tuple("risk.max_token_exposure_usd",
                                "LOTUS_RISK_MAX_TOKEN_EXPOSURE_USD", "250"),
                        org.assertj.core.groups.Tuple.tuple("risk.max_open_positions_per_book",
                                "LOTUS_RISK_MAX_OPEN_POSITIONS_PER_BOOK", "10"),
                        org.assertj.core.groups.Tuple.tuple("risk.daily_loss_stop_usd",
                                "LOTUS_RISK_DAILY_LOSS_STOP_USD", "100"),
                        org.assertj.core.groups.Tuple.tuple("risk.max_drawdown_pct", "LOTUS_RISK_MAX_DRAWDOWN_PCT",
                                "10"),
                        org.assertj.core.groups.Tuple.tuple("risk.live_scale", "LOTUS_RISK_LIVE_SCALE", "0.1"),
                        org.assertj.core.groups.Tuple.tuple("risk.reconcile_interval_s",
                                "LOTUS_RISK_RECONCILE_INTERVAL_S", "60"),
                        org.assertj.core.groups.Tuple.tuple("risk.unknown_outcomes_to_halt",
                                "LOTUS_RISK_UNKNOWN_OUTCOMES_TO_HALT", "3"),
                        org.assertj.core.groups.Tuple.tuple("risk.unknown_order_grace_ms",
                                "LOTUS_RISK_UNKNOWN_ORDER_GRACE_MS", "10000"));
    }

    @Test
    void theFileSetsLimitsAndTheEnvironmentOverridesIt() throws Exception {
        Path file = yaml("risk:\n  max_order_notional_usd: 25.5\n  live_scale: 1\n  max_orders_per_minute: 4\n");
        RiskLimits fromFile = ConfigLoader.load(file, Map.of()).config().risk().limits();
        assertThat(fromFile.maxOrderNotionalUsd()).isEqualByComparingTo("25.5");
        assertThat(fromFile.liveScale()).isEqualByComparingTo("1");
        assertThat(fromFile.maxOrdersPerMinute()).isEqualTo(4);
        RiskLimits fromEnv = ConfigLoader.load(file, Map.of("LOTUS_RISK_MAX_ORDER_NOTIONAL_USD", "40",
                "LOTUS_RISK_UNKNOWN_OUTCOMES_TO_HALT", "5")).config().risk().limits();
        assertThat(fromEnv.maxOrderNotionalUsd()).isEqualByComparingTo(new BigDecimal("40"));
        assertThat(fromEnv.unknownOutcomesToHalt()).isEqualTo(5);
    }

    @Test
    void outOfBoundsLimitsNameTheKeyAndWhatIsAccepted() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_RISK_LIVE_SCALE", "1.5")))
                .isInstanceOf(ConfigException.class).hasMessage("risk.live_scale (LOTUS_RISK_LIVE_SCALE): '1.5' is"
                        + " not accepted; accepted: a decimal above 0 and at most 1 that multiplies every live buy's"
                        + " notional");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("risk:\n  max_drawdown_pct: 0\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("risk.max_drawdown_pct (LOTUS_RISK_MAX_DRAWDOWN_PCT): '0' is not accepted");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_RISK_MAX_ORDERS_PER_MINUTE", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("risk.max_orders_per_minute (LOTUS_RISK_MAX_ORDERS_PER_MINUTE): '0'");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_RISK_MAX_BOOK_EXPOSURE_USD", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("risk.max_book_exposure_usd (LOTUS_RISK_MAX_BOOK_EXPOSURE_USD): 'lots'");
    }
}
