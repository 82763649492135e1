package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lotus.pm.Position;
import lotus.risk.RiskControls;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.EquityHistory;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.TestDatabases;
import lotus.store.TradingStates;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dry-run {@link PmAssembly} on the simulator and a SQLite file, as {@code lotus run} and the demo tick it: every
 * tick leaves one {@code book_equity} row per book at its bar close, with the figures {@code /api/risk} shows; a
 * write that fails is counted and the tick still reports.
 */
class EquityRecordingTest {

    @TempDir
    Path dir;

    private HlSimulator sim;
    private Database db;
    private LotusConfig config;

    @BeforeEach
    void start() throws Exception {
        sim = HlSimulator.start(SimConfig.defaults(5).withTradesPerSecond(20).withKeepTrades(false), Clock.system(),
                0);
        db = TestDatabases.open(TestDatabases.Kind.SQLITE, dir);
        Path yaml = dir.resolve("lotus.yaml");
        Files.writeString(yaml, "execution:\n  live: false\n", StandardCharsets.UTF_8);
        config = ConfigLoader.load(yaml, Map.of("HL_NETWORK", "local", "HL_REST_URL", sim.restUrl(), "HL_WS_URL",
                sim.wsUrl())).config();
        Positions positions = new Positions(db, Clock.system());
        positions.insert(new NewPosition("BTC", "hyperliquid", "BTC", Timeframe.H1, "spot", new BigDecimal("3"),
                BigDecimal.ZERO));
        Position eth = positions.insert(new NewPosition("ETH", "hyperliquid", "ETH", Timeframe.H1, "perps",
                new BigDecimal("3"), BigDecimal.ZERO));
        // 0.5 ETH bought for 1500 USD: the perps book has exposure, spot none.
        positions.update(eth.withHoldings(eth.status(), new BigDecimal("0.5"), new BigDecimal("1500"),
                eth.totalExtractedUsd(), new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("3000"),
                eth.id() + "-1"));
    }

    @AfterEach
    void stop() {
        sim.close();
        TestDatabases.dispose(db);
    }

    @Test
    void everyTickWritesOneRowPerBookAtItsBarCloseWithTheRiskReportsFigures() {
        long close = Timeframe.H1.floor(System.currentTimeMillis());
        try (PmAssembly pm = PmAssembly.build(config, db, Clock.system(), true)) {
            pm.runTick(Timeframe.H1, close - Timeframe.H1.durationMs(), close - Timeframe.H1.durationMs() + 1);
            pm.runTick(Timeframe.H1, close, close + 1);
            // A second timeframe closing at the same instant rewrites the same rows.
            pm.runTick(Timeframe.M5, close, close + 1);
        }

        Map<String, List<EquityHistory.Point>> rows =
                new EquityHistory(db).range(Optional.empty(), Long.MIN_VALUE, Long.MAX_VALUE, 1000);

        assertThat(rows.keySet()).containsExactly("perps", "spot");
        for (List<EquityHistory.Point> book : rows.values()) {
            assertThat(book).extracting(EquityHistory.Point::timeMs)
                    .containsExactly(close - Timeframe.H1.durationMs(), close);
        }
        RiskControls.Report report = new RiskControls(new TradingStates(db, Clock.system()),
                new Positions(db, Clock.system()), Clock.system()).report(config.pm().walletUsd());
        for (RiskControls.BookLine line : report.books()) {
            EquityHistory.Point last = rows.get(line.usage().bookId()).get(1);
            assertThat(last.equityUsd()).isEqualByComparingTo(line.equityUsd());
            assertThat(last.pnlTodayUsd()).isEqualByComparingTo(line.usage().pnlTodayUsd());
            assertThat(last.realisedUsd()).isEqualByComparingTo(line.usage().realisedAllTimeUsd());
            assertThat(last.exposureUsd()).isEqualByComparingTo(line.usage().exposureUsd());
        }
        assertThat(rows.get("spot").get(1).equityUsd()).isEqualByComparingTo(config.pm().walletUsd());
        assertThat(rows.get("spot").get(1).exposureUsd()).isZero();
        assertThat(rows.get("perps").get(1).exposureUsd()).isPositive();
    }

    @Test
    void aFailedWriteIsCountedAndTheTickStillReports() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        long close = Timeframe.H1.floor(System.currentTimeMillis());
        try (PmAssembly pm = PmAssembly.build(config, db, Clock.system(), true, PmAssembly.restBudget(Clock.system()),
                new PmAssembly.Hooks(lotus.alert.AlertSink.NONE, false, meters))) {
            db.withConnection(c -> {
                try (var st = c.createStatement()) {
                    st.execute("DROP TABLE book_equity");
                }
                return null;
            });

            assertThat(pm.runTick(Timeframe.H1, close, close + 1).positions()).hasSize(2);
        }
        assertThat(meters.get("lotus.equity.record.failures").counter().count()).isEqualTo(1);
    }
}
