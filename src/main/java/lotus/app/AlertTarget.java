package lotus.app;

import java.util.Optional;
import lotus.alert.AlertSink;
import lotus.alert.WebhookAlerts;
import lotus.time.Clock;

/** The configured alert target of a process: the webhook of {@code alerts.webhook_url}, or none. */
public final class AlertTarget implements AutoCloseable {

    private final Optional<WebhookAlerts> webhook;

    private AlertTarget(Optional<WebhookAlerts> webhook) {
        this.webhook = webhook;
    }

    public static AlertTarget open(LotusConfig.Alerts config, Clock clock) {
        return new AlertTarget(config.webhookUrl()
                .map(u -> WebhookAlerts.start(u.reveal(), WebhookAlerts.Settings.defaults(), clock)));
    }

    public AlertSink sink() {
        return webhook.<AlertSink>map(w -> w).orElse(AlertSink.NONE);
    }

    /** The PM's hooks: these alerts, and meters into {@code meters} (the alerts' own counters bound there too). */
    public PmAssembly.Hooks hooks(LotusConfig.Alerts config, io.micrometer.core.instrument.MeterRegistry meters) {
        webhook.ifPresent(w -> ProcessMeters.bindAlerts(meters, w));
        return new PmAssembly.Hooks(sink(), config.closedTrades(), meters);
    }

    @Override
    public void close() {
        webhook.ifPresent(WebhookAlerts::close);
    }
}
