package lotus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import lotus.risk.RiskLimits;
import lotus.store.Database;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the server may listen, and the token it makes when none is configured. */
class ApiServerStartTest {

    @TempDir
    Path dir;

    private Database db;
    private ApiSources sources;

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        sources = new ApiSources(db, Clock.system(), ApiSources.Mode.SERVE, new BigDecimal("10000"),
                RiskLimits.defaults(), Optional.empty());
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    @Test
    void bindingAllInterfacesWithoutATokenIsRefusedWithOneLine() {
        assertThatThrownBy(() -> ApiServer.start(new ApiServer.Settings("0.0.0.0", 0, Optional.empty()), sources))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("server.host 0.0.0.0 is not loopback: set server.token (LOTUS_SERVER_TOKEN or "
                        + "LOTUS_SERVER_TOKEN_FILE) before serving beyond this machine");
    }

    @Test
    void bindingAllInterfacesWithATokenStarts() {
        try (ApiServer server = ApiServer.start(new ApiServer.Settings("0.0.0.0", 0, Optional.of("s3cret-token")),
                sources)) {
            assertThat(server.port()).isPositive();
            assertThat(server.generatedToken()).isEmpty();
        }
    }

    /** From another address (this machine's own non-loopback one stands in for it), reads need the token too. */
    @Test
    void aReadFromAnotherAddressNeedsTheToken() throws Exception {
        java.net.InetAddress own = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream().flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(own != null, "no non-loopback IPv4 address on this machine");
        try (ApiServer server = ApiServer.start(new ApiServer.Settings("0.0.0.0", 0, Optional.of("s3cret-token-0123")),
                sources); HttpClient http = HttpClient.newHttpClient()) {
            URI status = URI.create("http://" + own.getHostAddress() + ":" + server.port() + "/api/status");
            HttpResponse<String> without = http.send(HttpRequest.newBuilder(status).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.body()).isEqualTo("{\"error\":\"reads from another machine need Authorization: "
                    + "Bearer <server.token>\"}");
            HttpResponse<String> with = http.send(HttpRequest.newBuilder(status)
                    .header("Authorization", "Bearer s3cret-token-0123").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(with.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAConfiguredTokenOneIsGeneratedAndItIsTheOneWritesNeed() throws Exception {
        try (ApiServer server = ApiServer.start(ApiServer.Settings.loopback(0), sources);
                HttpClient http = HttpClient.newHttpClient()) {
            String token = server.generatedToken().orElseThrow();
            assertThat(token).matches("[A-Za-z0-9_-]{32}");
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/halt"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"generated token\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/status"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.body()).contains("\"mode\":\"serve\"").contains("\"global\":\"halted\"");
        }
    }
}
