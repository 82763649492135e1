package lotus.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lotus.risk.RiskLimits;
import lotus.store.Database;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/ingest} with a running ingest's health: each stream's counters, the writer's lag, the REST weight. */
class IngestApiTest {

    @TempDir
    Path dir;

    @Test
    void eachStreamsCountersTheLagAndTheRestWeightAreShownAsTheIngestReportsThem() throws Exception {
        IngestHealth health = new IngestHealth("hl: trades 42", List.of(
                new IngestHealth.Stream("majors", true, 5, 1000, 1, 2, 3, 4, 5, 6),
                new IngestHealth.Stream("trading", false, 44, 2000, 7, 8, 9, 10, 11, 12)), 350, 120, 1100);
        Database db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        try (ApiServer server = ApiServer.start(new ApiServer.Settings("127.0.0.1", 0, Optional.of("t".repeat(20))),
                new ApiSources(db, Clock.system(), ApiSources.Mode.DRY_RUN, new BigDecimal("10000"),
                        RiskLimits.defaults(), Optional.of(health::line), Optional.of(() -> health)));
                HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/ingest")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            JsonNode i = new ObjectMapper().readTree(body);
            assertThat(i.get("live").asText()).isEqualTo("hl: trades 42");
            assertThat(i.get("streams").toString()).isEqualTo("[{\"stream\":\"majors\",\"connected\":true,"
                    + "\"subscriptions\":5,\"trades_received\":1000,\"trades_dropped\":1,\"trades_rejected\":2,"
                    + "\"malformed_frames\":3,\"reconnects\":4,\"holes\":5,\"repairs\":6},{\"stream\":\"trading\","
                    + "\"connected\":false,\"subscriptions\":44,\"trades_received\":2000,\"trades_dropped\":7,"
                    + "\"trades_rejected\":8,\"malformed_frames\":9,\"reconnects\":10,\"holes\":11,\"repairs\":12}]");
            assertThat(i.get("writer_lag_ms").asLong()).isEqualTo(350);
            assertThat(i.get("rest_weight").toString())
                    .isEqualTo("{\"used_last_minute\":120,\"limit_per_minute\":1100}");
        } finally {
            TestDatabases.dispose(db);
        }
    }
}
