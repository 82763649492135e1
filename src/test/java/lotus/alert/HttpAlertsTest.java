package lotus.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

/** The webhook's JSON, its bounded queue and its backoff on a manual clock, against a live and a dead receiver. */
class HttpAlertsTest {

    private static final long T0 = 1_767_614_400_000L; // 2026-01-05T12:00:00Z

    @Test
    void postsKindBookTextAndTimeAsJson() throws InterruptedException {
        try (WebhookReceiver receiver = new WebhookReceiver();
                HttpAlerts alerts = HttpAlerts.start(receiver.url(), HttpAlerts.Settings.defaults(),
                        SimulatedClock.manual(T0))) {
            alerts.send(new Alert(Alert.Kind.HALTED, "perps", "perps is halted", T0));
            JsonNode body = receiver.next();
            assertThat(body).isNotNull();
            assertThat(body.toString()).isEqualTo("{\"kind\":\"halted\",\"book\":\"perps\","
                    + "\"text\":\"perps is halted\",\"time\":\"2026-01-05T12:00:00Z\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> alerts.delivered() == 1);
            assertThat(alerts.host()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aTelegramChatGetsTheAlertAsAMessageThroughTheBotsSendMessage() throws InterruptedException {
        String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
        try (WebhookReceiver api = new WebhookReceiver();
                HttpAlerts alerts = HttpAlerts.start(Delivery.telegram(api.base() + "/", token, "-1001234567890"),
                        HttpAlerts.Settings.defaults(), SimulatedClock.manual(T0))) {
            alerts.send(new Alert(Alert.Kind.REDUCING, "spot", "spot is reducing (by risk_gate): daily_loss", T0));
            assertThat(api.nextPath()).isEqualTo("/bot" + token + "/sendMessage");
            assertThat(api.next().toString()).isEqualTo("{\"chat_id\":\"-1001234567890\","
                    + "\"text\":\"reducing spot: spot is reducing (by risk_gate): daily_loss\","
                    + "\"disable_web_page_preview\":true}");
            await().atMost(Duration.ofSeconds(5)).until(() -> alerts.delivered() == 1);
            assertThat(alerts.target()).isEqualTo("telegram");
            assertThat(Delivery.telegram(api.base(), token, "42").toString()).doesNotContain("AAHdqTcv");
        }
    }

    @Test
    void aDeadReceiverDelaysNothingFillsTheQueueDropsTheRestAndGivesUpAfterTheBackoff() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SimulatedClock clock = SimulatedClock.manual(T0);
        try (HttpAlerts alerts = HttpAlerts.start("http://127.0.0.1:" + closedPort + "/hook",
                new HttpAlerts.Settings(2, 3, 1_000), clock)) {
            alerts.send(alert(1));
            // The sender took the first, failed to connect and now waits 1 s on the manual clock.
            await().atMost(Duration.ofSeconds(5)).until(() -> alerts.attempts() == 1);
            for (int i = 2; i <= 5; i++) {
                alerts.send(alert(i)); // returns at once: two wait, two are dropped
            }
            assertThat(alerts.queued()).isEqualTo(2);
            assertThat(alerts.dropped()).isEqualTo(2);
            assertThat(alerts.attempts()).isEqualTo(1);

            // Backoff 1 s, then 2 s; three posts each, then given up: 3 alerts, 9 posts.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                clock.advanceMs(500);
                return alerts.failed() == 3;
            });
            assertThat(alerts.attempts()).isEqualTo(9);
            assertThat(alerts.delivered()).isZero();
            assertThat(alerts.queued()).isZero();
        }
    }

    private static Alert alert(int n) {
        return new Alert(Alert.Kind.ORDER_REJECTED, "perps", "alert " + n, T0);
    }
}
