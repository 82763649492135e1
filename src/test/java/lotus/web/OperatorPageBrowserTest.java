package lotus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lotus.engine.EngineState;
import lotus.market.Bar;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.pm.TradeClosure;
import lotus.risk.RiskLimits;
import lotus.store.Database;
import lotus.store.EquityHistory;
import lotus.store.NewPosition;
import lotus.store.PositionJson;
import lotus.store.Positions;
import lotus.store.PriceBars;
import lotus.store.PriceTable;
import lotus.store.Strands;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page in Debian's headless Chromium, over a seeded store: the overview shows the figures the API gives
 * for the same moment and draws each book's equity curve, a position's chart is drawn, and halt from the page changes
 * the state on the page and in {@code /api/risk}. Screenshots go to {@code target/screenshots/} for review. Skips
 * only where no Chromium is installed, and fails instead when {@code LOTUS_REQUIRE_BROWSER=1} (CI installs it).
 */
class OperatorPageBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-01-05T12:00:00Z. */
    private static final long NOW = 1_767_614_400_000L;
    private static final long HOUR = 3_600_000L;
    private static final String TOKEN = "browser-test-token-0123";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    private final Clock clock = () -> NOW;
    private Database db;
    private ApiServer server;
    private WebDriver browser;
    private HttpClient http;
    private Position eth;

    @BeforeEach
    void start() throws Exception {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed && "1".equals(System.getenv("LOTUS_REQUIRE_BROWSER"))) {
            throw new AssertionError("LOTUS_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        assumeTrue(installed, "no headless browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed "
                + "(apt-get install chromium chromium-driver); set LOTUS_REQUIRE_BROWSER=1 to fail instead");
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        seed();
        server = ApiServer.start(new ApiServer.Settings("127.0.0.1", 0, Optional.of(TOKEN)),
                new ApiSources(db, clock, ApiSources.Mode.DRY_RUN, new BigDecimal("10000"), RiskLimits.defaults(),
                        Optional.of(() -> "hl: trades 42 lag 0.4s reconnects 0")));
        http = HttpClient.newHttpClient();
        browser = chromium();
    }

    /** Debian's Chromium and its driver, named outright so Selenium Manager never looks for (or downloads) one. */
    private WebDriver chromium() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1700", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            TestDatabases.dispose(db);
        }
    }

    // ---- the seeded store: two books, a closed trade, bars, strands and regime bars --------------------------------

    private void seed() throws Exception {
        Positions positions = new Positions(db, clock);
        Position p = positions.insert(new NewPosition("ETH", "hyperliquid", "ETH", Timeframe.H1, "perps",
                new BigDecimal("3"), BigDecimal.ZERO));
        p = p.withHoldings(PositionStatus.ACTIVE, new BigDecimal("0.5"), new BigDecimal("1000.50"), BigDecimal.ZERO,
                new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("2000.25"), "t-eth-2");
        JsonNode features = JSON.readTree("{\"ae\":{\"a\":0.62,\"e\":0.41},\"pnl\":{\"current_usd_value\":\"1010\","
                + "\"total_pnl_usd\":\"9.5\",\"total_pnl_pct\":\"0.95\",\"unrealised_pnl_usd\":\"9.5\","
                + "\"unrealised_pnl_pct\":\"0.95\",\"rpnl_usd\":\"0\",\"rpnl_pct\":\"0\"},\"uptrend_engine_v4\":{\"t\":"
                + (NOW - HOUR) + ",\"bars\":60,\"state\":\"S2\",\"prev_state\":\"S1\",\"flags\":{\"buy_flag\":true},"
                + "\"levels\":[{\"price\":1985,\"strength\":5},{\"price\":2030,\"strength\":3}]}}");
        TradeClosure.ClosedTrade closed = new TradeClosure.ClosedTrade("t-eth-1",
                new TradeClosure.Entry(NOW - 40 * HOUR, "S1", "S1.buy_signal"), NOW - 30 * HOUR,
                new BigDecimal("1990.00"), new BigDecimal("2015.50"), 0.0128, 0.0128, -0.01, 0.02, 1.28, "small_win",
                "short", new BigDecimal("500.00"), new BigDecimal("506.41"), new BigDecimal("6.41"), BigDecimal.ZERO,
                new BigDecimal("6.41"), "trim", 10);
        eth = positions.update(p.withRecords(EngineState.S2, PositionJson.features(features), List.of(closed)));
        positions.insert(new NewPosition("SOL", "hyperliquid", "SOL", Timeframe.H1, "spot", new BigDecimal("3"),
                BigDecimal.ZERO));

        List<Bar> bars = new ArrayList<>();
        for (int i = 60; i >= 1; i--) {
            // A wave around 2000: enough shape for the EMAs to part from the close.
            BigDecimal c = BigDecimal.valueOf(2000 + 25 * Math.sin(i / 6.0) - (60 - i) * 0.3)
                    .setScale(2, java.math.RoundingMode.HALF_EVEN);
            bars.add(new Bar("ETH", "hyperliquid", Timeframe.H1, NOW - i * HOUR, c, c.add(BigDecimal.ONE),
                    c.subtract(BigDecimal.ONE), c, BigDecimal.TEN, 3));
        }
        new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid", bars);

        Strands strands = new Strands(db, clock);
        JsonNode scope = JSON.readTree("{\"book_id\":\"perps\",\"token_chain\":\"hyperliquid\",\"timeframe\":\"1h\","
                + "\"token_ticker\":\"ETH\"}");
        strands.append("engine_transition", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - 45 * HOUR) + ",\"from\":\"S0\",\"to\":\"S1\",\"price\":1992.5}"));
        strands.append("engine_transition", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - 20 * HOUR) + ",\"from\":\"S1\",\"to\":\"S2\",\"price\":2010}"));
        strands.append("pm_execution", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - 40 * HOUR) + ",\"decision_type\":\"entry\",\"entry_event\":\"S1.buy_signal\","
                + "\"status\":\"filled\",\"filled\":\"0.25\",\"avg_price\":\"1990\",\"fee_usd\":\"0.2\"}"));
        strands.append("pm_execution", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - 30 * HOUR) + ",\"decision_type\":\"trim\",\"status\":\"filled\",\"filled\":\"0.25\","
                + "\"avg_price\":\"2015.5\",\"fee_usd\":\"0.2\"}"));
        strands.append("pm_execution", scope, JSON.readTree("{\"position_id\":" + eth.id() + ",\"t\":"
                + (NOW - 10 * HOUR) + ",\"decision_type\":\"entry\",\"entry_event\":\"S2.retest_buy\","
                + "\"status\":\"filled\",\"filled\":\"0.5\",\"avg_price\":\"2000.25\",\"fee_usd\":\"0.4\"}"));

        lotus.store.Orders orders = new lotus.store.Orders(db, clock);
        orders.recordIntent("0xfeed01", "hyperliquid", eth.id(), "buy", JSON.readTree("{\"px\":\"2000.25\"}"));
        orders.settle("0xfeed01", lotus.pm.OrderStatus.FILLED, JSON.readTree("{\"status\":\"ok\"}"),
                JSON.readTree("[{\"px\":\"2000.25\",\"sz\":\"0.5\"}]"));

        List<Bar> btc = new ArrayList<>();
        long day = Timeframe.D1.durationMs();
        long first = Timeframe.D1.floor(NOW) - 400 * day;
        BigDecimal px = new BigDecimal("20000");
        for (int i = 0; i < 400; i++) {
            px = px.multiply(i % 10 == 9 ? new BigDecimal("0.97") : new BigDecimal("1.01"))
                    .setScale(2, java.math.RoundingMode.HALF_EVEN);
            btc.add(new Bar("BTC", "hyperliquid", Timeframe.D1, first + i * day, px, px, px, px, BigDecimal.ONE, 1));
        }
        new PriceBars(db).upsert(PriceTable.MAJORS, "hyperliquid", btc);

        // A day of hourly equity for both books, as the trading process records it at each tick.
        List<EquityHistory.Point> equity = new ArrayList<>();
        for (int i = 24; i >= 1; i--) {
            BigDecimal perpsUsd = BigDecimal.valueOf(10_000 + 12 * Math.sin(i / 4.0))
                    .setScale(2, java.math.RoundingMode.HALF_EVEN);
            equity.add(new EquityHistory.Point("perps", NOW - i * HOUR, perpsUsd, BigDecimal.ZERO,
                    new BigDecimal("6.41"), new BigDecimal("1000.5")));
            equity.add(new EquityHistory.Point("spot", NOW - i * HOUR, new BigDecimal("10000"), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO));
        }
        new EquityHistory(db).record(equity);
    }

    // ---- the browser -------------------------------------------------------------------------------------------

    @Test
    void theOverviewShowsTheApisFiguresAPositionsChartIsDrawnAndHaltFromThePageHalts() throws Exception {
        JsonNode status = api("/api/status");
        JsonNode positions = api("/api/positions");
        JsonNode trades = api("/api/trades");

        browser.get(server.url());
        waitForText(By.id("positions-count"), String.valueOf(positions.size()));
        waitForText(By.id("trades-closed"), String.valueOf(trades.size()));
        waitForText(By.id("global-state"), status.get("global").asText());
        for (JsonNode book : status.get("books")) {
            waitForText(By.id("book-state-" + book.get("book").asText()), book.get("state").asText());
        }
        // The rows themselves: the position link, its venue and flags, the regime's drivers, the ingest line.
        String positionsTable = text(By.id("positions"));
        assertThat(positionsTable).contains("#" + eth.id(), "hyperliquid", "perps", "spot", "S2", "buy_flag");
        wait(b -> !b.findElements(By.cssSelector("#regime-drivers tr")).isEmpty());
        assertThat(text(By.id("regime-drivers"))).contains("btc");
        assertThat(text(By.id("ingest-live")))
                .isEqualTo("hl: trades 42 lag 0.4s reconnects 0");
        assertThat(text(By.id("decisions"))).contains("S2.retest_buy");
        assertThat(text(By.id("orders"))).contains("0xfeed01", "filled");
        // The equity curves: one line per book on the overview's uPlot canvas.
        wait(b -> inkedPixels("#equity-chart canvas") > 0);
        assertThat(inkedPixels("#equity-chart canvas")).as("pixels drawn on the equity canvas")
                .isGreaterThan(1_000);
        assertThat(text(By.id("equity-note"))).contains("perps 24 points", "spot 24 points");
        Path overview = screenshot("overview.png");

        click(By.cssSelector("a[href='/positions/" + eth.id() + "']"));
        wait(b -> !b.findElements(By.cssSelector("#chart canvas")).isEmpty());
        // uPlot draws after layout: wait for ink on the canvas, then count it.
        wait(b -> inkedPixels() > 0);
        assertThat(inkedPixels()).as("pixels drawn on the chart's canvas").isGreaterThan(2_000);
        assertThat(text(By.id("chart-note"))).startsWith("60 bars");
        assertThat(text(By.id("transitions"))).contains("S1", "S2");
        screenshot("position.png");

        browser.get(server.url() + "trades");
        waitForText(By.id("trades-shown"), "1");
        new Select(browser.findElement(By.id("filter-book"))).selectByVisibleText("perps");
        waitForText(By.id("trades-shown"), "1");
        click(By.cssSelector("th[data-col='10']"));
        assertThat(text(By.id("trades"))).contains("6.41", "trim");

        browser.get(server.url());
        waitForText(By.id("book-state-perps"), "active");
        click(By.id("halt-perps"));
        waitForText(By.id("write-result"), "enter the server token first");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        click(By.id("token-save"));
        browser.findElement(By.id("reason")).clear();
        browser.findElement(By.id("reason")).sendKeys("browser test");
        click(By.id("halt-perps"));
        waitForText(By.id("book-state-perps"), "halted");
        JsonNode risk = api("/api/risk");
        JsonNode perps = null;
        for (JsonNode b : risk.get("books")) {
            if (b.get("book").asText().equals("perps")) {
                perps = b;
            }
        }
        assertThat(perps).as(risk.toString()).isNotNull();
        assertThat(perps.get("state").asText()).isEqualTo("halted");
        assertThat(risk.get("states").get(0).get("reason").asText()).isEqualTo("browser test");
        assertThat(risk.get("states").get(0).get("changed_by").asText()).isEqualTo("api@127.0.0.1");
        screenshot("overview-halted.png");
        assertThat(overview).isNotEmptyFile();
    }

    /** Pixels of the position chart's canvas with any ink (alpha above 0). */
    private long inkedPixels() {
        return inkedPixels("#chart canvas");
    }

    /** Pixels of the canvas {@code selector} finds with any ink (alpha above 0). */
    private long inkedPixels(String selector) {
        Object n = ((JavascriptExecutor) browser).executeScript("""
                const c = document.querySelector(arguments[0]);
                if (!c || c.width === 0) return 0;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let inked = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] > 0) inked++;
                return inked;""", selector);
        return ((Number) n).longValue();
    }

    private void waitForText(By by, String text) {
        wait(b -> b.findElements(by).stream().anyMatch(e -> e.getText().strip().equals(text)));
    }

    /** The page re-renders its panels on every poll: an element found a moment ago may be gone, so look again. */
    private void wait(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** The element's text, found afresh if a poll replaced it between finding and reading. */
    private String text(By by) {
        String[] out = new String[1];
        wait(b -> {
            out[0] = b.findElement(by).getText();
            return true;
        });
        return out[0];
    }

    /** A click on the element, found afresh if a poll replaced it between finding and clicking. */
    private void click(By by) {
        wait(b -> {
            b.findElement(by).click();
            return true;
        });
    }

    private Path screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Path to = SHOTS.resolve(name);
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), to,
                StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
