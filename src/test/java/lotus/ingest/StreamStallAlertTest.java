package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lotus.alert.HttpAlerts;
import lotus.alert.WebhookReceiver;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.ws.StreamConfig;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.TestDatabases;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator keeps answering pings but stops sending trades: the majors' stream is dropped as stalled, reconnects
 * into the same silence, and the webhook hears of it once.
 */
class StreamStallAlertTest {

    private static final long START_MS = 1_767_571_200_000L; // 2026-01-05T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void aSilentStreamIsAlertedOnceWhateverItsReconnects() throws InterruptedException {
        Database db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        SimulatedClock clock = SimulatedClock.accelerated(START_MS, 120);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(1).withHistoryMinutes(60), clock, 0);
                WebhookReceiver receiver = new WebhookReceiver();
                HttpAlerts alerts = HttpAlerts.start(receiver.url(), HttpAlerts.Settings.defaults(), clock)) {
            IngestService.Settings settings = IngestService.Settings.defaults(HlEndpoints.local(sim.port()),
                    List.of("BTC")).withStream(StreamConfig.hyperliquid().forClockSpeed(120).withDataStaleMs(60_000));
            try (IngestService ingest = IngestService.start(db, clock, settings,
                    new RateBudget("rest-weight", 1100, clock), alerts)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> ingest.majorsStatus().tradesIn() > 0);
                sim.faults().stallData(true);
                await().atMost(Duration.ofSeconds(60)).until(() -> ingest.majorsStatus().reconnects() >= 3);
                JsonNode n = receiver.next();
                assertThat(n.get("kind").asText()).isEqualTo("stream_stalled");
                assertThat(n.get("book").asText()).isEqualTo("global");
                assertThat(n.get("text").asText()).startsWith("stream majors: data stalled for ")
                        .endsWith(" ms; reconnecting, the gap is repaired from candle snapshots");
                long majorsAlerts = 1;
                for (JsonNode m; receiver.pending() > 0 && (m = receiver.next()) != null; ) {
                    majorsAlerts += m.get("text").asText().startsWith("stream majors:") ? 1 : 0;
                }
                assertThat(majorsAlerts).as("one alert for three reconnects into the same silence").isEqualTo(1);
            }
        } finally {
            TestDatabases.dispose(db);
        }
    }
}
