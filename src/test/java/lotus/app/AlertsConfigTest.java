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

    private static final String BOT = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Test
    void aTelegramChatNeedsTheBotsTokenFromTheEnvironmentAndTheChatAndNeverShowsTheToken() throws IOException {
        assertThat(ConfigLoader.load(null, Map.of()).config().alerts().telegram()).isEmpty();
        Path yaml = dir.resolve("lotus.yaml");
        Files.writeString(yaml, "alerts:\n  telegram_chat_id: \"-1001234567890\"\n");
        ConfigLoader.Loaded both = ConfigLoader.load(yaml, Map.of("LOTUS_ALERTS_TELEGRAM_BOT_TOKEN", BOT));
        LotusConfig.Telegram t = both.config().alerts().telegram().orElseThrow();
        assertThat(t.botToken().reveal()).isEqualTo(BOT);
        assertThat(t.chatId()).isEqualTo("-1001234567890");
        assertThat(t.apiUrl()).isEqualTo("https://api.telegram.org");
        assertThat(both.entries().toString() + both.config()).doesNotContain("AAHdqTcv");

        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("a Telegram target needs both alerts.telegram_bot_token (LOTUS_ALERTS_TELEGRAM_BOT_TOKEN)"
                        + " and alerts.telegram_chat_id (LOTUS_ALERTS_TELEGRAM_CHAT_ID); only alerts.telegram_chat_id"
                        + " is set");
        assertThatThrownBy(() -> ConfigLoader.load(yaml, Map.of("LOTUS_ALERTS_TELEGRAM_BOT_TOKEN", "s3cr3t")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alerts.telegram_bot_token (LOTUS_ALERTS_TELEGRAM_BOT_TOKEN) must look like")
                .message().doesNotContain("s3cr3t");
        Path inFile = dir.resolve("token.yaml");
        Files.writeString(inFile, "alerts:\n  telegram_bot_token: " + BOT + "\n  telegram_chat_id: \"42\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(inFile, Map.of()))
                .isInstanceOf(ConfigException.class)
                .message().contains("alerts.telegram_bot_token").doesNotContain("AAHdqTcv");
    }
}
