package lotus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.Test;

/** The CoinGecko simulator on its own: the walk, the answer's shape, the per-IP budget, mounting under a prefix. */
class CoinGeckoSimTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSameSeedWalksTheSamePathWithinItsBandsOneStepAMinute() {
        SimulatedClock clock = SimulatedClock.manual(T0);
        CoinGeckoSim a = new CoinGeckoSim(clock, 11);
        CoinGeckoSim b = new CoinGeckoSim(clock, 11);
        CoinGeckoSim other = new CoinGeckoSim(clock, 12);
        for (long minute = 0; minute < 3 * 24 * 60; minute++) {
            long t = T0 + minute * 60_000;
            assertThat(a.btcAt(t)).as("seed 11 minute %d", minute).isEqualTo(b.btcAt(t))
                    .isBetween(BigDecimal.valueOf(50), BigDecimal.valueOf(60));
            assertThat(a.usdtAt(t)).isEqualTo(b.usdtAt(t)).isBetween(BigDecimal.valueOf(3), BigDecimal.valueOf(6));
            assertThat(a.btcAt(t + 59_999)).isEqualTo(a.btcAt(t));
            if (minute > 0) {
                BigDecimal step = a.btcAt(t).subtract(a.btcAt(t - 60_000)).abs();
                assertThat(step).isLessThanOrEqualTo(new BigDecimal("0.05"));
            }
        }
        assertThat(other.btcAt(T0)).isNotEqualTo(a.btcAt(T0));
    }

    @Test
    void theAnswerCarriesThePathsExactDigitsAndTheBudgetAnswers429PerIp() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0 + 5_000);
        try (CoinGeckoSim sim = CoinGeckoSim.start(clock, 3, CoinGeckoSim.PER_MINUTE, 0);
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> first = get(http, sim.baseUrl() + "/api/v3/global");
            assertThat(first.statusCode()).isEqualTo(200);
            JsonNode shares = EXACT.readTree(first.body()).path("data").path("market_cap_percentage");
            assertThat(shares.get("btc").isNumber()).isTrue();
            assertThat(shares.get("btc").decimalValue()).isEqualTo(sim.btcAt(clock.nowMs()));
            assertThat(shares.get("usdt").decimalValue()).isEqualTo(sim.usdtAt(clock.nowMs()));
            assertThat(first.body()).contains("\"btc\":" + sim.btcAt(clock.nowMs()).toPlainString());

            List<Integer> statuses = new ArrayList<>();
            for (int i = 1; i <= CoinGeckoSim.PER_MINUTE; i++) {
                statuses.add(get(http, sim.baseUrl() + "/api/v3/global").statusCode());
            }
            assertThat(statuses.subList(0, CoinGeckoSim.PER_MINUTE - 1)).containsOnly(200);
            assertThat(statuses.getLast()).isEqualTo(429);
            clock.advanceMs(60_000);
            assertThat(get(http, sim.baseUrl() + "/api/v3/global").statusCode()).isEqualTo(200);
            assertThat(sim.requests()).hasSize(CoinGeckoSim.PER_MINUTE + 2);
        }
    }

    @Test
    void itMountsUnderAPrefixOnAnAppTheCallerOwns() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        CoinGeckoSim sim = new CoinGeckoSim(clock, 3, 2);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.router.mount(router -> sim.mount(router, "/cg"));
        }).start("127.0.0.1", 0);
        try (HttpClient http = HttpClient.newHttpClient()) {
            String url = "http://127.0.0.1:" + app.port() + "/cg/api/v3/global";
            assertThat(get(http, url).statusCode()).isEqualTo(200);
            assertThat(get(http, url).statusCode()).isEqualTo(200);
            assertThat(get(http, url).statusCode()).isEqualTo(429);
            assertThat(sim.requests()).extracting(CoinGeckoSim.Request::path).containsOnly("/cg/api/v3/global");
        } finally {
            app.stop();
        }
    }
}
