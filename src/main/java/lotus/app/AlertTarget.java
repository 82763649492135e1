package lotus.app;

import java.util.ArrayList;
import java.util.List;
import lotus.alert.AlertSink;
import lotus.alert.Delivery;
import lotus.alert.HttpAlerts;
import lotus.time.Clock;

/**
 * The configured alert targets of a process: the webhook of {@code alerts.webhook_url}, the Telegram chat of
 * {@code alerts.telegram_*}, both (each alert goes to each) or none.
 */
public final class AlertTarget implements AutoCloseable {

    private final List<HttpAlerts> targets;

    private AlertTarget(List<HttpAlerts> targets) {
        this.targets = List.copyOf(targets);
    }

    public static AlertTarget open(LotusConfig.Alerts config, Clock clock) {
        List<Delivery> deliveries = new ArrayList<>();
        config.webhookUrl().ifPresent(u -> deliveries.add(Delivery.webhook(u.reveal())));
        config.telegram().ifPresent(t -> deliveries.add(Delivery.telegram(t.apiUrl(), t.botToken().reveal(),
                t.chatId())));
        return new AlertTarget(deliveries.stream()
                .map(d -> HttpAlerts.start(d, HttpAlerts.Settings.defaults(), clock)).toList());
    }

    public AlertSink sink() {
        if (targets.isEmpty()) {
            return AlertSink.NONE;
        }
        // Each target queues on its own: one that is down delays neither the tick nor the other.
        return alert -> targets.forEach(t -> t.send(alert));
    }

    /** The PM's hooks: these alerts, and meters into {@code meters} (the alerts' own counters bound there too). */
    public PmAssembly.Hooks hooks(LotusConfig.Alerts config, io.micrometer.core.instrument.MeterRegistry meters) {
        targets.forEach(t -> ProcessMeters.bindAlerts(meters, t));
        return new PmAssembly.Hooks(sink(), config.closedTrades(), meters);
    }

    @Override
    public void close() {
        targets.forEach(HttpAlerts::close);
    }
}
