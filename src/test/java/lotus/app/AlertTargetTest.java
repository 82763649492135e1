package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import lotus.alert.Alert;
import lotus.alert.WebhookReceiver;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

/** Both configured targets get every alert, each metered under its own name; none configured: alerts go nowhere. */
class AlertTargetTest {

    private static final long T0 = 1_767_614_400_000L; // 2026-01-05T12:00:00Z
    private static final String BOT = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Test
    void aWebhookAndATelegramChatEachGetTheAlert() throws InterruptedException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (WebhookReceiver hook = new WebhookReceiver(); WebhookReceiver bot = new WebhookReceiver()) {
            LotusConfig.Alerts config = new LotusConfig.Alerts(Optional.of(new Secret(hook.url())),
                    Optional.of(new LotusConfig.Telegram(bot.base(), new Secret(BOT), "42")), false);
            try (AlertTarget target = AlertTarget.open(config, SimulatedClock.manual(T0))) {
                target.hooks(config, meters).alerts().send(new Alert(Alert.Kind.HALTED, "perps", "halted", T0));
                assertThat(hook.next().get("kind").asText()).isEqualTo("halted");
                assertThat(bot.next().get("text").asText()).isEqualTo("halted perps: halted");
                for (String name : new String[] {"webhook", "telegram"}) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("lotus.alerts")
                            .tags("target", name, "outcome", "delivered").functionCounter().count() == 1);
                }
            }
        }
    }

    @Test
    void noTargetSendsNothingAndMetersNothing() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LotusConfig.Alerts none = new LotusConfig.Alerts(Optional.empty(), Optional.empty(), false);
        try (AlertTarget target = AlertTarget.open(none, SimulatedClock.manual(T0))) {
            assertThat(target.sink()).isSameAs(lotus.alert.AlertSink.NONE);
            target.hooks(none, meters);
            assertThat(meters.find("lotus.alerts").meters()).isEmpty();
        }
    }
}
