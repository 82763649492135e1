package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts.* keys: no webhook by default; the URL from the file or the environment, only its host ever shown. */
class AlertsConfigTest {

    private static final String URL = "https://hooks.example.com/services/T0/B0/s3cr3tPath";

    @TempDir
    Path dir;

    @Test
    void noWebhookAndNoClosedTradesByDefault() {
        LotusConfig.Alerts a = ConfigLoader.load(null, Map.of()).config().alerts();
        assertThat(a.webhookUrl()).isEmpty();
        assertThat(a.closedTrades()).isFalse();
    }

    @Test
    void theWebhookComesFromTheEnvironmentOrTheFileAndOnlyItsHostIsShown() throws IOException {
        ConfigLoader.Loaded env = ConfigLoader.load(null, Map.of("LOTUS_ALERTS_WEBHOOK_URL", URL,
                "LOTUS_ALERTS_CLOSED_TRADES", "true"));
        assertThat(env.config().alerts().webhookUrl().map(Secret::reveal)).contains(URL);
        assertThat(env.config().alerts().closedTrades()).isTrue();
        assertThat(env.entries().toString() + env.config()).doesNotContain("s3cr3tPath");
        assertThat(env.entries()).anySatisfy(e -> {
            assertThat(e.key()).isEqualTo("alerts.webhook_url");
            assertThat(e.shown()).isEqualTo("hooks.example.com (the rest not shown)");
        });

        Path yaml = dir.resolve("lotus.yaml");
        Files.writeString(yaml, "alerts:\n  webhook_url: " + URL + "\n");
        assertThat(ConfigLoader.load(yaml, Map.of()).config().alerts().webhookUrl().map(Secret::reveal))
                .contains(URL);
    }

    @Test
    void aWebhookThatIsNotAnHttpUrlIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_ALERTS_WEBHOOK_URL", "ftp://h/s3cr3tPath")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alerts.webhook_url (LOTUS_ALERTS_WEBHOOK_URL): (value not shown)")
                .message().doesNotContain("s3cr3tPath");
    }
}
