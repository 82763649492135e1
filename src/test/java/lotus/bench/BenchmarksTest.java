package lotus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lotus.app.ConfigLoader;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark, tiny: it runs, prints its figures in its format and leaves no scratch database behind. */
class BenchmarksTest {

    @TempDir
    Path dir;

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);

    private Scratch scratch() {
        return new Scratch("jdbc:sqlite:" + dir.resolve("unused.db"), dir);
    }

    @Test
    void engineReportsEachRoundAndTheMedian() {
        new EngineBenchmark(new EngineBenchmark.Options(600, 3, 42), out).run();
        assertThat(text.toString()).contains("bench engine: 600 seeded 1m bars through EngineTracker, 3 rounds")
                .containsPattern("(?m)^  round 3: [\\d,]+ bars/s$")
                .containsPattern("(?m)^median [\\d,]+ bars/s, best [\\d,]+ bars/s; bars per state: dormant \\d+, ");
    }

    @Test
    void parseAndRollupAndSignPrintTheirRates() {
        new ParseBenchmark(new ParseBenchmark.Options(5_000), out).run();
        new RollupBenchmark(new RollupBenchmark.Options(20_000, 20, 42, 1000), out).run();
        new SignBenchmark(new SignBenchmark.Options(50), out).run();
        assertThat(text.toString())
                .containsPattern("(?m)^bench parse: 10 trade\\(s\\)/frame: [\\d,]+ frames/s, [\\d,]+ trades/s "
                        + "\\(5,000 frames\\)$")
                .containsPattern("(?m)^trades/s:          [\\d,]+ \\([\\d.]+ ns/trade\\)$")
                .containsPattern("(?m)^bars emitted:      [\\d,]+ final, [\\d,]+ provisional$")
                .containsPattern("(?m)^bench sign: 50 signed orders, [\\d.]+ µs per order");
        assertThatThrownBy(() -> new RollupBenchmark.Options(0, 1, 1, 1)).hasMessageContaining("must be positive");
    }

    @Test
    void storeAndBacktestWorkInAScratchFileAndRemoveIt() throws Exception {
        new StoreBenchmark(new StoreBenchmark.Options(scratch(), 1_000, 300), out).run();
        new BacktestBenchmark(ConfigLoader.load(null, Map.of()).config(),
                new BacktestBenchmark.Options(scratch(), 1, Timeframe.M1, 2_000, false, 42), out).run();
        assertThat(text.toString()).containsPattern("(?m)^insert: [\\d,]+ rows/s$")
                .containsPattern("(?m)^update: [\\d,]+ rows/s \\(same keys, new values\\)$")
                .contains("bench backtest: 1 token(s) × 2,000 1m bars, majors left out")
                .containsPattern("(?m)^2,000 bars \\([\\d,]+ ticks\\) replayed: .* \\d+ trades closed$");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".db"))).isEmpty();
        }
    }

    @Test
    void solanaSignPrintsTheSignerAndTheSignatureAlone() {
        new SolanaSignBenchmark(new SolanaSignBenchmark.Options(20, 2, 42), out).run();
        assertThat(text.toString()).contains("bench solana-sign: 20 distinct unsigned v0 swap transactions")
                .containsPattern("(?m)^  round 2: [\\d,]+ signed tx/s, [\\d,]+ signatures/s alone$")
                .containsPattern("(?m)^TxSigner.sign:       median [\\d,]+ tx/s \\([\\d.]+ µs per tx\\), best ")
                .containsPattern("(?m)^SolanaKeypair.sign:  median [\\d,]+ signatures/s ");
    }

    @Test
    void solanaCollectRunsTheCollectorAgainstTheSimulatorAndSaysWhichLimitBinds() throws Exception {
        // 40 tokens and WSOL are two calls a minute: a budget of one binds, and says so.
        new SolanaCollectBenchmark(new SolanaCollectBenchmark.Options(scratch(), 40, 2, 1, 42), out).run();
        assertThat(text.toString()).contains("bench solana-collect: 40 tokens (1h watchlist, tier size 40")
                .containsPattern("(?m)^  minute 2: \\d+ points of 41 due, 1 calls, 1 failed chunks, [\\d.]+ s wall$")
                .containsPattern("(?m)^collected:   \\d+ tokens per simulated minute \\(\\d+ points in 2 minutes\\)$")
                .containsPattern("(?m)^cycle wall:  median [\\d.]+ s, max [\\d.]+ s of a 60 s minute")
                .contains("the client's budget binds: 2 calls a minute needed for 41 mints, 1 allowed");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".db"))).isEmpty();
        }
    }

    @Test
    void tickTimesAColdAndAWarmTick() throws Exception {
        new TickBenchmark(new TickBenchmark.Options(scratch(), 6, 400, 1), out).run();
        assertThat(text.toString()).contains("bench tick: 6 positions × 400 1h bars")
                .containsPattern("(?m)^cold tick \\(engines rebuilt from the store\\): \\d+ ms wall for 6 positions")
                .containsPattern("(?m)^warm tick 1 \\(one new bar each\\): \\d+ ms wall for 6 positions")
                .contains("(routed {hyperliquid/perps=2, hyperliquid/spot=2, solana/social=2}; 0 dormant, 0 failed");
    }
}
