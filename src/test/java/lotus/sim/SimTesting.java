package lotus.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Shared fixtures: a fixed start instant, the §5 validity rules as naive references, and a REST helper. */
final class SimTesting {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, on every timeframe's boundary

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimTesting() {
    }

    /** A fast test configuration: short history, a brisk pump, idle close far away unless a test wants it. */
    static SimConfig config(long seed) {
        return SimConfig.defaults(seed).withHistoryMinutes(120).withPumpIntervalMs(5)
                .withLimits(SimConfig.Limits.hyperliquid().withIdleCloseMs(3_600_000));
    }

    /** HYPERLIQUID.md §5 validity check, written independently of the simulator's grid arithmetic. */
    static boolean validPrice(BigDecimal px, SimAsset asset) {
        int maxDecimals = (asset.kind() == SimAsset.Kind.PERP ? 6 : 8) - asset.szDecimals();
        BigDecimal q = px.stripTrailingZeros();
        return px.signum() > 0 && (q.scale() <= 0 || (q.scale() <= maxDecimals && q.precision() <= 5));
    }

    static boolean validSize(BigDecimal sz, SimAsset asset) {
        return sz.signum() > 0 && sz.stripTrailingZeros().scale() <= asset.szDecimals();
    }

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Reply post(HttpClient http, String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
