package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coingecko.* keys: the public API keyless by default, the simulator on a local network, the key never shown. */
class CoinGeckoConfigTest {

    private static final String KEY = "CG-s3cr3tDemoKey123";

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void defaultsAreThePublicApiWithoutAKeyAtTwentyCallsAMinute() {
        LotusConfig.CoinGecko cg = ConfigLoader.load(null, Map.of()).config().coinGecko();
        assertThat(cg).isEqualTo(new LotusConfig.CoinGecko("https://api.coingecko.com", java.util.Optional.empty(),
                20, true));
    }

    @Test
    void aLocalNetworkDefaultsToTheSimulatorsCoinGeckoAndAnExplicitUrlWins() throws IOException {
        assertThat(ConfigLoader.load(yaml("hyperliquid:\n  network: local\n"), Map.of()).config().coinGecko().url())
                .isEqualTo("http://127.0.0.1:7878/coingecko");
        assertThat(ConfigLoader.load(yaml("hyperliquid:\n  network: local\n"),
                Map.of("COINGECKO_URL", "http://127.0.0.1:9000/cg")).config().coinGecko().url())
                .isEqualTo("http://127.0.0.1:9000/cg");
        LotusConfig.CoinGecko off = ConfigLoader.load(yaml("coingecko:\n  enabled: false\n  calls_per_minute: 5\n"),
                Map.of()).config().coinGecko();
        assertThat(off.enabled()).isFalse();
        assertThat(off.callsPerMinute()).isEqualTo(5);
    }

    @Test
    void theKeyComesFromTheEnvironmentOnlyAndIsNeverShown() throws IOException {
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, Map.of("COINGECKO_API_KEY", KEY));
        assertThat(loaded.config().coinGecko().apiKey().map(Secret::reveal)).contains(KEY);
        assertThat(loaded.entries()).anySatisfy(e -> assertThat(e.toString()).contains("coingecko.api_key")
                .contains("***"));
        assertThat(loaded.entries().toString() + loaded.config()).doesNotContain(KEY);
        assertThatThrownBy(() -> ConfigLoader.load(yaml("coingecko:\n  api_key: " + KEY + "\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COINGECKO_API_KEY")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> ConfigLoader.load(yaml("coingecko:\n  calls_per_minute: 0\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("coingecko.calls_per_minute");
    }
}
